"""A request id on every log line, and on the response, to find one request's lines.

The id comes from the proxy's `X-Request-ID` when it is a sane token (nginx's `$request_id`,
a load balancer's), or is made here. It is kept in a context variable, so any code logging
during the request is tagged without passing the request around; `RequestIdFilter`, on every
handler, puts it on each record (`-` outside requests: commands, the task worker).
"""

import logging
import re
import uuid
from contextvars import ContextVar

import sentry_sdk

from django.core.signals import request_finished
from django.dispatch import receiver

REQUEST_ID = ContextVar("request_id", default="-")
SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
HEADER = "X-Request-ID"


def request_id_for(request):
    """The incoming id if it is a short plain token (it ends up in logs), else a new one."""
    incoming = request.headers.get(HEADER, "")
    return incoming if SANE_ID.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Outermost: its id covers every other middleware's lines and every response, cached or not.

    The id stays set until the request is finished: Django logs error responses after the
    last middleware has returned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        REQUEST_ID.set(request.request_id)
        sentry_sdk.set_tag("request_id", request.request_id)  # a no-op without SENTRY_DSN
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


@receiver(request_finished, dispatch_uid="home.request_id.finished")
def request_done(**kwargs):
    REQUEST_ID.set("-")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = REQUEST_ID.get()
        return True

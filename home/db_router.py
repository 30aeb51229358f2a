"""Read replicas: anonymous page reads go to a replica, everything else stays on the primary.

`ReplicaMiddleware` decides per request and sets a context variable that `ReplicaRouter`
reads; outside a request (commands, the worker, the shell) every query goes to the primary.
A reader who has just posted (a vote, a form) carries a short-lived cookie and reads from
the primary until it expires, so they see their own write even while a replica lags.
"""

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from .personal import is_personal, mark_posted, posted_recently

_replica = ContextVar("congtin_replica", default=None)


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias != "default"]


@contextmanager
def reading_from_primary():
    """Within it, every read goes to the primary, whatever this request was routed to."""
    token = _replica.set(None)
    try:
        yield
    finally:
        _replica.reset(token)


class ReplicaRouter:
    """Reads go to the replica chosen for this request, if any; writes and migrations to the primary."""

    def db_for_read(self, model, **hints):
        return _replica.get() or "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on every alias

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Send an anonymous GET/HEAD to a replica; keep writes, the admin and logged-in users on the primary."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.replicas = replica_aliases()
        self.primary_prefixes = (f"/{settings.ADMIN_PATH}/",)
        # A read beacon is a POST every reader sends: it must not pin them to the primary.
        self.no_cookie_prefixes = ("/luot-doc/", "/healthz/")

    def _reads_from_replica(self, request):
        return (
            bool(self.replicas)
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(self.primary_prefixes)
            and not posted_recently(request)
            and not is_personal(request)  # logged in
        )

    def __call__(self, request):
        replica = random.choice(self.replicas) if self._reads_from_replica(request) else None  # noqa: S311
        token = _replica.set(replica)
        try:
            response = self.get_response(request)
        finally:
            _replica.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS") and not request.path.startswith(self.no_cookie_prefixes):
            mark_posted(response)
        return response

from dataclasses import astuple

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


class RejectNulMiddleware:
    """Refuse addresses holding a NUL character with 400 before they reach a database.

    No reader's browser sends one, and PostgreSQL rejects it in any text parameter.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in "".join(values) for key, values in request.GET.lists()
        ):
            message = _("The address is not valid.")
            if request.path.startswith("/api/"):  # the API answers errors as {"message": …}
                return JsonResponse({"message": message}, status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """While the database restarts or fails over, answer 503 with Retry-After instead of 500.

    Connections are health-checked (CONN_HEALTH_CHECKS), so the next request reconnects
    by itself: no restart of the app is needed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        response = HttpResponse(
            _("The service is briefly unavailable. Please try again in a few seconds."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "5"
        return response


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the portal's one policy built once per worker.

    The policy is the same for every page (no nonces, no per-view policies), yet django-csp
    builds the header from the settings again for every response: a fifth of the work of
    a page served from the page cache. Any response that asks for its own policy, and the
    report-only header if one is ever configured, go through django-csp unchanged.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.header = build_policy()
        self.excluded = tuple(settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES", ()))
        self.plain = not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)

    def process_response(self, request, response):
        parts = self.get_policy_parts(request=request, response=response)
        if not self.plain or any(astuple(parts)) or settings.DEBUG:
            return super().process_response(request, response)
        exempt = getattr(response, "_csp_exempt", False) or request.path_info.startswith(self.excluded)
        if self.header and HEADER not in response and not exempt:
            response[HEADER] = self.header
        # As django-csp does: a nonce asked for once the header is written raises an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

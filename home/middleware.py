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

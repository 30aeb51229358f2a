from django.http import HttpResponseBadRequest, JsonResponse
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

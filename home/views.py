from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# Public forms (e.g. the rating stars) mark themselves with redirect=1; only those are offered back.
RESUBMITTABLE_MARKER = "redirect"
MAX_RESUBMITTED_FIELDS = 10


def csrf_failure(request, reason=""):
    """A refused form or vote: JSON for scripts, a Vietnamese page for browsers; nothing changed.

    Public pages may come from a cache, so their forms carry no token. Without
    JavaScript such a post lands here, and the page offers it back with a fresh token.
    """
    message = _("Your session has expired or the form is out of date. Reload the page and try again.")
    if "json" in request.headers.get("Accept", "") or request.content_type == "application/json":
        return JsonResponse({"error": message}, status=403, json_dumps_params={"ensure_ascii": False})
    fields = []
    if request.method == "POST" and request.POST.get(RESUBMITTABLE_MARKER) == "1":
        fields = [
            (name, value[:200])
            for name, value in list(request.POST.items())[:MAX_RESUBMITTED_FIELDS]
            if name != "csrfmiddlewaretoken"
        ]
    return render(request, "403_csrf.html", {"message": message, "resubmit_fields": fields}, status=403)

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request, reason=""):
    """A refused form or vote: JSON for scripts, a Vietnamese page for browsers; nothing changed.

    The page never offers the refused request back: a form that re-posts it with a fresh
    token would turn any cross-site post into a one-click attack on whoever is logged in.
    """
    message = _("Your session has expired or the form is out of date. Reload the page and try again.")
    if "json" in request.headers.get("Accept", "") or request.content_type == "application/json":
        return JsonResponse({"error": message}, status=403, json_dumps_params={"ensure_ascii": False})
    return render(request, "403_csrf.html", {"message": message}, status=403)

"""Telling a form posted from the portal's own pages from one posted by another site.

Pages served from a cache cannot carry a per-reader CSRF token, so their plain forms are
checked the way OWASP describes for such cases: by the headers the browser itself sets.
"""

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware

_token_check = CsrfViewMiddleware(lambda request: None)


def posted_from_own_pages(request):
    """True when the browser says the request comes from one of the portal's own pages.

    `Sec-Fetch-Site` is set by the browser and cannot be forged by a page; browsers that
    do not send it still send `Origin` on every POST. With neither, the answer is no.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return False
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


def refuse_without_token(request):
    """Django's own CSRF check for a view marked `csrf_exempt`: the failure response, or None."""
    return _token_check.process_view(request, None, (), {})

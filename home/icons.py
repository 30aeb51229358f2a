"""The portal's icons for browsers and home screens: /favicon.ico and the web-app manifest.

The files live in site/static/icons/; these views only point at them, so whitenoise serves
them cache-busted.
"""

from django.http import HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

from .models import PortalSettings

ICON_SIZES = (192, 512)


@cache_control(public=True, max_age=86400)
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page says: the versioned icon."""
    return HttpResponseRedirect(static("icons/favicon.ico"))


@cache_control(public=True, max_age=3600)
def web_manifest(request):
    """The web-app manifest: the agency's name and icons for "Add to home screen"."""
    portal = PortalSettings.for_request(request)
    manifest = {
        "name": portal.agency_name,
        "short_name": portal.agency_name[:12],
        "lang": "vi",
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#c8102e",
        "icons": [
            {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in ICON_SIZES
        ],
    }
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response

"""A full-page cache for anonymous readers, cleared whole whenever published content changes.

Readers without a session cookie all see the same HTML, so their responses are cached
by URL. Editors (who have a session) and the admin never are. Any publish, unpublish,
move or delete bumps a generation number that is part of every key: the whole cache
turns over at once, so a page, its section, the home page, listings and feeds can never
disagree. The cache is an optimisation: if it fails, pages are served uncached.
"""

import logging

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.http.request import split_domain_port

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
CACHED_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/xml", "application/json")


def invalidate():
    """Forget every cached page (called when published content changes)."""
    try:
        if not cache.add(GENERATION_KEY, 1, timeout=None):
            cache.incr(GENERATION_KEY)
    except Exception:  # noqa: BLE001 -- an unreachable cache holds nothing stale worth clearing
        logger.warning("page cache: could not bump the generation", exc_info=True)


def _key(request):
    """Scheme, host and path: `Host: EXAMPLE.vn.:9999` is the same entry as `example.vn`, so
    ports and spellings cannot multiply entries; http and https pages (their feed links
    differ) are never served to each other."""
    generation = cache.get(GENERATION_KEY) or 0
    host, _port = split_domain_port(request.get_host())
    return f"page-cache:{generation}:{request.scheme}://{host}{request.get_full_path()}"


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the cache; store cacheable responses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.skip_prefixes = tuple(settings.PAGE_CACHE_SKIP_PREFIXES)

    def __call__(self, request):
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        try:
            key = _key(request)
            cached = cache.get(key)
        except Exception:  # noqa: BLE001
            return self.get_response(request)
        if cached is not None:
            return self._rebuild(cached, request)
        response = self.get_response(request)
        if self._response_is_cacheable(response):
            try:
                headers = {name: response[name] for name in CACHED_HEADERS if name in response}
                cache.set(key, (response.status_code, headers, response.content), self.seconds)
            except Exception:  # noqa: BLE001
                logger.warning("page cache: could not store %s", request.path, exc_info=True)
            response["X-Page-Cache"] = "MISS"
        return response

    def _request_is_cacheable(self, request):
        return (
            self.seconds > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and CookieStorage.cookie_name not in request.COOKIES  # a flash message is for one reader
            and not request.path.startswith(self.skip_prefixes)
        )

    @staticmethod
    def _response_is_cacheable(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        return response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES

    @staticmethod
    def _rebuild(cached, request):
        status, headers, content = cached
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "HIT"
        return response

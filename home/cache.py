"""A full-page cache for anonymous readers, renewed path by path when published content changes.

Readers without a session cookie all see the same HTML, so their responses are cached by
scheme, host, path and the query parameters views read (home/cache_keys.py). Editors (who
have a session) and the admin never are. Each entry is stamped with two tokens: the whole
cache's, which `invalidate()` renews when something every page shows changes (settings,
the menu, names in bylines), and its path's, which `renew(urls)` renews for the pages a
publish changed, so the rest of the cache stays warm.

One render per key at a time: the first request past an entry's lifetime renders it while
others are served the stale copy for up to PAGE_CACHE_STALE_SECONDS; after a renewal (a
publish) others wait briefly for the new render instead, so nobody sees the old page again.
The cache is an optimisation: if it fails, pages are served uncached.
"""

import logging
import time
import uuid
from contextlib import nullcontext
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

from .cache_keys import clean_query, entry_key, path_key
from .db_router import reading_from_primary
from .personal import carries_personal_cookie, is_personal

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
CACHED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link", "X-Robots-Tag")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/xml", "application/json")
LOCK_SECONDS = 30  # a renderer that died frees its key after this
WAIT_STEP = 0.02  # seconds between looks while another request renders the same key

clock = time.time  # tests move it


def invalidate():
    """Renew every cached page (something all pages show changed)."""
    _renew_tokens([GENERATION_KEY], timeout=None)


def renew(urls):
    """Renew the cached pages at the absolute `urls`, every query variant of each.

    Done at once and again when the transaction commits: a reader who rendered the old
    rows in between cannot keep them cached. A proxy or CDN (Wagtail's frontend cache)
    is purged of the same URLs, queued when a worker runs."""
    keys = sorted({path_key(urlsplit(url).path) for url in urls})
    if not keys:
        return
    _renew_tokens(keys, token_lifetime())
    transaction.on_commit(lambda: _renew_tokens(keys, token_lifetime()))
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        transaction.on_commit(lambda: purge_urls_from_cache(sorted(set(urls))))


def token_lifetime():
    """A path's token outlives every entry stamped with it (each store extends it), and then
    expires: requests for made-up paths leave nothing behind."""
    return settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_SECONDS


def _new_token(renewed=True):
    """A token says when content changed: pages rendered soon after read the primary database."""
    return f"{clock() if renewed else 0:.3f}:{uuid.uuid4().hex}"


def _renewed_at(token):
    try:
        return float(str(token).split(":", 1)[0])
    except ValueError:
        return 0.0


def _renew_tokens(keys, timeout):
    try:
        cache.set_many({key: _new_token() for key in keys}, timeout=timeout)
    except Exception:  # noqa: BLE001 -- an unreachable cache holds nothing stale worth clearing
        logger.warning("page cache: could not renew %s", keys[:3], exc_info=True)


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the cache; store cacheable responses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.stale_seconds = settings.PAGE_CACHE_STALE_SECONDS
        self.wait_seconds = settings.PAGE_CACHE_WAIT_SECONDS
        self.skip_prefixes = tuple(settings.PAGE_CACHE_SKIP_PREFIXES)
        self.full_query_prefixes = tuple(settings.PAGE_CACHE_FULL_QUERY_PREFIXES)
        self.parameters = tuple(name.lower() for name in settings.PAGE_CACHE_QUERY_PARAMETERS)
        self.cache_control = (
            f"public, max-age={settings.PAGE_CACHE_MAX_AGE}, s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}"
        )

    def __call__(self, request):
        if not self._request_is_cacheable(request):
            return self._private(request, self.get_response(request))
        if request.path.startswith(self.full_query_prefixes):
            query = request.META.get("QUERY_STRING", "")  # the API refuses unknown parameters
        else:
            query = clean_query(request, self.parameters)
        key = entry_key(request, query)
        token_key = path_key(request.path)
        try:
            entry, stamp = self._look_up(key, token_key)
        except Exception:  # noqa: BLE001
            return self.get_response(request)
        if entry is not None and entry[0] == stamp:
            if clock() < entry[1]:
                return self._rebuild(entry, request, "HIT")
            if not self._lock(key):
                return self._rebuild(entry, request, "STALE")  # another request renders it
            return self._render(request, key, token_key, stamp, locked=True)
        if self._lock(key):
            return self._render(request, key, token_key, stamp, locked=True)
        entry = self._wait_for(key, stamp)
        if entry is not None:
            return self._rebuild(entry, request, "HIT")
        return self._render(request, key, token_key, stamp, locked=False)

    def _look_up(self, key, token_key):
        """The entry at `key` (or None) and the stamp it must carry to be current."""
        found = cache.get_many([key, GENERATION_KEY, token_key])
        tokens = []
        for name, timeout in ((GENERATION_KEY, None), (token_key, token_lifetime())):
            token = found.get(name)
            if token is None:  # never renewed, expired or evicted: a new token retires what was kept
                token = _new_token(renewed=False)
                if not cache.add(name, token, timeout=timeout):
                    token = cache.get(name)
            tokens.append(token)
        return found.get(key), tuple(tokens)

    def _lock(self, key):
        try:
            return cache.add(f"{key}:lock", 1, timeout=LOCK_SECONDS)
        except Exception:  # noqa: BLE001
            return True

    def _wait_for(self, key, stamp):
        """Another request renders `key`: its entry once stored, or None if it gave up or took too long."""
        deadline = time.monotonic() + self.wait_seconds
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP)
            try:
                found = cache.get_many([key, f"{key}:lock"])
            except Exception:  # noqa: BLE001
                return None
            entry = found.get(key)
            if entry is not None and entry[0] == stamp:
                return entry
            if f"{key}:lock" not in found:
                return None  # the renderer's page was not cacheable: render our own
        return None

    def _render(self, request, key, token_key, stamp, locked):
        # Just after a change, a replica may not have replayed it yet: what is rendered now is
        # kept for everyone, so it is read from the primary.
        changed_lately = clock() - max(map(_renewed_at, stamp)) < settings.DATABASE_READ_YOUR_WRITES_SECONDS
        try:
            with reading_from_primary() if changed_lately else nullcontext():
                response = self.get_response(request)
            if self._response_is_cacheable(response):
                headers = {name: response[name] for name in CACHED_HEADERS if name in response}
                entry = (stamp, clock() + self.seconds, response.status_code, headers, response.content)
                try:
                    cache.set(key, entry, token_lifetime())
                    cache.touch(token_key, token_lifetime())
                except Exception:  # noqa: BLE001
                    logger.warning("page cache: could not store %s", request.path, exc_info=True)
                response["X-Page-Cache"] = "MISS"
                response["Cache-Control"] = self.cache_control
            return response
        finally:
            if locked:
                try:
                    cache.delete(f"{key}:lock")
                except Exception:  # noqa: BLE001
                    logger.warning("page cache: could not unlock %s", request.path, exc_info=True)

    def _request_is_cacheable(self, request):
        return (
            self.seconds > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(self.skip_prefixes)
            and not is_personal(request)  # a made-up session cookie is no reason to render afresh
        )

    def _private(self, request, response):
        """A signed-in editor's or a flash message's page is never kept by a shared cache."""
        if "Cache-Control" not in response and carries_personal_cookie(request):
            response["Cache-Control"] = "private, no-cache"
        return response

    @staticmethod
    def _response_is_cacheable(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        return response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES

    def _rebuild(self, entry, request, outcome):
        _stamp, _fresh_until, status, headers, content = entry
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = outcome
        response["Cache-Control"] = self.cache_control
        return response

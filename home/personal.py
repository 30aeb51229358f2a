"""Whose request is this: a signed-in user's, a reader's who has just posted, or anyone's.

A cookie proves nothing by its name. A session cookie counts only when its session exists,
a flash message only when it carries the server's signature, and the read-your-writes mark
is signed too: no client can skip the page cache or pin itself to the primary database by
writing a cookie.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

PRIMARY_COOKIE = "congtin_primary"
_VERIFIED = "_congtin_personal"  # the answer, remembered on the request: it may cost a query


def carries_personal_cookie(request):
    """Cheap, by name only: enough to keep a response out of shared caches."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES


def is_personal(request):
    """The request has a live session or a genuine flash message: its page is for one reader."""
    if not carries_personal_cookie(request):
        return False
    if not hasattr(request, _VERIFIED):
        setattr(request, _VERIFIED, _has_session(request) or _has_messages(request))
    return getattr(request, _VERIFIED)


def _has_session(request):
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(key)
    return bool(store.load())  # an unknown, expired or forged key loads as empty


def _has_messages(request):
    if CookieStorage.cookie_name not in request.COOKIES:
        return False
    return bool(list(CookieStorage(request)))  # a forged or empty cookie holds no message


def posted_recently(request):
    """The reader posted within DATABASE_READ_YOUR_WRITES_SECONDS (the server's signed mark)."""
    return (
        request.get_signed_cookie(
            PRIMARY_COOKIE, default=None, salt=PRIMARY_COOKIE, max_age=settings.DATABASE_READ_YOUR_WRITES_SECONDS
        )
        is not None
    )


def mark_posted(response):
    response.set_signed_cookie(
        PRIMARY_COOKIE,
        "1",
        salt=PRIMARY_COOKIE,
        max_age=settings.DATABASE_READ_YOUR_WRITES_SECONDS,
        httponly=True,
        samesite="Lax",
    )

"""The per-worker cache: values built from rows that rarely change, kept between requests.

While a public page is served, the request's site furniture (home/furniture.py) is
`current()`: the site, home page, sections, settings and view restrictions that worker
remembers until a `content_changed()` writes a new token. `remember()` keeps any other
value built from such rows with it, so it is renewed at the same moment. Outside a public
request (the admin, commands, tests without a client) there is no cache: `remember()`
just builds.

A leaf module: it imports no model, so models and their overrides may use it.
"""

import contextvars
import time
from contextlib import contextmanager

_current = contextvars.ContextVar("portal_furniture", default=None)


def current():
    """The site furniture of the public request being served, or None."""
    return _current.get()


def remember(key, build, max_age=None):
    """`build()`, computed once per worker while the site furniture is current.

    For values drawn from rows whose changes call `content_changed()` (the apps' signals
    see to that). With `max_age` (seconds), also computed again once that old (for
    counts that move). With no furniture (no public request), simply `build()`."""
    furniture = _current.get()
    if furniture is None:
        return build()
    value, built_at = furniture.derived.get(key, (None, None))
    now = time.monotonic()
    if built_at is None or (max_age is not None and now - built_at >= max_age):
        value, built_at = build(), now
        furniture.derived[key] = (value, built_at)
    return value


@contextmanager
def serving(furniture):
    """Make `furniture` current while a request is served."""
    reset = _current.set(furniture)
    try:
        yield furniture
    finally:
        _current.reset(reset)

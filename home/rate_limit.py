"""How many times a key may do something per window, counted in the shared cache.

A sliding window: the previous window's count, weighted by how much of it still overlaps
the last `window` seconds, plus the current window's count. Fixed windows let a client
spend the whole allowance just before a boundary and again just after it (twice the
limit in a moment); the weighted estimate does not.
"""

import contextlib
import math
import re
import time

from django.core.cache import cache

_LIMIT = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*([smh])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}


class LimiterUnavailable(Exception):
    """The cache failed: nothing was counted, and the caller decides what is safe."""


def parse_rate_limit(text, name="RATING_RATE_LIMIT"):
    """ "20/10m" → (20, 600)."""
    match = _LIMIT.match(text or "")
    if not match:
        raise ValueError(f"{name} must look like 20/10m, not {text!r}")
    count, amount, unit = match.groups()
    return int(count), int(amount) * _UNIT_SECONDS[unit]


def hit(scope, key, limit, window, now=None):
    """Count one attempt by `key`; (True, retry_after_seconds) once it would go over `limit`.

    A refused attempt is taken back off the count: only what is let through counts, so a
    reader who retries now and then is not kept out longer (the database fallback of the
    vote limiter counts the same way). Raises LimiterUnavailable when the cache fails.
    """
    now = time.time() if now is None else now
    current = int(now // window)
    elapsed = now - current * window
    prefix = f"rate:{scope}:{key}:"
    try:
        cache.add(prefix + str(current), 0, timeout=2 * window + 5)  # kept while it is the previous window
        count = cache.incr(prefix + str(current))
        previous = cache.get(prefix + str(current - 1)) or 0
    except Exception as error:  # noqa: BLE001 -- whatever the backend raises, the caller must decide
        raise LimiterUnavailable from error
    if not isinstance(count, int):  # django-redis with IGNORE_EXCEPTIONS answers None when Redis fails
        raise LimiterUnavailable
    if previous * (window - elapsed) / window + count <= limit:
        return False, 0
    with contextlib.suppress(Exception):  # if it fails the attempt stays counted: stricter, never looser
        cache.decr(prefix + str(current))
    return True, _retry_after(limit, window, previous, count - 1, elapsed)


def _retry_after(limit, window, previous, done, elapsed):
    """Seconds until one more attempt would be allowed, if none is let through meanwhile."""
    if done + 1 <= limit:  # the previous window's weight must fade a little more
        wait = window - elapsed - window * (limit - done - 1) / previous
    else:  # this window's count must fade once it becomes the previous one
        wait = window - elapsed + max(0, window - window * (limit - 1) / max(done, 1))
    return max(1, math.ceil(wait))

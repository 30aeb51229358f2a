"""Counting readers for "Đọc nhiều" (PRODUCT.md §6): once per reader, article and day."""

import hashlib
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from home import rate_limit
from home.db import retry_when_locked
from home.rate_limit import parse_rate_limit

from .models import ArticleDailyReads
from .ratings import address_hash

logger = logging.getLogger(__name__)

READER_COOKIE = "congtin_reader"
READER_COOKIE_SALT = "congtin.reads.reader"
READER_COOKIE_AGE = 365 * 24 * 3600
SEEN_SECONDS = 26 * 3600  # a little more than a day, whatever the server's clock says
LOCK_RETRIES = 3


def new_reader_token():
    return secrets.token_urlsafe(18)


def reader_token(request):
    """The token of the reader cookie this site signed earlier, or None.

    The signature (with its time, checked against the cookie's age) means the cookie was
    issued by an earlier response: a script cannot mint readers by making tokens up.
    """
    return request.get_signed_cookie(READER_COOKIE, default=None, salt=READER_COOKIE_SALT, max_age=READER_COOKIE_AGE)


def set_reader_cookie(request, response):
    response.set_signed_cookie(
        READER_COOKIE,
        new_reader_token(),
        salt=READER_COOKIE_SALT,
        max_age=READER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def over_read_limit(request):
    """(limited, retry_after) for this reader's address under READ_RATE_LIMIT.

    Raises LimiterUnavailable when the cache fails; the beacon then counts nothing."""
    limit, window = parse_rate_limit(settings.READ_RATE_LIMIT, "READ_RATE_LIMIT")
    return rate_limit.hit("read", address_hash(request), limit, window)


def first_read_today(page_id, reader_token, day):
    """True unless the cache remembers this reader reading this article today.

    The cache holds only a hash of the reader's cookie. When the cache is unreachable
    nothing counts: without it the same cookie would count on every beacon, and a missed
    read during an outage costs less than a list anyone can inflate."""
    reader = hashlib.sha256(reader_token.encode()).hexdigest()[:32]
    try:
        added = cache.add(f"read:{day.isoformat()}:{page_id}:{reader}", 1, timeout=SEEN_SECONDS)
    except Exception:  # noqa: BLE001 -- any cache failure means "do not count"
        logger.warning("read counter: cache unavailable, read not counted", exc_info=True)
        return False
    # django-redis with IGNORE_EXCEPTIONS answers None instead of raising: that is no answer either.
    return added is True


def count_read(page_id, day=None):
    """Add one reader to `page_id`'s count for `day` (today in Vietnam by default)."""
    day = day or timezone.localdate()
    return retry_when_locked(lambda: _count_once(page_id, day), LOCK_RETRIES)


def _count_once(page_id, day):
    rows = ArticleDailyReads.objects.filter(page_id=page_id, day=day)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ArticleDailyReads.objects.create(page_id=page_id, day=day, count=1)
    except IntegrityError:  # another worker created today's row first
        rows.update(count=F("count") + 1)

"""Counting readers for "Đọc nhiều" (PRODUCT.md §6): once per reader, article and day."""

import hashlib
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from home.db import retry_when_locked

from .models import ArticleDailyReads

READER_COOKIE = "congtin_reader"
READER_COOKIE_AGE = 365 * 24 * 3600
SEEN_SECONDS = 26 * 3600  # a little more than a day, whatever the server's clock says
LOCK_RETRIES = 3


def new_reader_token():
    return secrets.token_urlsafe(18)


def first_read_today(page_id, reader_token, day):
    """True unless the cache remembers this reader reading this article today.

    The cache holds only a hash of the reader's cookie. When the cache is unreachable every
    read counts: a read is never dropped for want of the cache."""
    reader = hashlib.sha256(reader_token.encode()).hexdigest()[:32]
    try:
        added = cache.add(f"read:{day.isoformat()}:{page_id}:{reader}", 1, timeout=SEEN_SECONDS)
    except Exception:  # noqa: BLE001 -- any cache failure means "count it"
        return True
    return added is not False


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

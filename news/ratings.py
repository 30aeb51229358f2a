"""Casting votes exactly, telling readers apart, and limiting floods (PRODUCT.md §8)."""

import datetime
import hashlib
import logging
import math
import secrets
import time

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils.crypto import salted_hmac

from home import rate_limit
from home.client_address import limited_address
from home.db import retry_when_locked
from home.rate_limit import parse_rate_limit

from .models import ArticleRating, ArticleRatingSummary

logger = logging.getLogger(__name__)

VOTER_COOKIE = "congtin_voter"
VOTER_COOKIE_SALT = "congtin.ratings.voter"
VOTER_COOKIE_AGE = 2 * 365 * 24 * 3600
LOCK_RETRIES = 3


class VoteBusy(Exception):
    """The database stayed locked; nothing was recorded."""


def address_hash(request):
    """A salted hash of the address (its /64 for IPv6): enough to limit floods, never the address itself."""
    return salted_hmac("congtin.ratings.address", limited_address(request)).hexdigest()


def voter_key(request):
    """Who is voting: the user id when logged in, else the hashed voter cookie (None if absent)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    token = request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_COOKIE_SALT)
    if not token:
        return None
    return "anon:" + hashlib.sha256(token.encode()).hexdigest()


def new_voter_token():
    return secrets.token_urlsafe(24)


def anonymous_key(token):
    return "anon:" + hashlib.sha256(token.encode()).hexdigest()


def over_rate_limit(address, now=None):
    """(True, retry_after) once an address has cast more votes than RATING_RATE_LIMIT allows.

    Counted in the cache (home.rate_limit). When the cache fails, the votes this address
    recorded in the window are counted in the database instead (they carry its hash and
    time, and are indexed for it): voting goes on, and a flood is still stopped. Refusing
    every vote while Redis is down would punish readers for an operator's problem.
    """
    limit, window = parse_rate_limit(settings.RATING_RATE_LIMIT)
    try:
        return rate_limit.hit("rating", address, limit, window, now=now)
    except rate_limit.LimiterUnavailable:
        logger.warning("rating limiter: cache unavailable, counting votes in the database", exc_info=True)
    now = time.time() if now is None else now
    since = datetime.datetime.fromtimestamp(now - window, tz=datetime.UTC)
    recent = ArticleRating.objects.filter(address_hash=address, created_at__gte=since).order_by("created_at")
    # Concurrent votes may each see the same count: the overshoot is bounded by the workers.
    if recent.count() < limit:
        return False, 0
    oldest = recent.values_list("created_at", flat=True).first()
    return True, max(1, math.ceil(oldest.timestamp() + window - now))


def cast_vote(page, key, score, address=""):
    """Record `score` as `key`'s vote on `page` and keep the summary exact; returns the summary."""
    try:
        return retry_when_locked(lambda: _cast_vote_once(page, key, score, address), LOCK_RETRIES)
    except OperationalError:
        raise VoteBusy from None


def _cast_vote_once(page, key, score, address):
    ArticleRatingSummary.objects.get_or_create(page=page)
    with transaction.atomic():
        # The summary row lock serialises votes on one article, so the check below is reliable.
        summary = ArticleRatingSummary.objects.select_for_update().get(page=page)
        existing = ArticleRating.objects.filter(page=page, voter_key=key).first()
        if existing is None:
            try:
                with transaction.atomic():
                    ArticleRating.objects.create(page=page, voter_key=key, score=score, address_hash=address)
            except IntegrityError:
                existing = ArticleRating.objects.get(page=page, voter_key=key)
            else:
                ArticleRatingSummary.objects.filter(pk=summary.pk).update(
                    count=F("count") + 1, total=F("total") + score, **{f"score_{score}": F(f"score_{score}") + 1}
                )
        if existing is not None and existing.score != score:
            old = existing.score
            ArticleRating.objects.filter(pk=existing.pk).update(score=score, address_hash=address)
            ArticleRatingSummary.objects.filter(pk=summary.pk).update(
                total=F("total") + score - old,
                **{f"score_{old}": F(f"score_{old}") - 1, f"score_{score}": F(f"score_{score}") + 1},
            )
    return ArticleRatingSummary.objects.get(page=page)


def summary_payload(page, summary, your_score):
    """The JSON of PRODUCT.md §8."""
    if summary is None:
        return {
            "page": page.pk,
            "count": 0,
            "average": None,
            "distribution": {str(s): 0 for s in range(1, 6)},
            "your_score": your_score,
        }
    return {
        "page": page.pk,
        "count": summary.count,
        "average": summary.average,
        "distribution": summary.distribution,
        "your_score": your_score,
    }

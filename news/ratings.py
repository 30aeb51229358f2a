"""Casting votes exactly, telling readers apart, and limiting floods (PRODUCT.md §8)."""

import hashlib
import ipaddress
import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils.crypto import salted_hmac

from home.db import retry_when_locked

from .models import ArticleRating, ArticleRatingSummary

VOTER_COOKIE = "congtin_voter"
VOTER_COOKIE_SALT = "congtin.ratings.voter"
VOTER_COOKIE_AGE = 2 * 365 * 24 * 3600
LOCK_RETRIES = 3
_LIMIT = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*([smh])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}


class VoteBusy(Exception):
    """The database stayed locked; nothing was recorded."""


def parse_rate_limit(text):
    """ "20/10m" → (20, 600)."""
    match = _LIMIT.match(text or "")
    if not match:
        raise ValueError(f"RATING_RATE_LIMIT must look like 20/10m, not {text!r}")
    count, amount, unit = match.groups()
    return int(count), int(amount) * _UNIT_SECONDS[unit]


def client_address(request):
    """The reader's address: REMOTE_ADDR, or the nearest untrusted hop of X-Forwarded-For
    when the request came through one of RATING_TRUSTED_PROXIES."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = [ipaddress.ip_network(net, strict=False) for net in settings.RATING_TRUSTED_PROXIES]
    if not trusted or not _in_networks(remote, trusted):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _in_networks(hop, trusted):
            return hop
    return hops[0] if hops else remote


def _in_networks(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def address_hash(request):
    """A salted hash of the address: enough to limit floods, never the address itself."""
    return salted_hmac("congtin.ratings.address", client_address(request)).hexdigest()


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


def over_rate_limit(address):
    """(True, retry_after) once an address has cast more votes than allowed in the window.

    Counters live in the cache; if the cache is unreachable, voting goes on unlimited.
    """
    limit, window = parse_rate_limit(settings.RATING_RATE_LIMIT)
    now = int(time.time())
    window_start = now - now % window
    key = f"rating-limit:{address}:{window_start}"
    try:
        cache.add(key, 0, timeout=window + 5)
        count = cache.incr(key)
    except Exception:  # noqa: BLE001 -- any cache failure means "no limit", never "no vote"
        return False, 0
    if count is None or count <= limit:
        return False, 0
    return True, window_start + window - now


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

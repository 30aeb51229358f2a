"""The sliding-window limiter (home/rate_limit.py), driven by an injected clock."""

import pytest

from django.core.cache import cache

from home import rate_limit

WINDOW = 600
T0 = 600 * 3_000_000  # the start of a window


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def hits(times, limit=3, key="a"):
    return [rate_limit.hit("test", key, limit, WINDOW, now=t) for t in times]


def test_no_double_burst_across_a_window_boundary():
    # A fixed window lets 3 through just before the boundary and 3 more just after it.
    assert hits([T0 + 599] * 3) == [(False, 0)] * 3
    assert hits([T0 + 601]) == [(True, 199)]  # the last window still weighs 3 × 599/600
    assert hits([T0 + 600 + 199]) == [(True, 1)]
    assert hits([T0 + 600 + 200]) == [(False, 0)]  # 3 × 400/600 + 1 = 3
    assert hits([T0 + 600 + 200]) == [(True, 200)]  # the next needs 3 × (600 - e)/600 + 2 <= 3: e = 400


def test_a_full_window_waits_until_its_weight_fades():
    assert hits([T0 + 100] * 3) == [(False, 0)] * 3
    # Allowed again once 3 × (1 - e/600) + 1 <= 3 in the next window: e = 200.
    assert hits([T0 + 100]) == [(True, 500 + 200)]
    assert hits([T0 + 600 + 200]) == [(False, 0)]


def test_refused_attempts_do_not_count():
    assert hits([T0 + 10] * 3) == [(False, 0)] * 3
    for _ in range(10):
        assert hits([T0 + 20])[0][0] is True
    assert hits([T0 + 600 + 200]) == [(False, 0)]  # as if the ten had never been tried


def test_keys_and_scopes_are_counted_apart():
    assert hits([T0] * 3, key="a") == [(False, 0)] * 3
    assert hits([T0], key="a")[0][0] is True
    assert hits([T0], key="b") == [(False, 0)]
    assert rate_limit.hit("other", "a", 3, WINDOW, now=T0) == (False, 0)


@pytest.mark.parametrize(
    "backend",
    [
        {"BACKEND": "tests.broken_cache.BrokenCache"},
        {  # production's django-redis settings, Redis gone: every call answers None
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        },
    ],
    ids=["raising", "ignoring-exceptions"],
)
def test_a_failing_cache_is_reported_not_taken_for_zero(settings, backend):
    settings.CACHES = {"default": backend}
    with pytest.raises(rate_limit.LimiterUnavailable):
        rate_limit.hit("test", "a", 3, WINDOW, now=T0)


def test_parse_rate_limit_names_the_setting():
    assert rate_limit.parse_rate_limit("60/10m", "READ_RATE_LIMIT") == (60, 600)
    with pytest.raises(ValueError, match="READ_RATE_LIMIT must look like 20/10m"):
        rate_limit.parse_rate_limit("nhiều", "READ_RATE_LIMIT")

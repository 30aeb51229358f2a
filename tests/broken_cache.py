"""A cache backend that fails every call, standing in for Redis being down."""

from django.core.cache.backends.base import BaseCache


class BrokenCache(BaseCache):
    def __init__(self, location=None, params=None):
        super().__init__(params or {})

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache is down")

    add = get = set = delete = incr = clear = touch = get_many = set_many = delete_many = _fail


# The two ways the cache can be down: every call raises, or (production's django-redis with
# IGNORE_EXCEPTIONS) every call quietly answers None.
REDIS_GONE = {  # production's django-redis settings with Redis gone: every call answers None
    "BACKEND": "django_redis.cache.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
}
CACHE_DOWN = [{"BACKEND": "tests.broken_cache.BrokenCache"}, REDIS_GONE]

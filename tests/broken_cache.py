"""A cache backend that fails every call, standing in for Redis being down."""

from django.core.cache.backends.base import BaseCache


class BrokenCache(BaseCache):
    def __init__(self, location=None, params=None):
        super().__init__(params or {})

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache is down")

    add = get = set = delete = incr = clear = touch = get_many = set_many = delete_many = _fail

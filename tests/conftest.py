import io

import pytest

from django.core.cache import cache
from django.core.management import call_command

from wagtail.models import Site

from home import furniture
from home.models import HomePage

from .factories import SectionPageFactory


@pytest.fixture(autouse=True)
def fresh_furniture():
    """Each test's transaction rolls the furniture token, the sites and the images back, which
    production never does: forget what the worker and the cache remember of them."""
    furniture.forget()
    Site.clear_site_root_paths_cache()
    cache.clear()  # the tests' own memory cache: Wagtail's renditions by image id (ids restart), limits


@pytest.fixture
def home(db):
    """The home page the migrations create."""
    return HomePage.objects.get()


@pytest.fixture
def section(home):
    return SectionPageFactory(title="Tin tức - Sự kiện", parent=home)


@pytest.fixture
def demo(db):
    """The demo portal as `manage.py load_demo` builds it."""
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


REDIS_PAGE_CACHE_DB = 14  # the page-cache tests' own Redis database


@pytest.fixture
def redis_cache(settings):
    """Production's cache (django-redis) on a Redis database of the tests' own, emptied first."""
    redis = pytest.importorskip("redis")
    url = f"redis://127.0.0.1:6379/{REDIS_PAGE_CACHE_DB}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "test"}}
    from django.core.cache import cache

    return cache

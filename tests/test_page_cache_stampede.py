"""One render per key at a time: parallel requests on an expired or renewed entry."""

import threading

import pytest

from django.http import HttpResponse
from django.test import RequestFactory

import home.cache
from home.cache import PageCacheMiddleware, renew

READERS = 8
BOUND = 10  # seconds any thread may wait for the others before the test fails


@pytest.fixture(autouse=True)
def page_cache(settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_STALE_SECONDS = 60


class Renderer:
    """A view whose second render waits until `ready()` says the other readers got their answer."""

    def __init__(self):
        self.renders = 0
        self.ready = lambda: True
        self.condition = threading.Condition()

    def __call__(self, request):
        with self.condition:
            self.renders += 1
            number = self.renders
            assert self.condition.wait_for(self.ready, timeout=BOUND), "the other readers never got an answer"
        return HttpResponse(f"bản {number}", content_type="text/html; charset=utf-8")

    def notify(self):
        with self.condition:
            self.condition.notify_all()


def read_in_parallel(middleware, renderer, outcomes):

    def read():
        response = middleware(RequestFactory().get("/tin-tuc/bai/"))
        with renderer.condition:
            outcomes.append((response["X-Page-Cache"], response.content.decode()))
            renderer.condition.notify_all()

    threads = [threading.Thread(target=read) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(BOUND)
    return sorted(outcomes)


def test_an_expired_entry_is_rendered_once_while_the_others_get_the_stale_copy(monkeypatch):
    renderer = Renderer()
    middleware = PageCacheMiddleware(renderer)
    assert middleware(RequestFactory().get("/tin-tuc/bai/"))["X-Page-Cache"] == "MISS"
    later = home.cache.clock() + 301  # past the entry's lifetime, within its stale window
    monkeypatch.setattr(home.cache, "clock", lambda: later)
    outcomes = []
    renderer.ready = lambda: len(outcomes) == READERS - 1

    outcomes = read_in_parallel(middleware, renderer, outcomes)

    assert renderer.renders == 2
    assert outcomes == [("MISS", "bản 2")] + [("STALE", "bản 1")] * (READERS - 1)
    assert middleware(RequestFactory().get("/tin-tuc/bai/")).content.decode() == "bản 2"


def test_a_renewed_entry_is_rendered_once_and_the_others_wait_for_it(db, monkeypatch):
    renderer = Renderer()
    middleware = PageCacheMiddleware(renderer)
    assert middleware(RequestFactory().get("/tin-tuc/bai/"))["X-Page-Cache"] == "MISS"
    renew(["http://testserver/tin-tuc/bai/"])  # a publish: nobody may see "bản 1" again
    refused = []
    take_lock = middleware._lock

    def counting_lock(key):
        taken = take_lock(key)
        if not taken:
            with renderer.condition:
                refused.append(key)
                renderer.condition.notify_all()
        return taken

    monkeypatch.setattr(middleware, "_lock", counting_lock)
    renderer.ready = lambda: len(refused) == READERS - 1  # everyone else is waiting

    outcomes = read_in_parallel(middleware, renderer, [])

    assert renderer.renders == 2
    assert outcomes == [("HIT", "bản 2")] * (READERS - 1) + [("MISS", "bản 2")]

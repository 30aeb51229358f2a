"""Votes cast at the same moment are all counted, exactly, on SQLite and PostgreSQL."""

import json
import random
import threading

import pytest

from django.core import signing
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client

from news.models import ArticleRating, ArticleRatingSummary
from news.ratings import VOTER_COOKIE, VOTER_COOKIE_SALT

from .factories import ArticlePageFactory

# serialized_rollback restores what the migrations created (home page, provinces) for later tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_in_parallel(jobs):
    """Start every job at once (behind a barrier) in its own thread; return their results."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as error:  # noqa: BLE001 -- the test asserts on it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def voter(page, score, address, client=None):
    client = client or Client()

    def job():
        response = client.post(
            f"/danh-gia/{page.pk}/",
            json.dumps({"score": score}),
            content_type="application/json",
            REMOTE_ADDR=address,
        )
        return response.status_code, response.json()

    return job


@pytest.fixture
def article():
    cache.clear()
    from home.models import HomePage

    from .factories import SectionPageFactory

    page = ArticlePageFactory(parent=SectionPageFactory(parent=HomePage.objects.get()))
    # Warm up: the first request imports modules lazily, which threads must not race on.
    client = Client()
    client.get(page.url)
    client.get(f"/danh-gia/{page.pk}/")
    client.post(f"/danh-gia/{page.pk}/", {"score": "0"})
    return page


def _parallel_voters(article, count):
    scores = [random.Random(n).randint(1, 5) for n in range(count)]
    return scores, run_in_parallel([voter(article, score, f"198.51.100.{n}") for n, score in enumerate(scores)])


def test_fifty_distinct_voters_in_parallel_are_all_counted(article):
    scores, results = _parallel_voters(article, 50)
    assert [status for status, _ in results] == [200] * 50
    summary = ArticleRatingSummary.objects.get(page=article)
    assert (summary.count, summary.total) == (50, sum(scores))
    assert summary.distribution == {str(s): scores.count(s) for s in range(1, 6)}
    assert ArticleRating.objects.filter(page=article).count() == 50


def test_ten_parallel_voters_on_any_database_never_see_a_lock_error(article):
    scores, results = _parallel_voters(article, 10 if connection.vendor == "sqlite" else 20)
    assert all(not isinstance(result, Exception) for result in results), results
    assert [status for status, _ in results] == [200] * len(scores)
    summary = ArticleRatingSummary.objects.get(page=article)
    assert (summary.count, summary.total) == (len(scores), sum(scores))


def test_one_voter_firing_twenty_parallel_votes_counts_once(article):
    token = "same-reader-token"
    signed = signing.get_cookie_signer(salt=VOTER_COOKIE + VOTER_COOKIE_SALT).sign(token)
    clients = []
    for _ in range(20):
        client = Client()
        client.cookies[VOTER_COOKIE] = signed
        clients.append(client)
    scores = [random.Random(100 + n).randint(1, 5) for n in range(20)]
    pairs = enumerate(zip(scores, clients, strict=True))
    results = run_in_parallel([voter(article, score, f"203.0.113.{n}", client) for n, (score, client) in pairs])
    assert [status for status, _ in results] == [200] * 20
    summary = ArticleRatingSummary.objects.get(page=article)
    rating = ArticleRating.objects.get(page=article)
    assert summary.count == 1
    assert rating.score in scores
    assert summary.total == rating.score
    assert summary.distribution[str(rating.score)] == 1

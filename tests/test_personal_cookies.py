"""Cookies prove nothing by their name: only a live session or the server's signed mark
keeps a reader on the primary database (and off the page cache)."""

import json

import pytest

from django.test import Client

from home import db_router
from home.personal import PRIMARY_COOKIE

from .factories import ArticlePageFactory


@pytest.fixture
def routed(monkeypatch):
    """The alias each request read from, with one replica configured."""
    seen = []
    real_init = db_router.ReplicaMiddleware.__init__

    def init(self, get_response):
        def record(request):
            seen.append(db_router._replica.get() or "default")
            return get_response(request)

        real_init(self, record)
        self.replicas = ["default"]  # stands for a replica: the router's choice is what is asserted

    monkeypatch.setattr(db_router.ReplicaMiddleware, "__init__", init)
    monkeypatch.setattr(db_router.random, "choice", lambda aliases: "replica")
    return seen


@pytest.mark.django_db
def test_made_up_cookies_do_not_pin_a_reader_to_the_primary(routed, settings, section):
    settings.MIDDLEWARE = ["home.db_router.ReplicaMiddleware", *settings.MIDDLEWARE]
    article = ArticlePageFactory(parent=section)
    for name, value in ((PRIMARY_COOKIE, "1"), ("sessionid", "k" * 32), (PRIMARY_COOKIE, "1:forged:sig")):
        forged = Client()
        forged.cookies[name] = value
        assert forged.get(article.url).status_code == 200
    assert routed == ["replica", "replica", "replica"]


@pytest.mark.django_db
def test_a_reader_who_posted_and_a_signed_in_editor_read_from_the_primary(routed, settings, section, admin_client):
    settings.MIDDLEWARE = ["home.db_router.ReplicaMiddleware", *settings.MIDDLEWARE]
    article = ArticlePageFactory(parent=section)
    voter = Client()
    vote = voter.post(f"/danh-gia/{article.pk}/", json.dumps({"score": 5}), content_type="application/json")
    assert vote.status_code == 200
    assert vote.cookies[PRIMARY_COOKIE].value != "1"  # signed
    voter.get(article.url)
    admin_client.get(article.url)
    assert routed == ["default", "default", "default"]

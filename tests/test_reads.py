"""'Đọc nhiều' (most read, PRODUCT.md §6): the beacon that counts readers and the home block."""

import datetime
import re
import time

import pytest

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from news.models import ArticleDailyReads, ArticlePage
from news.reads import count_read

from .broken_cache import CACHE_DOWN
from .factories import ArticlePageFactory


@pytest.fixture(autouse=True)
def _forget_readers():
    cache.clear()


def beacon(client, page_id):
    return client.post(f"/luot-doc/{page_id}/")


def reads_today(page):
    row = ArticleDailyReads.objects.filter(page=page, day=timezone.localdate()).first()
    return row.count if row else 0


def most_read_titles(client):
    html = client.get("/").content.decode()
    block = re.search(r'<section class="section-block most-read".*?</section>', html, re.S)
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', block.group(0)) if block else []


def test_a_reader_counts_once_per_article_and_day(section):
    article = ArticlePageFactory(parent=section)
    reader = Client()
    first = beacon(reader, article.pk)
    assert (first.status_code, first.content) == (202, b"")  # a cookie, and "send again"
    cookie = first.cookies["congtin_reader"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert reads_today(article) == 0  # a cookie issued by this very beacon does not count
    assert (beacon(reader, article.pk).status_code, reads_today(article)) == (204, 1)
    assert (beacon(reader, article.pk).status_code, reads_today(article)) == (204, 1)  # the same reader again
    other = Client()
    assert [beacon(other, article.pk).status_code for _ in range(2)] == [202, 204]
    assert reads_today(article) == 2


def test_a_cookie_the_site_did_not_sign_does_not_count(section):
    article = ArticlePageFactory(parent=section)
    for made_up in ("x" * 24, "abc:1700000000:forged-signature"):
        reader = Client()
        reader.cookies["congtin_reader"] = made_up
        assert beacon(reader, article.pk).status_code == 202
    assert reads_today(article) == 0


def test_cookieless_beacons_count_nothing(section):
    article = ArticlePageFactory(parent=section)
    assert [beacon(Client(), article.pk).status_code for _ in range(5)] == [202] * 5
    assert reads_today(article) == 0


@pytest.mark.parametrize("backend", CACHE_DOWN)
def test_nothing_counts_while_the_cache_is_down(section, settings, backend):
    """Without the cache nothing remembers a reader: counting would count one cookie again and again."""
    article = ArticlePageFactory(parent=section)
    reader = Client()
    assert beacon(reader, article.pk).status_code == 202
    settings.CACHES = {"default": backend}
    assert [beacon(reader, article.pk).status_code for _ in range(5)] == [204] * 5
    assert reads_today(article) == 0


def test_beacons_are_limited_per_address(section, settings):
    settings.READ_RATE_LIMIT = "3/10m"
    article = ArticlePageFactory(parent=section)
    reader = Client(REMOTE_ADDR="203.0.113.9")
    assert [beacon(reader, article.pk).status_code for _ in range(3)] == [202, 204, 204]
    refused = beacon(Client(REMOTE_ADDR="203.0.113.9"), article.pk)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 800
    assert refused.json() == {"error": "Có quá nhiều yêu cầu từ kết nối này. Vui lòng thử lại sau."}
    assert "congtin_reader" not in refused.cookies
    other = Client(REMOTE_ADDR="203.0.113.10")
    assert [beacon(other, article.pk).status_code for _ in range(2)] == [202, 204]
    assert reads_today(article) == 2


def test_withdrawn_articles_count_no_reads(section):
    article = ArticlePageFactory(parent=section)
    reader = Client()
    assert beacon(reader, article.pk).status_code == 202
    article.withdrawn = True
    article.save_revision().publish()
    response = beacon(reader, article.pk)
    assert (response.status_code, response.json()) == (404, {"error": "Bài viết không tồn tại."})
    assert reads_today(article) == 0


def test_counts_add_up_on_the_days_row(section):
    article = ArticlePageFactory(parent=section)
    day = datetime.date(2026, 11, 20)
    for _ in range(3):
        count_read(article.pk, day)
    count_read(article.pk, day + datetime.timedelta(days=1))
    assert list(ArticleDailyReads.objects.filter(page=article).order_by("day").values_list("day", "count")) == [
        (day, 3),
        (day + datetime.timedelta(days=1), 1),
    ]


def test_the_beacon_refuses_what_is_not_a_public_article(client, section, home):
    draft = ArticlePageFactory(parent=section, live=False)
    private = ArticlePageFactory(parent=section)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for page_id in (draft.pk, private.pk, section.pk, home.pk, 999999):
        response = beacon(client, page_id)
        assert (response.status_code, response.json()) == (404, {"error": "Bài viết không tồn tại."})
    assert ArticleDailyReads.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_the_beacon_only_takes_post(client, section, method):
    article = ArticlePageFactory(parent=section)
    response = getattr(client, method)(f"/luot-doc/{article.pk}/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json() == {"error": "Địa chỉ này chỉ nhận yêu cầu POST."}
    assert ArticleDailyReads.objects.count() == 0


def test_the_beacon_needs_no_csrf_token(section):
    article = ArticlePageFactory(parent=section)
    reader = Client(enforce_csrf_checks=True)
    assert [reader.post(f"/luot-doc/{article.pk}/").status_code for _ in range(2)] == [202, 204]
    assert reads_today(article) == 1


def test_article_pages_carry_the_beacon_address(client, section):
    article = ArticlePageFactory(parent=section)
    html = client.get(article.url).content.decode()
    assert f'<article class="article" data-read-url="/luot-doc/{article.pk}/">' in html


def test_previews_count_no_reads(section):
    article = ArticlePageFactory(parent=section)
    preview = article.make_preview_request()
    preview.render()
    assert '<article class="article">' in preview.content.decode()


def _reads(article, *counts):
    today = timezone.localdate()
    for days_ago, count in enumerate(counts):
        if count:
            ArticleDailyReads.objects.create(page=article, day=today - datetime.timedelta(days=days_ago), count=count)


def test_home_lists_the_most_read_of_the_last_seven_days(client, section):
    articles = {name: ArticlePageFactory(parent=section, title=name) for name in "ABCDEFG"}
    _reads(articles["A"], 1, 1, 1)  # 3
    _reads(articles["B"], 0, 0, 0, 0, 0, 0, 9)  # 9, six days ago: inside the seven days
    _reads(articles["C"], 0, 0, 0, 0, 0, 0, 0, 50)  # seven days ago: too old
    _reads(articles["D"], 5)
    _reads(articles["E"], 2)
    _reads(articles["F"], 4)
    _reads(articles["G"], 2)  # ties E: the later article first
    assert most_read_titles(client) == ["B", "D", "F", "A", "G"]


def test_most_read_leaves_out_withdrawn_unpublished_and_private_articles(client, section):
    shown, withdrawn, unpublished, private = (ArticlePageFactory(parent=section, title=t) for t in "SWUP")
    for article in (shown, withdrawn, unpublished, private):
        _reads(article, 10)
    withdrawn.withdrawn = True
    withdrawn.save_revision().publish()
    unpublished.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert most_read_titles(client) == ["S"]


def test_most_read_looks_past_a_crowd_of_unpublished_articles(client, section):
    """The 20 best-read candidates are checked first; when too few are shown, all are joined."""
    hidden = [ArticlePageFactory(parent=section, title=f"Ẩn {n}") for n in range(20)]
    for article in hidden:
        _reads(article, 100)
    ArticlePage.objects.filter(pk__in=[a.pk for a in hidden]).update(live=False)
    for title, count in (("Một", 9), ("Hai", 5)):
        _reads(ArticlePageFactory(parent=section, title=title), count)
    assert most_read_titles(client) == ["Một", "Hai"]


def test_home_has_no_most_read_block_before_anyone_reads(client, section):
    ArticlePageFactory(parent=section)
    html = client.get("/").content.decode()
    assert "Đọc nhiều" not in html


def test_the_remembered_list_costs_no_query_and_an_unpublished_article_leaves_it_at_once(client, section):
    first, second = ArticlePageFactory(parent=section, title="Một"), ArticlePageFactory(parent=section, title="Hai")
    _reads(first, 7)
    _reads(second, 3)
    assert most_read_titles(client) == ["Một", "Hai"]
    with CaptureQueriesContext(connection) as remembered:
        assert client.get("/").status_code == 200
    assert [q["sql"] for q in remembered.captured_queries if "news_articledailyreads" in q["sql"]] == []
    _reads(second, 0, 50)  # yesterday's late count: the list keeps its order until it is renewed
    assert most_read_titles(client) == ["Một", "Hai"]
    ArticlePage.objects.get(pk=first.pk).unpublish()  # renews the site furniture
    assert most_read_titles(client) == ["Hai"]


def test_the_list_is_renewed_after_five_minutes(client, section, monkeypatch):
    first, second = ArticlePageFactory(parent=section, title="Một"), ArticlePageFactory(parent=section, title="Hai")
    _reads(first, 7)
    assert most_read_titles(client) == ["Một"]
    _reads(second, 0, 20)
    later = time.monotonic() + 301
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert most_read_titles(client) == ["Hai", "Một"]

import json

import pytest

from django.test import Client

from news.models import ArticlePage

from .factories import ArticlePageFactory, AuthorFactory


@pytest.fixture(autouse=True)
def page_cache(settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 300


def test_anonymous_pages_are_served_from_the_cache_without_queries(client, section, django_assert_num_queries):
    article = ArticlePageFactory(parent=section, title="Tin đầu tiên")
    first = client.get(article.url)
    assert first["X-Page-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(article.url)
    assert second["X-Page-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == "text/html; charset=utf-8"


def test_publishing_refreshes_the_article_its_section_and_the_home_page(client, section):
    article = ArticlePageFactory(parent=section, title="Tiêu đề cũ")
    for url in (article.url, section.url, "/"):
        assert "Tiêu đề cũ" in client.get(url).content.decode()
    article.title = "Tiêu đề mới"
    article.save_revision().publish()
    for url in (article.url, section.url, "/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "MISS"
        assert "Tiêu đề mới" in response.content.decode()


def test_unpublishing_and_deleting_remove_the_article_everywhere(client, section):
    kept = ArticlePageFactory(parent=section, title="Bài ở lại")
    gone = ArticlePageFactory(parent=section, title="Bài bị gỡ")
    assert "Bài bị gỡ" in client.get(section.url).content.decode()
    gone.unpublish()
    assert client.get(gone.url).status_code == 404
    assert "Bài bị gỡ" not in client.get(section.url).content.decode()
    client.get(kept.url)
    ArticlePage.objects.get(pk=kept.pk).delete()
    assert client.get("/" + section.slug + "/bai-o-lai/").status_code == 404


def test_renaming_an_author_refreshes_cached_bylines(client, section):
    author = AuthorFactory(name="Hùng Cường")
    article = ArticlePageFactory(parent=section, authors=[author])
    assert "Hùng Cường" in client.get(article.url).content.decode()
    author.name = "Nguyễn Hùng Cường"
    author.save()
    assert "Nguyễn Hùng Cường" in client.get(article.url).content.decode()


def test_editors_and_readers_with_a_message_are_never_served_from_the_cache(admin_client, client, section):
    article = ArticlePageFactory(parent=section)
    client.get(article.url)
    assert "X-Page-Cache" not in admin_client.get(article.url)
    with_message = Client()
    # The vote form without JavaScript leaves a thank-you message.
    with_message.post(f"/danh-gia/{article.pk}/", {"score": "4", "redirect": "1"})
    assert "X-Page-Cache" not in with_message.get(article.url)
    preview = admin_client.get(f"/admin/pages/{article.pk}/edit/preview/")
    assert "X-Page-Cache" not in preview


def test_rating_endpoint_is_never_cached_and_stays_current(client, section):
    article = ArticlePageFactory(parent=section)
    cached_page = client.get(article.url)
    vote = Client().post(f"/danh-gia/{article.pk}/", json.dumps({"score": 4}), content_type="application/json")
    assert vote.status_code == 200
    assert client.get(article.url).content == cached_page.content
    state = client.get(f"/danh-gia/{article.pk}/")
    assert "X-Page-Cache" not in state
    assert state.json()["count"] == 1


def test_unreachable_redis_degrades_to_uncached_serving(client, section, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    article = ArticlePageFactory(parent=section, title="Redis đã tắt")
    for _ in range(2):
        response = client.get(article.url)
        assert response.status_code == 200
        assert "Redis đã tắt" in response.content.decode()
    vote = Client().post(f"/danh-gia/{article.pk}/", json.dumps({"score": 5}), content_type="application/json")
    assert vote.status_code == 200


def test_publishing_purges_what_it_renews_from_a_cdn_once_committed(
    section, settings, django_capture_on_commit_callbacks
):
    from .purge_backend import PURGED

    settings.WAGTAILFRONTENDCACHE = {"default": {"BACKEND": "tests.purge_backend.RecordingBackend"}}
    article = ArticlePageFactory(parent=section, slug="ban-tin", authors=[AuthorFactory(slug="minh-an")])
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.save_revision().publish()
    assert PURGED == []  # a CDN asked before the commit could fetch the old page again
    for callback in callbacks:
        callback()
    assert sorted(set(PURGED)) == [
        "http://localhost/",
        "http://localhost/api/v2/pages/",
        f"http://localhost/api/v2/pages/{article.pk}/",
        "http://localhost/doi-tac/",
        f"http://localhost/luu-bai/{article.pk}/",
        "http://localhost/rss/",
        "http://localhost/rss/thong-bao/",
        "http://localhost/rss/tin-tuc-su-kien/",
        "http://localhost/sitemap-trang.xml",
        "http://localhost/sitemap.xml",
        "http://localhost/tac-gia/",
        "http://localhost/tac-gia/minh-an/",
        "http://localhost/thong-bao/",
        "http://localhost/tim-kiem/",
        "http://localhost/tin-tuc-su-kien/",
        "http://localhost/tin-tuc-su-kien/ban-tin/",
        "http://localhost/tinh-thanh/",
    ]


def test_spellings_of_the_host_share_one_entry_and_never_leak_into_the_page(client, section):
    """`Host: localhost:9999` is not a new entry (nor a way to fill the cache), and what one
    reader's Host said is not cached into every reader's page."""
    article = ArticlePageFactory(parent=section, authors=[AuthorFactory(name="Minh An")])
    first = client.get(article.url, HTTP_HOST="localhost:9999")
    assert first["X-Page-Cache"] == "MISS"
    assert "9999" not in first.content.decode()
    for host in ("localhost", "LOCALHOST:80", "localhost.", "Localhost.:9998"):
        response = client.get(article.url, HTTP_HOST=host)
        assert (host, response["X-Page-Cache"]) == (host, "HIT")
        assert response.content == first.content


def test_https_and_http_pages_are_cached_apart(client, section):
    """Each scheme has its own entries; a feed's links come from the site's root either way."""
    ArticlePageFactory(parent=section, title="Tin có đường dẫn")
    over_https = client.get("/rss/", secure=True)
    assert over_https["X-Page-Cache"] == "MISS"
    over_http = client.get("/rss/")
    assert over_http["X-Page-Cache"] == "MISS"
    assert over_http.content == over_https.content
    assert "https://" not in over_http.content.decode()  # the test site's root is http://localhost
    assert client.get("/rss/")["X-Page-Cache"] == "HIT"
    assert client.get("/rss/", secure=True)["X-Page-Cache"] == "HIT"


def test_anonymous_pages_tell_shared_caches_how_long_to_keep_them(client, section, settings):
    article = ArticlePageFactory(parent=section)
    for outcome in ("MISS", "HIT"):
        response = client.get(article.url)
        assert (response["X-Page-Cache"], response["Cache-Control"]) == (outcome, "public, max-age=0, s-maxage=5")
    settings.PAGE_CACHE_MAX_AGE, settings.PAGE_CACHE_SHARED_MAX_AGE = 60, 3600  # a CDN purged by publishes
    assert Client().get("/rss/")["Cache-Control"] == "public, max-age=60, s-maxage=3600"


def test_personal_pages_votes_and_beacons_are_never_kept_by_a_shared_cache(admin_client, client, section):
    article = ArticlePageFactory(parent=section)
    assert admin_client.get(article.url)["Cache-Control"] == "private, no-cache"
    with_message = Client()
    voted = with_message.post(f"/danh-gia/{article.pk}/", {"score": "4", "redirect": "1"})
    assert (voted.status_code, "messages" in voted.cookies) == (302, True)
    assert with_message.get(article.url)["Cache-Control"] == "private, no-cache"
    preview = admin_client.get(f"/admin/pages/{article.pk}/edit/preview/")
    assert "private" in preview["Cache-Control"]
    never = "max-age=0, no-cache, no-store, must-revalidate, private"
    assert client.get(f"/danh-gia/{article.pk}/")["Cache-Control"] == never
    vote = client.post(f"/danh-gia/{article.pk}/", json.dumps({"score": 5}), content_type="application/json")
    assert vote["Cache-Control"] == never
    assert client.post(f"/luot-doc/{article.pk}/")["Cache-Control"] == never


def test_made_up_cookies_get_the_cached_page_like_any_reader(client, section, django_assert_num_queries):
    """A session or flash-message cookie the server never issued skips nothing: the cached page."""
    article = ArticlePageFactory(parent=section)
    first = client.get(article.url)
    assert first["X-Page-Cache"] == "MISS"
    for name, value in (("sessionid", "k" * 32), ("messages", "x"), ("messages", first.content[:40].hex())):
        forged = Client()
        forged.cookies[name] = value
        with django_assert_num_queries(1 if name == "sessionid" else 0):  # the session is looked up, and not found
            response = forged.get(article.url)
        assert (name, response["X-Page-Cache"], response.content) == (name, "HIT", first.content)
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=5"
    signed_in = Client()
    signed_in.force_login(ArticlePage.objects.get(pk=article.pk).owner or _editor())
    assert "X-Page-Cache" not in signed_in.get(article.url)


def _editor():
    from home.models import User

    return User.objects.create_user("bientap", password="x" * 12)

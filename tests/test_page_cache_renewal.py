"""A publish, unpublish, move or delete renews the cached pages that show the article, and no other."""

import pytest

from django.test import Client

import home.cache as home_cache
from news.models import ArticlePage, Province

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory, SectionPageFactory


@pytest.fixture(autouse=True)
def page_cache(settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def portal(section):
    """Two sections, an article tagged with a former province, a partner and an author, and
    an article elsewhere tagged otherwise."""
    other_section = SectionPageFactory(title="Thông tin", parent=section.get_parent())
    partner, other_partner = PartnerFactory(name="Sở Y tế"), PartnerFactory(name="Sở Xây dựng")
    author, other_author = AuthorFactory(name="Minh An", slug="minh-an"), AuthorFactory(name="Lan", slug="lan")
    article = ArticlePageFactory(
        parent=section,
        slug="ky-ket",
        title="Lễ ký kết cũ",
        provinces=["Long An"],  # a former unit, now part of Tây Ninh
        partners=[partner],
        authors=[author],
    )
    other = ArticlePageFactory(
        parent=other_section, slug="khac", provinces=["Hà Nội"], partners=[other_partner], authors=[other_author]
    )
    return article, other, other_section


def renewed_and_kept(client, urls, change):
    """Warm `urls`, make `change`, and say which were renewed and which kept (HIT)."""
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.get(url).get("X-Page-Cache") == "HIT", url
    change()
    hit = {url: client.get(url).get("X-Page-Cache") == "HIT" for url in urls}
    return sorted(url for url in urls if not hit[url]), sorted(url for url in urls if hit[url])


AROUND_THE_ARTICLE = [
    "/",
    "/tin-tuc-su-kien/",
    "/tin-tuc-su-kien/?page=1",
    "/tin-tuc-su-kien/ky-ket/",
    "/rss/",
    "/rss/tin-tuc-su-kien/",
    "/thong-bao/",  # the notice list and its feed, whatever the article's type
    "/rss/thong-bao/",
    "/tinh-thanh/long-an/",
    "/tinh-thanh/tay-ninh/",
    "/rss/tinh-thanh/long-an/",
    "/doi-tac/so-y-te/",
    "/rss/doi-tac/so-y-te/",
    "/tac-gia/minh-an/",
    "/sitemap.xml",
    "/sitemap-trang.xml?p=1",
    "/tim-kiem/?q=ky+ket",
]
ELSEWHERE = [
    "/thong-tin/",
    "/thong-tin/khac/",
    "/rss/thong-tin/",
    "/tinh-thanh/ha-noi/",
    "/doi-tac/so-xay-dung/",
    "/tac-gia/lan/",
]


def test_publishing_renews_what_lists_the_article_and_keeps_the_rest(client, portal):
    article, _other, _section = portal
    article.title = "Lễ ký kết mới"

    renewed, kept = renewed_and_kept(client, AROUND_THE_ARTICLE + ELSEWHERE, lambda: article.save_revision().publish())

    assert renewed == sorted(AROUND_THE_ARTICLE)
    assert kept == sorted(ELSEWHERE)
    assert "Lễ ký kết mới" in client.get("/tinh-thanh/tay-ninh/").content.decode()


def test_a_publish_that_drops_a_province_renews_the_page_that_listed_it(client, portal):
    article, _other, _section = portal
    article.provinces.set([Province.objects.get(name="Hà Nội")])

    renewed, _kept = renewed_and_kept(
        client,
        ["/tinh-thanh/long-an/", "/tinh-thanh/ha-noi/", "/tinh-thanh/hue/"],
        lambda: article.save_revision().publish(),
    )

    assert renewed == ["/tinh-thanh/ha-noi/", "/tinh-thanh/long-an/"]
    assert "Lễ ký kết cũ" not in client.get("/tinh-thanh/long-an/").content.decode()


def test_unpublishing_and_deleting_renew_the_same_pages(client, portal):
    article, other, _section = portal
    renewed, kept = renewed_and_kept(client, AROUND_THE_ARTICLE + ELSEWHERE, article.unpublish)
    assert renewed == sorted(AROUND_THE_ARTICLE)
    assert kept == sorted(ELSEWHERE)

    around_other = ["/thong-tin/", "/thong-tin/khac/", "/tinh-thanh/ha-noi/", "/tac-gia/lan/"]
    renewed, kept = renewed_and_kept(
        client, around_other + ["/tin-tuc-su-kien/"], lambda: ArticlePage.objects.get(pk=other.pk).delete()
    )
    assert renewed == sorted(around_other)
    assert kept == ["/tin-tuc-su-kien/"]
    assert client.get("/thong-tin/khac/").status_code == 404


def test_moving_renews_both_sections_and_the_old_address(client, portal, admin_user):
    article, _other, other_section = portal
    urls = ["/tin-tuc-su-kien/", "/tin-tuc-su-kien/ky-ket/", "/thong-tin/", "/rss/thong-tin/", "/tac-gia/lan/"]

    renewed, kept = renewed_and_kept(
        client, urls, lambda: article.move(other_section, pos="last-child", user=admin_user)
    )

    assert renewed == sorted(urls[:4])
    assert kept == ["/tac-gia/lan/"]
    assert client.get("/tin-tuc-su-kien/ky-ket/")["Location"] == "/thong-tin/ky-ket/"  # Wagtail's redirect
    assert client.get("/thong-tin/ky-ket/").status_code == 200


def test_a_change_to_a_section_renews_every_page_since_every_menu_shows_it(client, portal, section):
    section.title = "Tin tức mới"
    renewed, kept = renewed_and_kept(
        client, ["/thong-tin/khac/", "/tac-gia/lan/"], lambda: section.save_revision().publish()
    )
    assert (renewed, kept) == (["/tac-gia/lan/", "/thong-tin/khac/"], [])
    assert "Tin tức mới" in client.get("/thong-tin/khac/").content.decode()


def test_renewal_is_repeated_when_the_transaction_commits(client, portal, django_capture_on_commit_callbacks):
    """A reader who renders between the publish and its commit sees the old rows: the
    commit renews again, so that page is not kept."""
    article, _other, _section = portal
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.save_revision().publish()
        assert client.get(article.url)["X-Page-Cache"] == "MISS"  # rendered before the commit
        assert client.get(article.url)["X-Page-Cache"] == "HIT"
    for callback in callbacks:
        callback()
    assert client.get(article.url)["X-Page-Cache"] == "MISS"


@pytest.fixture
def rendered_from(monkeypatch, settings):
    """With one replica configured: the alias each page the cache rendered was read from."""
    from home import db_router

    seen = []
    real_init = home_cache.PageCacheMiddleware.__init__

    def init(self, get_response):
        def record(request):
            seen.append(db_router._replica.get() or "default")
            return get_response(request)

        real_init(self, record)

    monkeypatch.setattr(home_cache.PageCacheMiddleware, "__init__", init)
    monkeypatch.setattr(db_router, "replica_aliases", lambda: ["replica"])
    settings.MIDDLEWARE = ["home.db_router.ReplicaMiddleware", *settings.MIDDLEWARE]
    return seen


def test_pages_renewed_a_moment_ago_are_rendered_from_the_primary(rendered_from, settings, section, monkeypatch):
    """A replica may lag: what is rendered just after a publish is cached for everyone, so it is
    read from the primary; other pages, and the same pages once the moment has passed, from a replica."""
    article = ArticlePageFactory(parent=section, title="Tin cũ")
    untouched = ArticlePageFactory(parent=section, title="Tin khác")
    article.title = "Tin mới"
    article.save_revision().publish()
    client = Client()
    client.get(article.url)
    client.get(untouched.url)
    assert rendered_from == ["default", "replica"]
    later = home_cache.clock() + settings.DATABASE_READ_YOUR_WRITES_SECONDS + 1
    monkeypatch.setattr(home_cache, "clock", lambda: later)
    article.save_revision().publish()  # renewed again: the next render reads the primary again
    Client().get(article.url)
    monkeypatch.setattr(home_cache, "clock", lambda: later + settings.DATABASE_READ_YOUR_WRITES_SECONDS + 1)
    Client().get(section.url + "?page=2")  # renewed by both publishes, long enough ago
    assert rendered_from == ["default", "replica", "default", "replica"]

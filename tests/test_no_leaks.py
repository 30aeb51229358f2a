"""Drafts, unpublished, private and scheduled articles never reach a public surface (PRODUCT.md §7)."""

import html
import re

import feedparser
import pytest

from news.models import ArticleRatingSummary

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory, hidden_articles

HIDDEN = "Tin mật"
VISIBLE = "Tin công khai"


@pytest.fixture
def articles(section):
    tags = {
        "provinces": ["Long An"],
        "partners": [PartnerFactory(name="VNG", slug="vng")],
        "authors": [AuthorFactory(name="Hùng Cường")],
        "valid_until": "2099-12-31",
    }
    visible = ArticlePageFactory(parent=section, title=VISIBLE, **tags)
    hidden = hidden_articles(section, title=HIDDEN, **tags)
    for page in [visible, *hidden.values()]:
        ArticleRatingSummary.objects.create(page=page, count=9, total=45, score_5=9)
    assert len(hidden) == 5
    return visible, hidden


def shows_only_the_visible_article(response):
    assert response.status_code == 200
    text = html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))  # without <mark> and links
    assert VISIBLE in text
    assert HIDDEN not in text
    return text


def test_search(articles, client):
    shows_only_the_visible_article(client.get("/tim-kiem/", {"q": "tin"}))
    shows_only_the_visible_article(client.get("/tim-kiem/", {"tinh": "long-an"}))


def test_home_and_section_listings(articles, section, client):
    shows_only_the_visible_article(client.get("/"))
    shows_only_the_visible_article(client.get(section.url))


@pytest.mark.parametrize("url", ["/tinh-thanh/long-an/", "/tinh-thanh/tay-ninh/"])
def test_province_pages(articles, client, url):
    shows_only_the_visible_article(client.get(url))


def test_province_index_counts(articles, client):
    response = client.get("/tinh-thanh/")
    tay_ninh = next(p for p in response.context["provinces"] if p.slug == "tay-ninh")
    assert tay_ninh.total_count == 1


def test_partner_pages(articles, client):
    response = client.get("/doi-tac/vng/")
    shows_only_the_visible_article(response)
    assert [a.title for a in response.context["agreements_in_force"]] == [VISIBLE]
    assert [p.article_count for p in client.get("/doi-tac/").context["partners"]] == [1]


def test_author_page(articles, client):
    shows_only_the_visible_article(client.get("/tac-gia/hung-cuong/"))


@pytest.mark.parametrize("url", ["/rss/", "/rss/tinh-thanh/tay-ninh/", "/rss/doi-tac/vng/", "/rss/tin-tuc-su-kien/"])
def test_feeds(articles, client, url):
    feed = feedparser.parse(client.get(url).content)
    assert [entry.title for entry in feed.entries] == [VISIBLE]


def test_sitemap(articles, client):
    text = client.get("/sitemap.xml").content.decode()
    visible, hidden = articles
    assert visible.url in text
    assert not [page.url for page in hidden.values() if page.url and page.url in text]
    assert not [page.slug for page in hidden.values() if page.slug in text]


def test_api(articles, client):
    visible, hidden = articles
    listing = client.get("/api/v2/pages/?type=news.ArticlePage&provinces=long-an&fields=title").json()
    assert [item["title"] for item in listing["items"]] == [VISIBLE]
    every_page = [item["title"] for item in client.get("/api/v2/pages/?search=tin&limit=20").json()["items"]]
    assert VISIBLE in every_page and not [title for title in every_page if HIDDEN in title]
    searched = client.get("/api/v2/pages/?type=news.ArticlePage&search=tin").json()
    assert [item["title"] for item in searched["items"]] == [VISIBLE]
    for page in hidden.values():
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_api_hides_private_articles_even_from_readers_logged_in(articles, client, django_user_model):
    visible, hidden = articles
    client.force_login(django_user_model.objects.create_user("ban-doc", password="mat-khau-dai-123"))
    assert client.get(hidden["login"].url).status_code == 200  # the page itself opens for them
    assert client.get(f"/api/v2/pages/{hidden['login'].pk}/").status_code == 404


def test_related_articles(articles, section, client):
    visible, hidden = articles
    page = ArticlePageFactory(parent=section, title="Bài đang đọc", provinces=["Long An"])
    for target in hidden.values():
        page.related_items.create(related_article=target)
    assert [a.title for a in client.get(page.url).context["related_articles"]] == [VISIBLE]

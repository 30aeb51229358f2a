"""Hostile input: fuzzed parameters never cause a server error; stored markup is always escaped."""

import json

import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.cache import cache
from django.test import Client

from news.importers import parse_plain_text

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory, PortalImageFactory

# derandomize: CI runs the same examples every time, so a red build is never luck.
FUZZ = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Any text a browser or a script could put in a URL (NUL is refused up front: tested below).
url_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=300)
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def site(section):
    ArticlePageFactory(parent=section, title="Ký kết thỏa thuận", provinces=["Long An"])
    return section


def assert_no_server_error(response):
    assert response.status_code < 500, response.content[:500]


@FUZZ
@given(q=url_text, page=url_text, province=url_text, partner=url_text)
def test_search_parameters(client, site, q, page, province, partner):
    response = client.get("/tim-kiem/", {"q": q, "page": page, "tinh": province, "doi-tac": partner})
    assert_no_server_error(response)
    assert response.status_code in (200, 404)


@FUZZ
@given(page=url_text)
def test_pagination_parameters(client, site, page):
    for url in (site.url, "/tinh-thanh/tay-ninh/", "/tinh-thanh/", "/doi-tac/"):
        assert_no_server_error(client.get(url, {"page": page}))


@FUZZ
@given(key=st.text(max_size=30), value=url_text)
def test_api_parameters(client, site, key, value):
    response = client.get("/api/v2/pages/", {key: value})
    assert_no_server_error(response)
    assert response.status_code in (200, 400, 404)
    if response.status_code == 400:
        assert "message" in response.json()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@FUZZ
@given(body=st.one_of(st.binary(max_size=200), json_values.map(lambda v: json.dumps({"score": v}).encode())))
def test_rating_bodies(site, body):
    cache.clear()
    article = site.get_children().first()
    response = Client().post(f"/danh-gia/{article.pk}/", body, content_type="application/json")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"]


@FUZZ
@given(text=st.text(max_size=2000))
def test_plain_text_parser(text):
    try:
        article = parse_plain_text(text)
    except ValueError:
        return
    assert article.title


def test_stored_markup_is_escaped_everywhere(client, section):
    author = AuthorFactory(name=f"Tác giả {XSS}", organisation=XSS)
    partner = PartnerFactory(name=f"Đối tác {XSS}"[:100])
    image = PortalImageFactory(caption=XSS, alt_text=f'Ảnh "{XSS}"', credit=XSS)
    article = ArticlePageFactory(
        parent=section,
        title=f"Tiêu đề {XSS}",
        sapo=f"Sapo {XSS}",
        source=XSS,
        authors=[author],
        partners=[partner],
        provinces=["Long An"],
        feature_image=image,
        signing_place=XSS,
        signing_date="2024-01-01",
    )
    pages = [
        article.url,
        section.url,
        "/",
        f"/tac-gia/{author.slug}/",
        f"/doi-tac/{partner.slug}/",
        "/tim-kiem/?q=tieu+de",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "<script>alert" not in text, url
        assert "<img src=x" not in text, url
    feed = client.get("/rss/")
    parsed = feedparser.parse(feed.content)
    assert parsed.bozo == 0
    assert b"<script>alert" not in feed.content
    api = client.get(f"/api/v2/pages/{article.pk}/")
    # JSON carries the text as data; served as JSON with nosniff, no browser runs it as HTML.
    assert api.json()["title"] == f"Tiêu đề {XSS}"
    assert api["Content-Type"] == "application/json"
    assert api["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "value", ["\x00", "ký\x00kết", "' OR 1=1 --", "%", "_", "\\", "a" * 2000, "\u202e\u0301\ufeff"]
)
def test_awkward_values_in_every_public_parameter(client, site, value):
    for url, params in (
        ("/tim-kiem/", {"q": value, "tinh": value, "doi-tac": value, "page": value}),
        (site.url, {"page": value}),
        ("/tinh-thanh/long-an/", {"page": value}),
        ("/api/v2/pages/", {"search": value, "provinces": value, "type": "news.ArticlePage"}),
        ("/van-ban/", {"q": value}),
    ):
        assert_no_server_error(client.get(url, params))


def test_nul_characters_are_refused_before_any_database_query(client, site, django_assert_num_queries):
    with django_assert_num_queries(0):
        for url in ("/tim-kiem/?q=k%00t", site.url + "?page=%00", "/abc%00/"):
            response = client.get(url)
            assert response.status_code == 400
            assert response.content.decode() == "Địa chỉ không hợp lệ."
        api = client.get("/api/v2/pages/?search=%00")
        assert (api.status_code, api.json()) == (400, {"message": "Địa chỉ không hợp lệ."})

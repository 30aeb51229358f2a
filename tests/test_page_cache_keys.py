"""The page cache keys pages by the query parameters views read, the way the nginx recipe does."""

import re
from pathlib import Path

import pytest

from django.conf import settings

from home.cache_keys import read_parameters
from news.pagination import CURSOR_PARAM, PAGE_PARAM, PAGE_SIZE
from news.views.discovery import SearchForm
from news.views.legal import LegalDocumentFilterForm

from .factories import ArticlePageFactory

RECIPE = Path(__file__).resolve().parent.parent / "deploy" / "nginx-microcache.conf"
NAMES = ("page", "q", "tinh")


@pytest.fixture(autouse=True)
def page_cache(settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", []),
        ("utm_source=zalo&fbclid=IwAR0&x=17", []),
        ("q=hop+tac&page=2", [("page", "2"), ("q", "hop tac")]),
        ("page=2&q=h%E1%BB%A3p%20t%C3%A1c", [("page", "2"), ("q", "hợp tác")]),
        ("PAGE=3&Q=a", [("page", "3"), ("q", "a")]),  # nginx's $arg_page ignores case
        ("page=2&page=3", [("page", "2")]),  # the first, like $arg_page
        ("page&page=4", [("page", "4")]),  # a name without "=" is no value
        ("page=&q=", []),  # empty is the same as absent
        ("p%61ge=5", []),  # names are compared as sent, never decoded
        ("tinh=long-an;page=2", [("tinh", "long-an;page=2")]),  # only "&" separates
    ],
)
def test_parameters_are_read_like_nginx_reads_them(query, expected):
    assert read_parameters(query, NAMES) == expected


def test_the_keyed_parameters_are_exactly_those_the_public_views_read(db):
    search = set(SearchForm().fields)
    register = set(LegalDocumentFilterForm().fields)
    sitemap = {"p"}  # Django's sitemap pagination
    assert set(settings.PAGE_CACHE_QUERY_PARAMETERS) == search | register | sitemap | {PAGE_PARAM, CURSOR_PARAM}
    assert len(settings.PAGE_CACHE_QUERY_PARAMETERS) == len(set(settings.PAGE_CACHE_QUERY_PARAMETERS))


def test_the_nginx_recipe_keys_the_same_parameters_in_the_same_order():
    text = RECIPE.read_text()
    assert re.findall(r"proxy_cache_key (\S+);", text) == ["$congtin_cache_key"]
    api, pages = re.search(
        r'map \$uri \$congtin_cache_key \{\s+"~\^/api/" "([^"]+)";\s+default "([^"]+)";', text
    ).groups()
    assert api == "$scheme$host$request_uri"
    read = re.findall(r"([\w-]+)=\$(?:arg_|congtin_arg_)(\w+)", pages)
    assert read == [(name, name.replace("-", "_")) for name in settings.PAGE_CACHE_QUERY_PARAMETERS]
    for name in settings.PAGE_CACHE_QUERY_PARAMETERS:
        if "-" in name:  # `$arg_` cannot spell it: a map reads it the same way
            variable = "congtin_arg_" + name.replace("-", "_")
            assert f'map $args ${variable} {{\n    "~*(?:^|&){name}=(?<value>[^&]*)" $value;' in text


def test_junk_parameters_share_the_clean_page_and_never_add_an_entry(client, section, redis_cache):
    ArticlePageFactory(parent=section, title="Tin chính")
    clean = client.get("/")
    assert clean["X-Page-Cache"] == "MISS"
    entries = len(redis_cache.keys("page-cache:http*"))
    for number in range(30):
        response = client.get(f"/?utm_source=facebook&fbclid=IwAR{number}&x={number}")
        assert (number, response["X-Page-Cache"]) == (number, "HIT")
        assert response.content == clean.content
    assert len(redis_cache.keys("page-cache:http*")) == entries


def test_a_page_first_rendered_for_a_junk_url_is_the_clean_page(client, section):
    for number in range(PAGE_SIZE + 1):
        ArticlePageFactory(parent=section, title=f"Bài số {number}")
    first = client.get(section.url + "?utm_source=zalo&fbclid=abc")
    assert first["X-Page-Cache"] == "MISS"
    body = first.content.decode()
    assert "?page=2" in body
    assert "utm_source" not in body and "fbclid" not in body
    assert client.get(section.url)["X-Page-Cache"] == "HIT"
    second = client.get(section.url + "?page=2")
    assert second["X-Page-Cache"] == "MISS"
    assert second.content != first.content


def test_the_order_of_read_parameters_does_not_split_entries(client, section):
    ArticlePageFactory(parent=section, title="Hợp tác phát triển")
    first = client.get("/tim-kiem/?q=hop+tac&page=1")
    assert first["X-Page-Cache"] == "MISS"
    again = client.get("/tim-kiem/?page=1&utm_campaign=x&q=hop+tac")
    assert again["X-Page-Cache"] == "HIT"
    assert again.content == first.content
    assert client.get("/tim-kiem/?q=khac")["X-Page-Cache"] == "MISS"


def test_api_parameters_all_count_and_unknown_ones_are_refused_uncached(client, section):
    ArticlePageFactory(parent=section)
    assert client.get("/api/v2/pages/?type=news.ArticlePage")["X-Page-Cache"] == "MISS"
    assert client.get("/api/v2/pages/?type=news.ArticlePage&limit=1")["X-Page-Cache"] == "MISS"
    refused = client.get("/api/v2/pages/?utm_source=x")
    assert refused.status_code == 400
    assert "X-Page-Cache" not in refused

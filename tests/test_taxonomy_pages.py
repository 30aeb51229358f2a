import datetime
import html
import itertools
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.vietnamese import slugify
from news.models import ArticlePage

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory, PortalImageFactory

_numbers = itertools.count()


def article(section, title, day=1, **kwargs):
    date = timezone.make_aware(datetime.datetime(2025, 3, 1, 8, 0) + datetime.timedelta(days=day))
    slug = f"{slugify(title)}-{next(_numbers)}"
    return ArticlePageFactory(parent=section, title=title, slug=slug, date=date, **kwargs)


def titles(response):
    assert response.status_code == 200
    return [item.title for item in response.context["articles"]]


def text_of(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_province_index_lists_the_34_current_units_with_former_units_and_counts(section, client):
    article(section, "Tin Long An", provinces=["Long An"])
    article(section, "Tin Tây Ninh", provinces=["Tây Ninh"])
    article(section, "Tin cả hai", provinces=["Tây Ninh", "Long An"])
    article(section, "Bản nháp Long An", provinces=["Long An"], live=False)
    response = client.get("/tinh-thanh/")
    provinces = response.context["provinces"]
    assert len(provinces) == 34
    assert [p.slug for p in provinces][:3] == ["an-giang", "bac-ninh", "ca-mau"]
    tay_ninh = next(p for p in provinces if p.slug == "tay-ninh")
    assert (tay_ninh.total_count, tay_ninh.article_count) == (3, 2)
    assert [(unit.name, unit.article_count) for unit in tay_ninh.former] == [("Long An", 2)]
    phu_tho = next(p for p in provinces if p.slug == "phu-tho")
    assert [unit.name for unit in phu_tho.former] == ["Hòa Bình", "Vĩnh Phúc"]
    text = text_of(response)
    assert '<a href="/tinh-thanh/tay-ninh/">Tây Ninh</a>' in text
    assert "3 bài viết" in text
    assert '<a href="/tinh-thanh/long-an/">Long An</a> <span class="province-list__count">(2)</span>' in text


def test_current_province_lists_its_own_and_its_former_units_articles(section, client):
    article(section, "Tin Long An 2018", provinces=["Long An"], day=1)
    article(section, "Tin Tây Ninh", provinces=["Tây Ninh"], day=2)
    article(section, "Tin Đồng Nai", provinces=["Đồng Nai"], day=3)
    response = client.get("/tinh-thanh/tay-ninh/")
    assert titles(response) == ["Tin Tây Ninh", "Tin Long An 2018"]
    assert [unit.slug for unit in response.context["former_units"]] == ["long-an"]
    assert '<link rel="alternate" type="application/rss+xml" title="Tây Ninh" href="/rss/tinh-thanh/tay-ninh/">' in (
        text_of(response)
    )


def test_former_province_says_where_it_now_belongs(section, client):
    article(section, "Tin Long An 2018", provinces=["Long An"], day=1)
    article(section, "Tin Tây Ninh", provinces=["Tây Ninh"], day=2)
    response = client.get("/tinh-thanh/long-an/")
    assert titles(response) == ["Tin Long An 2018"]
    assert 'Long An nay thuộc <a href="/tinh-thanh/tay-ninh/">Tây Ninh</a>.' in text_of(response)


def test_province_pages_are_paginated(section, client):
    for day in range(23):
        article(section, f"Tin số {day}", provinces=["Hà Nội"], day=day)
    assert titles(client.get("/tinh-thanh/ha-noi/")) == [f"Tin số {day}" for day in range(22, 2, -1)]
    assert titles(client.get("/tinh-thanh/ha-noi/?page=2")) == ["Tin số 2", "Tin số 1", "Tin số 0"]
    for page in ["3", "abc", "0"]:
        assert client.get(f"/tinh-thanh/ha-noi/?page={page}").status_code == 404


@pytest.mark.parametrize(
    "url", ["/tinh-thanh/khong-co/", "/doi-tac/khong-co/", "/tac-gia/khong-co/", "/tinh-thanh/Long-An/"]
)
def test_unknown_slugs_are_404(db, client, url):
    assert client.get(url).status_code == 404


def test_partner_index_lists_partners_with_published_articles(section, client):
    vng = PartnerFactory(name="VNG", full_name="Công ty Cổ phần VNG")
    lang_son = PartnerFactory(name="Viễn thông Lạng Sơn")
    PartnerFactory(name="Chỉ có bản nháp")
    article(section, "Tin 1", partners=[vng])
    article(section, "Tin 2", partners=[vng, lang_son])
    article(section, "Nháp", partners=[PartnerFactory(name="Chỉ có bản nháp")], live=False)
    response = client.get("/doi-tac/")
    assert [(p.name, p.article_count) for p in response.context["partners"]] == [
        ("Viễn thông Lạng Sơn", 1),
        ("VNG", 2),
    ]
    text = text_of(response)
    assert '<a href="/doi-tac/vng/">VNG</a> — Công ty Cổ phần VNG' in text
    assert "Chỉ có bản nháp" not in text


def test_partner_page_splits_agreements_in_force_and_expired(section, client):
    vng = PartnerFactory(name="VNG")
    today = timezone.localdate()
    article(section, "Thỏa thuận còn hiệu lực", partners=[vng], valid_until=today, signing_date="2024-01-02", day=1)
    article(section, "Thỏa thuận không thời hạn", partners=[vng], signing_date="2023-05-06", day=2)
    article(section, "Thỏa thuận hết hạn", partners=[vng], valid_until=today - datetime.timedelta(days=1), day=3)
    article(section, "Tin thường", partners=[vng], day=4)
    article(section, "Thỏa thuận của đối tác khác", partners=[PartnerFactory()], valid_until=today, day=5)
    response = client.get("/doi-tac/vng/")
    assert titles(response) == [
        "Tin thường",
        "Thỏa thuận hết hạn",
        "Thỏa thuận không thời hạn",
        "Thỏa thuận còn hiệu lực",
    ]
    assert [a.title for a in response.context["agreements_in_force"]] == [
        "Thỏa thuận còn hiệu lực",
        "Thỏa thuận không thời hạn",
    ]
    assert [a.title for a in response.context["agreements_expired"]] == ["Thỏa thuận hết hạn"]
    text = text_of(response)
    assert "Còn hiệu lực" in text and "Hết hiệu lực" in text
    assert '<link rel="alternate" type="application/rss+xml" title="VNG" href="/rss/doi-tac/vng/">' in text


def test_author_page_lists_their_articles(section, client):
    author = AuthorFactory(name="Hùng Cường", organisation="Sở TT&TT Long An", position="Phóng viên")
    article(section, "Bài của Hùng Cường", authors=[author], day=1)
    article(section, "Bài viết chung", authors=[AuthorFactory(), author], day=2)
    article(section, "Bài của người khác", authors=[AuthorFactory()], day=3)
    response = client.get("/tac-gia/hung-cuong/")
    assert titles(response) == ["Bài viết chung", "Bài của Hùng Cường"]
    assert "Phóng viên, Sở TT&TT Long An" in text_of(response)


def test_article_links_its_provinces_partners_and_authors(section, client):
    author = AuthorFactory(name="Hùng Cường", organisation="Sở TT&TT Long An")
    page = article(section, "Tin", provinces=["Long An"], partners=[PartnerFactory(name="VNG")], authors=[author])
    text = text_of(client.get(page.url))
    assert '<a class="byline__author" href="/tac-gia/hung-cuong/">Hùng Cường (Sở TT&TT Long An)</a>' in text
    assert '<a class="tag tag--province" href="/tinh-thanh/long-an/">Long An (nay thuộc Tây Ninh)</a>' in text
    assert '<a class="tag tag--partner" href="/doi-tac/vng/">VNG</a>' in text


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


# url: exact number of queries, whatever the number of articles listed.
PAGE_QUERIES = {
    "/tinh-thanh/": 4,
    "/tinh-thanh/tay-ninh/": 6,
    "/tinh-thanh/long-an/": 5,
    "/doi-tac/": 2,
    "/doi-tac/vng/": 7,
    "/tac-gia/hung-cuong/": 5,
}


def test_query_counts_are_fixed_whatever_the_number_of_articles(section, client):
    vng = PartnerFactory(name="VNG")
    author = AuthorFactory(name="Hùng Cường")

    def add(count):
        for day in range(count):
            article(
                section,
                "Tin",
                day=day,
                provinces=["Long An", "Tây Ninh"],
                partners=[vng, PartnerFactory()],
                authors=[author, AuthorFactory()],
                feature_image=PortalImageFactory(),
                valid_until=timezone.localdate() + datetime.timedelta(days=day - 1),
            )

    add(2)
    small = {url: _queries(client, url) for url in PAGE_QUERIES}
    add(25)
    assert {url: _queries(client, url) for url in PAGE_QUERIES} == small == PAGE_QUERIES


def test_deep_pages_are_read_by_key_set_past_the_numbered_pages(section, client, monkeypatch):
    monkeypatch.setattr("news.pagination.MAX_NUMBERED_PAGES", 1)
    for number in range(45):  # three articles a day: the key set must order same-date articles by id
        article(section, f"Tin số {number}", provinces=["Hà Nội"], day=number // 3)
    expected = [f"Tin số {number}" for number in sorted(range(45), key=lambda n: (n // 3, n), reverse=True)]
    first = client.get("/tinh-thanh/ha-noi/")
    assert titles(first) == expected[:20]
    text = text_of(first)
    assert "Trang 1" in text and "Trang 1 /" not in text  # the count stops at the numbered pages
    seen, url = titles(first), re.search(r'<a rel="next" href="([^"]+)"', text).group(1)
    assert url == f"?truoc={first.context['articles'][-1].pk}"
    while url:
        response = client.get("/tinh-thanh/ha-noi/" + html.unescape(url))
        seen += titles(response)
        text = text_of(response)
        assert '<a href="/tinh-thanh/ha-noi/">« Mới nhất</a>' in text
        assert "Các tin từ ngày" in text
        match = re.search(r'<a rel="next" href="([^"]+)"', text)
        url = match and match.group(1)
    assert seen == expected
    assert client.get("/tinh-thanh/ha-noi/?page=2").status_code == 404  # past the numbered pages


@pytest.mark.parametrize("cursor", ["abc", "-1", "1e9", "", "9" * 30, "99999999"])
def test_bad_or_unknown_key_set_cursors_are_404(section, client, cursor):
    article(section, "Tin", provinces=["Hà Nội"])
    assert client.get("/tinh-thanh/ha-noi/", {"truoc": cursor}).status_code == 404


def test_key_set_page_after_the_oldest_article_is_404(section, client):
    oldest = article(section, "Tin cũ nhất", provinces=["Hà Nội"], day=1)
    article(section, "Tin mới", provinces=["Hà Nội"], day=2)
    assert client.get("/tinh-thanh/ha-noi/", {"truoc": oldest.pk}).status_code == 404


def test_the_agreement_rules_agree_for_one_page_and_for_a_list(section):
    today = timezone.localdate()
    cases = [
        {},
        {"signing_place": "Hà Nội"},
        {"signing_date": today},
        {"valid_until": today},
        {"valid_until": today - datetime.timedelta(days=1)},
        {"signing_date": today, "valid_until": today + datetime.timedelta(days=9)},
    ]
    pages = [ArticlePageFactory(parent=section, **fields) for fields in cases]
    articles = ArticlePage.objects.filter(pk__in=[page.pk for page in pages])

    def pks(queryset):
        return sorted(queryset.values_list("pk", flat=True))

    assert [page.has_ceremony for page in pages] == [False, True, True, True, True, True]
    assert [page.agreement_in_force for page in pages[1:]] == [True, True, True, False, True]
    assert pks(articles.agreements()) == [page.pk for page in pages if page.has_ceremony]
    in_force = [page.pk for page in pages if page.has_ceremony and page.agreement_in_force]
    assert pks(articles.agreements(in_force=True)) == in_force
    assert pks(articles.agreements(in_force=False)) == [pages[4].pk]

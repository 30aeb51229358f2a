import datetime
import unicodedata

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from home.models import HomePage, StandardPage
from news.models import ArticlePage, ArticlePageSignatory, SectionPage

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory, PortalImageFactory, SectionPageFactory


def test_page_slug_is_transliterated_when_left_empty(section):
    page = ArticlePage(title="Đồng Nai: Ký kết thỏa thuận", sapo="Lead")
    section.add_child(instance=page)
    assert page.slug == "dong-nai-ky-ket-thoa-thuan"
    twin = ArticlePage(title="Đồng Nai: Ký kết thỏa thuận", sapo="Lead")
    section.add_child(instance=twin)
    assert twin.slug == "dong-nai-ky-ket-thoa-thuan-2"


def test_author_and_partner_slugs_are_transliterated(db):
    assert AuthorFactory(name="Đỗ Đức Định").slug == "do-duc-dinh"
    assert AuthorFactory(name="Đỗ Đức Định").slug == "do-duc-dinh-2"
    assert PartnerFactory(name="Viễn thông Đồng Nai", slug="").slug == "vien-thong-dong-nai"


def test_text_is_stored_in_nfc(section):
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    page = ArticlePage(
        title=nfd("Thỏa thuận hợp tác"),
        sapo=nfd("Hai bên ký kết"),
        source=nfd("Sở TT&TT Đồng Nai"),
        body=[("paragraph", nfd("<p>Hoà Bình</p>"))],
    )
    section.add_child(instance=page)
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.title == "Thỏa thuận hợp tác"
    assert page.sapo == "Hai bên ký kết"
    assert page.source == "Sở TT&TT Đồng Nai"
    assert page.body[0].value.source == "<p>Hoà Bình</p>"
    assert AuthorFactory(name=nfd("Vũ Đình Chuyền")).name == "Vũ Đình Chuyền"


def test_articles_can_only_be_created_inside_sections(db):
    assert SectionPage.allowed_subpage_models() == [ArticlePage]
    assert ArticlePage.allowed_parent_page_models() == [SectionPage]
    assert ArticlePage.allowed_subpage_models() == []
    assert not ArticlePage.can_create_at(HomePage.objects.get())
    assert set(HomePage.allowed_subpage_models()) == {SectionPage, StandardPage}


def test_section_lists_live_public_articles_newest_first_paginated(section, client):
    articles = [ArticlePageFactory(parent=section) for _ in range(23)]
    ArticlePageFactory(parent=section, title="Bản nháp chưa đăng", live=False)
    first = client.get(section.url)
    assert first.status_code == 200
    listed = [a.title for a in first.context["articles"]]
    assert listed == [a.title for a in reversed(articles)][:20]
    assert "Trang 1 / 2" in first.content.decode()
    second = client.get(section.url + "?page=2")
    assert [a.title for a in second.context["articles"]] == [a.title for a in reversed(articles)][20:]
    assert "Bản nháp chưa đăng" not in first.content.decode() + second.content.decode()


@pytest.mark.parametrize("page", ["3", "abc", "0", "-1", "1e9"])
def test_section_page_out_of_range_is_a_clear_404(section, client, page):
    ArticlePageFactory(parent=section)
    response = client.get(section.url, {"page": page})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_private_articles_are_not_listed(section, client):
    ArticlePageFactory(parent=section, title="Tin công khai")
    secret = ArticlePageFactory(parent=section, title="Tin nội bộ")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    text = client.get(section.url).content.decode() + client.get("/").content.decode()
    assert "Tin công khai" in text
    assert "Tin nội bộ" not in text


def test_home_shows_featured_and_latest_per_section(home, client):
    news = SectionPageFactory(parent=home, title="Tin tức")
    local = SectionPageFactory(parent=home, title="Tin địa phương")
    SectionPageFactory(parent=home, title="Chuyên mục trống")
    for _ in range(7):
        ArticlePageFactory(parent=news)
    newest = ArticlePageFactory(parent=local, title="Tin mới nhất")
    response = client.get("/")
    assert response.status_code == 200
    assert [a.pk for a in response.context["featured_articles"]] == [newest.pk]
    blocks = [(section.title, len(articles)) for section, articles in response.context["section_blocks"]]
    assert blocks == [("Tin tức", 5), ("Tin địa phương", 1)]
    assert '<html lang="vi">' in response.content.decode()
    assert "Chuyển đến nội dung chính" in response.content.decode()


def _rich_body(images):
    return [
        ("paragraph", "<p>Mở đầu</p>"),
        *[("image", {"image": image, "caption": "", "credit": ""}) for image in images[: len(images) - 2]],
        (
            "gallery",
            {"title": "Ảnh", "images": [{"image": i, "caption": "", "credit": ""} for i in images[len(images) - 2 :]]},
        ),
    ]


def test_home_blocks_hold_each_sections_newest_in_one_query_where_the_database_can(home, client):
    """Three sections' newest five, newest first; one query for all three where the database
    takes a LIMIT inside a UNION (PostgreSQL), one each elsewhere (SQLite)."""
    start = timezone.make_aware(datetime.datetime(2026, 1, 1, 8, 0))
    sections = [SectionPageFactory(parent=home, title=title) for title in ("Tin tức", "Tin địa phương", "Thông tin")]
    expected = {}
    for number, section in enumerate(sections):
        made = [
            ArticlePageFactory(parent=section, date=start + datetime.timedelta(hours=number + 3 * day))
            for day in range(7)
        ]
        expected[section.title] = [article.pk for article in reversed(made)][:5]
    response = client.get("/")
    assert {
        section.title: [a.pk for a in articles] for section, articles in response.context["section_blocks"]
    } == expected
    one_query = connection.features.supports_slicing_ordering_in_compound
    # The token, the newest article, then the sections (no pictures here: no renditions); the
    # top rated and most read lists are remembered with the site furniture.
    assert _queries_for(client, "/") == (3 if one_query else 5)


def _queries_for(client, url):
    client.get(url)  # first view creates the renditions
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


ARTICLE_QUERIES = 7


def test_article_query_count_is_fixed_whatever_its_authors_tags_and_images(section, client):
    ArticlePageFactory(parent=section, provinces=["Long An"], feature_image=PortalImageFactory())
    plain = ArticlePageFactory(
        parent=section,
        provinces=["Long An"],
        partners=[PartnerFactory()],
        authors=[AuthorFactory()],
        feature_image=PortalImageFactory(),
        body=_rich_body([PortalImageFactory() for _ in range(3)]),  # one body image, a gallery of two
        signing_date="2010-02-02",
    )
    ArticlePageSignatory.objects.create(
        page=plain, name="Vi Văn Phương", position="Giám đốc", organisation="Viễn thông Lạng Sơn"
    )
    rich = ArticlePageFactory(
        parent=section,
        provinces=["Long An", "Đồng Nai", "Hà Nội"],
        partners=[PartnerFactory(), PartnerFactory(), PartnerFactory()],
        authors=[AuthorFactory(), AuthorFactory(), AuthorFactory()],
        feature_image=PortalImageFactory(),
        body=_rich_body([PortalImageFactory() for _ in range(5)]),
        signing_date="2018-08-27",
    )
    ArticlePageSignatory.objects.create(page=rich, name="Nguyễn Văn A", position="Giám đốc", organisation="Sở TT&TT")
    ArticlePageSignatory.objects.create(page=rich, name="Trần Văn B", position="Giám đốc", organisation="VNG")
    assert (_queries_for(client, plain.url), _queries_for(client, rich.url)) == (ARTICLE_QUERIES, ARTICLE_QUERIES)
    assert client.get(rich.url).content.decode().count('type="image/webp"') == 1 + 5 + 2  # feature, body, two related
    assert client.get(plain.url).content.decode().count('type="image/webp"') == 1 + 3 + 2
    assert client.get(rich.url).content.decode().count("<li><strong>") == 2  # both signatories


def test_home_and_section_query_counts_do_not_grow_with_articles(home, client):
    section = SectionPageFactory(parent=home)
    for index in range(3):
        ArticlePageFactory(parent=section, feature_image=PortalImageFactory(), authors=[AuthorFactory()] * (index + 1))
    home_small, section_small = _queries_for(client, "/"), _queries_for(client, section.url)
    for _ in range(12):
        ArticlePageFactory(parent=section, feature_image=PortalImageFactory(), authors=[AuthorFactory()])
    assert (_queries_for(client, "/"), _queries_for(client, section.url)) == (home_small, section_small)
    # Home: the token, the newest article (no picks), the section's newest, and one renditions
    # query for every picture. Section: the token, the capped count, the list, renditions.
    assert (home_small, section_small) == (4, 4)


def test_cards_of_a_withdrawn_article_show_no_lead(home, client):
    section = SectionPageFactory(parent=home, title="Tin tức")
    ArticlePageFactory(parent=section, title="Bài còn hiệu lực", sapo="Nội dung vẫn đúng")
    withdrawn = ArticlePageFactory(parent=section, title="Bài đã gỡ", sapo="Nội dung sai đã gỡ", withdrawn=True)

    # On the home page the newest article is the featured lead and its section's first card,
    # both of which show a lead.
    response = client.get("/")
    assert [a.pk for a in response.context["featured_articles"]] == [withdrawn.pk]
    html = response.content.decode()
    assert html.count("Bài đã gỡ") == 2
    assert "Nội dung sai đã gỡ" not in html
    assert html.count('class="card__sapo"') == 0

    html = client.get(section.url).content.decode()
    assert "Bài đã gỡ" in html
    assert "Nội dung sai đã gỡ" not in html
    assert html.count('class="card__sapo"') == 1
    assert '<p class="card__sapo">Nội dung vẫn đúng</p>' in html

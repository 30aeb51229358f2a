"""A reader reaches every register from any page: the footer, the author index, the site map, icons."""

import itertools
import json
import re

import pytest

from wagtail.models import Site

from home.models import PortalSettings, StandardPage
from news.models import ArticlePage

from .factories import ArticlePageFactory, AuthorFactory, SectionPageFactory


def links(response):
    assert response.status_code == 200
    return re.findall(r'<a href="([^"#]+)"', response.content.decode())


def footer(response):
    text = response.content.decode()
    return text[text.index('<footer class="footer">') :]


def add_page(parent, title, slug, language="vi", live=True):
    page = StandardPage(title=title, slug=slug, language=language, live=live)
    parent.add_child(instance=page)
    return page


def test_the_footer_links_every_register_and_the_institutional_pages(client, home, section):
    add_page(home, "Giới thiệu", "gioi-thieu")
    add_page(home, "Liên hệ", "lien-he")
    add_page(home, "Bản nháp", "ban-nhap", live=False)
    add_page(home, "English", "en", language="en")
    portal = PortalSettings.for_site(Site.objects.get())
    portal.agency_links = json.dumps(
        [{"type": "link", "value": {"name": "Cổng Chính phủ", "url": "https://chinhphu.vn/"}}]
    )
    portal.save()
    article = ArticlePageFactory(parent=section)
    for url in ("/", section.url, article.url, "/tim-kiem/?q=hop+tac"):
        found = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', footer(client.get(url)))
        assert found == [
            ("/gioi-thieu/", "Giới thiệu"),
            ("/lien-he/", "Liên hệ"),
            ("/thong-bao/", "Thông báo"),
            ("/van-ban/", "Văn bản pháp luật"),
            ("/tinh-thanh/", "Tỉnh, thành phố"),
            ("/doi-tac/", "Đối tác"),
            ("/tac-gia/", "Tác giả"),
            ("/so-do-cong/", "Sơ đồ cổng"),
            ("/rss/", "RSS"),
            ("https://chinhphu.vn/", "Cổng Chính phủ"),
        ], url


def test_the_author_index_lists_authors_of_published_articles(client, section, django_assert_num_queries):
    an, binh, draft_only = AuthorFactory(name="Minh An"), AuthorFactory(name="Thanh Bình"), AuthorFactory(name="Nháp")
    ArticlePageFactory(parent=section, authors=[an, binh])
    ArticlePageFactory(parent=section, authors=[an])
    ArticlePage.objects.filter(pk=ArticlePageFactory(parent=section, authors=[draft_only]).pk).update(live=False)
    client.get("/tac-gia/")  # the worker's furniture
    with django_assert_num_queries(2):  # the furniture token, the authors with their counts
        response = client.get("/tac-gia/")
    text = response.content.decode()
    assert re.findall(r'<li><a href="(/tac-gia/[^"]+)">([^<]+)</a>', text) == [
        ("/tac-gia/minh-an/", "Minh An"),
        ("/tac-gia/thanh-binh/", "Thanh Bình"),
    ]
    assert "(2 bài viết)" in text and "(1 bài viết)" in text
    assert "Nháp" not in text


def test_the_site_map_shows_the_page_tree_and_the_registers(client, home):
    news = SectionPageFactory(parent=home, title="Tin tức")
    ArticlePageFactory(parent=news, title="Một bài viết")
    about = add_page(home, "Giới thiệu", "gioi-thieu")
    add_page(about, "Cơ cấu tổ chức", "co-cau-to-chuc")
    hidden = add_page(home, "Chưa xuất bản", "chua-xuat-ban", live=False)
    add_page(hidden, "Con của bản nháp", "con")
    english = add_page(home, "English", "en", language="en")
    add_page(english, "Structure", "structure", language="en")

    response = client.get("/so-do-cong/")
    text = response.content.decode()
    tree = text[text.index('id="site-map-pages"') : text.index('id="site-map-registers"')]
    assert re.findall(r'<a href="([^"]+)"', tree) == [
        "/",
        "/tin-tuc/",
        "/gioi-thieu/",
        "/gioi-thieu/co-cau-to-chuc/",
        "/en/",
        "/en/structure/",
    ]
    assert '<a href="/en/" lang="en" hreflang="en">English</a>' in tree
    assert "Một bài viết" not in text and "Con của bản nháp" not in text
    assert {
        "/thong-bao/",
        "/rss/thong-bao/",
        "/van-ban/",
        "/tinh-thanh/",
        "/doi-tac/",
        "/tac-gia/",
        "/tim-kiem/",
        "/rss/",
        "/rss/tin-tuc/",
    } <= set(links(response))
    assert re.findall(r"<h(\d)", text[text.index("<main") :]) == ["1", "2", "2", "2"]


def test_browsers_and_home_screens_get_the_portal_s_icons(client, home):
    favicon = client.get("/favicon.ico")
    assert (favicon.status_code, favicon["Location"]) == (302, "/static/icons/favicon.ico")
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/icons/icon.svg" type="image/svg+xml">' in page
    assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">' in page
    manifest = client.get("/site.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    assert (data["name"], data["lang"], [icon["sizes"] for icon in data["icons"]]) == (
        PortalSettings.for_site(Site.objects.get()).agency_name,
        "vi",
        ["192x192", "512x512"],
    )


@pytest.mark.parametrize("name", ["favicon.ico", "icon.svg", "apple-touch-icon.png", "icon-192.png", "icon-512.png"])
def test_the_icons_are_shipped(name, settings):
    from pathlib import Path

    assert (Path(settings.BASE_DIR) / "site" / "static" / "icons" / name).stat().st_size > 200


def test_no_page_type_skips_a_heading_level(client, home, section):
    """h1, then h2 under it, h3 under an h2: screen readers list headings as an outline."""
    from .factories import PartnerFactory

    author, partner = AuthorFactory(name="Minh An", slug="minh-an"), PartnerFactory(name="Sở Y tế", slug="so-y-te")
    article = ArticlePageFactory(
        parent=section, title="Ký kết hợp tác", provinces=["Long An"], partners=[partner], authors=[author]
    )
    ArticlePageFactory(parent=section, title="Thông báo tuyển dụng", article_type="thong-bao")
    urls = ["/", section.url, article.url, "/tac-gia/", "/tac-gia/minh-an/", "/tinh-thanh/", "/tinh-thanh/tay-ninh/"]
    urls += ["/doi-tac/", "/doi-tac/so-y-te/", "/tim-kiem/?q=ky+ket", "/thong-bao/", "/van-ban/", "/so-do-cong/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", text[text.index("<main") : text.index("</main>")])]
        assert levels[0] == 1, (url, levels)
        jumps = [(before, after) for before, after in itertools.pairwise(levels) if after > before + 1]
        assert jumps == [], (url, levels)

"""Save an article: one click gives the reader one self-contained HTML file (NĐ 42/2022 Điều 7.1.c)."""

import re

import pytest

from news.models import ArticlePage

from .factories import ArticlePageFactory, AuthorFactory, PortalImageFactory


@pytest.fixture
def article(section):
    photos = [PortalImageFactory(caption="Quang cảnh buổi lễ", credit="Ảnh: Minh An") for _ in range(3)]
    return ArticlePageFactory(
        parent=section,
        title="Đồng Nai và Bình Dương ký kết hợp tác",
        slug="dong-nai-binh-duong-ky-ket",
        sapo="Sáng 5/3, hai tỉnh ký kết thỏa thuận hợp tác chuyển đổi số.",
        source="Mic.gov.vn",
        feature_image=photos[0],
        authors=[AuthorFactory(name="Hùng Cường", organisation="Sở TT&TT Long An")],
        body=[
            ("paragraph", "<p>Hai bên thống nhất năm nội dung hợp tác.</p>"),
            ("image", {"image": photos[1], "caption": "Ký kết", "credit": ""}),
            ("gallery", {"title": "", "images": [{"image": photos[2], "caption": "", "credit": ""}] * 2}),
        ],
    )


def test_the_article_page_offers_the_file(client, article):
    text = client.get(article.url).content.decode()
    assert f'<a class="tool" href="/luu-bai/{article.pk}/" download>Lưu bài viết</a>' in text


def test_the_file_holds_the_article_and_its_pictures_and_needs_nothing_else(client, article):
    response = client.get(f"/luu-bai/{article.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dong-nai-binh-duong-ky-ket.html"'
    text = response.content.decode()
    for expected in (
        "<h1>Đồng Nai và Bình Dương ký kết hợp tác</h1>",
        "(Mic.gov.vn) - Sáng 5/3, hai tỉnh ký kết thỏa thuận hợp tác chuyển đổi số.",
        "<p>Hai bên thống nhất năm nội dung hợp tác.</p>",
        "Hùng Cường (Sở TT&amp;TT Long An)",
        "Nguồn: Mic.gov.vn",
        f'href="http://localhost{article.url}"',
        "Quang cảnh buổi lễ Ảnh: Minh An",
    ):
        assert expected in text, expected
    assert len(re.findall(r'<img src="data:image/jpeg;base64,[A-Za-z0-9+/=]{100,}" alt="[^"]+">', text)) == 4
    # Self-contained: no picture, style or script is fetched from anywhere.
    assert re.findall(r'(?:src|href)="(?!data:|http://localhost/)[^"]*"', text) == []
    assert "<script" not in text and 'rel="stylesheet"' not in text


def test_drafts_and_withdrawn_articles_have_no_file(client, article):
    ArticlePage.objects.filter(pk=article.pk).update(withdrawn=True)
    assert client.get(f"/luu-bai/{article.pk}/").status_code == 404
    ArticlePage.objects.filter(pk=article.pk).update(withdrawn=False, live=False)
    assert client.get(f"/luu-bai/{article.pk}/").status_code == 404


def test_a_cached_file_is_still_a_download(client, article, settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(f"/luu-bai/{article.pk}/")
    again = client.get(f"/luu-bai/{article.pk}/")
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("MISS", "HIT")
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert again.content == first.content

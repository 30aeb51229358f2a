import html
import re
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.models import Page

from home.models import PortalImage, PortalSettings
from news.importers import parse_plain_text
from news.models import ArticleDailyReads, ArticlePage, ArticleRating, Author, LegalDocument, Partner, SectionPage

SEEDS = Path(__file__).resolve().parents[1] / "news" / "demo" / "seeds"
ARTICLE_2010 = "/hop-tac-phat-trien/le-ky-ket-hop-tac-phat-trien-giua-tinh-doan-lang-son-vien-thong-lang-son-va-giao-luu-mung-xuan/"  # noqa: E501
ARTICLE_2018 = "/tin-dia-phuong/long-an-ky-ket-thoa-thuan-hop-tac-trien-khai-phan-mem-giam-sat-truc-tuyen/"


def page_text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_demo_builds_sections_articles_partners_and_authors(demo):
    assert list(SectionPage.objects.order_by("path").values_list("slug", flat=True)) == [
        "tin-tuc-su-kien",
        "tin-dia-phuong",
        "hop-tac-phat-trien",
        "chuyen-doi-so",
        "khoa-hoc-cong-nghe",
    ]
    assert ArticlePage.objects.live().count() == 54
    partners = set(Partner.objects.values_list("name", flat=True))
    assert {"Công ty Cổ phần VNG", "Sở TT&TT Long An", "Tỉnh Đoàn Lạng Sơn", "Viễn thông Lạng Sơn"} <= partners
    assert len(partners) == 14
    bylines = {str(author) for author in Author.objects.all()}
    assert {"Hùng Cường (Sở TT&TT Long An)", "Vũ Đình Chuyền (Sở Thông tin và Truyền thông)"} <= bylines
    assert "Nguyễn Thu Hà (Trung tâm Chuyển đổi số)" in bylines
    assert Author.objects.exclude(position="").count() == 7  # the showcase's, with position and bio
    assert PortalImage.objects.count() == 8
    assert all(image.alt_text and image.caption and image.credit for image in PortalImage.objects.all())


def test_load_demo_twice_creates_nothing_new(demo, django_user_model):
    def counts():
        return (
            Page.objects.count(),
            PortalImage.objects.count(),
            Author.objects.count(),
            Partner.objects.count(),
            LegalDocument.objects.count(),
            get_document_model().objects.count(),
            ArticleRating.objects.count(),
            ArticleDailyReads.objects.count(),
            django_user_model.objects.count(),
        )

    before = counts()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert counts() == before
    assert "created" not in output.getvalue()
    assert "admin /" not in output.getvalue()


def test_demo_prints_the_random_admin_password_once(demo, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    password = demo.split("admin / ")[1].split()[0]
    assert len(password) >= 20
    assert admin.is_superuser and admin.check_password(password)


def test_2018_article_renders_with_its_metadata(demo, client):
    text = page_text(client.get(ARTICLE_2018))
    assert (
        '<h1 class="article__title">Long An: Ký kết thỏa thuận hợp tác triển khai phần mềm giám sát trực tuyến</h1>'
        in text
    )
    assert "Thứ Hai, 27/08/2018" in text
    assert (
        '<p class="byline"><a class="byline__author" href="/tac-gia/hung-cuong/">Hùng Cường (Sở TT&TT Long An)</a></p>'
        in text
    )
    assert "Nguồn: Mic.gov.vn" in text
    assert '<a class="tag tag--province" href="/tinh-thanh/long-an/">Long An (nay thuộc Tây Ninh)</a>' in text
    assert '<a class="tag tag--partner" href="/doi-tac/cong-ty-co-phan-vng/">Công ty Cổ phần VNG</a>' in text
    assert '<a class="tag tag--partner" href="/doi-tac/so-tt-tt-long-an/">Sở TT&TT Long An</a>' in text
    assert "Thông tin lễ ký kết" in text
    assert "<dt>Ngày ký</dt><dd>27/08/2018</dd>" in text
    assert "đến hết ngày 31/12/2020" in text
    assert '<span class="badge badge--expired">đã hết hiệu lực</span>' in text
    assert "<strong>Nguyễn Bá Luân</strong>, Tỉnh ủy viên, Giám đốc — Sở TT&TT Long An" in text
    assert "<strong>Bùi Huy Cường</strong>, Giám đốc Phát triển kênh phòng máy — Công ty Cổ phần VNG" in text
    # Both decrees are in the demo's register: the references link to it, in the article's order.
    references = text.split("<li>Nghị định số ")[1:3]
    assert references[0].startswith('<a class="legal-link" href="/van-ban/72-2013-nd-cp/"')
    assert references[1].startswith('<a class="legal-link" href="/van-ban/27-2018-nd-cp/"')


def test_2010_article_renders_with_its_metadata(demo, client):
    text = page_text(client.get(ARTICLE_2010))
    assert "Thứ Ba, 02/02/2010" in text
    assert "Vũ Đình Chuyền (Sở Thông tin và Truyền thông)" in text
    assert '<a class="tag tag--province" href="/tinh-thanh/lang-son/">Lạng Sơn</a>' in text
    assert '<a class="tag tag--partner" href="/doi-tac/tinh-doan-lang-son/">Tỉnh Đoàn Lạng Sơn</a>' in text
    assert '<a class="tag tag--partner" href="/doi-tac/vien-thong-lang-son/">Viễn thông Lạng Sơn</a>' in text
    assert "<strong>Đoàn Thị Hậu</strong>, Tỉnh uỷ viên, Bí thư — Tỉnh Đoàn Lạng Sơn" in text
    assert "Nguồn:" not in text
    assert "hiệu lực" not in text.split("Thông tin lễ ký kết")[1].split("</aside>")[0]


@pytest.mark.parametrize(
    ("seed", "url"), [("000_5163d7da9b2bfdef.txt", ARTICLE_2010), ("004_2ccb6ac7c5283691.txt", ARTICLE_2018)]
)
def test_seed_text_is_kept_word_for_word_without_boilerplate(demo, client, seed, url):
    raw = (SEEDS / seed).read_text(encoding="utf-8")
    html_text = page_text(client.get(url))
    text = re.sub(r"<[^>]+>", "", html_text)  # the words readers see: registered decrees are links
    paragraphs = [line.strip() for line in raw.splitlines()[2:] if len(line.strip()) > 100]
    assert len(paragraphs) == 5
    for paragraph in paragraphs:
        paragraph = paragraph.removeprefix("(Mic.gov.vn) - ").strip()
        assert paragraph in text
    assert "Skip to main content" not in text
    assert "ĐÁNH GIÁ BÀI VIẾT( 0)" not in text
    assert "20180828-m01-LA.jpg\n" not in html_text


def test_2018_photo_is_the_feature_image_with_alt_caption_and_webp_srcset(demo, client):
    text = page_text(client.get(ARTICLE_2018))
    article = ArticlePage.objects.get(slug__startswith="long-an")
    image = article.feature_image
    assert image.file.name.startswith("original_images/20180828-m01-LA")
    assert f'alt="{image.alt_text}"' in text
    assert image.caption in text
    assert 'type="image/webp"' in text
    assert ".format-webp.width-800.webp 800w" in text
    assert [block.block_type for block in article.body] == ["paragraph"] * 4


def test_seed_parser_reads_both_bylines_and_the_source_lead():
    old = parse_plain_text((SEEDS / "000_5163d7da9b2bfdef.txt").read_text(encoding="utf-8"))
    new = parse_plain_text((SEEDS / "004_2ccb6ac7c5283691.txt").read_text(encoding="utf-8"))
    assert old.title.startswith("Lễ ký kết hợp tác phát triển giữa Tỉnh Đoàn Lạng Sơn")
    assert (old.source, old.byline.name, old.byline.unit) == ("", "Vũ Đình Chuyền", "Sở Thông tin và Truyền thông")
    assert (new.source, new.byline.name, new.byline.unit) == ("Mic.gov.vn", "Hùng Cường", "Sở TT&TT Long An")
    assert (len(old.paragraphs), len(new.paragraphs)) == (5, 5)
    assert new.images == ["20180828-m01-LA.jpg"]
    assert new.blocks[1] == ("image", "20180828-m01-LA.jpg")


def test_footer_shows_the_agency_legal_block(demo, client):
    text = page_text(client.get("/"))
    portal = PortalSettings.objects.get()
    assert portal.owning_agency in text
    assert f"Cơ quan chủ quản: {portal.owning_agency}" in text
    assert f"Chịu trách nhiệm: {portal.person_responsible}" in text
    assert portal.email in text


def test_make_run_on_another_port_gives_the_demo_that_address():
    import os
    import shutil
    import subprocess

    # Without PORTAL_BASE_URL, and without the make that runs `make test` (it would print its own lines).
    env = {k: v for k, v in os.environ.items() if k not in ("PORTAL_BASE_URL", "MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    root = Path(__file__).resolve().parents[1]
    make = shutil.which("make")
    result = subprocess.run(  # noqa: S603
        [make, "-n", "run", "PORT=8201"], cwd=root, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert [line for line in result.stdout.splitlines() if line.startswith("PORTAL_BASE_URL=")] == [
        "PORTAL_BASE_URL=http://127.0.0.1:8201 .venv/bin/python manage.py load_demo",
        "PORTAL_BASE_URL=http://127.0.0.1:8201 .venv/bin/python manage.py runserver 127.0.0.1:8201",
    ]


@pytest.mark.django_db
def test_the_demo_s_links_name_the_port_it_is_served_on(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8201"  # PORTAL_BASE_URL, as make run PORT=8201 sets it
    call_command("load_demo", stdout=None)
    text = page_text(client.get(ARTICLE_2018))
    canonical = "http://127.0.0.1:8201" + ARTICLE_2018
    assert f'<link rel="canonical" href="{canonical}">' in text
    assert f'<meta property="og:url" content="{canonical}">' in text
    assert "8000" not in text


def test_the_demo_has_vietnamese_institutional_pages_and_links_to_other_agencies(demo, client):
    text = page_text(client.get("/"))
    footer = text[text.index('<footer class="footer">') :]
    for url, title in (("/gioi-thieu/", "Giới thiệu"), ("/lien-he/", "Liên hệ")):
        assert f'<a href="{url}">{title}</a>' in footer
        assert title in page_text(client.get(url))
    assert '<a href="https://chinhphu.vn/" rel="noopener">Cổng Thông tin điện tử Chính phủ</a>' in footer

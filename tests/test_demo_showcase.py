"""The showcase demo (issue 27.8): every public feature has content on the first `make run`."""

import datetime
import html
import io
import re
import zipfile
from pathlib import Path

from django.contrib.auth.models import Group
from django.utils import timezone

from news.models import (
    ArticleDailyReads,
    ArticlePage,
    ArticleRating,
    ArticleRatingSummary,
    LegalDocument,
    LegalDocumentStatus,
    Partner,
    Province,
    SectionPage,
)
from news.templatetags.home_news import MOST_READ_COUNT, NOTICES_COUNT, TOP_RATED_COUNT, TOP_RATED_MIN_VOTES

ROOT = Path(__file__).resolve().parents[1]
LONG_AN = "/tin-dia-phuong/long-an-ky-ket-thoa-thuan-hop-tac-trien-khai-phan-mem-giam-sat-truc-tuyen/"


def page_text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def news_articles():
    return ArticlePage.objects.live().exclude(article_type="thong-bao")


def test_five_sections_hold_forty_articles_from_2010_to_2026_each_with_its_own_text(demo):
    articles = list(news_articles())
    assert len(articles) >= 40
    for section in SectionPage.objects.all():
        assert ArticlePage.objects.child_of(section).live().count() >= 5, section.title
    years = {article.date.year for article in articles}
    assert min(years) == 2010 and max(years) == 2026
    assert len(years) >= 15
    for article in articles:
        assert article.authors.exists(), article.title
        paragraphs = [block for block in article.body if block.block_type == "paragraph"]
        assert 2 <= len(paragraphs) <= 5, article.title
    # Written one by one: no two leads, no two bodies alike.
    assert len({article.sapo for article in articles}) == len(articles)
    assert len({str(article.body) for article in articles}) == len(articles)
    assert sum(article.feature_image_id is not None for article in articles) >= 20
    assert sum(article.has_ceremony for article in articles) >= 8
    assert sum(bool(article.legal_references) for article in articles) >= 10
    assert ArticlePage.objects.filter(article_type="thong-cao-bao-chi").count() >= 2


def test_authors_are_named_in_vietnamese_with_their_position_and_unit(demo, client):
    text = page_text(client.get("/tac-gia/"))
    assert '<a href="/tac-gia/nguyen-thu-ha/">Nguyễn Thu Hà</a> — Trung tâm Chuyển đổi số' in text
    assert '<a href="/tac-gia/do-quang-huy/">Đỗ Quang Huy</a> — Phòng Quản lý khoa học' in text
    text = page_text(client.get("/tac-gia/nguyen-thu-ha/"))
    assert '<p class="section-intro">Phóng viên, Trung tâm Chuyển đổi số</p>' in text
    assert "Trợ lý ảo hỗ trợ người dân tra cứu thủ tục hành chính" in text


def test_articles_are_tagged_with_current_and_former_provinces_and_ten_partners(demo, client):
    used = Province.objects.filter(tagged_articles__isnull=False).distinct()
    assert used.count() >= 15
    assert used.filter(is_current=False).count() >= 8  # articles from before 1 July 2025 keep their province
    assert used.filter(is_current=True).count() >= 8  # and those after it, the units in force
    assert Partner.objects.filter(tagged_articles__isnull=False).distinct().count() >= 10
    # A current unit's page lists the articles of the former units merged into it.
    text = page_text(client.get("/tinh-thanh/dong-thap/"))
    assert "Đồng Tháp và Viettel ký kết thỏa thuận hợp tác chuyển đổi số" in text
    assert "Tiền Giang và VNNIC hợp tác thúc đẩy IPv6" in text
    text = page_text(client.get("/doi-tac/viettel/"))
    assert "Kiên Giang: Phủ sóng di động 4G cho các xã đảo" in text


def test_notices_are_open_expired_and_pinned_each_with_attachments(demo, client):
    notices = list(ArticlePage.objects.notices())
    assert len(notices) >= 6
    assert sum(notice.is_expired for notice in notices) >= 2
    assert sum(not notice.is_expired for notice in notices) >= NOTICES_COUNT
    assert sum(notice.pinned and not notice.is_expired for notice in notices) >= 2
    assert any(notice.pinned and notice.is_expired for notice in notices)
    assert all(notice.deadline or notice.notice_valid_until for notice in notices)
    for notice in notices:
        attachments = list(notice.attachments.select_related("document"))
        assert 1 <= len(attachments) <= 2, notice.title
        for attachment in attachments:
            data = attachment.document.file.read()
            assert attachment.document.file_size == len(data) < 10_000
            if attachment.file_type == "PDF":
                assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
            else:
                assert attachment.file_type == "DOCX"
                assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    text = page_text(client.get("/thong-bao/"))
    assert text.count("Đã hết hạn") >= 2
    text = page_text(client.get(notices[0].url))
    assert "Tệp đính kèm" in text and "(PDF, " in text


def test_the_register_holds_the_decrees_the_seeds_cite_one_replaced(demo, client):
    decree = LegalDocument.objects.get(symbol="72/2013/NĐ-CP")
    assert decree.status == LegalDocumentStatus.REPEALED
    assert decree.replaced_by.symbol == "147/2024/NĐ-CP"
    assert LegalDocument.objects.get(symbol="27/2018/NĐ-CP").issuer == "Chính phủ"
    assert LegalDocument.objects.count() >= 10
    assert len(set(LegalDocument.objects.values_list("document_type", flat=True))) >= 3
    assert LegalDocument.objects.filter(file__isnull=False).exists()
    text = page_text(client.get("/van-ban/"))
    assert "72/2013/NĐ-CP" in text and "Luật Giao dịch điện tử" in text
    assert "147/2024/NĐ-CP" in page_text(client.get("/van-ban/72-2013-nd-cp/"))


def test_hand_picked_related_articles_come_first(demo, client):
    picked = ArticlePage.objects.filter(related_items__isnull=False).distinct()
    assert picked.count() >= 4
    article = ArticlePage.objects.get(title__startswith="Đồng Tháp và Viettel")
    text = page_text(client.get(article.url))
    related = text[text.index('id="related-heading"') :]
    assert related.index("Tiền Giang và VNNIC") < related.index("Bắc Giang ký kết hợp tác chuyển đổi số")


def test_most_read_and_top_rated_are_full_on_the_home_page(demo, client):
    since = timezone.localdate() - datetime.timedelta(days=6)
    assert not ArticleDailyReads.objects.filter(day__lt=since).exists()  # dated when the demo loads
    assert len(ArticlePage.objects.most_read(7, MOST_READ_COUNT)) == MOST_READ_COUNT
    assert len(ArticlePage.objects.top_rated(TOP_RATED_MIN_VOTES, TOP_RATED_COUNT)) == TOP_RATED_COUNT
    for summary in ArticleRatingSummary.objects.all():  # each summary is its votes' own
        votes = ArticleRating.objects.filter(page=summary.page_id)
        assert summary.count == votes.count()
        assert summary.total == sum(votes.values_list("score", flat=True))
    text = page_text(client.get("/"))
    for heading in ("most-read-heading", "top-rated-heading", "notices-heading"):
        block = text[text.index(f'id="{heading}"') :].split("</section>")[0]
        assert block.count("<li") == 5, heading
    # The seed articles stay quiet, for whoever needs an article nobody has read or rated yet.
    long_an = ArticlePage.objects.get(url_path__endswith=LONG_AN)
    assert not ArticleRating.objects.filter(page=long_an).exists()
    assert not ArticleDailyReads.objects.filter(page=long_an).exists()


def test_one_demo_account_per_role_with_its_password_printed_once(demo, django_user_model):
    for username, role in (
        ("demo.phongvien", "Phóng viên"),
        ("demo.bientap", "Biên tập viên"),
        ("demo.quantri", "Quản trị"),
    ):
        user = django_user_model.objects.get(username=username)
        password = re.search(rf"{re.escape(username)} / (\S+)", demo)[1]
        assert len(password) >= 20 and user.check_password(password)
        assert list(user.groups.all()) == [Group.objects.get(name=role)]
        assert not user.is_superuser and user.get_full_name()
        assert f"`{username}`" in (ROOT / "README.md").read_text(encoding="utf-8")

"""Notices on a 390 px phone: the home page's "Thông báo" block, a notice with its deadline and
files, and /thong-bao/. Screenshots land in tests/e2e/screenshots/."""

import datetime

import pytest
from playwright.sync_api import expect

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

from news.models import ArticlePageAttachment, ArticleType

from ..factories import ArticlePageFactory, SectionPageFactory
from .conftest import CHROMIUM
from .test_browser import PHONE, assert_page_basics, open_page

if not CHROMIUM.exists():
    pytest.skip(f"end-to-end tests need Chromium at {CHROMIUM}", allow_module_level=True)

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.browser]


@pytest.fixture
def notices(home):
    section = SectionPageFactory(parent=home, title="Tin tức - Sự kiện")
    now = timezone.now()

    def notice(title, days_ago, **kwargs):
        date = now - datetime.timedelta(days=days_ago)
        return ArticlePageFactory(parent=section, title=title, article_type=ArticleType.NOTICE, date=date, **kwargs)

    recruiting = notice(
        "Thông báo tuyển dụng viên chức Sở Khoa học và Công nghệ năm 2026",
        3,
        pinned=True,
        deadline=now + datetime.timedelta(days=10),
        notice_valid_until=(now + datetime.timedelta(days=30)).date(),
    )
    notice("Thông báo lịch tiếp công dân tháng 12", 1, notice_valid_until=(now + datetime.timedelta(days=20)).date())
    notice("Thông báo mời thầu gói thiết bị phòng thí nghiệm", 2, deadline=now - datetime.timedelta(hours=2))
    document = get_document_model()(
        title="Mẫu đơn", file=ContentFile(b"%PDF-1.4\n" + b"x" * 1_250_000, name="mau-don-du-tuyen.pdf")
    )
    document._set_document_file_metadata()
    document.save()
    ArticlePageAttachment.objects.create(page=recruiting, document=document, label="Mẫu đơn đăng ký dự tuyển")
    return recruiting


def test_notices_on_a_phone(notices, page, screenshots):
    open_page(page, "/", PHONE, screenshot=screenshots / f"notices-home-{PHONE}.png")
    assert_page_basics(page, PHONE)
    block = page.locator("section.notices")
    expect(block.get_by_role("heading", level=2)).to_have_text("Thông báo")
    expect(block.locator(".notice-item__title")).to_have_count(2)  # the expired one has left
    expect(block.locator(".notice-item__title").first).to_contain_text("Ghim")

    open_page(page, notices.url, PHONE, screenshot=screenshots / f"notice-page-{PHONE}.png")
    assert_page_basics(page, PHONE)
    expect(page.locator(".notice-facts")).to_contain_text("Hạn nộp hồ sơ")
    expect(page.locator(".attachments")).to_contain_text("Mẫu đơn đăng ký dự tuyển (PDF, 1,2 MB)")

    open_page(page, "/thong-bao/", PHONE, screenshot=screenshots / f"notice-list-{PHONE}.png")
    assert_page_basics(page, PHONE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông báo")
    expect(page.get_by_role("heading", level=2)).to_have_count(3)
    expect(page.locator(".badge--expired")).to_have_text(["Đã hết hạn"])

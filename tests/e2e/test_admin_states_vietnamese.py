"""The page editor's states in the browser, in Vietnamese (issue 28.2).

A Phóng viên and a Biên tập viên open a scheduled article (status side panel open), the
author picker (several authors at once: "Xác nhận lựa chọn"); an administrator opens the
group form. What the browser shows is checked with the crawl's English detector.
Screenshots at 1280 px land in tests/e2e/screenshots/vi-states-*.png (not committed).
"""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from news.models import SectionPage

from ..factories import ArticlePageFactory
from .conftest import CHROMIUM, log_in
from .test_admin_vietnamese import PASSWORD, english_shown, sign_in

if not CHROMIUM.exists():
    pytest.skip(f"end-to-end tests need Chromium at {CHROMIUM}", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="end-to-end tests need the playwright package")

from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize(("role", "username"), [("Phóng viên", "phongvien"), ("Biên tập viên", "bientap")])
def test_a_scheduled_article_and_the_author_picker_speak_vietnamese(demo, new_context, screenshots, role, username):
    page = sign_in(new_context, role, username)
    reporter = get_user_model().objects.get(username=username)
    section = SectionPage.objects.get(slug="tin-dia-phuong")
    article = ArticlePageFactory(parent=section, title="Bài đã lên lịch", owner=reporter, live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(days=2)
    article.save_revision(user=reporter).publish()

    page.goto("/admin/")
    page.screenshot(path=screenshots / f"vi-states-{username}-dashboard.png")
    assert english_shown(page) == []

    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.locator("[data-side-panel-toggle=status]").first.click()
    expect(page.get_by_text("Ngày giờ xuất bản:").first).to_be_visible()
    page.screenshot(path=screenshots / f"vi-states-{username}-scheduled.png")
    assert english_shown(page) == []

    page.goto(f"/admin/pages/add/news/articlepage/{section.pk}/")
    page.get_by_role("button", name="Thêm tác giả").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("button", name="Xác nhận lựa chọn")).to_be_visible()
    expect(dialog.get_by_text("Trang 1/1")).to_be_visible()
    page.wait_for_timeout(400)  # the modal's fade-in
    page.screenshot(path=screenshots / f"vi-states-{username}-author-picker.png")
    assert english_shown(page) == []


def test_the_group_form_speaks_vietnamese(demo, new_context, screenshots):
    get_user_model().objects.create_superuser("quantri", "qt@example.gov.vn", PASSWORD)
    page = new_context().new_page()
    log_in(page, "quantri", PASSWORD)
    page.goto("/admin/groups/")
    page.get_by_role("link", name="Biên tập viên").first.click()
    expect(page.get_by_text("Quyền với nội dung").first).to_be_visible()
    page.screenshot(path=screenshots / "vi-states-group-form.png", full_page=True)
    assert english_shown(page) == []

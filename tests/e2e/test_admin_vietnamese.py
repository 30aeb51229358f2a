"""The admin's JavaScript-rendered interface in Vietnamese, in headless Chromium (issue 14).

A Phóng viên and a Biên tập viên open the dashboard, the page editor (block picker, side
panels, comments), a chooser and the ratings report; what the browser shows, text and
tooltips alike, is checked with the crawl's own English detector. Screenshots at 1280 px
land in tests/e2e/screenshots/vi-*.png (not committed).
"""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from news.models import SectionPage

from ..test_admin_vietnamese import english_in, user_words
from .conftest import CHROMIUM, log_in

if not CHROMIUM.exists():
    pytest.skip(f"end-to-end tests need Chromium at {CHROMIUM}", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="end-to-end tests need the playwright package")

from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "mat-khau-e2e-2026"
# Tooltips and labels the browser announces, read from the rendered DOM.
SHOWN_STRINGS = """() => {
    const strings = document.body.innerText.split('\\n');
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
        if (element.closest('[hidden]')) continue;
        for (const name of ['aria-label', 'title', 'placeholder']) {
            if (element.hasAttribute(name)) strings.push(element.getAttribute(name));
        }
    }
    return strings.map((s) => s.trim()).filter(Boolean);
}"""


def english_shown(page):
    return english_in(page.evaluate(SHOWN_STRINGS), user_words())


def sign_in(new_context, role, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.vn", PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    page = new_context().new_page()
    log_in(page, username, PASSWORD)
    return page


@pytest.mark.parametrize(("role", "username"), [("Phóng viên", "phongvien"), ("Biên tập viên", "bientap")])
def test_the_editor_and_its_scripts_speak_vietnamese(demo, new_context, screenshots, role, username):
    page = sign_in(new_context, role, username)
    name = username
    expect(page).to_have_title("Trang tổng quan - Cổng Tin")
    page.screenshot(path=screenshots / f"vi-{name}-dashboard.png")
    assert english_shown(page) == []

    section = SectionPage.objects.get(slug="tin-dia-phuong")
    page.goto(f"/admin/pages/add/news/articlepage/{section.pk}/")
    # Rendered by Wagtail's scripts from /admin/jsi18n/.
    insert_block = page.get_by_role("button", name="Chèn khối").first
    expect(insert_block).to_be_visible()
    expect(page.get_by_role("button", name="Insert a block")).to_have_count(0)
    expect(page.get_by_role("button", name="Mở/đóng thanh bên")).to_be_attached()
    insert_block.click()
    expect(page.get_by_placeholder("Tìm tuỳ chọn…")).to_be_visible()
    page.screenshot(path=screenshots / f"vi-{name}-block-picker.png")
    assert english_shown(page) == []
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Bình luận").first.click()
    expect(page.get_by_role("region", name="Bình luận").or_(page.get_by_text("Bình luận").first)).to_be_visible()
    page.screenshot(path=screenshots / f"vi-{name}-editor.png")
    assert english_shown(page) == []

    page.get_by_role("button", name="Chọn một hình ảnh").first.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    expect(page.get_by_role("dialog").get_by_text("Ảnh mới nhất")).to_be_visible()
    page.screenshot(path=screenshots / f"vi-{name}-image-chooser.png")
    assert english_shown(page) == []

    page.goto("/admin/reports/danh-gia/")
    page.screenshot(path=screenshots / f"vi-{name}-ratings-report.png")
    assert english_shown(page) == []

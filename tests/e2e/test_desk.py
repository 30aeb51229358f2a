"""The editorial desk in the browser (issue 14): autosave never loses or doubles a new page,
two editors on one page are warned, and screenshots of the dashboard and choosers per role.

Screenshots land in tests/e2e/screenshots/desk-*.png (not committed).
"""

import contextlib
import threading

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail import hooks
from wagtail.models import WorkflowState

from news.models import ArticlePage

from ..factories import ArticlePageFactory, PartnerFactory
from .conftest import CHROMIUM, log_in

if not CHROMIUM.exists():
    pytest.skip(f"end-to-end tests need Chromium at {CHROMIUM}", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="end-to-end tests need the playwright package")

from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "mat-khau-e2e-2026"
REPORTER, EDITOR = "Phóng viên", "Biên tập viên"
TITLE = "Hội nghị tổng kết chuyển đổi số năm 2026"
SLUG = "hoi-nghi-tong-ket-chuyen-doi-so-nam-2026"
SAPO = "Sáng 10/01/2026, Sở tổ chức hội nghị tổng kết công tác chuyển đổi số."


def make_user(username, role, first_name=""):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.vn", PASSWORD)
    user.first_name = first_name
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def section(db):
    from ..factories import SectionPageFactory

    return SectionPageFactory(title="Tin tức - Sự kiện")


def open_new_article(new_context, section, username):
    page = new_context().new_page()
    log_in(page, username, PASSWORD)
    errors = []
    page.on("response", lambda response: errors.append(response.url) if response.status >= 500 else None)
    # Wagtail notes a form's first state 2 s after it opens: edits count (and autosave) from then.
    page.add_init_script("document.addEventListener('w-unsaved:watch-edits', () => { window.watchingEdits = true; });")
    page.goto(f"/admin/pages/add/news/articlepage/{section.pk}/")
    page.wait_for_function("() => window.watchingEdits === true")
    return page, errors


@contextlib.contextmanager
def first_autosave_held():
    """Holds the new page's first autosave in the server, the page made but the answer not yet
    sent, until `release()`: an action pressed meanwhile meets it in flight, however fast the
    machine. Yields (wait_until_held, release)."""
    held, go = threading.Event(), threading.Event()

    def after_create_page(request, page):
        if "application/json" in request.headers.get("Accept", "") and not held.is_set():
            held.set()
            go.wait(timeout=30)

    def wait_until_held(page):
        # Polled with the browser's clock: blocking this thread would stall Playwright's routes.
        for _ in range(600):
            if held.is_set():
                return
            page.wait_for_timeout(50)
        raise AssertionError("no autosave reached the server")

    with hooks.register_temporarily("after_create_page", after_create_page):
        try:
            yield wait_until_held, go.set
        finally:
            go.set()


@pytest.mark.parametrize("action", ["save", "submit"])
def test_an_action_pressed_during_the_first_autosave_makes_one_page(new_context, section, action):
    """Two quick saves (the autosave, then "Lưu nháp"), or a save then "Gửi duyệt": one page,
    saved or submitted, and never a 500."""
    make_user("phong_vien", REPORTER)
    page, errors = open_new_article(new_context, section, "phong_vien")
    with first_autosave_held() as (wait_until_held, release):
        page.locator("#id_title").fill(TITLE)
        # An autosave before the slug is made from the title is refused (the slug is required).
        page.locator("#id_title").blur()
        expect(page.locator("#id_slug")).to_have_value(SLUG)
        page.locator("#id_sapo").fill(SAPO)
        wait_until_held(page)
        if action == "save":  # a reporter's "Lưu nháp" is in the menu: "Gửi duyệt" is the main button
            page.locator(".footer [data-w-dropdown-target='toggle']").last.click()
            page.locator("button.action-save").first.click()
        else:
            page.locator("button[name='action-submit']").click()
        release()
        expect(page.locator(".messages .success")).to_contain_text(TITLE)
    assert errors == []
    article = ArticlePage.objects.get()
    assert article.get_latest_revision_as_object().sapo == SAPO
    in_review = WorkflowState.objects.filter(object_id=str(article.pk), status="in_progress").count()
    assert in_review == (1 if action == "submit" else 0)


def test_two_editors_on_one_page_see_each_other(new_context, section, settings):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 500
    reporter = make_user("phong_vien", REPORTER, "Lan")  # a reporter edits only their own articles
    article = ArticlePageFactory(parent=section, title=TITLE, owner=reporter)
    article.save_revision().publish()  # the editors' pages name the revision they opened
    make_user("bien_tap", EDITOR, "Minh")
    first = new_context().new_page()
    log_in(first, "phong_vien", PASSWORD)
    first.goto(f"/admin/pages/{article.pk}/edit/")
    second = new_context().new_page()
    log_in(second, "bien_tap", PASSWORD)
    second.goto(f"/admin/pages/{article.pk}/edit/")
    # Each sees the other in the header's list of people on the page.
    expect(second.locator(".w-editing-sessions__list li")).to_have_count(1)
    expect(first.locator(".w-editing-sessions__list li")).to_have_count(1)
    # One saves: the other is warned that a newer version exists.
    first.locator("#id_sapo").fill(SAPO)
    first.locator(".footer [data-w-dropdown-target='toggle']").last.click()  # the reporter's "Lưu nháp"
    first.locator("button.action-save").first.click()
    expect(first.locator(".messages .success")).to_contain_text(TITLE)
    expect(second.locator(".w-editing-sessions__session--saved")).to_be_visible()


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_desk_screenshots(new_context, section, screenshots, role):
    """The dashboard and the accent-blind choosers at 1280 px, as each role sees them."""
    username = "phong_vien" if role == REPORTER else "bien_tap"
    make_user(username, role, "Lan")
    reporter = get_user_model().objects.get(username=username)
    draft = ArticlePageFactory(parent=section, title="Đồng Nai ký kết thỏa thuận chuyển đổi số", live=False)
    draft.owner = reporter
    draft.save()
    draft.save_revision(user=reporter)
    PartnerFactory(name="Công ty Cổ phần VNG")
    slug = "bien-tap" if role == EDITOR else "phong-vien"
    page = new_context().new_page()
    log_in(page, username, PASSWORD)
    expect(page.locator("#newsroom_my_drafts-heading, [id^='newsroom_my_drafts']").first).to_be_visible()
    page.screenshot(path=screenshots / f"desk-{slug}-dashboard.png", full_page=True)

    page.goto(f"/admin/pages/{draft.pk}/edit/")
    page.locator("#tab-label-phan_loai").click()
    province_input = page.locator("#id_provinces ~ ul.tagit input.ui-autocomplete-input")
    province_input.click()
    province_input.press_sequentially("dong nai", delay=30)
    suggestion = page.locator("ul.ui-autocomplete:visible li", has_text="Đồng Nai")
    expect(suggestion).to_have_count(1)
    page.screenshot(path=screenshots / f"desk-{slug}-province-suggestions.png")
    suggestion.click()
    partner_input = page.locator("#id_partners ~ ul.tagit input.ui-autocomplete-input")
    partner_input.click()
    partner_input.press_sequentially("vng", delay=30)
    expect(page.locator("ul.ui-autocomplete:visible li", has_text="Công ty Cổ phần VNG")).to_have_count(1)
    page.screenshot(path=screenshots / f"desk-{slug}-partner-suggestions.png")

    page.goto("/admin/pages/search/?q=dong+nai")
    expect(page.locator("main")).to_contain_text("Đồng Nai ký kết thỏa thuận chuyển đổi số")
    page.screenshot(path=screenshots / f"desk-{slug}-page-search.png")

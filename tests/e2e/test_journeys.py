"""The portal's main journeys, end to end in headless Chromium (issue 7; the rating widget of issue 3).

- A citizen on a phone finds an article by searching without accents and rates it with the
  keyboard alone; another rates with JavaScript off; a reader on a desktop clicks a star.
- A Phóng viên writes an article with an uploaded photo and two provinces and submits it.
- A Biên tập viên approves it from the dashboard, and it is on the home page, the province
  pages (a former province's successor too) and the RSS feed.

Screenshots of the key steps land in tests/e2e/screenshots/journey-*.png (not committed).
"""

import io
import random
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own feed

import pytest
from PIL import Image, ImageDraw

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from taggit.utils import parse_tags
from wagtail.models import WorkflowState

from news.models import ArticlePage, ArticleRating, ArticleRatingSummary, SectionPage

from .conftest import CHROMIUM, log_in

if not CHROMIUM.exists():
    pytest.skip(f"end-to-end tests need Chromium at {CHROMIUM}", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="end-to-end tests need the playwright package")

from playwright.sync_api import expect  # noqa: E402

pytestmark = [
    # The live server needs committed data; the database is flushed after each test and the
    # migrations' content (home page, roles, the "Duyệt bài" workflow) restored for the next.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "mat-khau-e2e-2026"
REPORTER, EDITOR = "Phóng viên", "Biên tập viên"

LONG_AN_TITLE = "Long An: Ký kết thỏa thuận hợp tác triển khai phần mềm giám sát trực tuyến"
LONG_AN_URL = "/tin-dia-phuong/long-an-ky-ket-thoa-thuan-hop-tac-trien-khai-phan-mem-giam-sat-truc-tuyen/"
THANKS = "Cảm ơn bạn đã đánh giá bài viết."

SECTION = "Tin địa phương"
TITLE = "Đồng Nai và Bình Dương ký kết thỏa thuận hợp tác chuyển đổi số"
SLUG = "dong-nai-va-binh-duong-ky-ket-thoa-thuan-hop-tac-chuyen-doi-so"
URL = f"/tin-dia-phuong/{SLUG}/"
SAPO = (
    "Sáng 20/11/2026, UBND hai tỉnh Đồng Nai và Bình Dương ký kết thỏa thuận hợp tác chuyển đổi số giai đoạn 2026-2030."
)
PARAGRAPH = "Theo thỏa thuận, hai bên cùng xây dựng nền tảng dịch vụ công trực tuyến dùng chung cho người dân."
IMAGE_TITLE = "Lễ ký kết thỏa thuận chuyển đổi số Đồng Nai - Bình Dương"
ALT_TEXT = "Lãnh đạo hai tỉnh bắt tay sau khi ký thỏa thuận hợp tác"
CAPTION = "Quang cảnh lễ ký kết tại Biên Hòa"
CREDIT = "Ảnh: Phóng viên"
# Typed as far as needed for the vocabulary to offer them, then picked from the suggestions.
PROVINCES = {"Bình Dư": "Bình Dương", "Đồng N": "Đồng Nai"}
# Bình Dương is a former province, merged into Hồ Chí Minh in 2025 (PRODUCT.md §4).
PROVINCE_PAGES = ["/tinh-thanh/dong-nai/", "/tinh-thanh/binh-duong/", "/tinh-thanh/ho-chi-minh/"]


def shoot(page, screenshots, name, full_page=True):
    """Full-page pictures of the public site; the admin, whose frame is fixed, as seen on screen."""
    page.screenshot(path=screenshots / f"journey-{name}.png", full_page=full_page)


def make_user(username, role):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.vn", PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    return user


def star_colours(page):
    """The colour each star is painted with, 1 to 5 (filled stars share one, empty ones another)."""
    return page.locator(".rating__stars label [aria-hidden='true']").evaluate_all(
        "(stars) => stars.map((star) => getComputedStyle(star).color)"
    )


def assert_stars_filled_up_to(page, score):
    colours = star_colours(page)
    assert len(colours) == 5
    assert len(set(colours[:score])) == 1, colours
    assert all(colour != colours[0] for colour in colours[score:]), colours


# --- Citizens ----------------------------------------------------------------------------


@pytest.mark.browser
def test_citizen_finds_an_article_without_accents_and_rates_it_with_the_keyboard(demo, new_context, screenshots):
    page = new_context(viewport=PHONE, has_touch=True).new_page()
    page.goto("/")
    search_box = page.get_by_role("searchbox", name="Tìm kiếm bài viết")
    expect(search_box).to_be_visible()
    box = search_box.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]

    search_box.fill("ky ket thoa thuan long an")
    search_box.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=ky+ket+thoa+thuan+long+an")
    shoot(page, screenshots, "1-search-390")
    results = page.locator(".search-results .card__title a")
    expect(results.first).to_have_text(LONG_AN_TITLE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    results.first.click()
    page.wait_for_url(f"**{LONG_AN_URL}")
    expect(page.locator("h1")).to_have_text(LONG_AN_TITLE)
    heading = page.locator("#rating-heading")
    expect(heading).to_have_text("ĐÁNH GIÁ BÀI VIẾT (0)")
    summary = page.locator("[data-rating-summary]")
    expect(summary).to_be_hidden()  # no average before the first vote

    votes = []
    # Votes only: the read beacon also POSTs (and re-sends once for a new reader), at its own pace.
    page.on(
        "request",
        lambda request: votes.append(request) if request.method == "POST" and "/danh-gia/" in request.url else None,
    )
    page.evaluate("window.notReloaded = true")

    # Keyboard only: Tab until a star has the focus. The first star reached is "1 sao", the
    # leftmost: the stars run 1 to 5 in reading order.
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "score":
            break
    else:
        pytest.fail("Tab never reached the rating stars")
    focused = page.locator("input[name='score']:focus")
    expect(focused).to_have_attribute("value", "1")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(focused).to_have_attribute("value", "4")
    expect(page.locator("#rating-4")).to_be_checked()
    # Moving along the stars is not voting: nothing is sent before Enter, Space or the button
    # (the one vote counted below, after Enter, is the only one the page ever sends).
    assert votes == []
    assert_stars_filled_up_to(page, 4)
    # The focus ring is drawn, and is not the low-contrast gold.
    ring = page.eval_on_selector(
        "#rating-4 + label", "(el) => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineColor]"
    )
    assert ring == ["solid", "rgb(20, 54, 95)"]
    page.locator(".rating").screenshot(path=screenshots / "journey-1-rating-keyboard-focus.png")

    page.keyboard.press("Enter")
    expect(heading).to_have_text("ĐÁNH GIÁ BÀI VIẾT (1)")
    expect(summary).to_be_visible()
    expect(summary).to_have_text("Điểm trung bình: 4,0/5")
    expect(page.locator("[data-rating-average]")).to_have_text("4,0")
    expect(page.locator("[data-rating-status]")).to_have_text(THANKS)
    assert page.evaluate("window.notReloaded") is True
    assert len(votes) == 1
    shoot(page, screenshots, "1-article-rated-390")
    summary_row = ArticleRatingSummary.objects.get(page__title=LONG_AN_TITLE)
    assert (summary_row.count, summary_row.total) == (1, 4)

    page.reload(wait_until="load")
    expect(heading).to_have_text("ĐÁNH GIÁ BÀI VIẾT (1)")
    expect(page.locator("[data-rating-average]")).to_have_text("4,0")
    expect(page.locator("#rating-4")).to_be_checked()  # "your score", from the uncached endpoint
    assert_stars_filled_up_to(page, 4)
    assert page.locator("[data-rating-status]").text_content() == ""


@pytest.mark.browser
def test_citizen_rates_with_javascript_off(demo, new_context, screenshots):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(LONG_AN_URL)
    expect(page.locator("#rating-heading")).to_have_text("ĐÁNH GIÁ BÀI VIẾT (0)")
    page.locator("label[for='rating-3']").click()
    expect(page.locator("#rating-3")).to_be_checked()
    page.get_by_role("button", name="Gửi đánh giá").click()

    # The article may come from a page cache, so its form carries no CSRF token: the browser's
    # own Sec-Fetch-Site / Origin headers vouch for it, and the vote counts in one step.
    page.wait_for_url(f"**{LONG_AN_URL}#danh-gia")
    expect(page.locator(".rating__message--success")).to_have_text(THANKS)
    expect(page.locator("#rating-heading")).to_have_text("ĐÁNH GIÁ BÀI VIẾT (1)")
    expect(page.locator("[data-rating-summary]")).to_have_text("Điểm trung bình: 3,0/5")
    # The reader sees their own score, though the article's cached copy names nobody's.
    expect(page.locator(".rating__yours")).to_have_text("Bạn đã chấm: 3/5")
    expect(page.locator("#rating-3")).to_be_checked()
    shoot(page, screenshots, "1-nojs-thanks-390")
    page.goto(LONG_AN_URL)  # the message is shown once: the next view is anyone's page again
    expect(page.locator(".rating__yours")).to_have_count(0)
    assert list(ArticleRating.objects.filter(page__url_path__endswith=LONG_AN_URL).values_list("score", flat=True)) == [
        3
    ]


@pytest.mark.browser
def test_reader_clicks_the_fourth_star(demo, new_context, screenshots):
    page = new_context(viewport=DESKTOP).new_page()
    votes = []
    page.on("request", lambda r: votes.append(r) if r.method == "POST" and "/danh-gia/" in r.url else None)
    page.goto(LONG_AN_URL)
    page.evaluate("window.notReloaded = true")
    # With the script a click is the vote: no button is left to send it a second time.
    expect(page.get_by_role("button", name="Gửi đánh giá")).to_be_hidden()
    page.locator("label[for='rating-4']").click()
    expect(page.locator("#rating-heading")).to_have_text("ĐÁNH GIÁ BÀI VIẾT (1)")
    expect(page.locator("[data-rating-summary]")).to_have_text("Điểm trung bình: 4,0/5")
    expect(page.locator("[data-rating-status]")).to_have_text(THANKS)
    assert page.evaluate("window.notReloaded") is True
    page.mouse.move(0, 0)  # no hover preview in the picture
    assert_stars_filled_up_to(page, 4)
    page.locator(".rating").screenshot(path=screenshots / "journey-1-rating-clicked-1280.png")
    assert len(votes) == 1

    # Changing one's mind changes the score, never the count.
    page.locator("label[for='rating-2']").click()
    expect(page.locator("[data-rating-summary]")).to_have_text("Điểm trung bình: 2,0/5")
    expect(page.locator("#rating-heading")).to_have_text("ĐÁNH GIÁ BÀI VIẾT (1)")
    assert list(ArticleRating.objects.filter(page__url_path__endswith=LONG_AN_URL).values_list("score", flat=True)) == [
        2
    ]


# --- Editors -----------------------------------------------------------------------------


def photo_file(tmp_path):
    """A small JPEG of a signing ceremony, different on each run (the library flags duplicates)."""
    image = Image.new("RGB", (800, 500), "#1d4f7a")
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 60, 720, 140), fill="#a50e24")
    draw.rectangle((200, 240, 600, 420), fill="#f4c430")
    for _ in range(200):
        x, y = random.randrange(800), random.randrange(500)
        draw.point((x, y), fill=(random.randrange(256), random.randrange(256), random.randrange(256)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path = tmp_path / "le-ky-ket-dong-nai-binh-duong.jpg"
    path.write_bytes(buffer.getvalue())
    return path


def reporter_submits_an_article(new_context, screenshots, tmp_path):
    """The Phóng viên's journey in the admin, to "submitted for approval"; returns the page."""
    make_user("phong_vien", REPORTER)
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page, "phong_vien", PASSWORD)

    # Pages → the section → "add child page": the article is the section's only page type.
    section = SectionPage.objects.get(title=SECTION)
    page.goto(f"/admin/pages/{section.pk}/")
    page.locator(f"a[href='/admin/pages/{section.pk}/add_subpage/']").first.click()
    page.wait_for_url(f"**/admin/pages/add/news/articlepage/{section.pk}/")
    page.wait_for_function("() => Boolean(window.wagtail && window.wagtail.app)")

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_sapo").fill(SAPO)
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Đoạn văn").click()
    editor = page.locator(".Draftail-Editor [contenteditable='true']").first
    editor.click()
    page.keyboard.type(PARAGRAPH)

    # The feature image: uploaded from the chooser, with its alt text, caption and credit.
    page.locator("[data-chooser-action-choose]").first.click()
    page.locator("#tab-label-upload").click()
    page.set_input_files("#id_image-chooser-upload-file", photo_file(tmp_path))
    page.fill("#id_image-chooser-upload-title", IMAGE_TITLE)
    page.fill("#id_image-chooser-upload-alt_text", ALT_TEXT)
    page.fill("#id_image-chooser-upload-caption", CAPTION)
    page.fill("#id_image-chooser-upload-credit", CREDIT)
    shoot(page, screenshots, "2-reporter-upload-photo", full_page=False)
    page.locator("#tab-upload button[type='submit']").click()
    expect(page.locator("#id_feature_image-title")).to_have_text(IMAGE_TITLE)

    # Two provinces from the vocabulary, on the classification tab.
    page.locator("#tab-label-phan_loai").click()
    province_input = page.locator("#id_provinces ~ ul.tagit input.ui-autocomplete-input")
    for typed, name in PROVINCES.items():
        province_input.click()
        province_input.press_sequentially(typed, delay=30)
        suggestion = page.locator("ul.ui-autocomplete:visible li", has_text=name)
        expect(suggestion).to_have_count(1)
        suggestion.click()
    assert sorted(parse_tags(page.input_value("#id_provinces"))) == sorted(PROVINCES.values())
    shoot(page, screenshots, "2-reporter-provinces", full_page=False)

    # Submit for approval: the reporter's main button, named after the workflow.
    # Pressed at once: an autosave still in flight is waited for (admin-autosave-guard.js).
    submit = page.locator("button[name='action-submit']")
    expect(submit).to_be_visible()
    assert "Duyệt bài" in submit.inner_text()
    submit.click()
    message = page.locator(".messages .success")
    expect(message).to_contain_text(TITLE)
    shoot(page, screenshots, "2-reporter-submitted", full_page=False)
    return ArticlePage.objects.get(title=TITLE)


@pytest.mark.browser
def test_reporter_writes_an_article_with_a_photo_and_provinces_and_submits_it(demo, new_context, screenshots, tmp_path):
    article = reporter_submits_an_article(new_context, screenshots, tmp_path)

    assert article.url == URL
    assert article.live is False
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert (state.status, state.workflow.name) == ("in_progress", "Duyệt bài")
    assert state.requested_by.username == "phong_vien"
    draft = article.get_latest_revision_as_object()
    assert (draft.title, draft.sapo) == (TITLE, SAPO)
    assert PARAGRAPH in str(draft.body)
    assert (draft.feature_image.title, draft.feature_image.alt_text) == (IMAGE_TITLE, ALT_TEXT)
    assert (draft.feature_image.caption, draft.feature_image.credit) == (CAPTION, CREDIT)
    assert sorted(province.name for province in draft.provinces.all()) == sorted(PROVINCES.values())

    # Nobody outside the admin sees it yet.
    reader = new_context(viewport=DESKTOP).new_page()
    response = reader.goto(URL)
    assert response is not None and response.status == 404
    for path in ["/", "/tin-dia-phuong/", "/rss/", *PROVINCE_PAGES]:
        response = reader.goto(path)
        assert response is not None and response.status == 200, path
        assert TITLE not in response.text(), path


@pytest.mark.browser
def test_editor_approves_the_article_and_it_appears_on_the_site(demo, new_context, screenshots, tmp_path):
    article = reporter_submits_an_article(new_context, screenshots, tmp_path)
    make_user("bien_tap", EDITOR)
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page, "bien_tap", PASSWORD)

    # The dashboard lists what awaits the editor's review, with the workflow's actions.
    row = page.locator("tr", has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("phong_vien")
    shoot(page, screenshots, "3-editor-dashboard", full_page=False)
    row.locator("[data-w-dropdown-target='toggle']").click()
    approve = row.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])")
    expect(approve).to_be_visible()
    shoot(page, screenshots, "3-editor-actions", full_page=False)
    with page.expect_navigation():
        approve.click()  # posts the action, then reloads the dashboard
    page.wait_for_load_state("load")
    # Wagtail says nothing after an approval: the article just leaves the list.
    expect(page.get_by_role("link", name="Tài khoản")).to_be_visible()
    expect(page.locator("tr", has_text=TITLE)).to_have_count(0)
    shoot(page, screenshots, "3-editor-approved", full_page=False)
    article.refresh_from_db()
    assert article.live is True
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == "approved"

    reader = new_context(viewport=PHONE).new_page()
    response = reader.goto(URL)
    assert response is not None and response.status == 200
    expect(reader.locator("h1")).to_have_text(TITLE)
    expect(reader.locator(".sapo")).to_have_text(SAPO)
    expect(reader.locator(".article__body")).to_contain_text(PARAGRAPH)
    photo = reader.locator("article figure img, .article figure img").first
    expect(photo).to_have_attribute("alt", ALT_TEXT)
    photo.scroll_into_view_if_needed()
    reader.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    expect(reader.locator("a.tag--province")).to_have_text(["Bình Dương (nay thuộc Hồ Chí Minh)", "Đồng Nai"])
    shoot(reader, screenshots, "3-published-article-390")

    for path, name in [("/", "home"), *((path, path.strip("/").replace("/", "-")) for path in PROVINCE_PAGES)]:
        response = reader.goto(path)
        assert response is not None and response.status == 200, path
        card = reader.locator(f".card__title a[href='{URL}']").first
        expect(card).to_have_text(TITLE)
        expect(card).to_be_visible()
        shoot(reader, screenshots, f"3-listed-{name}-390")

    response = reader.goto("/rss/")
    assert response is not None and response.status == 200
    assert response.headers["content-type"].startswith(("application/rss+xml", "application/xml", "text/xml"))
    channel = ET.fromstring(response.body()).find("channel")  # noqa: S314
    newest = channel.find("item")
    assert newest.findtext("title") == TITLE
    assert newest.findtext("link").endswith(URL)

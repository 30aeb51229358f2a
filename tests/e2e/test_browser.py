"""End-to-end tests in headless Chromium: what a reader and an editor see in a real browser.

Screenshots land in tests/e2e/screenshots/ (not committed) for a person to look at.
"""

import json

import pytest
from playwright.sync_api import expect

from django.contrib.auth import get_user_model

from .conftest import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip(f"end-to-end tests need Chromium at {CHROMIUM}", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="end-to-end tests need the playwright package")

pytestmark = [
    # The live server needs committed data; after each test the database is flushed and the
    # migrations' content (root page, home page, site) restored for the next one.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AGENCY = "Cổng Thông tin điện tử Sở Khoa học và Công nghệ"
LANG_SON_URL = (
    "/hop-tac-phat-trien/"
    "le-ky-ket-hop-tac-phat-trien-giua-tinh-doan-lang-son-vien-thong-lang-son-va-giao-luu-mung-xuan/"
)
LONG_AN_URL = "/tin-dia-phuong/long-an-ky-ket-thoa-thuan-hop-tac-trien-khai-phan-mem-giam-sat-truc-tuyen/"
SEED_ARTICLES = {
    "lang-son": {
        "url": LANG_SON_URL,
        "title": "Lễ ký kết hợp tác phát triển giữa Tỉnh Đoàn Lạng Sơn - Viễn Thông Lạng Sơn và Giao lưu mừng xuân",
        "byline": "Vũ Đình Chuyền (Sở Thông tin và Truyền thông)",
    },
    "long-an": {
        "url": LONG_AN_URL,
        "title": "Long An: Ký kết thỏa thuận hợp tác triển khai phần mềm giám sát trực tuyến",
        "byline": "Hùng Cường (Sở TT&TT Long An)",
    },
}
PHONE, DESKTOP = 390, 1280

EDITOR = ("bientap", "mat-khau-e2e-2026")
ADMIN_TITLE = "Đồng Nai: Ký kết thỏa thuận"
ADMIN_SLUG = "dong-nai-ky-ket-thoa-thuan"
SLUG_JS = "document.querySelector('input[name=\"slug\"]').value"


def open_page(page, path, width, screenshot=None):
    """Load `path` at `width` px; save a full-page screenshot before any assertion can fail."""
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(path, wait_until="load")
    assert response is not None
    assert response.status == 200, f"{path} answered {response.status}"
    if screenshot:
        page.screenshot(path=screenshot, full_page=True)
    return response


def assert_page_basics(page, width):
    assert page.locator("html").get_attribute("lang") == "vi"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"horizontal overflow: {scroll_width}px in a {width}px viewport"
    broken = page.evaluate(
        """() => [...document.images]
            .filter((img) => img.complete && img.naturalWidth === 0)
            .map((img) => img.currentSrc || img.src)"""
    )
    assert broken == [], f"images that did not load: {broken}"
    assert page.evaluate("[...document.images].every((img) => img.alt.trim() !== '')")


def body_font_size(page):
    return page.eval_on_selector(".article__body p", "(el) => parseFloat(getComputedStyle(el).fontSize)")


def display(page, selector):
    return page.eval_on_selector(selector, "(el) => getComputedStyle(el).display")


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_home_page(demo, page, screenshots, width):
    open_page(page, "/", width, screenshot=screenshots / f"home-{width}.png")
    assert_page_basics(page, width)

    assert page.title() == AGENCY
    assert page.locator(".masthead__name").text_content().strip() == AGENCY
    nav_links = page.locator(".mainnav a")
    assert [text.strip() for text in nav_links.all_text_contents()] == [
        "Trang chủ",
        "Tin tức - Sự kiện",
        "Tin địa phương",
        "Hợp tác phát triển",
        "Chuyển đổi số",
        "Khoa học - Công nghệ",
    ]
    # Every section link is on screen and big enough to tap, even on a 390 px phone.
    for link in nav_links.all():
        box = link.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"off screen: {link.text_content()}"
        assert box["height"] >= 40, f"too small to tap: {link.text_content()}"
    # The notices, then the sections in menu order, then the readers' lists: the demo fills them all.
    assert [text.strip() for text in page.locator(".section-block__title").all_text_contents()] == [
        "Thông báo",
        "Tin tức - Sự kiện",
        "Tin địa phương",
        "Hợp tác phát triển",
        "Chuyển đổi số",
        "Khoa học - Công nghệ",
        "Đọc nhiều",
        "Đánh giá cao",
    ]
    # The seed articles are among the editors' picks, a click from the home page.
    for article in SEED_ARTICLES.values():
        cards = page.locator(f'.card__title a[href="{article["url"]}"]')
        assert set(cards.all_inner_texts()) == {article["title"]}


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_section_page(demo, page, screenshots, width):
    open_page(page, "/hop-tac-phat-trien/", width, screenshot=screenshots / f"section-{width}.png")
    assert_page_basics(page, width)

    assert page.title() == f"Hợp tác phát triển | {AGENCY}"
    assert page.locator("h1").text_content().strip() == "Hợp tác phát triển"
    assert page.locator('.mainnav a[aria-current="page"]').text_content().strip() == "Hợp tác phát triển"
    titles = page.locator(".article-list .card__title a").all_inner_texts()
    # Newest first: the demo's agreements from 2011 to 2026, then the 2010 seed article.
    assert titles[0] == "Sở Khoa học và Công nghệ và Quỹ NAFOSTED ký kết hợp tác hỗ trợ nghiên cứu"
    assert titles[-1] == SEED_ARTICLES["lang-son"]["title"]
    assert len(titles) == 10


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("key", list(SEED_ARTICLES))
def test_seed_article(demo, page, screenshots, key, width):
    article = SEED_ARTICLES[key]
    open_page(page, article["url"], width, screenshot=screenshots / f"article-{key}-{width}.png")
    assert_page_basics(page, width)

    assert page.title() == f"{article['title']} | {AGENCY}"
    title = page.locator("h1")
    assert title.count() == 1
    assert title.inner_text() == article["title"]
    byline = page.locator(".byline")
    assert byline.is_visible()
    assert byline.inner_text() == article["byline"]
    ceremony = page.locator(".ceremony")
    assert ceremony.is_visible()
    assert ceremony.locator("h2").text_content().strip() == "Thông tin lễ ký kết"
    assert page.locator(".article__tools").is_visible()


@pytest.mark.browser
def test_ceremony_box_of_long_an_article(demo, page):
    open_page(page, LONG_AN_URL, DESKTOP)
    ceremony = page.locator(".ceremony")
    terms = [text.strip() for text in ceremony.locator("dt").all_text_contents()]
    details = [" ".join(text.split()) for text in ceremony.locator("dd").all_text_contents()]
    box = dict(zip(terms, details, strict=True))
    assert box.pop("Người ký")  # the list of signatories, checked item by item below
    assert box == {
        "Ngày ký": "27/08/2018",
        "Địa điểm": "Long An",
        "Các bên ký kết": "Sở Thông tin và Truyền thông tỉnh Long An; Công ty Cổ phần VNG",
        "Hiệu lực": "đến hết ngày 31/12/2020 đã hết hiệu lực",
    }
    assert ceremony.locator(".ceremony__signatories li").all_inner_texts() == [
        "Nguyễn Bá Luân, Tỉnh ủy viên, Giám đốc — Sở TT&TT Long An",
        "Bùi Huy Cường, Giám đốc Phát triển kênh phòng máy — Công ty Cổ phần VNG",
    ]


@pytest.mark.browser
def test_admin_slug_from_vietnamese_title(section, page, screenshots):
    get_user_model().objects.create_superuser(EDITOR[0], "bientap@example.gov.vn", EDITOR[1])
    page.goto("/admin/login/")
    page.fill('input[name="username"]', EDITOR[0])
    page.fill('input[name="password"]', EDITOR[1])
    page.click('button[type="submit"]')
    page.wait_for_url("**/admin/")

    response = page.goto(f"/admin/pages/add/news/articlepage/{section.pk}/")
    assert response is not None and response.status == 200
    # Wait until Wagtail's Stimulus controllers (title "w-sync", slug "w-slug") are connected.
    page.wait_for_function(
        """() => {
            const app = window.wagtail && window.wagtail.app;
            const title = document.querySelector('input[name="title"]');
            const slug = document.querySelector('input[name="slug"]');
            return Boolean(app && app.getControllerForElementAndIdentifier(title, "w-sync")
                && app.getControllerForElementAndIdentifier(slug, "w-slug"));
        }"""
    )
    # The slug is on the "SEO và đính chính" tab, hidden while "Nội dung" is open: read it via JS.
    assert page.evaluate(SLUG_JS) == ""

    title = page.locator('input[name="title"]')
    title.click()
    title.press_sequentially(ADMIN_TITLE, delay=20)
    title.blur()
    # The title → slug sync is debounced (100 ms).
    page.wait_for_function(f"() => {SLUG_JS} === {json.dumps(ADMIN_SLUG)}", timeout=5_000)
    expect(title).to_have_value(ADMIN_TITLE)

    # An editor who types a slug by hand gets the same transliteration on leaving the field.
    page.get_by_role("tab", name="SEO và đính chính").click()
    slug = page.locator('input[name="slug"]')
    assert slug.is_visible()
    slug.fill("Đà Nẵng: HỘI NGHỊ chuyển đổi số")
    slug.blur()
    expect(slug).to_have_value("da-nang-hoi-nghi-chuyen-doi-so")
    page.screenshot(path=screenshots / "admin-add-article-slug.png")


@pytest.mark.browser
def test_font_size_buttons_are_remembered(demo, page):
    open_page(page, LONG_AN_URL, DESKTOP)
    normal = body_font_size(page)
    assert normal >= 16

    page.get_by_role("button", name="Tăng cỡ chữ").click()
    larger = body_font_size(page)
    assert larger == pytest.approx(normal * 1.12, abs=0.05)
    assert page.evaluate("localStorage.getItem('congtin-font-scale')") == "2"

    page.reload(wait_until="load")
    assert body_font_size(page) == larger

    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    assert body_font_size(page) == normal
    assert page.evaluate("localStorage.getItem('congtin-font-scale')") == "1"
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    assert body_font_size(page) == pytest.approx(normal * 0.9, abs=0.05)
    page.reload(wait_until="load")
    assert body_font_size(page) == pytest.approx(normal * 0.9, abs=0.05)

    # The largest size still fits a phone without sideways scrolling.
    page.set_viewport_size({"width": PHONE, "height": 900})
    for _ in range(4):
        page.get_by_role("button", name="Tăng cỡ chữ").click()
    assert page.evaluate("localStorage.getItem('congtin-font-scale')") == "3"
    assert body_font_size(page) > larger
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE


@pytest.mark.browser
def test_print_shows_the_article_without_navigation_or_tools(demo, page, screenshots):
    open_page(page, LANG_SON_URL, DESKTOP)
    assert display(page, ".mainnav") != "none"
    assert display(page, ".article__tools") != "none"
    assert not page.locator(".article__url").is_visible()

    page.emulate_media(media="print")
    assert display(page, ".mainnav") == "none"
    assert display(page, ".article__tools") == "none"
    assert not page.locator(".mainnav").is_visible()
    assert not page.locator(".article__tools").is_visible()
    title = page.locator(".article__title")
    assert title.is_visible()
    assert title.inner_text() == SEED_ARTICLES["lang-son"]["title"]
    assert page.locator(".ceremony").is_visible()
    assert page.locator(".byline").is_visible()
    # On paper the reader still has the article's address, and no voting form.
    assert page.locator(".article__url").is_visible()
    assert page.locator(".article__url").inner_text().endswith(LANG_SON_URL)
    assert display(page, ".rating") == "none"
    page.screenshot(path=screenshots / "article-lang-son-print.png", full_page=True)


@pytest.mark.browser
def test_skip_link_is_first_and_visible_on_focus(demo, page):
    open_page(page, LONG_AN_URL, PHONE)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("(el) => el === document.activeElement")
    assert skip.text_content().strip() == "Chuyển đến nội dung chính"
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
    assert skip.evaluate("(el) => getComputedStyle(el).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.browser
def test_reading_an_article_counts_once_and_shows_it_under_most_read(demo, page, screenshots):
    from news.models import ArticleDailyReads

    ArticleDailyReads.objects.all().delete()  # a quiet week: the demo's own reads would outrank one reader

    def beacon(response):
        return "/luot-doc/" in response.url and response.request.method == "POST"

    def counted(response):
        return beacon(response) and response.status == 204

    with page.expect_response(beacon) as first, page.expect_response(counted) as resent:
        open_page(page, LONG_AN_URL, DESKTOP)  # a first-time reader: a cookie (202), then the count (204)
    with page.expect_response(beacon) as again:
        page.reload(wait_until="load")  # the same reader again: not counted twice
    assert (first.value.status, resent.value.status, again.value.status) == (202, 204, 204)
    slug = LONG_AN_URL.strip("/").split("/")[-1]
    assert list(ArticleDailyReads.objects.values_list("page__slug", "count")) == [(slug, 1)]
    open_page(page, "/", DESKTOP)
    most_read = page.get_by_role("region", name="Đọc nhiều")
    assert most_read.get_by_role("link").all_text_contents() == [SEED_ARTICLES["long-an"]["title"]]
    most_read.screenshot(path=screenshots / "home-most-read.png")


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_search_results_come_first_on_a_phone(demo, page, screenshots, width):
    open_page(page, "/tim-kiem/?q=ky+ket", width, screenshot=screenshots / f"search-{width}.png")
    assert_page_basics(page, width)
    first = page.locator(".search-results .card").first.bounding_box()
    filters = page.locator(".search-form__filters")
    if width == PHONE:
        expect(filters).to_be_hidden()  # behind "Lọc"
        assert first["y"] < 700, f"the first result starts {first['y']} px down"  # on an 844 px screen
        page.get_by_text("Lọc", exact=True).click()
        expect(filters).to_be_visible()
        expect(page.locator("input[name='tu-ngay']")).to_have_attribute("placeholder", "ngày/tháng/năm")
    else:
        expect(filters).to_be_visible()

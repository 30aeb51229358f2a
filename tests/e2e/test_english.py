"""The English section in headless Chromium: /en/ on a phone and a desktop, and its way back."""

import pytest
from playwright.sync_api import expect

from .conftest import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip(f"end-to-end tests need Chromium at {CHROMIUM}", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="end-to-end tests need the playwright package")

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_english_home_lists_its_pages_and_leads_back_to_the_counterpart(demo, page, screenshots, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto("/en/", wait_until="load")
    page.screenshot(path=screenshots / f"english-home-{width}.png", full_page=True)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    children = page.locator(".standard__children h2 a")
    expect(children).to_have_text(["Organisational structure", "Contacts"])
    children.nth(1).click()
    page.wait_for_url("**/en/contacts/")
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url("**/lien-he/")
    assert page.locator("html").get_attribute("lang") == "vi"

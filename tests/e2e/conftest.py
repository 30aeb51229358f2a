"""Fixtures for the end-to-end tests: a live Django server and headless Debian Chromium.

Playwright's own browser download does not work on our machines, so the tests drive the
system's Chromium (`/usr/bin/chromium`) and are skipped when it is not installed.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
# from a thread with a running loop unless told it is safe (the tests are synchronous).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

if not CHROMIUM.exists():
    pytest.skip(f"end-to-end tests need Chromium at {CHROMIUM}", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api", reason="end-to-end tests need the playwright package")


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, live_server):
    """A fresh browser profile (cookies, localStorage) per test, pointed at the live server."""
    browser_context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    browser_context.set_default_timeout(15_000)
    # Only the live server may be reached: anything else (share buttons, embeds) is refused.
    browser_context.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: route.abort(),
    )
    yield browser_context
    browser_context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS

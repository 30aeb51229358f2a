"""Fixtures for the end-to-end tests: a live Django server and headless Debian Chromium.

Playwright's own browser download does not work on our machines, so the tests drive the
system's Chromium (`/usr/bin/chromium`); test_browser.py skips itself when it is missing.
"""

import mimetypes
import os
from pathlib import Path

import pytest

from django.conf import settings
from django.core.cache import cache
from django.db import connections

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
# from a thread with a running loop unless told it is safe (the tests are synchronous).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, shared by the tests of a module.

    Module scope, not session: Playwright is stopped before the rest of the suite runs, so
    no other test finds an asyncio loop "running" in its thread.
    """
    from playwright.sync_api import sync_playwright

    # Playwright's sync API leaves an asyncio loop "running" in this thread. Django keeps
    # database connections in an asgiref Local, which then answers from a per-context store:
    # the test code would get fresh connection objects, without the serialized data that
    # `serialized_rollback` restores and unable to open SQLite's shared in-memory test
    # database ("disk I/O error"). Pin the connections the test runner set up into that store.
    runner_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in runner_connections.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts without pages cached by earlier tests (the site caches whole pages)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def context(browser, live_server):
    """A fresh browser profile (cookies, localStorage) per test, pointed at the live server."""
    browser_context = _new_context(browser, live_server)
    yield browser_context
    browser_context.close()


@pytest.fixture
def new_context(browser, live_server):
    """Opens more browser profiles in one test (a reporter, an editor, a reader; JavaScript off).

    `new_context(java_script_enabled=False, viewport=...)` takes Playwright's context options;
    every profile is closed when the test ends.
    """
    opened = []

    def open_context(**options):
        browser_context = _new_context(browser, live_server, **options)
        opened.append(browser_context)
        return browser_context

    yield open_context
    for browser_context in opened:
        browser_context.close()


def _new_context(browser, live_server, **options):
    options = {"locale": "vi-VN", "viewport": {"width": 1280, "height": 900}, **options}
    browser_context = browser.new_context(base_url=live_server.url, **options)
    browser_context.set_default_timeout(15_000)
    # Only the live server may be reached: anything else (Wagtail's release check, Gravatar,
    # share links) is refused before it leaves the browser.
    browser_context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    _serve_media(browser_context, live_server)
    return browser_context


def _serve_media(browser_context, live_server):
    """Answer /media/ from MEDIA_ROOT: the test settings run with DEBUG off, so Django does not."""
    root = Path(settings.MEDIA_ROOT).resolve()
    prefix = f"{live_server.url}{settings.MEDIA_URL}"

    def fulfil(route):
        path = (root / route.request.url[len(prefix) :].split("?")[0]).resolve()
        if root not in path.parents or not path.is_file():
            route.fulfill(status=404, body="")
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path.read_bytes(), content_type=content_type)

    browser_context.route(f"{prefix}**", fulfil)


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def log_in(page, username, password):
    """Sign in through the admin's own login form and wait for the dashboard."""
    page.goto("/admin/login/")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.click('button[type="submit"]')
    page.wait_for_url("**/admin/")

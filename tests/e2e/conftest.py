"""Browser tests: Debian's Chromium driven by Playwright, axe-core on every page visited."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("FAIR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
_axe = Axe()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make system-deps`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Pages:
    """Opens pages and runs axe-core on each; serious or critical findings fail the test."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.checked: list[str] = []

    def log_in(self, user) -> None:
        """Put a session of `user` into the browser context (as `Client.force_login` makes one)."""
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url}]
        )

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        self.check()
        return self.page

    def check(self) -> None:
        self.page.wait_for_load_state("load")
        results = _axe.run(self.page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], f"axe on {self.page.url}: {bad}"
        # Reflow (WCAG 1.4.10): no page scrolls sideways; wide tables scroll in their own box.
        # A mobile viewport widens window.innerWidth to fit the content: use the device width.
        width = self.page.viewport_size["width"]
        scroll = self.page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width + 1, f"{self.page.url} scrolls sideways: {scroll} px in {width} px"
        self.checked.append(self.page.url)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(**PHONE)
    yield Pages(context.new_page(), live_server.url)
    context.close()


@pytest.fixture
def desktop(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Pages(context.new_page(), live_server.url)
    context.close()

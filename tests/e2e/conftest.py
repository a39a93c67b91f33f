"""Browser flows: a real server on a fresh database, driven in headless Chromium."""

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.databases import skip_or_fail
from tests.live_server import serve_fresh_database

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    with serve_fresh_database("e2e") as url:
        yield url


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        skip_or_fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


ADMIN = "paakayttaja@sopimo.example"


def log_in(page, email: str, password: str = "demo-salasana") -> None:  # type: ignore[no-untyped-def]
    """Through the login page, as a person would."""
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login" not in url)


def watch_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Content-Security-Policy violations, from the console and from securitypolicyviolation events both."""
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.add_init_script("""document.addEventListener("securitypolicyviolation",
        (e) => console.error("Content Security Policy violation: " + e.violatedDirective + " " + e.blockedURI));""")
    return violations


@pytest.fixture
def anonymous_page(live_server: str, browser):  # type: ignore[no-untyped-def]
    """A browser page; every flow that uses it also proves that the pages break no rule of the CSP."""
    context = browser.new_context(base_url=live_server, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations = watch_violations(page)
    yield page
    context.close()
    assert violations == [], "the Content-Security-Policy refused something the pages use"


@pytest.fixture
def page(anonymous_page):  # type: ignore[no-untyped-def]
    """A browser logged in as the installation's administrator."""
    log_in(anonymous_page, ADMIN)
    return anonymous_page

"""Browser flows: a real server on a fresh database, driven in headless Chromium."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.databases import backend, fresh_database, postgres_answers

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true forbids skipping")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    if backend() == "postgresql" and (why_not := postgres_answers()):
        skip_or_fail(f"PostgreSQL does not answer: {why_not}")
    sopimo = [sys.executable, "-m", "api.cli"]
    with fresh_database("e2e") as url:
        env = {**os.environ, "DATABASE_URL": url, "SOPIMO_LOG_LEVEL": "WARNING"}
        for step in ("migrate", "load-demo"):
            subprocess.run([*sopimo, step], cwd=ROOT, env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [*sopimo, "serve"], cwd=ROOT, env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start: {server.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=10)


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


@pytest.fixture
def anonymous_page(live_server: str, browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def page(anonymous_page):  # type: ignore[no-untyped-def]
    """A browser logged in as the installation's administrator."""
    log_in(anonymous_page, ADMIN)
    return anonymous_page

"""The pages pass on who is asking: the API's login throttle and audit trail see the person's address, which
X-Forwarded-For changes only when it comes from a trusted proxy."""

import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import httpx
import pytest

from api.demo_data import DEMO_PASSWORD
from api.settings import get_settings

NOKIA = "koordinaattori@nokia.example"
PROXY = "10.0.0.2"


@pytest.fixture
def trusted_proxy() -> Iterator[None]:
    settings = get_settings()
    before = settings.trusted_proxies
    settings.trusted_proxies = f"{PROXY}, 192.0.2.0/28"
    yield
    settings.trusted_proxies = before


@asynccontextmanager
async def browser_at(app, address: str) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    """A browser whose connection comes from `address` (the test transport's overrides stay in force)."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as browser:
        yield browser


async def page_login(browser: httpx.AsyncClient, email: str, password: str, **headers: str) -> httpx.Response:
    form = await browser.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    return await browser.post("/login", data={"email": email, "password": password, "csrf_token": token},
                              headers=headers)


async def test_twenty_wrong_page_logins_from_one_address_do_not_lock_out_another(app, transport) -> None:  # type: ignore[no-untyped-def]
    async with browser_at(app, "198.51.100.7") as guesser, browser_at(app, "203.0.113.9") as colleague:
        for attempt in range(20):
            assert (await page_login(guesser, f"arvaus{attempt}@example.fi", "väärä salasana")).status_code == 401
        assert (await page_login(guesser, NOKIA, DEMO_PASSWORD)).status_code == 429, "the guessing address is held"
        assert (await page_login(colleague, NOKIA, DEMO_PASSWORD)).status_code == 303, "another address logs in"


async def test_rotating_x_forwarded_for_from_an_untrusted_peer_changes_nothing(app, transport) -> None:  # type: ignore[no-untyped-def]
    async with browser_at(app, "198.51.100.7") as guesser:
        for attempt in range(20):
            forged = {"X-Forwarded-For": f"203.0.113.{attempt}"}
            assert (await page_login(guesser, f"arvaus{attempt}@example.fi", "väärä", **forged)).status_code == 401
        assert (await page_login(guesser, NOKIA, DEMO_PASSWORD, **{"X-Forwarded-For": "203.0.113.99"})).status_code == 429
        api = await guesser.post("/api/v1/auth/token", data={"username": NOKIA, "password": DEMO_PASSWORD},
                                 headers={"X-Forwarded-For": "203.0.113.98"})
        assert api.status_code == 429, "the API counts the same address as the pages"


async def test_behind_a_trusted_proxy_the_right_most_address_not_ours_counts(app, transport, trusted_proxy) -> None:  # type: ignore[no-untyped-def]
    async with browser_at(app, PROXY) as proxy:
        for attempt in range(20):
            # The client forges the left part; the proxies append what they saw (the last one is ours too).
            chain = {"X-Forwarded-For": f"203.0.113.{attempt}, 198.51.100.7, 192.0.2.3"}
            assert (await page_login(proxy, f"arvaus{attempt}@example.fi", "väärä", **chain)).status_code == 401
        held = await page_login(proxy, NOKIA, DEMO_PASSWORD, **{"X-Forwarded-For": "203.0.113.99, 198.51.100.7"})
        assert held.status_code == 429
        other = await page_login(proxy, NOKIA, DEMO_PASSWORD, **{"X-Forwarded-For": "198.51.100.8"})
        assert other.status_code == 303, "another person behind the same proxy still logs in"


async def test_the_audit_trail_records_the_page_users_address(app, transport, client: httpx.AsyncClient, trusted_proxy) -> None:  # type: ignore[no-untyped-def]
    async with browser_at(app, "198.51.100.20") as browser:
        assert (await page_login(browser, NOKIA, "väärä salasana")).status_code == 401
    async with browser_at(app, PROXY) as proxy:
        assert (await page_login(proxy, "lukija@kangasala.example", "väärä salasana",
                                 **{"X-Forwarded-For": "198.51.100.21"})).status_code == 401
    failed = (await client.get("/api/v1/audit", params={"action": "login_failed"})).json()["items"]
    addresses = {entry["actor_label"]: entry["client_address"] for entry in failed}
    assert addresses[NOKIA] == "198.51.100.20"
    assert addresses["lukija@kangasala.example"] == "198.51.100.21"


async def test_a_change_made_in_the_pages_is_recorded_with_the_persons_address(app, transport, credentials) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import with_csrf

    async with browser_at(app, "198.51.100.30") as browser:
        token = await credentials.token_for("paakayttaja@sopimo.example")
        browser.cookies.set("sopimo_session", token)
        with_csrf(browser)
        created = await browser.post("/organisations/new", data={"kind": "association", "name_fi": "Osoitteellinen ry"})
        assert created.status_code in (200, 303), created.text
        browser.headers["Authorization"] = f"Bearer {token}"
        entries = (await browser.get("/api/v1/audit", params={"resource_type": "organisations", "action": "create"})).json()
    entry = next(e for e in entries["items"] if e["after"]["name_fi"] == "Osoitteellinen ry")
    assert entry["client_address"] == "198.51.100.30"

"""The calendar page: a person's feed addresses to copy, in the page's language, and a reset that asks first and
says what it did."""

import re
from html import unescape
from typing import Any

import httpx

from api.settings import get_settings
from tests.web.test_obligation_pages import NOKIA_COORDINATOR, browser_as


def addresses(html: str) -> list[str]:
    return [unescape(url) for url in re.findall(r'value="([^"]*/api/v1/calendar/[^"]*)"', html)]


async def test_the_calendar_page_gives_a_coordinator_their_addresses_to_copy(
        transport: httpx.ASGITransport, credentials: Any) -> None:
    async with await browser_as(transport, credentials, NOKIA_COORDINATOR) as browser:
        listing = (await browser.get("/obligations")).text
        assert 'href="/obligations/calendar"' in listing
        page = await browser.get("/obligations/calendar")
    assert page.status_code == 200
    html = page.text
    assert "<h1>Kalenteri</h1>" in html and "Omat velvoitteesi" in html
    assert "Organisaation Nokia velvoitteet alueillasi." in html
    assert "Tampereen seudun työllisyysalue" in html and "15 organisaation osoitteet" in html
    urls = addresses(html)
    assert len(urls) == 1 + 1 + 15
    base = get_settings().public_url
    assert urls[0].startswith(f"{base}/api/v1/calendar/") and urls[0].endswith("/me.ics")
    assert 'readonly' in html and 'for="feed-me"' in html and 'data-copy="feed-me"' in html
    assert 'data-confirm="Vaihdetaanko kalenterin osoitteesi?' in html


async def test_a_swedish_page_gives_swedish_feeds(transport: httpx.ASGITransport, credentials: Any) -> None:
    async with await browser_as(transport, credentials, NOKIA_COORDINATOR) as browser:
        html = (await browser.get("/obligations/calendar", params={"lang": "sv"})).text
    assert "<h1>Kalender</h1>" in html and "Byt ut adresserna" in html
    assert all(url.endswith(".ics?lang=sv") for url in addresses(html))


async def test_a_reset_asks_first_then_says_the_old_addresses_no_longer_work(
        transport: httpx.ASGITransport, credentials: Any) -> None:
    async with await browser_as(transport, credentials, NOKIA_COORDINATOR) as browser:
        before = addresses((await browser.get("/obligations/calendar")).text)
        feed = before[0][len(get_settings().public_url):]
        assert (await browser.get(feed)).status_code == 200
        reset = await browser.post("/obligations/calendar/reset", data={})
        assert reset.status_code == 303 and reset.headers["location"] == "/obligations/calendar#calendar-feeds"
        after = (await browser.get("/obligations/calendar")).text
        assert "Kalenterin osoitteesi vaihdettiin: vanhat eivät enää toimi." in after
        assert set(addresses(after)).isdisjoint(before)
        assert (await browser.get(feed)).status_code == 404

"""Calendar addresses against a real server, where a read's session does not write: the secret asked for the first
time by several requests at once is made once, in a short transaction of its own, and every answer gives it."""

import asyncio
from collections.abc import Iterator

import httpx
import icalendar
import pytest

from api.demo_data import DEMO_PASSWORD
from tests.live_server import serve_fresh_database


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve_fresh_database("calendar_live") as url:
        yield url


async def test_the_first_requests_at_once_make_one_secret_and_a_reset_ends_it(server: str) -> None:
    async with httpx.AsyncClient(base_url=server, timeout=60) as http:
        login = await http.post("/api/v1/auth/token", data={"username": "koordinaattori@nokia.example",
                                                            "password": DEMO_PASSWORD})
        assert login.status_code == 200, login.text
        auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
        answers = await asyncio.gather(*(http.get("/api/v1/calendar", headers=auth) for _ in range(4)))
        assert [a.status_code for a in answers] == [200] * 4, [a.text for a in answers]
        urls = {a.json()["feeds"][0]["url"] for a in answers}
        assert len(urls) == 1, urls
        url = urls.pop()
        assert url.startswith(f"{server}/api/v1/calendar/"), "the public address is where the server listens"
        feed = await http.get(url)
        assert feed.status_code == 200, feed.text
        assert list(icalendar.Calendar.from_ical(feed.content).walk("VEVENT"))
        reset = await http.post("/api/v1/calendar/reset", headers=auth)
        assert reset.status_code == 200, reset.text
        assert (await http.get(url)).status_code == 404
        assert (await http.get(reset.json()["feeds"][0]["url"])).status_code == 200

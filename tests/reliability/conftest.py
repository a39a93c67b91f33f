"""Many clients at once against a real server process (`sopimo serve`) on a fresh database of its own."""

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Iterator

import httpx
import pytest

from tests.live_server import serve_fresh_database

ADMIN = "paakayttaja@sopimo.example"
PASSWORD = "demo-salasana"


@pytest.fixture(scope="module")
def live_server() -> Iterator[str]:
    with serve_fresh_database("reliability") as url:
        yield url


@pytest.fixture(scope="module")
def admin_token(live_server: str) -> str:
    response = httpx.post(f"{live_server}/api/v1/auth/token", data={"username": ADMIN, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


@pytest.fixture
async def client(live_server: str, admin_token: str) -> AsyncIterator[httpx.AsyncClient]:
    """The administrator over real connections, as many at once as a test sends."""
    async with httpx.AsyncClient(base_url=live_server, timeout=60, headers={"Authorization": f"Bearer {admin_token}"},
                                 limits=httpx.Limits(max_connections=64, max_keepalive_connections=64)) as http:
        yield http


async def all_at_once(requests: list[Awaitable[httpx.Response]]) -> list[httpx.Response]:
    return list(await asyncio.gather(*requests))


def statuses(responses: list[httpx.Response]) -> Counter[int]:
    return Counter(response.status_code for response in responses)


def report(label: str, round_number: int, counts: Counter[int]) -> None:
    """The outcome of one round, as counts by status, for the record of the run."""
    print(f"[reliability] {label} round {round_number}: " + ", ".join(f"{n}×{s}" for s, n in sorted(counts.items())))

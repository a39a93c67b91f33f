"""Two administrators removing the last two at once, against a real server: one wins, one gets 409.

Run on PostgreSQL (see tests/conftest.py): on SQLite two transactions that read and then write do not yet wait
for each other's write lock, whatever the rule, so the loser is a "database is locked" rather than a 409.
"""

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from api.demo_data import DEMO_PASSWORD
from tests.live_server import serve_fresh_database

ROUNDS = 5
PASSWORD = "kuusi kirjava kissaa"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve_fresh_database("last_admin") as url:
        yield url


async def log_in(http: httpx.AsyncClient, email: str, password: str) -> dict[str, str]:
    response = await http.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_of_two_concurrent_removals_of_the_last_two_admins_one_is_refused(server: str) -> None:
    async with httpx.AsyncClient(base_url=server, timeout=60) as http:
        first = "paakayttaja@sopimo.example"
        auth = await log_in(http, first, DEMO_PASSWORD)
        organisation = (await http.get("/api/v1/organisations", params={"q": "Nokia"}, headers=auth)).json()["items"][0]
        outcomes = []
        for round_ in range(ROUNDS):
            email = f"paakayttaja{round_}@nokia.example"
            created = await http.post("/api/v1/users", headers=auth, json={
                "email": email, "name": "Pääkäyttäjä", "organisation_id": organisation["id"], "password": PASSWORD,
                "is_admin": True})
            assert created.status_code == 201, created.text
            admins = [u for u in (await http.get("/api/v1/users", params={"limit": 200}, headers=auth)).json()["items"]
                      if u["is_admin"] and u["is_active"]]
            assert len(admins) == 2
            one, other = admins
            # Both requests are authenticated before either commits; one deactivates, the other deletes.
            answers = await asyncio.gather(
                http.patch(f"/api/v1/users/{one['id']}", json={"is_active": False},
                           headers={**auth, "If-Match": f'"{one["version"]}"'}),
                http.delete(f"/api/v1/users/{other['id']}", headers=auth),
            )
            statuses = sorted(answer.status_code for answer in answers)
            outcomes.append(statuses)
            assert statuses in ([200, 409], [204, 409]), [a.text for a in answers]
            assert next(a for a in answers if a.status_code == 409).json()["code"] == "user.last_admin"
            survivor = other if answers[0].status_code == 200 else one
            survivor_email = survivor["email"]
            auth = await log_in(http, survivor_email, DEMO_PASSWORD if survivor_email == first else PASSWORD)
            left = [u for u in (await http.get("/api/v1/users", params={"limit": 200}, headers=auth)).json()["items"]
                    if u["is_admin"] and u["is_active"]]
            assert [u["email"] for u in left] == [survivor_email]
        assert len(outcomes) == ROUNDS

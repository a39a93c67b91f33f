from datetime import timedelta

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import AuthToken
from api.auth.tokens import digest
from api.demo_data import DEMO_PASSWORD
from api.models import utc_now
from tests.api.helpers import assert_problem, find_one

NOKIA = "koordinaattori@nokia.example"


async def login(client: httpx.AsyncClient, email: str, password: str, address: str = "10.0.0.1") -> httpx.Response:
    transport_client = client
    return await transport_client.post(
        "/api/v1/auth/token", data={"username": email, "password": password}, headers={"X-Forwarded-For": address}
    )


async def test_login_gives_a_token_that_says_who_and_what(anonymous: httpx.AsyncClient) -> None:
    response = await login(anonymous, NOKIA.upper(), DEMO_PASSWORD)
    assert response.status_code == 200, response.text
    token = response.json()
    assert token["token_type"] == "bearer" and token["expires_in"] == 12 * 3600
    me = (await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token['access_token']}"})).json()
    assert me["organisation_name"] == "Nokia"
    assert [(a["area_name"], a["roles"]) for a in me["areas"]] == [("Tampereen seudun työllisyysalue", ["coordinator"])]
    second = (await login(anonymous, NOKIA, DEMO_PASSWORD)).json()
    assert second["access_token"] != token["access_token"], "every login is a new session"


async def test_a_wrong_password_is_refused_and_audited_without_the_password(
    anonymous: httpx.AsyncClient, client: httpx.AsyncClient
) -> None:
    assert_problem(await login(anonymous, NOKIA, "väärä salasana"), 401)
    entries = (await client.get("/api/v1/audit", params={"action": "login_failed"})).json()["items"]
    assert entries[0]["actor_label"] == NOKIA
    assert "väärä" not in str(entries[0])


async def test_repeated_failures_are_throttled_per_account_and_then_per_address(anonymous: httpx.AsyncClient) -> None:
    for _ in range(5):
        assert (await login(anonymous, NOKIA, "wrong-password")).status_code == 401
    blocked = await login(anonymous, NOKIA, DEMO_PASSWORD)
    assert_problem(blocked, 429)
    assert 1 <= int(blocked.headers["retry-after"]) <= 30, "an account is held back only briefly"
    other = await login(anonymous, "lukija@kangasala.example", DEMO_PASSWORD)
    assert other.status_code == 200, "another account from the same address still logs in"


async def test_logout_ends_the_token_at_once(anonymous: httpx.AsyncClient) -> None:
    token = (await login(anonymous, NOKIA, DEMO_PASSWORD)).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert (await anonymous.post("/api/v1/auth/logout", headers=headers)).status_code == 204
    assert_problem(await anonymous.get("/api/v1/auth/me", headers=headers), 401)


async def test_idle_and_absolute_timeouts(anonymous: httpx.AsyncClient, session: AsyncSession, credentials) -> None:  # type: ignore[no-untyped-def]
    idle = await credentials.token_for(NOKIA)
    absolute = await credentials.token_for(NOKIA)
    await session.execute(update(AuthToken).where(AuthToken.token_hash == digest(idle))
                          .values(last_used_at=utc_now() - timedelta(minutes=31)))
    await session.execute(update(AuthToken).where(AuthToken.token_hash == digest(absolute))
                          .values(expires_at=utc_now() - timedelta(seconds=1)))
    await session.commit()
    for token in (idle, absolute):
        assert_problem(await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}), 401)


async def test_the_token_is_stored_only_as_a_hash(anonymous: httpx.AsyncClient, session: AsyncSession) -> None:
    token = (await login(anonymous, NOKIA, DEMO_PASSWORD)).json()["access_token"]
    stored = list(await session.scalars(select(AuthToken.token_hash)))
    assert digest(token) in stored and token not in stored


async def test_area_admin_creates_a_key_shown_once_then_revokes_it(
    anonymous: httpx.AsyncClient, client: httpx.AsyncClient, credentials  # type: ignore[no-untyped-def]
) -> None:
    area = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    admin = {"Authorization": f"Bearer {await credentials.token_for('aluepaakayttaja@tampere.example')}"}
    url = f"/api/v1/areas/{area['id']}/api-keys"
    created = await anonymous.post(url, json={"name": "Talousjärjestelmä", "scopes": ["read", "finance"]}, headers=admin)
    assert created.status_code == 201, created.text
    secret = created.json()["key"]
    listed = (await anonymous.get(url, headers=admin)).json()
    assert [k["name"] for k in listed] == ["Talousjärjestelmä"] and "key" not in listed[0]
    as_system = {"Authorization": f"Bearer {secret}"}
    assert (await anonymous.get(f"/api/v1/areas/{area['id']}", headers=as_system)).status_code == 200
    used = (await anonymous.get(url, headers=admin)).json()[0]
    assert used["last_used_at"] is not None
    # Within the minute another use writes nothing: reads stay reads.
    assert (await anonymous.get(f"/api/v1/areas/{area['id']}", headers=as_system)).status_code == 200
    assert (await anonymous.get(url, headers=admin)).json()[0]["last_used_at"] == used["last_used_at"]
    assert (await anonymous.delete(f"{url}/{used['id']}", headers=admin)).json()["revoked_at"] is not None
    assert_problem(await anonymous.get(f"/api/v1/areas/{area['id']}", headers=as_system), 401)
    bad_scope = await anonymous.post(url, json={"name": "X", "scopes": ["everything"]}, headers=admin)
    assert_problem(bad_scope, 422)


async def test_an_admin_manages_people_and_their_roles(client: httpx.AsyncClient, anonymous: httpx.AsyncClient) -> None:
    area = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    nokia = (await client.get("/api/v1/organisations", params={"q": "Nokia"})).json()["items"][0]
    short = await client.post("/api/v1/users", json={"email": "uusi@nokia.example", "name": "Uusi",
                                                      "organisation_id": nokia["id"], "password": "lyhyt"})
    assert assert_problem(short, 422)["errors"][0]["field"] == "password"
    created = await client.post("/api/v1/users", json={
        "email": "Uusi@Nokia.example", "name": "Uusi Henkilö", "organisation_id": nokia["id"],
        "password": "riittävän pitkä salasana", "roles": [{"area_id": area["id"], "role": "viewer"}],
    })
    assert created.status_code == 201, created.text
    user = created.json()
    assert user["email"] == "uusi@nokia.example" and user["roles"] == [{"area_id": area["id"], "role": "viewer"}]
    assert (await login(anonymous, "uusi@nokia.example", "riittävän pitkä salasana")).status_code == 200
    again = {key: user[key] for key in ("email", "name", "organisation_id", "roles")}
    assert_problem(await client.post("/api/v1/users", json={**again, "password": "riittävän pitkä"}), 409)
    changed = await client.patch(f"/api/v1/users/{user['id']}", json={"roles": [{"area_id": area["id"], "role": "coordinator"}]},
                                 headers={"If-Match": created.headers["etag"]})
    assert changed.json()["roles"][0]["role"] == "coordinator"
    assert (await client.patch(f"/api/v1/users/{user['id']}", json={"is_active": False},
                               headers={"If-Match": changed.headers["etag"]})).status_code == 200
    assert_problem(await login(anonymous, "uusi@nokia.example", "riittävän pitkä salasana"), 401)

"""Accounts: passwords per ASVS 5, and an installation that always keeps an active administrator."""

import httpx
import pytest

from tests.api.helpers import assert_problem, organisation_named

ADMIN = "paakayttaja@sopimo.example"


async def new_person(client: httpx.AsyncClient, email: str, password: str, **extra: object) -> httpx.Response:
    nokia = await organisation_named(client, "Nokia")
    return await client.post("/api/v1/users", json={"email": email, "name": "Uusi", "organisation_id": nokia["id"],
                                                     "password": password, **extra})


@pytest.mark.parametrize("password", ["12345678", "password", "Password", "qwertyuiop", "salasana"])
async def test_a_common_password_is_refused_with_its_code(client: httpx.AsyncClient, password: str) -> None:
    problem = assert_problem(await new_person(client, "uusi@nokia.example", password), 422)
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [("password", "password.too_common")]
    assert "common" in problem["errors"][0]["message"]


async def test_a_short_password_is_refused_and_a_long_uncommon_one_accepted(client: httpx.AsyncClient) -> None:
    short = assert_problem(await new_person(client, "uusi@nokia.example", "Lyhyt1!"), 422)
    assert short["errors"][0]["field"] == "password"
    created = await new_person(client, "uusi@nokia.example", "kuusi kirjava kissaa")
    assert created.status_code == 201, created.text
    changed = await client.patch(f"/api/v1/users/{created.json()['id']}", json={"password": "password1"},
                                 headers={"If-Match": created.headers["etag"]})
    assert assert_problem(changed, 422)["errors"][0]["code"] == "password.too_common"


async def admin_row(client: httpx.AsyncClient, email: str) -> httpx.Response:
    user = next(u for u in (await client.get("/api/v1/users", params={"limit": 200})).json()["items"] if u["email"] == email)
    return await client.get(f"/api/v1/users/{user['id']}")


@pytest.mark.parametrize("change", [{"is_active": False}, {"is_admin": False}])
async def test_the_last_active_admin_is_neither_deactivated_nor_demoted(client: httpx.AsyncClient, change: dict) -> None:
    admin = await admin_row(client, ADMIN)
    refused = await client.patch(f"/api/v1/users/{admin.json()['id']}", json=change, headers={"If-Match": admin.headers["etag"]})
    problem = assert_problem(refused, 409)
    assert problem["code"] == "user.last_admin" and problem["params"] == {"email": ADMIN}
    assert (await admin_row(client, ADMIN)).json()["is_active"] is True


async def test_the_last_active_admin_is_not_deleted_but_one_of_two_is(client: httpx.AsyncClient) -> None:
    admin = (await admin_row(client, ADMIN)).json()
    assert assert_problem(await client.delete(f"/api/v1/users/{admin['id']}"), 409)["code"] == "user.last_admin"
    second = await new_person(client, "toinen.paakayttaja@nokia.example", "kuusi kirjava kissaa", is_admin=True)
    assert second.status_code == 201, second.text
    # An inactive administrator does not count: with the second one deactivated, the first is the last again.
    deactivated = await client.patch(f"/api/v1/users/{second.json()['id']}", json={"is_active": False},
                                     headers={"If-Match": second.headers["etag"]})
    assert deactivated.status_code == 200, deactivated.text
    assert_problem(await client.delete(f"/api/v1/users/{admin['id']}"), 409)
    reactivated = await client.patch(f"/api/v1/users/{second.json()['id']}", json={"is_active": True},
                                     headers={"If-Match": deactivated.headers["etag"]})
    assert reactivated.status_code == 200
    assert (await client.delete(f"/api/v1/users/{second.json()['id']}")).status_code == 204
    assert_problem(await client.delete(f"/api/v1/users/{admin['id']}"), 409)

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import assert_problem, find_one, organisation_named


async def history(client: httpx.AsyncClient, resource_id: str) -> list[dict]:
    return (await client.get("/api/v1/audit", params={"resource_id": resource_id})).json()["items"]


async def test_create_update_delete_each_leave_an_entry_with_before_and_after(client: httpx.AsyncClient) -> None:
    created = await client.post("/api/v1/organisations", json={"kind": "association", "name_fi": "Auditoitava ry"},
                                headers={"X-Request-ID": "req-create"})
    organisation = created.json()
    await client.patch(f"/api/v1/organisations/{organisation['id']}", json={"region": "Pirkanmaa"},
                       headers={"If-Match": '"1"', "X-Request-ID": "req-update"})
    await client.delete(f"/api/v1/organisations/{organisation['id']}", headers={"X-Request-ID": "req-delete"})
    entries = await history(client, organisation["id"])
    assert [e["action"] for e in entries] == ["delete", "update", "create"], "newest first"
    delete, update, create = entries
    assert create["before"] is None and create["after"]["name_fi"] == "Auditoitava ry"
    assert update["before"]["region"] is None and update["after"]["region"] == "Pirkanmaa"
    assert delete["before"]["region"] == "Pirkanmaa" and delete["after"] is None
    assert [e["request_id"] for e in entries] == ["req-delete", "req-update", "req-create"]
    assert {e["actor_label"] for e in entries} == {"Sopimon pääkäyttäjä (paakayttaja@sopimo.example)"}
    assert all(e["occurred_at"].endswith(("+00:00", "Z")) or "T" in e["occurred_at"] for e in entries)


async def test_changes_to_an_areas_parts_show_in_its_history(client: httpx.AsyncClient) -> None:
    area = await find_one(client, "/api/v1/areas", q="Kirkkonummen")
    espoo = await organisation_named(client, "Espoo")
    await client.post(f"/api/v1/areas/{area['id']}/members", json={"organisation_id": espoo["id"], "from_date": "2026-01-01"})
    entries = await history(client, area["id"])
    member = next(e for e in entries if e["resource_type"] == "area_members")
    assert member["action"] == "create" and member["after"]["organisation_id"] == espoo["id"]
    assert member["area_id"] == area["id"]


async def test_a_refused_authorisation_is_recorded(client: httpx.AsyncClient, anonymous: httpx.AsyncClient, credentials) -> None:  # type: ignore[no-untyped-def]
    area = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    viewer = {"Authorization": f"Bearer {await credentials.token_for('lukija@kangasala.example')}"}
    refused_patch = await anonymous.patch(f"/api/v1/areas/{area['id']}", json={"name": "x"},
                                          headers={**viewer, "If-Match": '"1"'})
    assert_problem(refused_patch, 403)
    refused = (await client.get("/api/v1/audit", params={"action": "forbidden"})).json()["items"][0]
    assert refused["actor_label"] == "Lukija (Kangasala) (lukija@kangasala.example)"
    assert refused["resource_id"] == area["id"]


async def test_who_reads_the_trail(anonymous: httpx.AsyncClient, client: httpx.AsyncClient, credentials) -> None:  # type: ignore[no-untyped-def]
    await client.post("/api/v1/users", json={"email": "salainen@nokia.example", "name": "S", "organisation_id":
                      (await organisation_named(client, "Nokia"))["id"], "password": "salasana123"})
    viewer = {"Authorization": f"Bearer {await credentials.token_for('lukija@kangasala.example')}"}
    seen = (await anonymous.get("/api/v1/audit", params={"limit": 200}, headers=viewer)).json()["items"]
    assert seen and all(e["resource_type"] not in {"users", "api_keys"} for e in seen)
    key = await credentials.api_key("Tampereen seudun työllisyysalue", "read")
    assert_problem(await anonymous.get("/api/v1/audit", headers={"Authorization": f"Bearer {key}"}), 403)
    assert_problem(await anonymous.get("/api/v1/audit"), 401)


@pytest.mark.parametrize("statement", ["UPDATE audit_entries SET action = 'x'", "DELETE FROM audit_entries"])
async def test_the_database_refuses_to_change_or_delete_entries(session: AsyncSession, statement: str) -> None:
    with pytest.raises(DBAPIError, match="cannot be changed or deleted"):
        async with session.begin_nested():
            await session.execute(text(statement))

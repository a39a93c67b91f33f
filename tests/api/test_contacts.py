"""The directory of contact persons and who is responsible for a duty: shown only within the person's areas."""

from typing import Any

import httpx

from tests.api.helpers import assert_problem, organisation_named

CONTACTS = "/api/v1/contacts"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_coordinator_adds_their_own_people_and_names_them_responsible(client: httpx.AsyncClient,
                                                                              credentials: Any) -> None:
    nokia, tampere = (await organisation_named(client, "Nokia"))["id"], (await organisation_named(client, "Tampere"))["id"]
    coordinator = bearer(await credentials.token_for("koordinaattori@nokia.example"))
    person = {"organisation_id": nokia, "name": "Maija Meikäläinen", "title": "Työllisyyskoordinaattori",
              "email": "maija.meikalainen@nokia.example", "phone": "+358 40 123 4567", "language": "fi"}
    created = await client.post(CONTACTS, json=person, headers=coordinator)
    assert created.status_code == 201, created.text
    assert created.json()["allowed_actions"] == ["update", "delete"]
    assert_problem(await client.post(CONTACTS, json={**person, "organisation_id": tampere}, headers=coordinator), 403)
    assert_problem(await client.post(CONTACTS, json={**person, "email": "not an address"}, headers=coordinator), 422)
    duty = (await client.get("/api/v1/obligation-instances", params={"holder_id": nokia, "status": "overdue"})).json()
    obligation_id = duty["items"][0]["obligation"]["id"]
    url = f"/api/v1/obligations/{obligation_id}/responsibles/{nokia}"
    named = await client.put(url, json={"contact_ids": [created.json()["id"]]}, headers=coordinator)
    assert named.status_code == 200, named.text
    assert [c["name"] for c in named.json()["contacts"]] == ["Maija Meikäläinen"]
    theirs = await client.put(f"/api/v1/obligations/{obligation_id}/responsibles/{tampere}",
                              json={"contact_ids": []}, headers=coordinator)
    assert_problem(theirs, 403)
    changed = await client.patch(f"{CONTACTS}/{created.json()['id']}", json={"language": "sv"},
                                 headers={**coordinator, "If-Match": created.headers["ETag"]})
    assert changed.status_code == 200 and changed.json()["language"] == "sv"


async def test_contact_details_are_shown_only_within_the_person_s_areas(client: httpx.AsyncClient,
                                                                        credentials: Any) -> None:
    nokia = (await organisation_named(client, "Nokia"))["id"]
    await client.post(CONTACTS, json={"organisation_id": nokia, "name": "Matti Virtanen", "email": "matti@nokia.example"})
    viewer = bearer(await credentials.token_for("lukija@kangasala.example"))
    listed = (await client.get(CONTACTS, params={"organisation_id": nokia}, headers=viewer)).json()["items"]
    matti = next(c for c in listed if c["name"] == "Matti Virtanen")
    assert matti["email"] == "matti@nokia.example" and matti["allowed_actions"] == []
    outsider = bearer(await credentials.api_key("Pohjois-Savon työllisyyden kuntakokeilu", "read"))
    assert (await client.get(CONTACTS, params={"organisation_id": nokia}, headers=outsider)).json()["items"] == []


async def test_the_mail_sent_is_for_admins(client: httpx.AsyncClient, credentials: Any) -> None:
    assert (await client.get("/api/v1/mail")).status_code == 200
    coordinator = bearer(await credentials.token_for("koordinaattori@nokia.example"))
    assert_problem(await client.get("/api/v1/mail", headers=coordinator), 403)
    area_admin = bearer(await credentials.token_for("aluepaakayttaja@tampere.example"))
    assert (await client.get("/api/v1/mail", headers=area_admin)).status_code == 200

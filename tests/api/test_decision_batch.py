"""The parties' decisions on a version recorded in one request: all of them, or none with each fault named."""

import httpx

from tests.api.agreement_helpers import create_agreement, decide, kirkkonummi_parties, send
from tests.api.helpers import assert_problem

BATCH = "/api/v1/decisions/batch"


def row(organisation_id: str, meeting_date: str, section: int, **extra: object) -> dict[str, object]:
    return {"organisation_id": organisation_id, "body": "municipal_board", "meeting_date": meeting_date,
            "section": section, "outcome": "approved", **extra}


async def test_every_party_s_approval_in_one_request_brings_the_version_into_force(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = await send(client, agreement, "2025-01-10")
    parties = await kirkkonummi_parties(client)
    response = await client.post(BATCH, params={"on": "2025-03-01"}, json={"version_id": version["id"], "decisions": [
        row(parties["Kirkkonummi"], "2025-01-20", 12, body_name="Kunnanhallitus", case_number="KIR/120/2025"),
        row(parties["Siuntio"], "2025-01-27", 7),
        row(parties["Vihti"], "2025-02-03", 31, commitment_cap="1 950,00 €"),
    ]})
    assert response.status_code == 201, response.text
    body = response.json()
    assert [d["organisation"]["name_fi"] for d in body["items"]] == ["Kirkkonummi", "Siuntio", "Vihti"]
    assert body["items"][0]["body_name"] == "Kunnanhallitus" and body["items"][2]["commitment_cap"] == "1950.00"
    state = body["version_state"]
    assert state["status"] == "in_force" and state["approved"] == 3 and state["pending"] == 0
    assert state["adopted_on"] == "2025-02-03" and state["in_force_from"] == "2025-03-01"
    listed = (await client.get("/api/v1/decisions", params={"version_id": version["id"]})).json()["items"]
    assert len(listed) == 3


async def test_one_row_at_fault_records_none_and_names_each_row(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = await send(client, agreement, "2025-01-10")
    parties = await kirkkonummi_parties(client)
    assert (await decide(client, version["id"], parties["Vihti"], "2025-02-03", section=31)).status_code == 201
    outsider = (await client.get("/api/v1/organisations", params={"q": "Nokia"})).json()["items"][0]["id"]
    response = await client.post(BATCH, json={"version_id": version["id"], "decisions": [
        row(parties["Kirkkonummi"], "2025-01-20", 12),
        row(parties["Siuntio"], "2025-01-09", 7),
        row(parties["Vihti"], "2025-02-03", 31, outcome="rejected"),
        row(outsider, "2025-01-20", 3),
        row(parties["Kirkkonummi"], "2025-01-20", 12, outcome="tabled"),
    ]})
    problem = assert_problem(response, 422)
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [
        ("decisions.1.meeting_date", "decision.before_sent"),
        ("decisions.2.organisation_id", "decision.conflicting"),
        ("decisions.3.organisation_id", "party.not_of_version"),
        ("decisions.4.organisation_id", "decision.conflicting"),
    ]
    assert problem["errors"][0]["location"] == ["body", "decisions", 1, "meeting_date"]
    listed = (await client.get("/api/v1/decisions", params={"version_id": version["id"]})).json()["items"]
    assert [d["organisation"]["name_fi"] for d in listed] == ["Vihti"], "nothing of the refused batch was recorded"


async def test_a_row_for_an_organisation_the_caller_does_not_act_for_refuses_them_all(
        client: httpx.AsyncClient, credentials) -> None:  # type: ignore[no-untyped-def]
    agreement = await create_agreement(client)
    version = await send(client, agreement, "2025-01-10")
    parties = await kirkkonummi_parties(client)
    token = await credentials.token_for("koordinaattori@nokia.example")
    response = await client.post(BATCH, headers={"Authorization": f"Bearer {token}"}, json={
        "version_id": version["id"], "decisions": [row(parties["Vihti"], "2025-01-20", 1)]})
    assert_problem(response, 403)
    assert (await client.get("/api/v1/decisions", params={"version_id": version["id"]})).json()["items"] == []


async def test_the_batch_refuses_unknown_fields_and_an_empty_list(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = agreement["versions"][-1]
    assert_problem(await client.post(BATCH, json={"version_id": version["id"], "decisions": []}), 422)
    parties = await kirkkonummi_parties(client)
    extra = await client.post(BATCH, json={"version_id": version["id"], "decisions": [
        {**row(parties["Vihti"], "2025-01-20", 1), "colour": "red"}]})
    assert assert_problem(extra, 422)["errors"][0]["field"] == "decisions.0.colour"
    draft = await client.post(BATCH, json={"version_id": version["id"], "decisions": [
        row(parties["Vihti"], "2025-01-20", 1)]})
    assert assert_problem(draft, 409)["code"] == "decision.on_draft"

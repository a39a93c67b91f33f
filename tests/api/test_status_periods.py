"""The agreements list reads each status from stored status periods: on any day, and after any change, it says what
the agreement's own page works out from the decisions and notices, for the area's people and for the public."""

from datetime import date, timedelta
from typing import Any

import httpx

from tests.api.agreement_helpers import create_agreement, decide, kirkkonummi_parties, send


def days_around(detail: dict[str, Any]) -> list[str]:
    """Every day a fact of the agreement falls on, the days either side of it, and days far before and after."""
    facts: set[date] = {date(2000, 1, 1), date(2090, 1, 1)}
    for version in detail["versions"]:
        facts.update(date.fromisoformat(d) for d in (version["sent_on"], version["effective_date"]) if d)
    for row in detail["matrix"]:
        for cell in row["cells"]:
            if cell["decision"]:
                facts.add(date.fromisoformat(cell["decision"]["meeting_date"]))
    for notice in detail["notices"]:
        facts.update((date.fromisoformat(notice["given_on"]), date.fromisoformat(notice["ends_on"])))
    return sorted({(day + timedelta(days=shift)).isoformat() for day in facts for shift in (-1, 0, 1)})


async def assert_list_agrees_with_detail(client: httpx.AsyncClient, agreement_id: str, overview: bool = False) -> None:
    """On every day around the agreement's facts; with `overview`, the front page's versions awaiting decisions too."""
    detail = (await client.get(f"/api/v1/agreements/{agreement_id}")).json()
    for day in days_around(detail):
        on_day = (await client.get(f"/api/v1/agreements/{agreement_id}", params={"on": day})).json()
        listed = [item for item in (await client.get("/api/v1/agreements", params={
            "on": day, "q": detail["title"], "limit": 200})).json()["items"] if item["id"] == agreement_id]
        assert len(listed) == 1, day
        current = next((v for v in on_day["versions"] if v["id"] == on_day["current_version_id"]), None)
        if overview:
            awaited = (await client.get("/api/v1/overview", params={"on": day})).json()["awaited"]
            circulating = {v["id"] for v in on_day["versions"] if v["state"]["status"] == "circulating"}
            assert {a["version_id"] for a in awaited if a["agreement_id"] == agreement_id} == circulating, day
            awaiting = (await client.get("/api/v1/agreements", params={"on": day, "awaiting": "true",
                                                                       "q": detail["title"]})).json()["items"]
            assert (agreement_id in {a["id"] for a in awaiting}) == bool(circulating), day
        assert (listed[0]["status"], listed[0]["current_version_id"], listed[0]["party_count"],
                listed[0]["in_force_from"]) == (
            on_day["status"], on_day["current_version_id"], len(on_day["parties"]),
            current["state"]["in_force_from"] if current else None), day


async def test_the_list_says_what_each_demo_agreement_s_page_says_on_every_day_its_state_can_change(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient
) -> None:
    agreements = (await client.get("/api/v1/agreements", params={"limit": 200})).json()["items"]
    assert len(agreements) >= 4
    for agreement in agreements:
        await assert_list_agrees_with_detail(client, agreement["id"])
    published = (await anonymous.get("/api/v1/agreements", params={"limit": 200})).json()["items"]
    assert published, "the demo's sent agreements are public"
    for agreement in published:
        await assert_list_agrees_with_detail(anonymous, agreement["id"])


async def test_every_change_to_an_agreement_s_facts_moves_its_status_in_the_list(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient
) -> None:
    parties = await kirkkonummi_parties(client)
    agreement = await create_agreement(client, title="Tilakausien sopimus")
    await assert_list_agrees_with_detail(client, agreement["id"], overview=True)
    version = await send(client, agreement)
    for name in ("Kirkkonummi", "Siuntio"):
        assert (await decide(client, version["id"], parties[name], "2025-02-03")).status_code == 201
    rejected = await decide(client, version["id"], parties["Vihti"], "2025-02-04", outcome="rejected")
    await assert_list_agrees_with_detail(client, agreement["id"], overview=True)
    assert (await client.delete(f"/api/v1/decisions/{rejected.json()['id']}")).status_code == 204
    assert (await decide(client, version["id"], parties["Vihti"], "2025-02-05")).status_code == 201
    await assert_list_agrees_with_detail(client, agreement["id"], overview=True)
    notice = await client.post(f"/api/v1/agreements/{agreement['id']}/notices", params={"on": "2025-04-01"},
                               json={"organisation_id": parties["Vihti"], "given_on": "2025-04-01"})
    assert notice.status_code == 201, notice.text
    await assert_list_agrees_with_detail(client, agreement["id"], overview=True)
    await assert_list_agrees_with_detail(anonymous, agreement["id"])
    amendment = await client.post(f"/api/v1/agreements/{agreement['id']}/versions", params={"on": "2025-06-01"},
                                  json={"reasons": "Uudet palvelut."})
    assert amendment.status_code == 201, amendment.text
    await assert_list_agrees_with_detail(client, agreement["id"], overview=True)
    await assert_list_agrees_with_detail(anonymous, agreement["id"])
    notice_id = notice.json()["notices"][0]["id"]
    withdrawn = await client.delete(f"/api/v1/agreements/{agreement['id']}/notices/{notice_id}",
                                    headers={"If-Match": f'"{notice.json()["notices"][0]["version"]}"'})
    assert withdrawn.status_code in (200, 204), withdrawn.text
    await assert_list_agrees_with_detail(client, agreement["id"], overview=True)
    in_force = (await client.get("/api/v1/agreements", params={"status": "in_force", "on": "2025-03-01",
                                                               "q": "Tilakausien"})).json()["items"]
    assert [item["id"] for item in in_force] == [agreement["id"]]

"""Obligations across an amendment of seed 001: the copies a draft carries over, changed on the draft, holding the
duties from the day the amendment comes into force, and the redline's obligations part."""

from collections import Counter
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncConnection

from tests.api.agreement_helpers import TAMPERE_AREA, agreement_in_area
from tests.api.helpers import organisation_named
from tests.api.test_statement_counts import StatementCounter

OBLIGATIONS = "/api/v1/obligations"
INSTANCES = "/api/v1/obligation-instances"
IN_FORCE_FROM = "2026-07-01"
INTEGRATION = "Kotoutumisen edistämisen palvelut (laki 681/2023, 2. luku)"
NETWORK = "Yhteistyöverkosto kokoontuu"
PREMISES = "Tilat nuorten yhteispalvelulle"
REVIEW = "Työllisyyskatsaus valtuustolle"


async def every(client: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = await client.get(path, params={"limit": 200, **params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        items += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if not cursor:
            return items


async def etag(client: httpx.AsyncClient, path: str) -> dict[str, str]:
    return {"If-Match": (await client.get(path)).headers["ETag"]}


async def seed_001(client: httpx.AsyncClient) -> dict[str, Any]:
    return await agreement_in_area(client, TAMPERE_AREA)


async def duties_of(client: httpx.AsyncClient, version_id: str) -> dict[str, dict[str, Any]]:
    return {o["title_fi"]: o for o in await every(client, OBLIGATIONS, version_id=version_id)}


async def start_amendment(client: httpx.AsyncClient, agreement: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(f"/api/v1/agreements/{agreement['id']}/versions", params={"on": "2026-05-04"},
                                 json={"reasons": "Kotoutumispalvelut koko alueelle."})
    assert response.status_code == 201, response.text
    return response.json()


async def amended_draft(client: httpx.AsyncClient) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Seed 001 amended: Tampere holds the integration services for every party, Valkeakoski too; the network
    meeting is dropped; Nokia reviews employment for its council every year. In force from 1.7.2026 once adopted."""
    agreement = await seed_001(client)
    first = next(v for v in agreement["versions"] if v["sent_on"])
    draft = await start_amendment(client, agreement)
    version_url = f"/api/v1/agreements/{agreement['id']}/versions/{draft['id']}"
    dated = await client.patch(version_url, json={"effective_date": IN_FORCE_FROM},
                               headers={"If-Match": f'"{draft["version"]}"'})
    assert dated.status_code == 200, dated.text
    copies = await duties_of(client, draft["id"])
    integration = copies[INTEGRATION]
    changed = await client.patch(f"{OBLIGATIONS}/{integration['id']}", json={"holders": {"scope": "lead"}},
                                 headers=await etag(client, f"{OBLIGATIONS}/{integration['id']}"))
    assert changed.status_code == 200, changed.text
    network = copies[NETWORK]
    removed = await client.delete(f"{OBLIGATIONS}/{network['id']}",
                                  headers=await etag(client, f"{OBLIGATIONS}/{network['id']}"))
    assert removed.status_code == 204, removed.text
    nokia = (await organisation_named(client, "Nokia"))["id"]
    added = await client.post(OBLIGATIONS, json={
        "version_id": draft["id"], "section_number": "3", "title_fi": REVIEW, "kind": "deliver_document",
        "holders": {"scope": "named_parties", "named": [nokia]},
        "schedule": {"kind": "recurring", "every": "yearly", "month": 9, "day": 30}})
    assert added.status_code == 201, added.text
    assert added.json()["starts_on"] == IN_FORCE_FROM  # the draft's effective date
    return agreement, first, (await client.get(version_url)).json()


async def send_and_adopt(client: httpx.AsyncClient, agreement: dict[str, Any], draft: dict[str, Any],
                         parties: list[str] | None = None) -> list[dict[str, Any]]:
    sent = await client.post(f"/api/v1/agreements/{agreement['id']}/versions/{draft['id']}/send",
                             json={"sent_on": "2026-05-04"}, headers={"If-Match": f'"{draft["version"]}"'})
    assert sent.status_code == 200, sent.text
    parties = parties or [p["organisation"]["id"] for p in draft["parties"]]
    decided = await client.post("/api/v1/decisions/batch", params={"on": "2026-06-15"}, json={
        "version_id": draft["id"], "decisions": [
            {"organisation_id": party, "body": "municipal_board", "meeting_date": "2026-06-15", "section": 40 + i,
             "outcome": "approved"} for i, party in enumerate(parties)]})
    assert decided.status_code == 201, decided.text
    return list(decided.json()["items"])


async def listed(client: httpx.AsyncClient, agreement: dict[str, Any], **params: Any) -> list[dict[str, Any]]:
    return await every(client, INSTANCES, agreement_id=agreement["id"], **params)


async def lineages(client: httpx.AsyncClient, agreement: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Each copy's id → (lineage, version)."""
    return {o["id"]: (o["lineage_id"], o["version_id"])
            for o in await every(client, OBLIGATIONS, agreement_id=agreement["id"])}


def one_per_holder_and_period(items: list[dict[str, Any]], copies: dict[str, tuple[str, str]]) -> None:
    keys = Counter((copies[i["obligation"]["id"]][0], i["holder"]["id"] if i["holder"] else i["holder_group"],
                    i["nominal"]) for i in items)
    assert not [key for key, count in keys.items() if count > 1], "an instance listed twice"


def held_by(items: list[dict[str, Any]], copies: dict[str, tuple[str, str]], title: str, holder: str
            ) -> dict[str, tuple[str, str]]:
    """nominal → (instance id, version) of one holder's instances of one duty."""
    return {i["nominal"]: (i["id"], copies[i["obligation"]["id"]][1]) for i in items
            if i["obligation"]["title_fi"] == title and i["holder"] and i["holder"]["name_fi"] == holder}


async def test_an_amendment_carries_its_obligations_over_as_copies_with_no_instances(client: httpx.AsyncClient
                                                                                      ) -> None:
    agreement = await seed_001(client)
    first = next(v for v in agreement["versions"] if v["sent_on"])
    draft = await start_amendment(client, agreement)
    originals, copies = await duties_of(client, first["id"]), await duties_of(client, draft["id"])
    assert len(copies) == len(originals) == 10
    for title, original in originals.items():
        copy = copies[title]
        assert copy["id"] != original["id"] and copy["lineage_id"] == original["lineage_id"]
        for field in ("section_number", "quote", "title_sv", "kind", "holders", "schedule", "starts_on"):
            assert copy[field] == original[field], (title, field)
        assert await every(client, INSTANCES, obligation_id=copy["id"]) == []  # a draft binds no one
    matrix = (await client.get(f"{OBLIGATIONS}/matrix", params={"agreement_id": agreement["id"],
                                                                 "version_id": draft["id"]})).json()
    assert matrix["version_id"] == draft["id"] and len(matrix["rows"]) == 10
    assert {cell["status"] for row in matrix["rows"] for cell in row["cells"]} == {None}


async def test_the_amendment_s_copies_hold_the_duties_from_the_day_it_comes_into_force(client: httpx.AsyncClient,
                                                                                       credentials: Any) -> None:
    agreement, first, draft = await amended_draft(client)
    before = await listed(client, agreement)
    copies = await lineages(client, agreement)
    assert {copies[i["obligation"]["id"]][1] for i in before} == {first["id"]}
    # Nokia reviews its premises for 2026 early, and so does Valkeakoski its integration services
    premises = held_by(before, copies, PREMISES, "Nokia")["2026-12-31"][0]
    integration = held_by(before, copies, INTEGRATION, "Valkeakoski")["2026-12-31"][0]
    for instance_id in (premises, integration):
        marked = await client.post(f"{INSTANCES}/{instance_id}/marks", json={"kind": "done", "note": "Tarkistettu"},
                                   headers=await etag(client, f"{INSTANCES}/{instance_id}"))
        assert marked.status_code == 201, marked.text

    parties = [p["organisation"]["id"] for p in draft["parties"]]
    await send_and_adopt(client, agreement, draft, parties[:-1])
    assert [i["id"] for i in await listed(client, agreement)] == [i["id"] for i in before]  # not adopted yet
    (last,) = await send_and_adopt_rest(client, draft, parties[-1:])
    version = (await client.get(f"/api/v1/agreements/{agreement['id']}/versions/{draft['id']}")).json()
    assert version["state"]["status"] == "in_force" and version["state"]["in_force_from"] == IN_FORCE_FROM

    after = await listed(client, agreement)
    copies = await lineages(client, agreement)
    one_per_holder_and_period(after, copies)
    for instance in after:
        holder = copies[instance["obligation"]["id"]][1]
        assert holder == (draft["id"] if instance["nominal"] >= IN_FORCE_FROM else first["id"]), instance
    # the instance moved to the amendment's copy with its mark; Valkeakoski's is kept, out of the lists
    assert held_by(after, copies, PREMISES, "Nokia")["2026-12-31"] == (premises, draft["id"])
    moved = (await client.get(f"{INSTANCES}/{premises}")).json()
    assert moved["status"] == "done" and [m["note"] for m in moved["marks"]] == ["Tarkistettu"]
    assert (await client.get(f"{INSTANCES}/{integration}")).status_code == 404
    valkeakoski = held_by(after, copies, INTEGRATION, "Valkeakoski")
    assert set(valkeakoski) == {"2025-12-31"} and valkeakoski["2025-12-31"][1] == first["id"]
    tampere = held_by(after, copies, INTEGRATION, "Tampere")
    assert tampere["2026-12-31"][1] == draft["id"]
    for_all = next(i for i in after if i["id"] == tampere["2026-12-31"][0])
    assert len(for_all["on_behalf_of"]) == 15
    network = held_by(after, copies, NETWORK, "Tampere")
    assert set(network) == {"2025-11-30"}, "the dropped meeting ends the day before the amendment"
    review = held_by(after, copies, REVIEW, "Nokia")
    assert sorted(review)[0] == "2026-09-30" and review["2026-09-30"][1] == draft["id"]
    for status in ("overdue", "open"):
        one_per_holder_and_period(await listed(client, agreement, status=status), copies)
    nokia = (await organisation_named(client, "Nokia"))["id"]
    one_per_holder_and_period(await listed(client, agreement, holder_id=nokia), copies)
    coordinator = {"Authorization": f"Bearer {await credentials.token_for('koordinaattori@nokia.example')}"}
    front = (await client.get("/api/v1/overview", headers=coordinator)).json()
    assert front["duties"]
    one_per_holder_and_period(front["duties"], copies)

    # a decision taken back: the amendment is no longer in force, and the instances move back
    changed = await client.patch(f"/api/v1/decisions/{last['id']}", json={"outcome": "tabled"},
                                 headers=await etag(client, f"/api/v1/decisions/{last['id']}"))
    assert changed.status_code == 200, changed.text
    back = await listed(client, agreement)
    copies = await lineages(client, agreement)
    one_per_holder_and_period(back, copies)
    assert {copies[i["obligation"]["id"]][1] for i in back} == {first["id"]}
    assert held_by(back, copies, PREMISES, "Nokia")["2026-12-31"] == (premises, first["id"])
    again = await client.patch(f"/api/v1/decisions/{last['id']}", json={"outcome": "approved"},
                               headers=await etag(client, f"/api/v1/decisions/{last['id']}"))
    assert again.status_code == 200, again.text
    assert held_by(await listed(client, agreement), copies, PREMISES, "Nokia")["2026-12-31"] == (premises, draft["id"])
    removed = await client.delete(f"/api/v1/decisions/{last['id']}",
                                  headers=await etag(client, f"/api/v1/decisions/{last['id']}"))
    assert removed.status_code == 204, removed.text
    copies = await lineages(client, agreement)
    assert {copies[i["obligation"]["id"]][1] for i in await listed(client, agreement)} == {first["id"]}


async def send_and_adopt_rest(client: httpx.AsyncClient, draft: dict[str, Any], parties: list[str]
                              ) -> list[dict[str, Any]]:
    decided = await client.post("/api/v1/decisions/batch", params={"on": "2026-06-15"}, json={
        "version_id": draft["id"], "decisions": [
            {"organisation_id": party, "body": "municipal_board", "meeting_date": "2026-06-15", "section": 90,
             "outcome": "approved"} for party in parties]})
    assert decided.status_code == 201, decided.text
    return list(decided.json()["items"])


async def test_the_redline_names_the_duties_added_changed_and_removed_and_whose_begin_or_end(
        client: httpx.AsyncClient) -> None:
    agreement, first, draft = await amended_draft(client)
    redline = (await client.get(f"/api/v1/agreements/{agreement['id']}/redline")).json()
    assert redline["old"]["id"] == first["id"] and redline["new"]["id"] == draft["id"]
    duties = redline["obligations"]
    assert duties["summary"] == {"added": 1, "changed": 1, "removed": 1, "unchanged": 8}
    assert duties["in_force_from"] is None  # a draft: not known yet
    (added,), (changed,), (removed,) = duties["added"], duties["changed"], duties["removed"]
    assert added["new"]["title_fi"] == REVIEW and added["old"] is None
    assert [o["name_fi"] for o in added["gained"]] == ["Nokia"] and added["lost"] == []
    assert changed["new"]["title_fi"] == INTEGRATION and changed["fields"] == ["holders"]
    assert [o["name_fi"] for o in changed["lost"]] == ["Valkeakoski"] and changed["gained"] == []
    assert changed["old"]["lineage_id"] == changed["new"]["lineage_id"] == changed["lineage_id"]
    assert removed["old"]["title_fi"] == NETWORK and removed["new"] is None
    assert [o["name_fi"] for o in removed["lost"]] == ["Tampere"]
    assert [o["name_fi"] for o in duties["gaining"]] == ["Nokia"]
    assert [o["name_fi"] for o in duties["losing"]] == ["Tampere", "Valkeakoski"]

    await send_and_adopt(client, agreement, draft)
    adopted = (await client.get(f"/api/v1/agreements/{agreement['id']}/redline")).json()
    assert adopted["obligations"]["in_force_from"] == IN_FORCE_FROM
    assert adopted["summary"] == redline["summary"] and adopted["sections"] == redline["sections"]
    async with httpx.AsyncClient(transport=client._transport, base_url=str(client.base_url)) as anonymous:
        public = await anonymous.get(f"/api/v1/agreements/{agreement['id']}/redline")
    assert public.status_code == 200 and public.json()["obligations"] is None


async def test_a_party_left_out_of_the_amendment_holds_none_of_its_duties(client: httpx.AsyncClient) -> None:
    agreement = await seed_001(client)
    draft = await start_amendment(client, agreement)
    version_url = f"/api/v1/agreements/{agreement['id']}/versions/{draft['id']}"
    parties = [{"organisation_id": p["organisation"]["id"], "role": p["role"]} for p in draft["parties"]
               if p["organisation"]["name_fi"] != "Valkeakoski"]
    changed = await client.patch(version_url, json={"parties": parties, "effective_date": IN_FORCE_FROM},
                                 headers={"If-Match": f'"{draft["version"]}"'})
    assert changed.status_code == 200, changed.text
    redline = (await client.get(f"/api/v1/agreements/{agreement['id']}/redline")).json()["obligations"]
    assert [o["name_fi"] for o in redline["losing"]] == ["Valkeakoski"] and redline["gaining"] == []
    integration = next(c for c in redline["changed"] if c["new"]["title_fi"] == INTEGRATION)
    assert [o["name_fi"] for o in integration["lost"]] == ["Valkeakoski"]
    await send_and_adopt(client, agreement, changed.json())
    after = await listed(client, agreement, due_after=IN_FORCE_FROM)
    assert after and "Valkeakoski" not in {i["holder"]["name_fi"] for i in after if i["holder"]}


async def test_the_redline_runs_as_many_statements_however_many_duties_change(
        client: httpx.AsyncClient, connection: AsyncConnection) -> None:
    agreement, first, draft = await amended_draft(client)
    counter = StatementCounter(connection)
    url = f"/api/v1/agreements/{agreement['id']}/redline"

    async def count() -> int:
        counter.count = 0
        with counter.counting():
            assert (await client.get(url)).status_code == 200
        return counter.count

    before = await count()
    nokia = (await organisation_named(client, "Nokia"))["id"]
    for number in range(4):
        for version in (first, draft):
            added = await client.post(OBLIGATIONS, json={
                "version_id": version["id"], "title_fi": f"Lisävelvoite {number}", "kind": "other",
                "holders": {"scope": "named_parties", "named": [nokia]}, "schedule": {"kind": "continuous"}})
            assert added.status_code == 201, added.text
    assert (await count()) == before


async def test_a_draft_deleted_takes_its_copies_and_leaves_the_duties_in_force(client: httpx.AsyncClient) -> None:
    agreement = await seed_001(client)
    first = next(v for v in agreement["versions"] if v["sent_on"])
    before = sorted(i["id"] for i in await listed(client, agreement))
    draft = await start_amendment(client, agreement)
    deleted = await client.delete(f"/api/v1/agreements/{agreement['id']}/versions/{draft['id']}",
                                  headers={"If-Match": f'"{draft["version"]}"'})
    assert deleted.status_code == 204, deleted.text
    assert await every(client, OBLIGATIONS, version_id=draft["id"]) == []
    assert len(await every(client, OBLIGATIONS, version_id=first["id"])) == 10
    assert sorted(i["id"] for i in await listed(client, agreement)) == before

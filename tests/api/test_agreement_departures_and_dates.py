"""A party whose notice has ended is no longer a party; a decision has a date it can have; a draft's text as text."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from tests.api.agreement_helpers import create_agreement, decide, kirkkonummi_parties, send
from tests.api.helpers import assert_problem


def state_of(agreement: dict, number: int) -> dict:
    return next(v for v in agreement["versions"] if v["number"] == number)["state"]


def party_ids(read: dict) -> set[str]:
    return {p["organisation"]["id"] for p in read["parties"]}


async def in_force_with_vihti_leaving(client: httpx.AsyncClient) -> tuple[dict, dict, dict[str, str]]:
    """Kirkkonummi, Siuntio and Vihti, in force from 20.1.2025; Vihti gives notice on 31.3.2025 (last day 30.9.2025)
    and an amendment goes to the parties on 2.6.2025, while Vihti is still one of them."""
    agreement = await create_agreement(client, effective_date=None)
    first = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    for name in parties:
        assert (await decide(client, first["id"], parties[name], "2025-01-20")).status_code == 201
    notice = await client.post(f"/api/v1/agreements/{agreement['id']}/notices", params={"on": "2025-04-01"},
                               json={"organisation_id": parties["Vihti"], "given_on": "2025-03-31"})
    assert notice.json()["notices"][0]["ends_on"] == "2025-09-30", notice.text
    url = f"/api/v1/agreements/{agreement['id']}/versions"
    amendment = (await client.post(url, params={"on": "2025-06-01"}, json={"reasons": "Uudet palvelut."})).json()
    assert parties["Vihti"] in party_ids(amendment)
    second = await send(client, agreement, "2025-06-02", version=amendment)
    for name in ("Kirkkonummi", "Siuntio"):
        assert (await decide(client, second["id"], parties[name], "2025-06-16")).status_code == 201
    return agreement, second, parties


async def test_a_party_whose_notice_has_ended_is_no_longer_listed_awaited_or_asked(client: httpx.AsyncClient) -> None:
    agreement, second, parties = await in_force_with_vihti_leaving(client)
    vihti = parties["Vihti"]
    base = f"/api/v1/agreements/{agreement['id']}"

    last_day = (await client.get(base, params={"on": "2025-09-30"})).json()
    assert vihti in party_ids(last_day)
    assert state_of(last_day, 2)["status"] == "circulating" and state_of(last_day, 2)["pending"] == 1

    after = (await client.get(base, params={"on": "2025-10-01"})).json()
    assert vihti not in party_ids(after)
    assert party_ids(after) == {parties["Kirkkonummi"], parties["Siuntio"]}
    amended = state_of(after, 2)
    assert amended["pending"] == 0 and amended["approved"] == 2
    # It waited only for Vihti, so the rule is met on the day after Vihti's last day.
    assert amended["status"] == "in_force" and amended["adopted_on"] == "2025-10-01"
    assert after["current_version_id"] == second["id"]
    row = next(r for r in after["matrix"] if r["organisation"]["id"] == vihti)
    assert [cell["party"] for cell in row["cells"]] == [False, False], "no longer offered for a decision"

    version = (await client.get(f"{base}/versions/{second['id']}", params={"on": "2025-10-01"})).json()
    assert vihti not in party_ids(version)
    listed = (await client.get("/api/v1/agreements", params={"on": "2025-10-01", "party_id": parties["Siuntio"]})).json()
    assert next(a for a in listed["items"] if a["id"] == agreement["id"])["party_count"] == 2

    late = await decide(client, second["id"], vihti, "2025-10-02")
    assert assert_problem(late, 422)["errors"][0] == {
        "field": "meeting_date", "location": ["body", "meeting_date"], "code": "decision.after_departure",
        "params": {"meeting_date": "2025-10-02", "last_day": "2025-09-30"},
        "message": "The decision is dated 2025-10-02, after 2025-09-30, the organisation's last day as a party "
                   "after its notice."}
    assert (await decide(client, second["id"], vihti, "2025-09-25", "rejected")).status_code == 201
    on_the_day = (await client.get(base, params={"on": "2025-09-30"})).json()
    assert state_of(on_the_day, 2)["blocking"] == 1
    assert state_of((await client.get(base, params={"on": "2025-10-01"})).json(), 2)["blocking"] == 0


async def test_a_new_cost_plan_does_not_bill_a_party_after_its_last_year(client: httpx.AsyncClient) -> None:
    agreement, _, parties = await in_force_with_vihti_leaving(client)
    first_version = agreement["versions"][0]["id"]

    async def plan_for(year: int) -> dict:
        response = await client.post("/api/v1/cost-plans", json={
            "agreement_version_id": first_version, "name": f"Kustannukset {year}", "year": year,
            "reference_date": "2024-12-31", "pools": [{"name": "Hallinto", "amount": "9000", "key": {"kind": "equal"}}]})
        assert response.status_code == 201, response.text
        return response.json()

    this_year = await plan_for(2025)
    assert {p["id"] for p in this_year["participants"]} == set(parties.values()), "a party until 30.9.2025"
    next_year = await plan_for(2026)
    assert {p["id"] for p in next_year["participants"]} == {parties["Kirkkonummi"], parties["Siuntio"]}
    copied = await client.post(f"/api/v1/cost-plans/{this_year['id']}/copies", json={})
    assert copied.status_code == 201, copied.text
    assert copied.json()["year"] == 2026
    assert {p["id"] for p in copied.json()["participants"]} == {parties["Kirkkonummi"], parties["Siuntio"]}


def helsinki_today() -> date:
    return datetime.now(ZoneInfo("Europe/Helsinki")).date()


async def test_a_decision_is_dated_after_its_version_was_sent_and_not_after_today(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = await send(client, agreement, "2025-01-10")
    vihti = (await kirkkonummi_parties(client))["Vihti"]

    early = assert_problem(await decide(client, version["id"], vihti, "2025-01-09"), 422)
    assert early["errors"][0]["field"] == "meeting_date" and early["errors"][0]["code"] == "decision.before_sent"
    assert early["errors"][0]["message"] == (
        "The decision is dated 2025-01-09, before the version was sent to the parties on 2025-01-10.")
    tomorrow = (helsinki_today() + timedelta(days=1)).isoformat()
    future = assert_problem(await decide(client, version["id"], vihti, tomorrow), 422)
    assert future["errors"][0]["code"] == "decision.in_future"
    assert (await decide(client, version["id"], vihti, helsinki_today().isoformat())).status_code == 201

    decided = await decide(client, version["id"], vihti, "2025-01-10")
    assert decided.status_code == 201, "on the day it was sent"
    url = f"/api/v1/decisions/{decided.json()['id']}"
    etag = {"If-Match": decided.headers["etag"]}
    moved = assert_problem(await client.patch(url, json={"meeting_date": "2024-12-31"}, headers=etag), 422)
    assert moved["errors"][0]["code"] == "decision.before_sent"
    assert_problem(await client.patch(url, json={"meeting_date": tomorrow}, headers=etag), 422)
    assert (await client.patch(url, json={"meeting_date": "2025-01-15"}, headers=etag)).status_code == 200
    case = await client.post("/api/v1/decisions", json={
        "organisation_id": vihti, "area_id": agreement["area"]["id"], "body": "municipal_board", "meeting_date": tomorrow,
        "outcome": "approved"})
    assert assert_problem(case, 422)["errors"][0]["code"] == "decision.in_future"


async def test_a_draft_s_text_goes_out_and_back_without_losing_anything(client: httpx.AsyncClient) -> None:
    text = ("Kirkkonummen seudun yhteistyösopimus\n\nKunnat sopivat työllisyyspalveluista seuraavaa.\n\n"
            "5. Kustannukset\n\nKustannukset jaetaan asukasluvun mukaan.\n\n• hallinto\n• neuvonta\n\n"
            "6. Voimassaolo\n\nSopimus on voimassa toistaiseksi.\n")
    agreement = await create_agreement(client)
    draft = agreement["versions"][0]
    url = f"/api/v1/agreements/{agreement['id']}/versions/{draft['id']}"
    read = (await client.get(url)).json()
    assert read["text"].startswith("1. Sopijaosapuolet\n\nKirkkonummi, Siuntio ja Vihti.\n\n2. Tarkoitus")

    both = await client.patch(url, json={"text": text, "sections": read["sections"]},
                              headers={"If-Match": f'"{read["version"]}"'})
    assert assert_problem(both, 422)["errors"][0]["code"] == "version.text_with_sections"
    edited = await client.patch(url, json={"text": text}, headers={"If-Match": f'"{read["version"]}"'})
    assert edited.status_code == 200, edited.text
    version = edited.json()
    assert version["preamble"] == [
        {"type": "paragraph", "text": "Kirkkonummen seudun yhteistyösopimus"},
        {"type": "paragraph", "text": "Kunnat sopivat työllisyyspalveluista seuraavaa."}]
    assert [(s["number"], s["title"]) for s in version["sections"]] == [("5", "Kustannukset"), ("6", "Voimassaolo")]
    assert version["sections"][0]["blocks"][1] == {"type": "list", "items": ["hallinto", "neuvonta"]}
    assert version["text"] == text
    again = await client.patch(url, json={"text": version["text"]}, headers={"If-Match": f'"{version["version"]}"'})
    assert (again.json()["preamble"], again.json()["sections"]) == (version["preamble"], version["sections"])

"""Agreements through the API: versions, sending, decisions that bring a version into force, amendments,
notices, who may do what, and what the public sees."""

import httpx

from tests.api.agreement_helpers import (
    KIRKKONUMMI_AREA,
    TAMPERE_AREA,
    agreement_in_area,
    area_id,
    create_agreement,
    decide,
    kirkkonummi_parties,
    send,
)
from tests.api.helpers import assert_problem, organisation_named


def state_of(agreement: dict, number: int) -> dict:
    return next(v for v in agreement["versions"] if v["number"] == number)["state"]


async def test_a_version_comes_into_force_when_every_party_has_approved(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    assert agreement["status"] == "draft"
    assert agreement["statutes"] == [{"name": "Laki työvoimapalveluiden järjestämisestä", "number": "380/2023"}]
    version = (await send(client, agreement))
    assert version["state"]["status"] == "circulating"
    parties = await kirkkonummi_parties(client)

    first = await decide(client, version["id"], parties["Kirkkonummi"], "2025-01-20", section=12)
    assert first.status_code == 201, first.text
    assert first.json()["version_state"]["status"] == "circulating"
    assert first.json()["version_state"]["approved"] == 1
    assert (await decide(client, version["id"], parties["Siuntio"], "2025-01-27", "approved_unanimously")).status_code == 201
    last = await decide(client, version["id"], parties["Vihti"], "2025-02-03")
    assert last.json()["version_state"]["status"] == "adopted", "adopted, but the effective date 1.3.2025 is ahead"
    assert last.json()["version_state"]["adopted_on"] == "2025-02-03"

    before = (await client.get(f"/api/v1/agreements/{agreement['id']}", params={"on": "2025-02-28"})).json()
    assert before["status"] == "adopted"
    assert before["current_version_id"] is None
    after = (await client.get(f"/api/v1/agreements/{agreement['id']}", params={"on": "2025-03-01"})).json()
    assert after["status"] == "in_force"
    assert after["current_version_id"] == version["id"]
    assert state_of(after, 1)["in_force_from"] == "2025-03-01"
    # As known on a date: on 25.1.2025 only Kirkkonummi had decided.
    early = (await client.get(f"/api/v1/agreements/{agreement['id']}", params={"on": "2025-01-25"})).json()
    assert state_of(early, 1)["approved"] == 1 and state_of(early, 1)["status"] == "circulating"


async def test_a_rejection_names_the_party_that_blocks_and_why(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    await decide(client, version["id"], parties["Kirkkonummi"], "2025-01-20")
    rejected = await decide(client, version["id"], parties["Vihti"], "2025-01-21", "rejected", section=33,
                            decision_text="Kustannusjako ei ole hyväksyttävä.")
    state = rejected.json()["version_state"]
    assert state["status"] == "circulating" and state["blocking"] == 1
    [blocker] = state["blockers"]
    assert blocker["organisation"]["name_fi"] == "Vihti"
    assert blocker["decision"]["section"] == 33
    assert blocker["decision"]["decision_text"] == "Kustannusjako ei ole hyväksyttävä."
    # A later decision of the same party replaces it: the latest decision counts.
    await decide(client, version["id"], parties["Vihti"], "2025-02-10", "approved", section=40)
    read = (await client.get(f"/api/v1/agreements/{agreement['id']}/versions/{version['id']}",
                             params={"on": "2025-02-10"})).json()
    assert read["state"]["blockers"] == []
    assert {p["organisation"]["name_fi"]: p["standing"] for p in read["parties"]} == {
        "Kirkkonummi": "approved", "Siuntio": "pending", "Vihti": "approved"}


async def test_tabled_returned_or_noted_leave_the_party_pending(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    for outcome, day in (("tabled", "2025-01-20"), ("returned", "2025-01-27"), ("noted", "2025-02-03")):
        response = await decide(client, version["id"], parties["Siuntio"], day, outcome)
        assert response.json()["version_state"]["pending"] == 3


async def test_only_a_draft_can_be_edited_and_edits_need_the_current_etag(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = agreement["versions"][0]
    url = f"/api/v1/agreements/{agreement['id']}/versions/{version['id']}"
    assert_problem(await client.patch(url, json={"reasons": "x"}), 428)
    assert_problem(await client.patch(url, json={"reasons": "x"}, headers={"If-Match": '"999"'}), 412)
    edited = await client.patch(url, json={"reasons": "Tarkennettu.", "effective_date": "2025-04-01"},
                                headers={"If-Match": f'"{version["version"]}"'})
    assert edited.status_code == 200, edited.text
    assert edited.headers["ETag"] == f'"{edited.json()["version"]}"'
    assert edited.json()["reasons"] == "Tarkennettu."
    sent = await send(client, agreement, version=edited.json())
    frozen = await client.patch(url, json={"reasons": "Myöhäinen muutos"}, headers={"If-Match": f'"{sent["version"]}"'})
    assert "no longer be changed" in assert_problem(frozen, 409)["detail"]
    assert_problem(await client.post(f"{url}/send", json={}, headers={"If-Match": f'"{sent["version"]}"'}), 409)


async def test_sending_needs_two_parties_and_a_section(client: httpx.AsyncClient) -> None:
    parties = await kirkkonummi_parties(client)
    agreement = await create_agreement(client, parties=[{"organisation_id": parties["Vihti"], "role": "lead"}],
                                       sections=[])
    version = agreement["versions"][0]
    response = await client.post(f"/api/v1/agreements/{agreement['id']}/versions/{version['id']}/send", json={},
                                 headers={"If-Match": f'"{version["version"]}"'})
    detail = assert_problem(response, 409)["detail"]
    assert "two parties" in detail and "no sections" in detail


async def test_an_amendment_starts_as_a_copy_of_the_version_in_force_and_supersedes_it(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client, effective_date=None)
    first = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    for name in parties:
        await decide(client, first["id"], parties[name], "2025-01-20")
    url = f"/api/v1/agreements/{agreement['id']}/versions"
    assert_problem(await client.post(url, params={"on": "2025-01-19"}, json={"reasons": "x"}), 409)
    created = await client.post(url, params={"on": "2025-06-01"}, json={"reasons": "Vihti lisää palveluja."})
    assert created.status_code == 201, created.text
    amendment = created.json()
    assert amendment["number"] == 2 and amendment["amends_id"] == first["id"]
    assert amendment["state"]["status"] == "draft"
    assert amendment["sections"] == first["sections"]
    assert [p["organisation"]["id"] for p in amendment["parties"]] == [p["organisation"]["id"] for p in first["parties"]]
    assert amendment["reasons"] == "Vihti lisää palveluja."
    assert_problem(await client.post(url, params={"on": "2025-06-01"}, json={}), 409)  # one draft at a time

    changed = [*amendment["sections"][:2], {"number": "3", "title": "Voimassaolo", "blocks": [
        {"type": "paragraph", "text": "Sopimus on voimassa 31.12.2027 saakka."}]}]
    edited = await client.patch(f"{url}/{amendment['id']}", json={"sections": changed, "effective_date": "2025-09-01"},
                                headers={"If-Match": f'"{amendment["version"]}"'})
    second = await send(client, agreement, "2025-06-02", version=edited.json())
    for name in parties:
        await decide(client, second["id"], parties[name], "2025-06-16")
    on_day = (await client.get(f"/api/v1/agreements/{agreement['id']}", params={"on": "2025-09-01"})).json()
    assert on_day["current_version_id"] == second["id"]
    assert state_of(on_day, 1)["status"] == "superseded"
    assert state_of(on_day, 1)["superseded_on"] == "2025-09-01"
    day_before = (await client.get(f"/api/v1/agreements/{agreement['id']}", params={"on": "2025-08-31"})).json()
    assert day_before["current_version_id"] == first["id"]
    assert state_of(day_before, 2)["status"] == "adopted"
    matrix = {row["organisation"]["name_fi"]: [c["standing"] for c in row["cells"]] for row in on_day["matrix"]}
    assert matrix["Vihti"] == ["approved", "approved"]


async def test_notice_ends_participation_after_the_notice_period(anonymous: httpx.AsyncClient,
                                                                client: httpx.AsyncClient, credentials) -> None:  # type: ignore[no-untyped-def]
    tampere_region = await agreement_in_area(client, TAMPERE_AREA)
    assert tampere_region["status"] == "in_force" and tampere_region["notice_months"] == 6
    nokia = await organisation_named(client, "Nokia")
    tampere = await organisation_named(client, "Tampere")
    coordinator = {"Authorization": f"Bearer {await credentials.token_for('koordinaattori@nokia.example')}"}
    url = f"/api/v1/agreements/{tampere_region['id']}/notices"
    assert_problem(await anonymous.post(url, json={"organisation_id": tampere["id"], "given_on": "2025-08-31"},
                                        headers=coordinator), 403)
    assert_problem(await anonymous.post(f"{url}/preview", headers=coordinator,
                                        json={"organisation_id": tampere["id"], "given_on": "2025-08-31"}), 403)
    preview = await anonymous.post(f"{url}/preview", headers=coordinator,
                                   json={"organisation_id": nokia["id"], "given_on": "2025-08-31"})
    assert preview.status_code == 200, preview.text
    assert preview.json()["ends_on"] == "2026-02-28" and preview.json()["organisation"]["name_fi"] == "Nokia"
    unchanged = (await client.get(f"/api/v1/agreements/{tampere_region['id']}")).json()
    assert unchanged["notices"] == [], "a preview records nothing"
    given = await anonymous.post(url, params={"on": "2025-09-01"}, headers=coordinator,
                                 json={"organisation_id": nokia["id"], "given_on": "2025-08-31"})
    assert given.status_code == 201, given.text
    [notice] = given.json()["notices"]
    assert notice["ends_on"] == "2026-02-28", "31.8. + 6 calendar months is the end of February"
    assert notice["notice_months"] == 6
    still = (await client.get(f"/api/v1/agreements/{tampere_region['id']}", params={"on": "2026-02-28"})).json()
    assert nokia["id"] in [p["organisation"]["id"] for p in still["parties"]]
    version = still["current_version_id"]
    gone = (await client.get(f"/api/v1/agreements/{tampere_region['id']}/versions/{version}",
                             params={"on": "2026-03-01"})).json()
    assert gone["state"]["departures"] == [
        {"organisation_id": nokia["id"], "notice_given_on": "2025-08-31", "last_day": "2026-02-28"}]
    assert_problem(await anonymous.post(url, headers=coordinator,
                                        json={"organisation_id": nokia["id"], "given_on": "2025-09-30"}), 409)
    assert_problem(await anonymous.post(f"{url}/preview", headers=coordinator,
                                        json={"organisation_id": nokia["id"], "given_on": "2025-09-30"}), 409)


async def test_published_agreements_are_public_and_drafts_are_not(anonymous: httpx.AsyncClient,
                                                                 client: httpx.AsyncClient, credentials) -> None:  # type: ignore[no-untyped-def]
    draft = await create_agreement(client, title="Luonnos, ei julkinen")
    listed = (await anonymous.get("/api/v1/agreements", params={"limit": 200})).json()["items"]
    titles = [a["title"] for a in listed]
    assert "Luonnos, ei julkinen" not in titles
    assert any("Tampereen seudun" in t for t in titles)
    assert_problem(await anonymous.get(f"/api/v1/agreements/{draft['id']}"), 404)
    # Readers of another area see public documents only.
    tampere_reader = {"Authorization": f"Bearer {await credentials.token_for('lukija@kangasala.example')}"}
    assert_problem(await anonymous.get(f"/api/v1/agreements/{draft['id']}", headers=tampere_reader), 404)
    # The area's own key sees its draft.
    own_key = {"Authorization": f"Bearer {await credentials.api_key(KIRKKONUMMI_AREA, 'read')}"}
    assert (await anonymous.get(f"/api/v1/agreements/{draft['id']}", headers=own_key)).status_code == 200
    # Once sent, everyone reads it; a new draft amendment stays hidden from the public.
    version = await send(client, draft)
    public = await anonymous.get(f"/api/v1/agreements/{draft['id']}")
    assert public.status_code == 200
    assert public.json()["allowed_actions"] == []
    assert (await anonymous.get(f"/api/v1/agreements/{draft['id']}/versions/{version['id']}")).status_code == 200
    assert (await anonymous.get("/api/v1/decisions")).status_code == 200
    assert_problem(await anonymous.post("/api/v1/agreements", json={}), 401)
    assert_problem(await anonymous.get(f"/api/v1/agreements/{draft['id']}",
                                       headers={"Authorization": "Bearer nonsense"}), 401)


async def test_a_coordinator_records_only_their_own_organisations_decisions(anonymous: httpx.AsyncClient,
                                                                           client: httpx.AsyncClient, credentials) -> None:  # type: ignore[no-untyped-def]
    agreement = await create_agreement(client, area_id=await area_id(client, TAMPERE_AREA), parties=[
        {"organisation_id": (await organisation_named(client, "Tampere"))["id"], "role": "lead"},
        {"organisation_id": (await organisation_named(client, "Nokia"))["id"]},
    ])
    version = await send(client, agreement)
    nokia, tampere = (await organisation_named(client, "Nokia"))["id"], (await organisation_named(client, "Tampere"))["id"]
    body = {"version_id": version["id"], "body": "council", "meeting_date": "2025-02-01", "section": 5,
            "outcome": "approved"}

    async def as_(email: str, organisation_id: str) -> httpx.Response:
        headers = {"Authorization": f"Bearer {await credentials.token_for(email)}"}
        return await anonymous.post("/api/v1/decisions", headers=headers, json={**body, "organisation_id": organisation_id})

    assert (await as_("koordinaattori@nokia.example", nokia)).status_code == 201
    assert_problem(await as_("koordinaattori@nokia.example", tampere), 403)
    assert_problem(await as_("lukija@kangasala.example", tampere), 403)
    assert_problem(await as_("talous@tampere.example", tampere), 403)
    assert (await as_("aluepaakayttaja@tampere.example", tampere)).status_code == 201
    other_key = {"Authorization": f"Bearer {await credentials.api_key(KIRKKONUMMI_AREA, 'read', 'write')}"}
    assert_problem(await anonymous.post("/api/v1/decisions", headers=other_key,
                                        json={**body, "organisation_id": tampere}), 403)
    # The coordinator may not change the agreement itself.
    coordinator = {"Authorization": f"Bearer {await credentials.token_for('koordinaattori@nokia.example')}"}
    assert_problem(await anonymous.patch(f"/api/v1/agreements/{agreement['id']}", json={"title": "x"},
                                         headers={**coordinator, "If-Match": '"1"'}), 403)


async def test_decisions_are_checked(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    draft = agreement["versions"][0]
    parties = await kirkkonummi_parties(client)
    espoo = (await organisation_named(client, "Espoo"))["id"]
    assert_problem(await decide(client, draft["id"], parties["Vihti"], "2025-01-20"), 409)  # still a draft
    version = await send(client, agreement)
    assert_problem(await decide(client, version["id"], espoo, "2025-01-20"), 422)  # not a party
    bad_cap = await decide(client, version["id"], parties["Vihti"], "2025-01-20", commitment_cap="paljon")
    assert assert_problem(bad_cap, 422)["errors"][0]["field"] == "commitment_cap"
    assert_problem(await decide(client, version["id"], parties["Vihti"], "2025-13-40"), 422)
    assert_problem(await decide(client, version["id"], parties["Vihti"], "2025-01-20", "maybe"), 422)
    good = await decide(client, version["id"], parties["Vihti"], "2025-01-20", section=7, commitment_cap="1 950,00 €",
                        commitment_note="enintään 1 950 euroa")
    assert good.json()["commitment_cap"] == "1950.00"
    clash = await decide(client, version["id"], parties["Vihti"], "2025-01-20", "rejected", section=7)
    assert "same meeting" in assert_problem(clash, 409)["detail"]
    # One record per party, meeting and §, even with the same outcome: two would be the same decision twice.
    same = await decide(client, version["id"], parties["Vihti"], "2025-01-20", "approved_unanimously", section=7)
    assert assert_problem(same, 409)["code"] == "decision.already_recorded"
    assert (await decide(client, version["id"], parties["Vihti"], "2025-01-20", section=8)).status_code == 201
    decision = good.json()
    url = f"/api/v1/decisions/{decision['id']}"
    assert_problem(await client.patch(url, json={"outcome": "tabled"}), 428)
    # Moving it to § 8 would record that § twice.
    moved = await client.patch(url, json={"section": 8}, headers={"If-Match": f'"{decision["version"]}"'})
    assert assert_problem(moved, 409)["code"] == "decision.already_recorded"
    patched = await client.patch(url, json={"section": 9, "commitment_cap": None},
                                 headers={"If-Match": f'"{decision["version"]}"'})
    assert patched.status_code == 200 and patched.json()["commitment_cap"] is None
    assert patched.json()["section"] == 9
    assert (await client.delete(url)).status_code == 204
    assert_problem(await client.get(url), 404)


async def test_bad_input_gets_problem_details_never_500(client: httpx.AsyncClient, anonymous: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    base = f"/api/v1/agreements/{agreement['id']}"
    assert_problem(await anonymous.get("/api/v1/agreements/not-a-uuid"), 422)
    assert_problem(await client.get(base, params={"on": "31.12.2025"}), 422)
    assert_problem(await client.get("/api/v1/agreements", params={"status": "forgotten"}), 422)
    assert_problem(await client.get("/api/v1/agreements", params={"cursor": "garbage!"}), 400)
    assert_problem(await client.get(f"{base}/versions/{agreement['id']}"), 404)
    assert_problem(await client.get(f"{base}/redline"), 409)
    malformed = await client.post("/api/v1/agreements", content=b"{not json", headers={"Content-Type": "application/json"})
    assert_problem(malformed, 422)
    assert_problem(await client.post("/api/v1/agreements", json={"title": "", "kind": "treaty"}), 422)
    unknown_party = await create_agreement_problem(client, parties=[{"organisation_id": agreement["id"]}])
    assert unknown_party["errors"][0]["field"] == "parties"
    assert_problem(await client.post("/api/v1/decisions", json={"organisation_id": agreement["id"], "body": "council",
                                                               "meeting_date": "2025-01-01", "outcome": "approved"}), 422)
    assert_problem(await client.post(f"{base}/notices", json={"organisation_id": agreement["id"],
                                                              "given_on": "2025-01-01"}), 409)


async def create_agreement_problem(client: httpx.AsyncClient, **overrides) -> dict:  # type: ignore[no-untyped-def]
    kirkkonummi = await area_id(client, KIRKKONUMMI_AREA)
    response = await client.post("/api/v1/agreements", json={"area_id": kirkkonummi, "title": "T", "kind": "other",
                                                             **overrides})
    return assert_problem(response, 422)


async def test_the_list_filters_by_area_kind_status_party_and_title(client: httpx.AsyncClient) -> None:
    async def titles(**params: str) -> list[str]:
        response = await client.get("/api/v1/agreements", params={"limit": 200, **params})
        assert response.status_code == 200, response.text
        return [a["title"] for a in response.json()["items"]]

    all_titles = await titles()
    assert len(all_titles) >= 4 and all_titles == sorted(all_titles)
    assert await titles(status="circulating") == [
        "Kuntien välinen aiesopimus työllisyyden kuntakokeilun toteuttamisesta Pohjois-Savossa"]
    assert "Tahtotilasta tulokseen -ESR-hankkeen kuntien omarahoitusosuus" in await titles(status="in_force")
    assert await titles(kind="letter_of_intent") == [
        "Kuntien välinen aiesopimus työllisyyden kuntakokeilun toteuttamisesta Pohjois-Savossa"]
    nokia = (await organisation_named(client, "Nokia"))["id"]
    assert len(await titles(party_id=nokia)) == 2  # the Tampere region and the Pirkanmaa pilot
    assert await titles(q="ESR") == ["Tahtotilasta tulokseen -ESR-hankkeen kuntien omarahoitusosuus"]
    assert await titles(area_id=await area_id(client, TAMPERE_AREA), status="in_force") == [
        "Sopimus työllisyys- ja elinvoimatehtävien yhteensovittamisesta Tampereen seudun työllisyysalueella"]
    # Before 2025 the Tampere region agreement was adopted but not yet in force.
    assert "Sopimus työllisyys- ja elinvoimatehtävien yhteensovittamisesta Tampereen seudun työllisyysalueella" in (
        await titles(status="adopted", on="2024-12-31"))
    first = (await client.get("/api/v1/agreements", params={"limit": 2})).json()
    second = (await client.get("/api/v1/agreements", params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [a["title"] for a in first["items"] + second["items"]] == all_titles[:4]


async def test_the_change_history_collects_the_parts_of_an_agreement(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    await decide(client, version["id"], parties["Vihti"], "2025-01-20")
    entries = (await client.get("/api/v1/audit", params={"resource_id": agreement["id"], "limit": 200})).json()["items"]
    kinds = {(e["resource_type"], e["action"]) for e in entries}
    assert {("agreements", "create"), ("agreement_versions", "create"), ("agreement_versions", "update"),
            ("agreement_parties", "create"), ("decisions", "create")} <= kinds
    area = await area_id(client, KIRKKONUMMI_AREA)
    assert {e["area_id"] for e in entries} == {area}


async def test_annexes_of_a_draft(client: httpx.AsyncClient, anonymous: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = agreement["versions"][0]
    url = f"/api/v1/agreements/{agreement['id']}/versions/{version['id']}/annexes"
    link = await client.post(url, json={"title": "Kustannustenjakoliite", "url": "https://example.fi/liite.pdf"})
    assert link.status_code == 201, link.text
    upload = await client.post(f"{url}/files", data={"title": "Liite 2"},
                               files={"file": ("liite.txt", b"Liitteen teksti", "text/plain")})
    assert upload.status_code == 201, upload.text
    sent = await send(client, agreement)
    assert [a["title"] for a in sent["annexes"]] == ["Kustannustenjakoliite", "Liite 2"]
    content = await anonymous.get(f"{url}/{upload.json()['id']}/content")
    assert content.status_code == 200 and content.text == "Liitteen teksti"
    assert_problem(await client.post(url, json={"title": "Myöhässä", "url": "https://example.fi/x"}), 409)
    assert_problem(await client.post(url, json={"title": "Ei osoite", "url": "javascript:alert(1)"}), 422)


async def test_a_notice_at_the_end_of_time_is_refused_politely(client: httpx.AsyncClient) -> None:
    tampere_region = await agreement_in_area(client, TAMPERE_AREA)
    nokia = await organisation_named(client, "Nokia")
    response = await client.post(f"/api/v1/agreements/{tampere_region['id']}/notices",
                                 json={"organisation_id": nokia["id"], "given_on": "9999-10-01"})
    assert assert_problem(response, 422)["errors"][0]["field"] == "given_on"

"""Obligations over the API: from seed 001's text to duties, instances per holder and period, marks with evidence."""

from datetime import date
from typing import Any

import httpx
import pytest

from tests.api.agreement_helpers import TAMPERE_AREA, agreement_in_area
from tests.api.helpers import assert_problem, organisation_named

OBLIGATIONS = "/api/v1/obligations"
INSTANCES = "/api/v1/obligation-instances"
NOKIA_COORDINATOR = "koordinaattori@nokia.example"


async def seed_001_version(client: httpx.AsyncClient) -> dict[str, Any]:
    agreement = await agreement_in_area(client, TAMPERE_AREA)
    return next(v for v in agreement["versions"] if v["sent_on"])


async def create(client: httpx.AsyncClient, version_id: str, **fields: Any) -> dict[str, Any]:
    payload = {"version_id": version_id, "title_fi": "Koordinaatioryhmä", "kind": "name_body_or_person",
               "holders": {"scope": "each_party"}, "schedule": {"kind": "one_off", "due_on": "2025-03-31"}, **fields}
    response = await client.post(OBLIGATIONS, json=payload)
    assert response.status_code == 201, response.text
    return response.json()


async def instances(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    response = await client.get(INSTANCES, params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_seed_001_s_text_proposes_its_duties_with_their_holders(client: httpx.AsyncClient) -> None:
    version = await seed_001_version(client)
    response = await client.get(f"{OBLIGATIONS}/suggestions", params={"version_id": version["id"]})
    assert response.status_code == 200, response.text
    found = response.json()
    coordination = next(s for s in found if "kuntakohtaisen koordinaatioryhmän" in s["quote"])
    assert coordination["holders"]["scope"] == "each_party" and coordination["kind"] == "name_body_or_person"
    assert coordination["schedule"] == {"kind": "one_off", "due_on": "2025-01-01", "rule": None, "every": None,
                                        "month": None, "day": None, "review_month": 12, "review_day": 31}
    integration = next(s for s in found if "vastuukuntana vastaa muiden sopijakuntien puolesta" in s["quote"])
    assert integration["holders"]["scope"] == "lead"
    assert [o["name_fi"] for o in integration["holders"]["exceptions"]] == ["Valkeakoski"]
    network = next(s for s in found if "kokoontuu säännöllisesti" in s["quote"])
    assert [o["name_fi"] for o in network["holders"]["named"]] == ["Tampere"]
    assert network["schedule"]["every"] == "yearly" and (network["schedule"]["month"], network["schedule"]["day"]) == (12, 31)
    assert coordination["already_recorded"], "the demo data records seed 001's duties"


async def test_tampere_holds_the_integration_services_for_all_but_valkeakoski(client: httpx.AsyncClient) -> None:
    version = await seed_001_version(client)
    valkeakoski = (await organisation_named(client, "Valkeakoski"))["id"]
    obligation = await create(
        client, version["id"], title_fi="Kotoutumisen edistämisen palvelut", kind="provide", section_number="8",
        holders={"scope": "lead", "exceptions": [valkeakoski], "exceptions_hold_themselves": True},
        schedule={"kind": "recurring", "every": "yearly", "month": 1, "day": 31}, starts_on="2025-01-01")
    assert obligation["schedule"]["rule"] == "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31"
    assert [o["name_fi"] for o in obligation["holders"]["exceptions"]] == ["Valkeakoski"]
    in_2026 = await instances(client, obligation_id=obligation["id"], due_after="2026-01-01", due_before="2026-12-31")
    in_2026.sort(key=lambda i: i["holder"]["name_fi"])
    assert [(i["holder"]["name_fi"], i["nominal"], i["due_on"]) for i in in_2026] == [
        ("Tampere", "2026-01-31", "2026-02-02"), ("Valkeakoski", "2026-01-31", "2026-02-02")]
    tampere, own = in_2026
    assert len(tampere["on_behalf_of"]) == 14 and valkeakoski not in tampere["on_behalf_of"]
    assert own["on_behalf_of"] == [valkeakoski]


async def test_a_coordinator_marks_their_own_municipality_s_duty_done_and_the_status_follows(
        client: httpx.AsyncClient, credentials: Any) -> None:
    version = await seed_001_version(client)
    obligation = await create(client, version["id"])
    nokia = (await organisation_named(client, "Nokia"))["id"]
    (mine,) = await instances(client, obligation_id=obligation["id"], holder_id=nokia)
    assert mine["due_on"] == "2025-03-31"
    assert (await client.get(f"{INSTANCES}/{mine['id']}", params={"on": "2025-03-31"})).json()["status"] == "open"
    overdue = await instances(client, obligation_id=obligation["id"], status="overdue", on="2025-04-01")
    assert len(overdue) == 15
    coordinator = bearer(await credentials.token_for(NOKIA_COORDINATOR))
    detail = await client.get(f"{INSTANCES}/{mine['id']}", headers=coordinator)
    assert detail.json()["allowed_actions"] == ["mark_done", "mark_not_applicable", "name_responsibles"]
    url = f"{INSTANCES}/{mine['id']}/marks"
    done = {"kind": "done", "note": "Koordinaatioryhmä nimetty", "link": "https://www.nokiankaupunki.fi/"}
    assert_problem(await client.post(url, json=done, headers=coordinator), 428)
    assert_problem(await client.post(url, json=done, headers={**coordinator, "If-Match": '"99"'}), 412)
    marked = await client.post(url, json=done, headers={**coordinator, "If-Match": detail.headers["ETag"]})
    assert marked.status_code == 201, marked.text
    body = marked.json()
    assert body["status"] == "done" and body["allowed_actions"] == ["reopen", "name_responsibles"]
    assert body["marks"][0]["actor"].startswith("Nokian koordinaattori") and body["marks"][0]["note"] == done["note"]
    again = await client.post(url, json=done, headers={**coordinator, "If-Match": marked.headers["ETag"]})
    assert assert_problem(again, 409)["code"] == "obligation_instance.already_marked"
    assert len(await instances(client, obligation_id=obligation["id"], status="overdue", on="2030-01-01")) == 14
    reopened = await client.post(url, json={"kind": "reopened"}, headers={**coordinator, "If-Match": marked.headers["ETag"]})
    assert reopened.json()["status"] == "overdue" and [m["kind"] for m in reopened.json()["marks"]] == ["done", "reopened"]


async def test_a_coordinator_cannot_mark_another_municipality_s_duty(client: httpx.AsyncClient, credentials: Any) -> None:
    version = await seed_001_version(client)
    obligation = await create(client, version["id"])
    tampere = (await organisation_named(client, "Tampere"))["id"]
    (theirs,) = await instances(client, obligation_id=obligation["id"], holder_id=tampere)
    coordinator = bearer(await credentials.token_for(NOKIA_COORDINATOR))
    detail = await client.get(f"{INSTANCES}/{theirs['id']}", headers=coordinator)
    assert detail.json()["allowed_actions"] == []
    refused = await client.post(f"{INSTANCES}/{theirs['id']}/marks", json={"kind": "done"},
                                headers={**coordinator, "If-Match": detail.headers["ETag"]})
    assert_problem(refused, 403)
    viewer = bearer(await credentials.token_for("lukija@kangasala.example"))
    assert_problem(await client.post(OBLIGATIONS, headers=viewer, json={
        "version_id": version["id"], "title_fi": "x", "kind": "other", "holders": {"scope": "each_party"},
        "schedule": {"kind": "continuous"}}), 403)


async def test_not_applicable_says_why_and_evidence_can_be_a_file(client: httpx.AsyncClient) -> None:
    version = await seed_001_version(client)
    obligation = await create(client, version["id"])
    first, second = (await instances(client, obligation_id=obligation["id"]))[:2]
    detail = await client.get(f"{INSTANCES}/{first['id']}")
    refused = await client.post(f"{INSTANCES}/{first['id']}/marks", json={"kind": "not_applicable"},
                                headers={"If-Match": detail.headers["ETag"]})
    assert assert_problem(refused, 422)["errors"][0]["code"] == "obligation_instance.reason_required"
    applied = await client.post(f"{INSTANCES}/{first['id']}/marks", headers={"If-Match": detail.headers["ETag"]},
                                json={"kind": "not_applicable", "reason": "Hoidetaan seudullisesti"})
    assert applied.json()["status"] == "not_applicable"
    detail = await client.get(f"{INSTANCES}/{second['id']}")
    uploaded = await client.post(f"{INSTANCES}/{second['id']}/evidence", headers={"If-Match": detail.headers["ETag"]},
                                 files={"file": ("pöytäkirja.pdf", b"%PDF-1.4 minutes", "application/pdf")},
                                 data={"note": "Kaupunginhallitus 3.2.2025 § 18"})
    assert uploaded.status_code == 201, uploaded.text
    mark = uploaded.json()["marks"][0]
    assert mark["file"]["name"] == "pöytäkirja.pdf" and mark["note"] == "Kaupunginhallitus 3.2.2025 § 18"
    file = await client.get(mark["file"]["url"])
    assert file.status_code == 200 and file.content == b"%PDF-1.4 minutes"
    assert "attachment" in file.headers["content-disposition"]


async def test_the_matrix_shows_each_party_s_standing_and_who_holds_it_for_them(client: httpx.AsyncClient) -> None:
    version = await seed_001_version(client)
    agreement = await agreement_in_area(client, TAMPERE_AREA)
    valkeakoski = (await organisation_named(client, "Valkeakoski"))["id"]
    tampere = (await organisation_named(client, "Tampere"))["id"]
    await create(client, version["id"], title_fi="Kotoutumisen edistämisen palvelut",
                 holders={"scope": "lead", "exceptions": [valkeakoski], "exceptions_hold_themselves": True},
                 schedule={"kind": "recurring", "every": "yearly", "month": 1, "day": 31}, starts_on="2025-01-01")
    response = await client.get(f"{OBLIGATIONS}/matrix", params={"agreement_id": agreement["id"], "year": 2026,
                                                                 "on": "2026-02-03"})
    assert response.status_code == 200, response.text
    matrix = response.json()
    assert len(matrix["parties"]) == 15 and matrix["allowed_actions"] == ["create", "suggest"]
    (row,) = [r for r in matrix["rows"] if r["obligation"]["title_fi"] == "Kotoutumisen edistämisen palvelut"]
    cells = {c["organisation_id"]: c for c in row["cells"]}
    nokia = (await organisation_named(client, "Nokia"))["id"]
    assert cells[nokia]["status"] == "overdue" and cells[nokia]["held_by"] == tampere
    assert cells[valkeakoski]["held_by"] is None and cells[valkeakoski]["status"] == "overdue"


async def test_a_party_that_gives_notice_holds_nothing_after_its_last_day(client: httpx.AsyncClient) -> None:
    version = await seed_001_version(client)
    agreement = await agreement_in_area(client, TAMPERE_AREA)
    obligation = await create(client, version["id"], schedule={"kind": "recurring", "every": "quarterly"},
                              starts_on="2026-01-01")
    nokia = (await organisation_named(client, "Nokia"))["id"]
    assert len(await instances(client, obligation_id=obligation["id"], holder_id=nokia)) == 8  # 2026 and 2027
    notice = await client.post(f"/api/v1/agreements/{agreement['id']}/notices", params={"on": "2026-03-01"},
                               json={"organisation_id": nokia, "given_on": "2026-02-27"})
    assert notice.status_code == 201, notice.text
    left = await instances(client, obligation_id=obligation["id"], holder_id=nokia)
    assert [i["nominal"] for i in left] == ["2026-03-31", "2026-06-30"]  # last day 27.8.2026


@pytest.mark.parametrize(("schedule", "field", "code"), [
    ({"kind": "recurring", "rule": "FREQ=HOURLY"}, "schedule.rule", "obligation.schedule_invalid"),
    ({"kind": "one_off"}, "schedule.due_on", "value.required"),
    ({"kind": "recurring", "every": "yearly", "month": 2, "day": 30}, "schedule.day", "obligation.schedule_invalid"),
])
async def test_a_schedule_that_gives_no_due_dates_is_refused_at_its_field(client: httpx.AsyncClient, schedule: dict,
                                                                          field: str, code: str) -> None:
    version = await seed_001_version(client)
    response = await client.post(OBLIGATIONS, json={
        "version_id": version["id"], "title_fi": "x", "kind": "other", "holders": {"scope": "each_party"},
        "schedule": schedule})
    errors = assert_problem(response, 422)["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field, code)]


async def test_holders_who_are_not_parties_and_unknown_fields_are_refused(client: httpx.AsyncClient) -> None:
    version = await seed_001_version(client)
    helsinki = (await organisation_named(client, "Helsinki"))["id"]
    response = await client.post(OBLIGATIONS, json={
        "version_id": version["id"], "title_fi": "x", "kind": "other",
        "holders": {"scope": "named_parties", "named": [helsinki]}, "schedule": {"kind": "continuous"}})
    assert [(e["field"], e["code"]) for e in assert_problem(response, 422)["errors"]] == [
        ("holders", "obligation.holders_invalid")]
    extra = await client.post(OBLIGATIONS, json={
        "version_id": version["id"], "title_fi": "x", "kind": "other", "holders": {"scope": "each_party"},
        "schedule": {"kind": "continuous"}, "colour": "red"})
    assert assert_problem(extra, 422)["errors"][0]["field"] == "colour"


async def test_a_changed_schedule_moves_the_instances_and_keeps_the_marked_ones(client: httpx.AsyncClient) -> None:
    version = await seed_001_version(client)
    obligation = await create(client, version["id"])
    first = (await instances(client, obligation_id=obligation["id"]))[0]
    etag = (await client.get(f"{INSTANCES}/{first['id']}")).headers["ETag"]
    await client.post(f"{INSTANCES}/{first['id']}/marks", json={"kind": "done"}, headers={"If-Match": etag})
    current = await client.get(f"{OBLIGATIONS}/{obligation['id']}")
    changed = await client.patch(f"{OBLIGATIONS}/{obligation['id']}", headers={"If-Match": current.headers["ETag"]},
                                 json={"schedule": {"kind": "one_off", "due_on": "2025-06-30"}})
    assert changed.status_code == 200, changed.text
    listed = await instances(client, obligation_id=obligation["id"])
    assert {i["nominal"] for i in listed} == {"2025-06-30"} and len(listed) == 15
    kept = await client.get(f"{INSTANCES}/{first['id']}")
    assert kept.status_code == 404  # lapsed: its mark is kept, out of every list


async def test_the_status_filtered_in_sql_is_the_status_the_domain_gives(client: httpx.AsyncClient) -> None:
    version = await seed_001_version(client)
    obligation = await create(client, version["id"])
    first, second = (await instances(client, obligation_id=obligation["id"]))[:2]
    for instance, mark in ((first, {"kind": "done"}), (second, {"kind": "not_applicable", "reason": "Ei koske"})):
        etag = (await client.get(f"{INSTANCES}/{instance['id']}")).headers["ETag"]
        assert (await client.post(f"{INSTANCES}/{instance['id']}/marks", json=mark,
                                  headers={"If-Match": etag})).status_code == 201
    today = date.today().isoformat()
    for on in ("2025-03-31", "2025-04-01", today):
        counted = 0
        for status in ("open", "overdue", "done", "not_applicable"):
            listed = await instances(client, obligation_id=obligation["id"], status=status, on=on)
            assert {i["status"] for i in listed} <= {status}
            counted += len(listed)
        assert counted == 15


async def test_the_obligation_reads_run_no_more_statements_when_duties_grow(client: httpx.AsyncClient,
                                                                           connection: Any) -> None:
    from tests.api.test_statement_counts import StatementCounter, statement_counts

    counter = StatementCounter(connection)
    agreement = await agreement_in_area(client, TAMPERE_AREA)
    version = await seed_001_version(client)
    paths = ["/api/v1/obligation-instances?limit=50", "/api/v1/obligations?limit=50",
             f"/api/v1/obligations/matrix?agreement_id={agreement['id']}", "/api/v1/overview", "/api/v1/contacts",
             "/obligations", f"/agreements/{agreement['id']}/obligations", "/"]

    small = await statement_counts(client, counter, paths)
    for number in range(3):
        obligation = await create(client, version["id"], title_fi=f"Kasvava velvoite {number}",
                                  schedule={"kind": "recurring", "every": "monthly", "day": 15})
        first = (await instances(client, obligation_id=obligation["id"]))[0]
        etag = (await client.get(f"{INSTANCES}/{first['id']}")).headers["ETag"]
        await client.post(f"{INSTANCES}/{first['id']}/marks", json={"kind": "done"}, headers={"If-Match": etag})
    large = await statement_counts(client, counter, paths)
    assert {p: (small[p], large[p]) for p in paths if small[p] != large[p]} == {}

"""Cost plans through the API: seed 004 to the cent, the Tampere region by population, validation, access."""

from decimal import Decimal

import httpx
import pytest

from tests.api.cost_helpers import (
    ESR_AREA,
    ESR_CENT_SHARES,
    TAMPERE_REGION,
    by_name,
    demo_plan,
    esr_pool,
    etag,
    jobseekers_of_one_municipality,
    new_esr_plan,
)
from tests.api.helpers import assert_problem, organisation_named


async def allocation(client: httpx.AsyncClient, plan_id: str) -> dict:
    response = await client.get(f"/api/v1/cost-plans/{plan_id}/allocation")
    assert response.status_code == 200, response.text
    return response.json()


async def test_seed_004_to_the_cent_through_the_api(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    assert len(plan["participants"]) == 13, "the project agreement's 13 municipalities by default"
    assert plan["lead"]["name_fi"] == "Haapavesi"
    result = await allocation(client, plan["id"])
    pool = result["pools"][0]
    assert pool["amount"] == "126740.00"
    assert pool["outside_share"] == "101392.00"
    assert pool["split_amount"] == "25348.00"
    assert by_name(pool) == ESR_CENT_SHARES
    assert sorted(by_name(pool).values()).count("1949.85") == 8
    assert sum(Decimal(amount) for amount in by_name(pool).values()) == Decimal("25348.00")
    assert pool["unallocated"] == "0.00" and pool["rounding_difference"] == "0.00"
    haapavesi = next(s for s in pool["shares"] if s["participant"]["name"] == "Haapavesi")
    explanation = haapavesi["explanation"]
    assert explanation["formula"] == "25 348,00 € × 1/13"
    assert explanation["weight"] == "1/13"
    assert explanation["exact_share"] == "25348/13"
    assert explanation["exact_share_decimal"] == "1949.846154"
    assert explanation["rounding_adjustment"] == "5/13"
    assert explanation["terms"] == [
        {"kind": "equal", "coefficient": "1", "statistic": None, "reference_date": None, "value": "1", "total": "13"}
    ]


async def test_seed_004_whole_euros_and_the_cap(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    pool_id = plan["pools"][0]["id"]
    changed = await client.patch(f"/api/v1/cost-plans/{plan['id']}/pools/{pool_id}",
                                 json={"rounding": "euros", "cap": "1950"}, headers=etag(plan))
    assert changed.status_code == 200, changed.text
    assert changed.json()["version"] == plan["version"] + 1
    pool = (await allocation(client, plan["id"]))["pools"][0]
    assert set(by_name(pool).values()) == {"1950.00"}
    assert pool["allocated"] == "25350.00"
    assert pool["rounding_difference"] == "2.00", "13 × 1 950 − 25 348, shown, not hidden"
    assert not any(share["capped"] for share in pool["shares"])


async def test_the_demo_esr_plan_is_seed_004(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, ESR_AREA, 2021)
    assert plan["status"] == "approved"
    pool = plan["pools"][0]
    assert (pool["amount"], pool["co_financing_rate"], pool["cap"], pool["rounding"]) == \
        ("126740.00", "0.80", "1950.00", "cents")
    result = await allocation(client, plan["id"])
    shares = sorted(by_name(result["pools"][0]).values())
    assert shares == ["1949.84"] * 5 + ["1949.85"] * 8, "the 20 % to the cent, as DOMAIN's worked example"
    assert result["pools"][0]["rounding_difference"] == "0.00" and result["pools"][0]["allocated"] == "25348.00"
    commitments = {total["participant"]["name"]: total["commitment"] for total in result["totals"]}
    assert len(commitments) == 13
    haapajarvi = commitments["Haapajärvi"]
    assert (haapajarvi["cap"], haapajarvi["within"], haapajarvi["meeting_date"], haapajarvi["section"]) == \
        ("1950.00", True, "2020-08-11", 149)
    assert haapajarvi["headroom"] in ("0.15", "0.16") and haapajarvi["body_name"] == "KHALL"
    assert all(c["within"] and c["cap"] == "1950.00" for c in commitments.values())


async def test_the_tampere_region_by_population_without_valkeakoski(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    assert len(plan["participants"]) == 15
    valkeakoski = await organisation_named(client, "Valkeakoski")
    integration = next(p for p in plan["pools"] if p["name"].startswith("Kotoutumispalvelut"))
    assert integration["excluded_ids"] == [valkeakoski["id"]]
    result = await allocation(client, plan["id"])
    pool = next(p for p in result["pools"] if p["pool_id"] == integration["id"])
    assert "Valkeakoski" not in by_name(pool)
    assert by_name(pool)["Tampere"] == "550208.66"
    assert pool["allocated"] == "1000000.00"
    tampere = next(s for s in pool["shares"] if s["participant"]["name"] == "Tampere")["explanation"]
    assert tampere["formula"] == "1 000 000,00 € × 241 009/438 032 (population 31.12.2020)"
    assert tampere["terms"][0]["value"] == "241009" and tampere["terms"][0]["total"] == "438032"
    totals = {t["participant"]["name"]: t for t in result["totals"]}
    assert sum(Decimal(t["amount"]) for t in totals.values()) == Decimal("1950000.00")
    assert sum(Decimal(t["percent"]) for t in totals.values()) == pytest.approx(Decimal(100), abs=Decimal("0.1"))
    assert [u["unit"] for u in result["unit_totals"]] == ["eur"]


async def test_the_change_against_the_previous_years_plan(client: httpx.AsyncClient) -> None:
    draft = await demo_plan(client, TAMPERE_REGION, 2026)
    approved = await demo_plan(client, TAMPERE_REGION, 2025)
    assert draft["previous_plan"]["id"] == approved["id"], "the approved plan of the year before, by default"
    now = await allocation(client, draft["id"])
    before = {t["participant"]["name"]: t for t in (await allocation(client, approved["id"]))["totals"]}
    for total in now["totals"]:
        name = total["participant"]["name"]
        assert total["previous_amount"] == before[name]["amount"]
        assert Decimal(total["change"]) == Decimal(total["amount"]) - Decimal(before[name]["amount"])
    assert now["unit_totals"][0]["previous_allocated"] == "1950000.00"


async def test_person_years_are_shared_in_tenths(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, "Pirkanmaan työllisyyden kuntakokeilu", 2021)
    result = await allocation(client, plan["id"])
    pool = result["pools"][0]
    assert pool["unit"] == "person_year" and pool["allocated"] == "172.0"
    assert all(len(amount.split(".")[1]) == 1 for amount in by_name(pool).values())
    assert sum(Decimal(amount) for amount in by_name(pool).values()) == Decimal("172.0")
    assert by_name(pool)["Tampere"] == "110.3"  # 172 × 19 000 / 29 618 (illustrative customer counts)


@pytest.mark.parametrize(("pool", "field"), [
    (esr_pool(amount="126740.005"), "amount"),
    (esr_pool(co_financing_rate="1.5"), "co_financing_rate"),
    (esr_pool(rounding="euros", cap="1950.50"), "cap"),
    (esr_pool(key={"kind": "mix", "parts": [{"weight": "0.5", "key": {"kind": "equal"}}]}), "key"),
    (esr_pool(key={"kind": "fixed", "percentages": {}}), "key"),
    (esr_pool(key={"kind": "statistic", "statistic": "Population!"}), "statistic"),
    (esr_pool(amount="-5"), "amount"),
])
async def test_a_pool_that_does_not_hold_together_is_refused_beside_its_field(
    client: httpx.AsyncClient, pool: dict, field: str
) -> None:
    plan = await new_esr_plan(client, pools=[])
    response = await client.post(f"/api/v1/cost-plans/{plan['id']}/pools", json=pool)
    body = assert_problem(response, 422)
    assert any(error["field"].endswith(field) for error in body["errors"]), body


async def test_fixed_percentages_must_name_parties_and_add_up_to_100(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client, pools=[])
    ids = [p["id"] for p in plan["participants"]]
    espoo = await organisation_named(client, "Espoo")
    wrong_sum = {ids[0]: "60", ids[1]: "30"}
    body = assert_problem(await client.post(f"/api/v1/cost-plans/{plan['id']}/pools", json=esr_pool(
        key={"kind": "fixed", "percentages": wrong_sum})), 422)
    assert "add up to 90, not 100" in body["detail"]
    stranger = {espoo["id"]: "100"}
    body = assert_problem(await client.post(f"/api/v1/cost-plans/{plan['id']}/pools", json=esr_pool(
        key={"kind": "fixed", "percentages": stranger}, participant_ids=[espoo["id"]])), 422)
    assert "not a party to the plan" in body["detail"]
    fine = {ids[0]: "60", ids[1]: "40"}
    added = await client.post(f"/api/v1/cost-plans/{plan['id']}/pools", json=esr_pool(
        key={"kind": "fixed", "percentages": fine}, participant_ids=ids[:2]))
    assert added.status_code == 201, added.text
    pool = (await allocation(client, plan["id"]))["pools"][0]
    assert sorted(by_name(pool).values()) == ["10139.20", "15208.80"]


async def test_a_missing_statistic_is_named_never_read_as_zero(client: httpx.AsyncClient) -> None:
    await jobseekers_of_one_municipality(client)
    plan = await new_esr_plan(client, pools=[esr_pool(key={"kind": "statistic", "statistic": "jobseekers"})])
    body = assert_problem(await client.get(f"/api/v1/cost-plans/{plan['id']}/allocation"), 409)
    assert "has no jobseekers value on 31.12.2020" in body["detail"]
    assert "not read as zero" in body["detail"]


async def test_a_plan_that_could_never_be_allocated_is_refused_when_written(client: httpx.AsyncClient) -> None:
    demo = await demo_plan(client, ESR_AREA, 2021)
    body = {"agreement_version_id": demo["agreement"]["version_id"], "name": "Mahdoton", "year": 2022,
            "reference_date": "2020-12-31"}
    nobody = assert_problem(await client.post("/api/v1/cost-plans", json={**body, "pools": [esr_pool(
        excluded_ids=[p["id"] for p in demo["participants"]])]}), 422)
    assert [(e["field"], e["code"]) for e in nobody["errors"]] == [("pools.0.excluded_ids", "cost.pool_without_participants")]
    unknown = assert_problem(await client.post("/api/v1/cost-plans", json={**body, "pools": [esr_pool(
        key={"kind": "statistic", "statistic": "immigrants_18_64"})]}), 422)
    assert [(e["field"], e["code"]) for e in unknown["errors"]] == [("pools.0.key", "cost.statistic_unknown")]
    plan = await new_esr_plan(client)
    later = assert_problem(await client.post(f"/api/v1/cost-plans/{plan['id']}/pools", json=esr_pool(
        name="Toinen", key={"kind": "statistic", "statistic": "immigrants_18_64"})), 422)
    assert later["errors"][0]["field"] == "key"
    moved = assert_problem(await client.patch(f"/api/v1/cost-plans/{plan['id']}", json={"participant_ids": []},
                                              headers=etag(plan)), 422)
    assert moved["errors"][0]["field"] == "participant_ids"


async def test_a_typo_in_a_field_name_is_refused_never_dropped(client: httpx.AsyncClient) -> None:
    demo = await demo_plan(client, ESR_AREA, 2021)
    body = {"agreement_version_id": demo["agreement"]["version_id"], "name": "Kirjoitusvirhe", "year": 2022,
            "reference_date": "2020-12-31", "pools": [{**esr_pool(co_financing_rate=None), "cofinancing_rate": "0.80"}]}
    refused = assert_problem(await client.post("/api/v1/cost-plans", json=body), 422)
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("pools.0.cofinancing_rate", "value.unknown_field")]
    as_number = assert_problem(await client.post("/api/v1/cost-plans", json={**body, "pools": [esr_pool(amount=126740.0)]}),
                               422)
    assert [(e["field"], e["code"]) for e in as_number["errors"]] == [("pools.0.amount", "value.decimal_string")]


async def test_unique_pool_names_and_known_participants(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    assert_problem(await client.post(f"/api/v1/cost-plans/{plan['id']}/pools", json=esr_pool()), 422)
    espoo = await organisation_named(client, "Espoo")
    body = assert_problem(await client.post(f"/api/v1/cost-plans/{plan['id']}/pools", json=esr_pool(
        name="Toinen", excluded_ids=[espoo["id"]])), 422)
    assert "not a party" in body["detail"]


async def test_plan_changes_need_the_current_etag(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    url = f"/api/v1/cost-plans/{plan['id']}"
    assert_problem(await client.patch(url, json={"status": "approved"}), 428)
    assert_problem(await client.patch(url, json={"status": "approved"}, headers={"If-Match": '"99"'}), 412)
    approved = await client.patch(url, json={"status": "approved"}, headers=etag(plan))
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.headers["etag"] == f'"{plan["version"] + 1}"'
    pool_url = f"{url}/pools/{plan['pools'][0]['id']}"
    assert_problem(await client.patch(pool_url, json={"amount": "1000"}, headers=etag(plan)), 412)
    assert_problem(await client.patch(pool_url, json={"amount": "1000"}), 428)
    gone = await client.delete(url, headers=etag(approved.json()))
    assert gone.status_code == 204
    assert_problem(await client.get(url), 404)


async def test_plan_defaults_and_participant_changes(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client, year=2022)
    assert plan["instalment_dates"] == ["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31"]
    ids = [p["id"] for p in plan["participants"]]
    fewer = await client.patch(f"/api/v1/cost-plans/{plan['id']}", json={"participant_ids": ids[:3]},
                               headers=etag(plan))
    assert fewer.status_code == 200, fewer.text
    pool = (await allocation(client, plan["id"]))["pools"][0]
    assert len(pool["shares"]) == 3 and pool["allocated"] == "25348.00"
    bad_dates = await client.patch(f"/api/v1/cost-plans/{plan['id']}",
                                   json={"instalment_dates": ["2022-06-30", "2022-03-31"]}, headers=etag(fewer.json()))
    assert_problem(bad_dates, 422)


async def test_roles_and_keys_on_cost_plans(anonymous: httpx.AsyncClient, client: httpx.AsyncClient, credentials) -> None:  # type: ignore[no-untyped-def]
    plan = await demo_plan(client, TAMPERE_REGION, 2026)
    url = f"/api/v1/cost-plans/{plan['id']}"
    pool_url = f"{url}/pools/{plan['pools'][0]['id']}"
    for email, read, write in [
        ("lukija@kangasala.example", 200, 403),
        ("koordinaattori@nokia.example", 200, 403),
        ("talous@tampere.example", 200, 200),
        ("aluepaakayttaja@tampere.example", 200, 200),
    ]:
        headers = {"Authorization": f"Bearer {await credentials.token_for(email)}"}
        got = await anonymous.get(url, headers=headers)
        assert got.status_code == read, f"{email}: {got.text}"
        assert (await anonymous.get(f"{url}/allocation", headers=headers)).status_code == read
        changed = await anonymous.patch(pool_url, json={"description": email},
                                        headers={**headers, "If-Match": got.headers["etag"]})
        assert changed.status_code == write, f"{email}: {changed.text}"
        assert ("update" in got.json()["allowed_actions"]) == (write == 200)
    other = {"Authorization": f"Bearer {await credentials.api_key('Kirkkonummen työllisyysalue', 'read', 'finance')}"}
    assert_problem(await anonymous.get(url, headers=other), 403)
    assert_problem(await anonymous.get(f"{url}/allocation", headers=other), 403)
    listed = (await anonymous.get("/api/v1/cost-plans", headers=other)).json()["items"]
    assert listed == []
    finance_key = {"Authorization": f"Bearer {await credentials.api_key(TAMPERE_REGION, 'read', 'finance')}"}
    assert (await anonymous.get(url, headers=finance_key)).status_code == 200
    esr = await demo_plan(client, ESR_AREA, 2021)
    assert_problem(await anonymous.post("/api/v1/cost-plans", headers=finance_key, json={
        "agreement_version_id": esr["agreement"]["version_id"], "name": "Vieras", "year": 2022,
        "reference_date": "2020-12-31"}), 403)


async def test_listing_by_area_and_year(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    listed = (await client.get("/api/v1/cost-plans", params={"area_id": plan["area_id"]})).json()["items"]
    assert [(p["year"], p["status"]) for p in listed] == [(2026, "draft"), (2025, "approved")]
    assert listed[1]["pool_count"] == 4 and listed[1]["area_name"] == TAMPERE_REGION
    page = (await client.get("/api/v1/cost-plans", params={"limit": 1})).json()
    assert len(page["items"]) == 1 and page["next_cursor"]
    following = (await client.get("/api/v1/cost-plans", params={"limit": 1, "cursor": page["next_cursor"]})).json()
    assert following["items"][0]["id"] != page["items"][0]["id"]


async def test_an_approved_plan_is_read_only_and_changes_through_a_new_draft(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    url = f"/api/v1/cost-plans/{plan['id']}"
    assert "update" in plan["allowed_actions"] and "revise" not in plan["allowed_actions"]
    assert_problem(await client.post(f"{url}/revisions"), 409)  # a draft is changed itself
    approved = (await client.patch(url, json={"status": "approved"}, headers=etag(plan))).json()
    assert {"revise", "copy", "record_actual_costs"} <= set(approved["allowed_actions"])
    assert "update" not in approved["allowed_actions"]
    pool_url = f"{url}/pools/{plan['pools'][0]['id']}"
    for refused in (
        await client.patch(url, json={"name": "Muutettu"}, headers=etag(approved)),
        await client.patch(url, json={"status": "draft"}, headers=etag(approved)),
        await client.post(f"{url}/pools", json=esr_pool(name="Toinen"), headers=etag(approved)),
        await client.patch(pool_url, json={"amount": "1000"}, headers=etag(approved)),
        await client.delete(pool_url, headers=etag(approved)),
    ):
        assert "start a change" in assert_problem(refused, 409)["detail"]
    # The year-end flow goes on: actual costs are recorded on the approved plan.
    recorded = await client.put(f"{url}/actual-costs", headers=etag(approved),
                                json={"actual_costs": [{"pool_id": plan["pools"][0]["id"], "amount": "120000"}]})
    assert recorded.status_code == 200, recorded.text
    alone = await client.patch(pool_url, json={"actual_amount": "121000"}, headers=etag(recorded.json()))
    assert alone.status_code == 200 and alone.json()["pools"][0]["amount"] == "126740.00"
    approved = alone.json()

    revised = await client.post(f"{url}/revisions", json={})
    assert revised.status_code == 201, revised.text
    assert revised.headers["location"] == f"/api/v1/cost-plans/{revised.json()['id']}"
    draft = revised.json()
    assert draft["status"] == "draft" and draft["year"] == approved["year"] and draft["id"] != approved["id"]
    assert draft["previous_plan"]["id"] == approved["id"]
    assert draft["participants"] == approved["participants"]
    same = ("name", "amount", "key", "co_financing_rate", "excluded_ids", "actual_amount")
    assert [{k: p[k] for k in same} for p in draft["pools"]] == [{k: p[k] for k in same} for p in approved["pools"]]
    changed = await client.patch(f"/api/v1/cost-plans/{draft['id']}/pools/{draft['pools'][0]['id']}",
                                 json={"amount": "130000"}, headers=etag(draft))
    assert changed.status_code == 200, changed.text
    assert (await client.get(url)).json() == approved, "the approved plan stays as it was"

    assert_problem(await client.delete(url), 428)  # an approved plan is never deleted blindly


async def test_next_years_plan_starts_as_a_copy(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client, instalment_dates=["2022-02-28", "2022-08-31"])
    url = f"/api/v1/cost-plans/{plan['id']}"
    await client.put(f"{url}/actual-costs", headers=etag(plan),
                     json={"actual_costs": [{"pool_id": plan["pools"][0]["id"], "amount": "120000"}]})
    copied = await client.post(f"{url}/copies")
    assert copied.status_code == 201, copied.text
    draft = copied.json()
    assert (draft["year"], draft["status"], draft["name"]) == (2023, "draft", "Testisuunnitelma (2023)")
    assert draft["participants"] == plan["participants"] and draft["lead"] == plan["lead"]
    assert draft["reference_date"] == plan["reference_date"]
    assert draft["instalment_dates"] == ["2023-02-28", "2023-08-31"]
    assert [(p["name"], p["amount"], p["actual_amount"]) for p in draft["pools"]] == [
        ("Tahtotilasta tulokseen", "126740.00", None)], "actual costs belong to their year"
    later = await client.post(f"{url}/copies", json={"year": 2025, "name": "Vuosi 2025"})
    assert (later.json()["year"], later.json()["name"]) == (2025, "Vuosi 2025")
    what_if = await client.post(f"{url}/copies", json={"year": 2022, "pools": [esr_pool(amount="100000")]})
    assert what_if.status_code == 201 and what_if.json()["pools"][0]["amount"] == "100000.00"
    bad = await client.post(f"{url}/copies", json={"pools": [esr_pool(amount="-1")]})
    assert assert_problem(bad, 422)["errors"][0]["field"] == "pools.0.amount"

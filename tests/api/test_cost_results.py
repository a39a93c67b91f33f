"""What a plan computes through the API: what-ifs, instalments, the reconciliation and the exports."""

import csv
import io
from datetime import date
from decimal import Decimal

import httpx
from openpyxl import load_workbook

from tests.api.cost_helpers import (
    ESR_CENT_SHARES,
    TAMPERE_REGION,
    demo_plan,
    esr_pool,
    etag,
    new_esr_plan,
)
from tests.api.helpers import assert_problem

MIX = {"kind": "mix", "parts": [
    {"weight": "0.7", "key": {"kind": "statistic", "statistic": "population"}},
    {"weight": "0.3", "key": {"kind": "equal"}},
]}


def editable(pool: dict) -> dict:
    """A saved pool as a what-if or a change takes it."""
    return {key: value for key, value in pool.items() if key not in ("position", "key_description")}


def comparable(allocation: dict) -> dict:
    return {key: allocation[key] for key in ("pools", "totals", "unit_totals", "year", "reference_date")}


async def test_what_if_equals_saving_then_computing(client: httpx.AsyncClient) -> None:
    approved = await demo_plan(client, TAMPERE_REGION, 2025)
    # The approved plan's budget is locked: what is saved is saved on a change of it, a draft of the same pools.
    plan = (await client.post(f"/api/v1/cost-plans/{approved['id']}/revisions")).json()
    url = f"/api/v1/cost-plans/{plan['id']}"
    saved_before = (await client.get(f"{url}/allocation")).json()
    pools = [editable(pool) for pool in plan["pools"]]
    pools[0]["amount"] = "470000.00"  # an amount
    pools[1]["key"] = MIX  # a key and its weights
    pools[2]["key"] = {"kind": "equal"}
    response = await client.post(f"{url}/what-if", json={"pools": pools})
    assert response.status_code == 200, response.text
    what_if = response.json()
    assert what_if["allocation"]["what_if"] is True
    assert (await client.get(url)).json()["version"] == plan["version"], "a what-if saves nothing"
    assert (await client.get(f"{url}/allocation")).json() == saved_before
    differences = {d["participant"]["name"]: d for d in what_if["differences"]}
    for total in what_if["allocation"]["totals"]:
        difference = differences[total["participant"]["name"]]
        assert Decimal(difference["difference"]) == Decimal(total["amount"]) - Decimal(difference["saved_amount"])
    assert sum(Decimal(d["difference"]) for d in differences.values()) == Decimal("20000.00")

    version = plan["version"]
    for pool in pools[:3]:
        changed = await client.patch(f"{url}/pools/{pool['id']}", json={"amount": pool["amount"], "key": pool["key"]},
                                     headers={"If-Match": f'"{version}"'})
        assert changed.status_code == 200, changed.text
        version = changed.json()["version"]
    saved = (await client.get(f"{url}/allocation")).json()
    assert comparable(saved) == comparable(what_if["allocation"])


async def test_a_what_if_may_change_the_reference_date_and_reports_a_missing_statistic(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    body = assert_problem(await client.post(f"/api/v1/cost-plans/{plan['id']}/what-if",
                                            json={"reference_date": "2019-12-31"}), 409)
    assert "no population value on 31.12.2019" in body["detail"]
    bad = await client.post(f"/api/v1/cost-plans/{plan['id']}/what-if",
                            json={"pools": [{**editable(plan["pools"][0]), "amount": "1.001"}]})
    assert any(error["field"] == "pools.0.amount" for error in assert_problem(bad, 422)["errors"])


async def test_a_reader_may_run_a_what_if_but_not_save(anonymous: httpx.AsyncClient, client: httpx.AsyncClient,
                                                     credentials) -> None:  # type: ignore[no-untyped-def]
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    pools = [editable(pool) for pool in plan["pools"]]
    pools[0]["amount"] = "1"
    for headers in (
        {"Authorization": f"Bearer {await credentials.token_for('lukija@kangasala.example')}"},
        {"Authorization": f"Bearer {await credentials.api_key(TAMPERE_REGION, 'read')}"},
    ):
        response = await anonymous.post(f"/api/v1/cost-plans/{plan['id']}/what-if", json={"pools": pools},
                                         headers=headers)
        assert response.status_code == 200, response.text
        assert response.json()["allocation"]["unit_totals"][0]["amount"] == "1500001.00"
    other = {"Authorization": f"Bearer {await credentials.api_key('Kirkkonummen työllisyysalue', 'read', 'finance')}"}
    assert_problem(await anonymous.post(f"/api/v1/cost-plans/{plan['id']}/what-if", json={}, headers=other), 403)


async def test_instalments_fall_on_finnish_working_days_and_add_up(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    # 20.6.2025 is Midsummer Eve; 6.12.2025 Independence Day, a Saturday.
    response = await client.get(f"/api/v1/cost-plans/{plan['id']}/instalments",
                                params=[("dates", "2025-03-31"), ("dates", "2025-06-20"), ("dates", "2025-12-06")])
    assert response.status_code == 200, response.text
    result = response.json()
    assert [(i["nominal_date"], i["due_date"]) for i in result["totals"]] == [
        ("2025-03-31", "2025-03-31"), ("2025-06-20", "2025-06-23"), ("2025-12-06", "2025-12-08")]
    assert result["total"] == "25348.00"
    for row in result["participants"]:
        amounts = [Decimal(i["amount"]) for i in row["instalments"]]
        assert sum(amounts) == Decimal(row["total"]) == Decimal(ESR_CENT_SHARES[row["participant"]["name"]])
        assert max(amounts) - min(amounts) <= Decimal("0.01")
    assert sum(Decimal(i["amount"]) for i in result["totals"]) == Decimal("25348.00")
    default = (await client.get(f"/api/v1/cost-plans/{plan['id']}/instalments")).json()
    assert [i["nominal_date"] for i in default["totals"]] == plan["instalment_dates"]
    assert_problem(await client.get(f"/api/v1/cost-plans/{plan['id']}/instalments",
                                    params=[("dates", "2025-06-30"), ("dates", "2025-03-31")]), 422)


async def test_reconciliation_to_the_cent(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    url = f"/api/v1/cost-plans/{plan['id']}"
    pending = (await client.get(f"{url}/reconciliation")).json()
    assert pending["complete"] is False and pending["missing_pools"] == ["Tahtotilasta tulokseen"]
    pool_id = plan["pools"][0]["id"]
    assert_problem(await client.put(f"{url}/actual-costs", json={"actual_costs": [
        {"pool_id": pool_id, "amount": "120000.001"}]}, headers=etag(plan)), 422)
    recorded = await client.put(f"{url}/actual-costs", json={"actual_costs": [{"pool_id": pool_id, "amount": "120000"}]},
                                headers=etag(plan))
    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["pools"][0]["actual_amount"] == "120000.00"
    result = (await client.get(f"{url}/reconciliation")).json()
    assert result["complete"] is True
    # actual: 120 000 − 96 000 outside = 24 000 / 13 = 1 846,15 (5 × 1 846,16 by the lowest codes)
    lines = {line["participant"]["name"]: line for line in result["lines"]}
    assert lines["Alavieska"]["budgeted"] == "1949.85" and lines["Alavieska"]["actual"] == "1846.16"
    assert lines["Alavieska"]["refund"] == "103.69" and lines["Alavieska"]["charge"] == "0.00"
    assert lines["Ylivieska"]["actual"] == "1846.15" and lines["Ylivieska"]["difference"] == "103.69"
    total = result["totals"][0]
    assert (total["budgeted"], total["actual"], total["refunds"], total["difference"]) == \
        ("25348.00", "24000.00", "1348.00", "1348.00")
    assert sum(Decimal(line["difference"]) for line in result["lines"]) == Decimal("1348.00")


async def test_the_demo_reconciliation_charges_the_overrun(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    result = (await client.get(f"/api/v1/cost-plans/{plan['id']}/reconciliation")).json()
    assert result["complete"] is True
    total = result["totals"][0]
    actual = sum(Decimal(pool["actual"]) for pool in result["pools"])
    assert Decimal(total["actual"]) == actual
    assert Decimal(total["budgeted"]) - actual == Decimal(total["difference"])
    assert Decimal(total["refunds"]) - Decimal(total["charges"]) == Decimal(total["difference"])


async def test_one_share_is_explained_on_its_own(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    haapavesi = next(p for p in plan["participants"] if p["name_fi"] == "Haapavesi")
    response = await client.get(f"/api/v1/cost-plans/{plan['id']}/allocation/explanation",
                                params={"pool_id": plan["pools"][0]["id"], "organisation_id": haapavesi["id"]})
    assert response.status_code == 200, response.text
    assert response.json()["amount"] == "1949.85"
    assert response.json()["explanation"]["formula"] == "25 348,00 € × 1/13"


async def test_csv_export_is_finnish(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    response = await client.get(f"/api/v1/cost-plans/{plan['id']}/export", params={"format": "csv", "part": "allocation"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Kustannuserä", "Kunta", "Kuntanumero", "Osuus"]
    haapavesi = next(row for row in rows if row[1] == "Haapavesi")
    assert haapavesi[3] == "1949,85" and haapavesi[-1] == "25 348,00 € × 1/13"
    assert haapavesi[8] == "tasajako", "the key in the words of the export's language"
    assert response.headers["content-disposition"].endswith('kustannusjako-2022-testisuunnitelma-jako-ja-perusteet.csv"')
    english = await client.get(f"/api/v1/cost-plans/{plan['id']}/export",
                               params={"format": "csv", "part": "totals", "language": "en"})
    assert english.content.decode("utf-8").lstrip("\ufeff").startswith("Municipality;Code;Unit;Share")
    assert "cost-plan-2022-testisuunnitelma-by-municipality.csv" in english.headers["content-disposition"]
    instalments = await client.get(f"/api/v1/cost-plans/{plan['id']}/export",
                                   params={"format": "csv", "part": "instalments"})
    assert "31.3.2022" in instalments.content.decode("utf-8")


async def test_xlsx_export_has_numbers_as_numbers(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    response = await client.get(f"/api/v1/cost-plans/{plan['id']}/export")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Kunnittain", "Jako ja perusteet", "Ennakkoerät", "Tasaus"]
    totals = book["Kunnittain"]
    tampere = next(row for row in totals.iter_rows(min_row=2) if row[0].value == "Tampere")
    assert isinstance(tampere[3].value, (int, float)) and tampere[3].number_format == '#,##0.00 "€"'
    assert isinstance(tampere[4].value, (int, float)) and tampere[4].number_format == "0.00 %"
    shares = book["Jako ja perusteet"]
    dated = next(row for row in shares.iter_rows(min_row=2) if row[10].value is not None)
    assert dated[10].value.date() == date(2020, 12, 31) and dated[10].number_format == "d.m.yyyy"
    assert isinstance(dated[11].value, (int, float))
    assert dated[9].value == "Asukasluku" and dated[8].value == "Asukasluku 31.12.2020"
    assert "(Asukasluku 31.12.2020)" in dated[17].value and "population" not in dated[17].value
    reconciliation = book["Tasaus"]
    assert reconciliation.cell(1, 7).value == "Palautetaan"
    assert_problem(await client.get(f"/api/v1/cost-plans/{plan['id']}/export", params={"format": "pdf"}), 422)


async def test_exports_write_formula_like_text_as_text_and_numbers_as_numbers(client: httpx.AsyncClient) -> None:
    names = ["=HYPERLINK(\"https://example.invalid\",\"x\")", "+358 kulut", "-vähennys", "@laskenta"]
    plan = await new_esr_plan(client, pools=[esr_pool(name=name, amount="1000") for name in names])
    url = f"/api/v1/cost-plans/{plan['id']}/export"
    text = (await client.get(url, params={"format": "csv", "part": "allocation"})).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert {row[0] for row in rows[1:]} == {"'" + name for name in names}
    totals = (await client.get(url, params={"format": "csv", "part": "totals"})).content.decode("utf-8")
    changes = [row[6] for row in csv.reader(io.StringIO(totals.lstrip("\ufeff")), delimiter=";")][1:]
    assert changes and all(change.startswith("-") and not change.startswith("'") for change in changes), \
        "a negative change (less than the approved plan of 2021) stays a number"

    book = load_workbook(io.BytesIO((await client.get(url)).content))
    pools = [row[0] for row in book["Jako ja perusteet"].iter_rows(min_row=2)]
    assert {cell.value for cell in pools} == set(names)
    assert {cell.data_type for cell in pools} == {"s"}
    change = book["Kunnittain"].cell(2, 7)
    assert change.data_type == "n" and change.value < 0

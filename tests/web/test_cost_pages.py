"""The cost pages: every page and fragment with and without htmx, forms with errors beside fields, downloads."""

import io
import json
import re

import httpx
import pytest
from openpyxl import load_workbook

from tests.api.cost_helpers import ESR_AREA, TAMPERE_REGION, demo_plan, jobseekers_of_one_municipality, new_esr_plan
from tests.api.helpers import find_one, organisation_named

HX = {"HX-Request": "true"}


def is_full_page(html: str) -> bool:
    return html.lstrip().lower().startswith("<!doctype html>")


async def page_urls(client: httpx.AsyncClient) -> list[str]:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    draft = await demo_plan(client, TAMPERE_REGION, 2026)
    tampere = await organisation_named(client, "Tampere")
    area = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    pool = plan["pools"][3]
    base = f"/costs/plans/{plan['id']}"
    return [
        "/costs",
        "/costs/plans/new",
        f"/costs/plans/new?agreement_version_id={plan['agreement']['version_id']}",
        base,
        f"/costs/plans/{draft['id']}",
        f"{base}/edit",
        f"{base}/pools/new",
        f"{base}/pools/{pool['id']}/edit",
        f"{base}/explain?pool_id={pool['id']}&organisation_id={tampere['id']}",
        f"{base}/what-if",
        f"{base}/instalments",
        f"{base}/instalments?dates=31.3.2025%0A20.6.2025",
        f"{base}/reconciliation",
        f"/costs/plans/{draft['id']}/reconciliation",
        "/costs/statistics",
        f"/costs/statistics?name=population&reference_date=31.12.2020&area_id={area['id']}",
        "/costs/statistics?name=BAD!&reference_date=nonsense&area_id=x",
        "/costs/statistics/import",
        "/costs/statistics/edit",
        f"/costs/statistics/edit?area_id={area['id']}&name=population&reference_date=31.12.2020",
        f"/costs/statistics/edit?area_id={area['id']}&name=uusi_luku&reference_date=2024-12-31",
    ]


@pytest.mark.parametrize("headers", [{}, HX], ids=["full-page", "htmx"])
async def test_every_cost_page_renders_with_and_without_htmx(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    for url in await page_urls(client):
        response = await client.get(url, headers=headers)
        assert response.status_code == 200, f"{url}: {response.status_code} {response.text[:500]}"
        assert response.headers["content-type"].startswith("text/html")
        assert "Traceback" not in response.text


async def test_the_plan_page_shows_the_table_the_chart_and_explanations(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    html = (await client.get(f"/costs/plans/{plan['id']}")).text
    assert is_full_page(html)
    assert re.search(r"<svg[^>]+role=\"img\"", html) and "<title id=\"chart-eur-title\">" in html and "<desc" in html
    assert "550\u00a0208,66\u00a0€" in html, "Tampere's share of the integration services, the Finnish way"
    assert html.count('href="/costs/plans/' + plan["id"] + '/explain?') == 15 * 3 + 14, "every share: one click away"
    fragment = (await client.get(f"/costs/plans/{plan['id']}", headers=HX)).text
    assert not is_full_page(fragment) and "<svg" in fragment
    integration = plan["pools"][3]
    tampere = await organisation_named(client, "Tampere")
    url = f"/costs/plans/{plan['id']}/explain?pool_id={integration['id']}&organisation_id={tampere['id']}"
    panel = (await client.get(url, headers=HX)).text
    assert not is_full_page(panel)
    formula = re.search(r'<p class="cost-formula">(.*?)</p>', panel, re.S)[1]  # type: ignore[index]
    formula = formula.replace("\u00a0", " ").replace("&nbsp;", " ")
    assert re.sub(r"<[^>]+>", "", formula) == "550 208,66 € ≈ 1 000 000,00 € × 55,0209 % (Asukasluku 31.12.2020)"
    assert "241009/438032" in panel.split('class="exact-figures"')[1], "the exact fraction one click further"


async def test_the_esr_plan_shows_each_share_to_the_cent_beside_its_commitment(client: httpx.AsyncClient) -> None:
    esr = await demo_plan(client, ESR_AREA, 2021)
    html = (await client.get(f"/costs/plans/{esr['id']}")).text
    totals = html[html.index('class="hds-table hds-table--light hds-table--dense cost-table"'):]
    totals = totals[:totals.index("</table>")]
    assert totals.count("1\u00a0949,85\u00a0€") == 8 and totals.count("1\u00a0949,84\u00a0€") == 5
    assert totals.count("enintään 1\u00a0950,00\u00a0€") == 13 and totals.count("sitoumuksen rajoissa") == 13
    assert "KHALL 11.8.2020 § 149" in totals, "Haapajärvi's commitment names its decision"
    assert "+2,00" not in html and "ylittää sitoumuksen" not in html


async def test_a_swedish_plan_page_names_the_municipalities_in_swedish(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    swedish = (await client.get(f"/costs/plans/{plan['id']}", params={"lang": "sv"})).text
    totals = swedish[swedish.index("cost-table"):]
    assert "<th scope=\"row\">Tammerfors</th>" in totals and "<th scope=\"row\">Tampere</th>" not in totals
    finnish = (await client.get(f"/costs/plans/{plan['id']}", params={"lang": "fi"})).text
    assert "<th scope=\"row\">Tampere</th>" in finnish


async def test_a_plan_that_cannot_be_computed_says_why(client: httpx.AsyncClient) -> None:
    await jobseekers_of_one_municipality(client)
    plan = await new_esr_plan(client, pools=[{"name": "Työnhakijoiden mukaan", "amount": "1000",
                                              "key": {"kind": "statistic", "statistic": "jobseekers"}}])
    response = await client.get(f"/costs/plans/{plan['id']}")
    assert response.status_code == 200
    assert 'role="alert"' in response.text and "31.12.2020" in response.text


async def test_create_a_plan_and_a_pool_in_the_pages(client: httpx.AsyncClient) -> None:
    esr = await demo_plan(client, ESR_AREA, 2021)
    form = {"agreement_version_id": esr["agreement"]["version_id"], "name": "Sivuilla tehty", "year": "2022",
            "reference_date": "31.12.2020", "status": "draft"}
    bad = await client.post("/costs/plans/new", data={**form, "reference_date": "31.13.2020"}, headers=HX)
    assert bad.status_code == 422 and not is_full_page(bad.text)
    assert 'id="error-reference_date"' in bad.text and 'value="Sivuilla tehty"' in bad.text
    created = await client.post("/costs/plans/new", data=form)
    assert created.status_code == 303
    plan_url = created.headers["location"]
    plan_id = plan_url.rsplit("/", 1)[1]
    plan = (await client.get(f"/api/v1/cost-plans/{plan_id}")).json()
    everyone = [p["id"] for p in plan["participants"]]
    pool = {"name": "Hanke", "unit": "eur", "amount": "126 740,00", "co_financing_percent": "80", "key_kind": "equal",
            "cap": "1 950", "rounding": "euros", "excess": "share_among_uncapped"}
    wrong = await client.post(f"{plan_url}/pools/new", data={**pool, "amount": "126 740,005", "takes_part": everyone},
                              headers=HX)
    assert wrong.status_code == 422
    assert 'id="error-amount"' in wrong.text and 'value="126 740,005"' in wrong.text and 'value="80"' in wrong.text
    saved = await client.post(f"{plan_url}/pools/new", data={**pool, "takes_part": everyone})
    assert saved.status_code == 303
    html = (await client.get(plan_url)).text
    assert html.count("1\u00a0950,00\u00a0€") >= 13
    mix = {**pool, "name": "Sekoitus", "amount": "1000", "key_kind": "mix", "mix-0-weight": "60", "mix-0-basis": "population",
           "mix-1-weight": "30", "mix-1-basis": "equal", "cap": "", "co_financing_percent": "", "rounding": "cents"}
    refused = await client.post(f"{plan_url}/pools/new", data={**mix, "takes_part": everyone}, headers=HX)
    assert refused.status_code == 422 and 'id="error-key"' in refused.text and "0.9" in refused.text
    fixed = await client.post(f"{plan_url}/pools/new", headers=HX, data={
        **mix, "key_kind": "fixed", "takes_part": everyone[:2], f"percent-{everyone[0]}": "75",
        f"percent-{everyone[1]}": "25"})
    assert fixed.status_code == 200 and json.loads(fixed.headers["hx-location"])["path"] == plan_url
    allocation = (await client.get(f"/api/v1/cost-plans/{plan_id}/allocation")).json()
    assert sorted(s["amount"] for s in allocation["pools"][1]["shares"]) == ["250.00", "750.00"]


async def test_edit_a_plan_with_a_stale_version_keeps_what_was_typed(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    url = f"/costs/plans/{plan['id']}/edit"
    form = {"name": "Uusi nimi", "year": "2022", "reference_date": "31.12.2020", "status": "draft",
            "participant_ids": [p["id"] for p in plan["participants"]], "instalment_dates": "28.2.2022\n31.8.2022",
            "version": str(plan["version"])}
    assert (await client.post(url, data=form)).status_code == 303
    stale = await client.post(url, data={**form, "name": "Toinen nimi"})
    assert stale.status_code == 412 and 'value="Toinen nimi"' in stale.text
    saved = (await client.get(f"/api/v1/cost-plans/{plan['id']}")).json()
    assert saved["name"] == "Uusi nimi" and saved["instalment_dates"] == ["2022-02-28", "2022-08-31"]


async def test_what_if_in_the_page_then_save_as_a_draft(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    url = f"/costs/plans/{plan['id']}/what-if"
    form_html = (await client.get(url)).text
    values = dict(re.findall(r'name="(pools-\d-[a-z_\-0-9]+|reference_date|draft_name)"[^>]*value="([^"]*)"', form_html))
    values = {key: value.replace("&#34;", '"').replace("&amp;", "&").replace("&#39;", "'") for key, value in values.items()}
    for index in range(4):
        values[f"pools-{index}-key_kind"] = "statistic"
        values[f"pools-{index}-statistic"] = "population"
    values["pools-0-amount"] = "470 000"
    values["pools-1-key_kind"] = "mix"
    values.update({"pools-1-mix-0-weight": "50", "pools-1-mix-0-basis": "population",
                   "pools-1-mix-1-weight": "50", "pools-1-mix-1-basis": "jobseekers"})
    computed = await client.post(url, data={**values, "action": "compute"}, headers=HX)
    assert computed.status_code == 200, computed.text[:1000]
    assert not is_full_page(computed.text) and "whatif-results" in computed.text
    assert "+20\u00a0000,00\u00a0€" not in computed.text  # differences are per municipality
    assert (await client.get(f"/api/v1/cost-plans/{plan['id']}")).json()["version"] == plan["version"]
    bad = await client.post(url, data={**values, "pools-2-amount": "paljon", "action": "compute"}, headers=HX)
    assert bad.status_code == 422 and 'id="error-pools-2-amount"' in bad.text and 'value="paljon"' in bad.text
    saved = await client.post(url, data={**values, "action": "save", "draft_name": "Kokeilu"})
    assert saved.status_code == 303
    draft = (await client.get(f"/api/v1{saved.headers['location'].replace('/costs/plans', '/cost-plans')}")).json()
    assert draft["name"] == "Kokeilu" and draft["status"] == "draft"
    assert draft["pools"][0]["amount"] == "470000.00" and draft["pools"][1]["key"]["kind"] == "mix"


async def test_instalments_and_reconciliation_pages(client: httpx.AsyncClient) -> None:
    plan = await new_esr_plan(client)
    html = (await client.get(f"/costs/plans/{plan['id']}/instalments", params={"dates": "31.3.2025\n6.12.2025"})).text
    assert "8.12.2025" in html and "6.12.2025" in html
    wrong_dates = {"dates": "6.12.2025\n31.3.2025"}
    wrong = await client.get(f"/costs/plans/{plan['id']}/instalments", params=wrong_dates)
    assert wrong.status_code == 422 and 'id="error-dates"' in wrong.text and "6.12.2025\n31.3.2025" in wrong.text
    wrong = await client.get(f"/costs/plans/{plan['id']}/instalments", params=wrong_dates, headers=HX)
    assert wrong.status_code == 422 and not is_full_page(wrong.text) and 'role="alert"' in wrong.text
    url = f"/costs/plans/{plan['id']}/reconciliation"
    field = f"actual-{plan['pools'][0]['id']}"
    bad = await client.post(url, data={field: "120 000,001", "version": str(plan["version"])}, headers=HX)
    assert bad.status_code == 422 and f'id="error-{field}"' in bad.text and 'value="120 000,001"' in bad.text
    saved = await client.post(url, data={field: "120 000", "version": str(plan["version"])}, headers=HX)
    assert saved.status_code == 200 and "103,69" in saved.text


async def test_export_downloads(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    xlsx = await client.get(f"/costs/plans/{plan['id']}/export", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames[0] == "Kunnittain"
    client.cookies.set("sopimo_lang", "en")
    csv_file = await client.get(f"/costs/plans/{plan['id']}/export", params={"format": "csv", "part": "totals"})
    assert csv_file.content.decode("utf-8").lstrip("\ufeff").startswith("Municipality;")


async def test_statistics_import_preview_then_apply_and_series_edit(client: httpx.AsyncClient) -> None:
    content = "code;statistic;reference_date;value\n837;jobseekers;31.12.2024;21 350\n999;jobseekers;31.12.2024;1\n"
    preview = await client.post("/costs/statistics/import", files={"file": ("luvut.csv", content.encode(), "text/csv")})
    assert preview.status_code == 200 and "Millään organisaatiolla ei ole kuntanumeroa 999." in preview.text
    assert "No organisation" not in preview.text, "no English on a Finnish page"
    assert 'name="apply" value="true"' not in preview.text
    good = content.splitlines()[:2]
    preview = await client.post("/costs/statistics/import",
                                files={"file": ("luvut.csv", "\n".join(good).encode(), "text/csv")})
    encoded = re.search(r'name="content" value="([^"]+)"', preview.text).group(1)
    applied = await client.post("/costs/statistics/import", data={"content": encoded, "filename": "luvut.csv", "apply": "true"})
    assert applied.status_code == 200 and 'role="status"' in applied.text
    assert (await client.post("/costs/statistics/import", data={"content": ""})).status_code == 422
    assert (await client.post("/costs/statistics/import",
                              files={"file": ("x.csv", b"x,y\n1,2\n", "text/csv")})).status_code == 422

    area = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    nokia = await organisation_named(client, "Nokia")
    tampere = await organisation_named(client, "Tampere")
    form = {"area_id": area["id"], "name": "jobseekers", "reference_date": "31.12.2024",
            f"value-{nokia['id']}": "1 980", f"value-{tampere['id']}": "-5"}
    bad = await client.post("/costs/statistics/edit", data=form, headers=HX)
    assert bad.status_code == 422 and f'id="error-value-{tampere["id"]}"' in bad.text and 'value="1 980"' in bad.text
    saved = await client.post("/costs/statistics/edit", data={**form, f"value-{tampere['id']}": "21 400"})
    assert saved.status_code == 303
    values = (await client.get("/api/v1/statistics", params={"name": "jobseekers", "reference_date": "2024-12-31"})).json()
    assert {v["organisation"]["name_fi"]: v["value"] for v in values["items"]} == {"Tampere": "21400", "Nokia": "1980"}
    nameless = await client.post("/costs/statistics/edit", data={**form, "name": "Työnhakijat!"}, headers=HX)
    assert nameless.status_code == 422 and 'id="error-name"' in nameless.text


async def test_a_viewer_sees_the_plan_but_no_edit_buttons(anonymous: httpx.AsyncClient, client: httpx.AsyncClient,
                                                         credentials) -> None:  # type: ignore[no-untyped-def]
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    token = await credentials.token_for("lukija@kangasala.example")
    anonymous.cookies.set("sopimo_session", token)
    html = (await anonymous.get(f"/costs/plans/{plan['id']}")).text
    assert "<svg" in html and f"/costs/plans/{plan['id']}/edit" not in html and "/pools/new" not in html
    assert (await anonymous.get(f"/costs/plans/{plan['id']}/what-if")).status_code == 200


async def test_unknown_cost_pages_are_404_pages(client: httpx.AsyncClient) -> None:
    for url in ("/costs/plans/00000000-0000-0000-0000-000000000000", "/costs/plans/not-an-id",
                "/costs/plans/00000000-0000-0000-0000-000000000000/what-if"):
        response = await client.get(url)
        assert response.status_code == 404 and is_full_page(response.text)


async def test_odd_form_input_never_gives_a_server_error(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    base = f"/costs/plans/{plan['id']}"
    odd = {"pools-0-base": '{"key": 5}', "pools-1-base": "[]", "pools-2-base": "ei json", "pools-0-key_kind": "mix",
           "pools-0-mix-0-weight": "sata", "reference_date": "huomenna", "action": "compute"}
    for url, data in [
        (f"{base}/what-if", odd),
        (f"{base}/what-if", {"action": "save", "draft_name": "x" * 500}),
        (f"{base}/edit", {"year": "99999999999999999999", "version": "x", "participant_ids": "not-an-id"}),
        (f"{base}/pools/new", {"amount": "1e999999", "key_kind": "fixed", "cap": "NaN", "unit": "litres"}),
        (f"{base}/reconciliation", {"version": "1", f"actual-{plan['pools'][0]['id']}": "-1"}),
        ("/costs/plans/new", {"agreement_version_id": "nonsense", "year": "", "reference_date": "1.1."}),
        ("/costs/statistics/edit", {"area_id": "x", "name": "", "reference_date": ""}),
        (f"{base}/copy", {}),
    ]:
        for headers in ({}, HX):
            response = await client.post(url, data=data, headers=headers)
            assert response.status_code < 500, f"{url}: {response.status_code} {response.text[:300]}"
    for url in (f"{base}/instalments?dates=nonsense", f"{base}/export?part=x&format=y",
                f"{base}/explain?pool_id={plan['pools'][0]['id']}&organisation_id=00000000-0000-0000-0000-000000000000"):
        response = await client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"


async def test_the_costs_page_offers_changes_only_to_those_who_may_make_them(transport: httpx.ASGITransport, credentials) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import with_csrf

    for email, offered in (("talous@tampere.example", True), ("koordinaattori@nokia.example", False)):
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as browser:
            browser.cookies.set("sopimo_session", await credentials.token_for(email))
            with_csrf(browser)
            html = (await browser.get("/costs")).text
            assert ('href="/costs/plans/new"' in html) is offered, email


async def test_an_approved_plan_is_locked_and_a_change_starts_a_new_draft(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    base = f"/costs/plans/{plan['id']}"
    html = (await client.get(base)).text
    assert 'class="plan-locked"' in html and f'action="{base}/revise"' in html
    assert f'href="{base}/edit"' not in html and f"{base}/pools/new" not in html
    assert f'action="{base}/copy"' in html
    assert f'id="actual-{plan["pools"][0]["id"]}"' in (await client.get(f"{base}/reconciliation")).text

    revised = await client.post(f"{base}/revise")
    assert revised.status_code == 303
    draft = (await client.get(f"/api/v1{revised.headers['location'].replace('/costs/plans', '/cost-plans')}")).json()
    assert (draft["status"], draft["year"], draft["previous_plan"]["id"]) == ("draft", 2025, plan["id"])
    draft_html = (await client.get(revised.headers["location"])).text
    assert 'class="plan-locked"' not in draft_html and f'href="/costs/plans/{draft["id"]}/edit"' in draft_html

    copied = await client.post(f"{base}/copy")
    assert copied.status_code == 303
    next_year = (await client.get(f"/api/v1{copied.headers['location'].replace('/costs/plans', '/cost-plans')}")).json()
    assert (next_year["status"], next_year["year"]) == ("draft", 2026)
    assert (await client.get(f"/api/v1/cost-plans/{plan['id']}")).json() == plan

    refused = await client.post(f"/costs/plans/{draft['id']}/revise")
    assert refused.status_code == 409 and 'role="alert"' in refused.text


async def test_a_new_plan_offers_one_area_s_versions_and_asks_for_the_area_when_the_country_s_are_too_many(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    area = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    html = (await client.get("/costs/plans/new", params={"area_id": area["id"]})).text
    offered = re.findall(r'<option value="[0-9a-f-]{36}">([^<]+)</option>', html.split('id="plan-form"')[1])
    assert offered and all(label.startswith("Tampereen seudun") for label in offered), offered
    monkeypatch.setattr("web.pages.costs.MAX_LIMIT", 1)  # as if the areas had more versions than one read gives
    html = (await client.get("/costs/plans/new")).text
    assert "Valitse ensin alue" in html and 'id="field-area_id"' in html
    assert not re.findall(r'<option value="[0-9a-f-]{36}"', html.split('id="plan-form"')[1]), "no version yet"

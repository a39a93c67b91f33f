"""Statistics of organisations through the API: the reference file, CSV imports with row errors, edits, access."""

import httpx

from tests.api.cost_helpers import TAMPERE_REGION
from tests.api.helpers import assert_problem, find_one, organisation_named

LONG_FILE = (
    b"code;statistic;reference_date;value\n"
    b"837;jobseekers;31.12.2024;21 350\n"
    b"536;jobseekers;2024-12-31;1 980\n"
    b"980;working_age_share;31.12.2024;62,35\n"
)


async def upload(client: httpx.AsyncClient, content: bytes, apply: bool = False, **headers: str) -> httpx.Response:
    return await client.post("/api/v1/statistics/imports", params={"apply": str(apply).lower()},
                             files={"file": ("luvut.csv", content, "text/csv")}, headers=headers)


async def test_the_reference_file_gives_the_population_on_31_12_2020(client: httpx.AsyncClient) -> None:
    tampere = await organisation_named(client, "Tampere")
    value = await find_one(client, "/api/v1/statistics", name="population", reference_date="2020-12-31",
                           organisation_id=tampere["id"])
    assert value["value"] == "241009"
    assert "municipalities.csv" in value["source"]
    series = (await client.get("/api/v1/statistics/series", params={"name": "population"})).json()["items"]
    assert [(s["reference_date"], s["count"]) for s in series] == [("2020-12-31", 309)]
    region = (await client.get("/api/v1/statistics/series", params={
        "name": "population", "area_id": (await find_one(client, "/api/v1/areas", q="Tampereen seudun"))["id"]})).json()
    assert region["items"][0]["count"] == 15 and region["items"][0]["total"] == "458797"


async def test_customer_counts_that_are_made_up_say_so(client: httpx.AsyncClient) -> None:
    tampere = await organisation_named(client, "Tampere")
    value = await find_one(client, "/api/v1/statistics", name="customers", organisation_id=tampere["id"])
    assert value["value"] == "19000" and "Esimerkkiaineistoa" in value["source"]


async def test_import_a_long_file_preview_then_apply(client: httpx.AsyncClient) -> None:
    preview = await upload(client, LONG_FILE)
    assert preview.status_code == 200, preview.text
    report = preview.json()
    assert (report["applied"], report["created"], report["errors"]) == (False, 3, 0)
    assert [row["organisation_name"] for row in report["rows"]] == ["Tampere", "Nokia", "Ylöjärvi"]
    assert report["rows"][0]["value"] == "21350" and report["rows"][2]["value"] == "62.35"
    assert (await client.get("/api/v1/statistics", params={"name": "jobseekers", "reference_date": "2024-12-31"})
            ).json()["items"] == [], "a preview saves nothing"
    applied = (await upload(client, LONG_FILE, apply=True)).json()
    assert applied["applied"] is True
    values = (await client.get("/api/v1/statistics", params={"name": "working_age_share"})).json()["items"]
    assert [(v["organisation"]["name_fi"], v["value"], v["source"]) for v in values] == [("Ylöjärvi", "62.35", "luvut.csv")]
    again = (await upload(client, LONG_FILE.replace(b"21 350", b"21 400"))).json()
    assert [row["action"] for row in again["rows"]] == ["update", "unchanged", "unchanged"]
    assert again["rows"][0]["previous_value"] == "21350"


async def test_row_errors_stop_the_whole_file(client: httpx.AsyncClient) -> None:
    content = (
        "code,statistic,reference_date,value\n"
        "837,jobseekers,31.12.2024,21350\n"
        "999,jobseekers,31.12.2024,10\n"
        "536,jobseekers,31.13.2024,10\n"
        "536,Työnhakijat,31.12.2024,10\n"
        "980,jobseekers,31.12.2024,-4\n"
        "908,jobseekers,31.12.2024,paljon\n"
        "837,jobseekers,31.12.2024,21350\n"
    ).encode()
    report = (await upload(client, content)).json()
    assert [row["action"] for row in report["rows"]] == ["create"] + ["error"] * 6
    messages = [" ".join(error["message"] for error in row["errors"]) for row in report["rows"][1:]]
    assert [[error["code"] for error in row["errors"]] for row in report["rows"][1:]] == [
        ["row.unknown_municipality_code"], ["row.date_format"], ["statistic.name_format"], ["statistic.value_negative"],
        ["statistic.value_not_a_number"], ["row.duplicate_value"]]
    assert "No organisation has the municipality code 999." in messages[0]
    assert "The date must be written 31.12.2020" in messages[1]
    assert "lower-case letters" in messages[2]
    assert "cannot be negative" in messages[3]
    assert "must be a number" in messages[4]
    assert "already on line 2" in messages[5]
    refused = assert_problem(await upload(client, content, apply=True), 422)
    assert refused["detail"].startswith("6 rows with errors; nothing was saved")
    assert [e["field"] for e in refused["errors"]] == ["line 3", "line 4", "line 5", "line 6", "line 7", "line 8"]
    assert (await client.get("/api/v1/statistics", params={"name": "jobseekers", "reference_date": "2024-12-31"})
            ).json()["items"] == []


async def test_a_wide_file_reads_the_year_columns(client: httpx.AsyncClient) -> None:
    content = b"code,name_fi,population_2021,jobseekers_2021-06-30,region_code\n837,Tampere,244029,19500,06\n"
    report = (await upload(client, content, apply=True)).json()
    assert [(r["name"], r["reference_date"], r["value"]) for r in report["rows"]] == [
        ("population", "2021-12-31", "244029"), ("jobseekers", "2021-06-30", "19500")]
    for bad in (b"", b"x,y\n1,2\n", b"code,population_2021\n", "koodi;arvo\n".encode("cp1252")):
        assert_problem(await upload(client, bad), 422)


async def test_one_value_with_its_etag(client: httpx.AsyncClient) -> None:
    nokia = await organisation_named(client, "Nokia")
    body = {"organisation_id": nokia["id"], "name": "jobseekers", "reference_date": "2024-12-31", "value": "1980"}
    created = await client.post("/api/v1/statistics", json=body)
    assert created.status_code == 201, created.text
    url = created.headers["location"]
    assert_problem(await client.post("/api/v1/statistics", json=body), 409)
    assert_problem(await client.patch(url, json={"value": "2000"}), 428)
    assert_problem(await client.patch(url, json={"value": "2000"}, headers={"If-Match": '"7"'}), 412)
    changed = await client.patch(url, json={"value": "2000"}, headers={"If-Match": created.headers["etag"]})
    assert changed.status_code == 200 and changed.json()["value"] == "2000"
    assert_problem(await client.patch(url, json={"value": "-1"}, headers={"If-Match": changed.headers["etag"]}), 422)
    assert_problem(await client.post("/api/v1/statistics", json={**body, "value": "1.1234567"}), 422)
    assert (await client.delete(url)).status_code == 204
    assert_problem(await client.get(url), 404)


async def test_a_batch_sets_a_series(client: httpx.AsyncClient) -> None:
    items = [{"municipality_code": code, "name": "customers", "reference_date": "2024-12-31", "value": value}
             for code, value in (("837", "12000"), ("536", "900"))]
    preview = await client.post("/api/v1/statistics/batch", json={"items": items})
    assert preview.json()["created"] == 2
    applied = await client.post("/api/v1/statistics/batch", params={"apply": "true"}, json={"items": items})
    assert applied.status_code == 200 and applied.json()["applied"] is True
    total = (await client.get("/api/v1/statistics/series", params={"name": "customers"})).json()["items"]
    assert {(s["reference_date"], s["total"]) for s in total} >= {("2024-12-31", "12900")}
    wrong = await client.post("/api/v1/statistics/batch", params={"apply": "true"},
                              json={"items": [{"name": "customers", "reference_date": "2024-12-31", "value": "1"}]})
    assert "organisation's id or its municipality code" in assert_problem(wrong, 422)["errors"][0]["message"]


async def test_who_may_change_statistics(anonymous: httpx.AsyncClient, client: httpx.AsyncClient,
                                         credentials) -> None:  # type: ignore[no-untyped-def]
    finance = {"Authorization": f"Bearer {await credentials.token_for('talous@tampere.example')}"}
    content = b"code;statistic;reference_date;value\n536;jobseekers;31.12.2024;1980\n049;jobseekers;31.12.2024;9000\n"
    report = (await upload(anonymous, content, **finance)).json()
    assert [row["action"] for row in report["rows"]] == ["create", "error"]
    assert "not a member of an area whose costs you handle" in report["rows"][1]["errors"][0]["message"]
    own_only = b"code;statistic;reference_date;value\n536;jobseekers;31.12.2024;1980\n"
    assert (await upload(anonymous, own_only, apply=True, **finance)).status_code == 200
    viewer = {"Authorization": f"Bearer {await credentials.token_for('lukija@kangasala.example')}"}
    assert_problem(await upload(anonymous, own_only, **viewer), 403)
    assert (await anonymous.get("/api/v1/statistics", params={"name": "jobseekers"}, headers=viewer)).status_code == 200
    finance_key = {"Authorization": f"Bearer {await credentials.api_key(TAMPERE_REGION, 'read', 'finance')}"}
    assert (await upload(anonymous, own_only, **finance_key)).status_code == 200
    read_key = {"Authorization": f"Bearer {await credentials.api_key(TAMPERE_REGION, 'read')}"}
    assert_problem(await upload(anonymous, own_only, **read_key), 403)
    espoo = await organisation_named(client, "Espoo")
    refused = await anonymous.post("/api/v1/statistics", headers=finance, json={
        "organisation_id": espoo["id"], "name": "jobseekers", "reference_date": "2024-12-31", "value": "1"})
    assert_problem(refused, 403)

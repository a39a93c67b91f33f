from pathlib import Path

import httpx

from tests.api.helpers import assert_problem, organisation_named

DATA = Path(__file__).resolve().parents[2] / "data"
HEADER = "code,name_fi,name_sv,kind,region_code,region_fi,region_sv,wellbeing_county_fi,wellbeing_county_sv,population_2020\n"


async def upload(client: httpx.AsyncClient, content: bytes, apply: bool = False) -> httpx.Response:
    return await client.post(
        "/api/v1/organisations/imports",
        params={"apply": str(apply).lower()},
        files={"file": ("municipalities.csv", content, "text/csv")},
    )


async def test_the_reference_files_are_already_loaded(client: httpx.AsyncClient) -> None:
    for name in ("municipalities.csv", "business_ids.csv"):
        report = (await upload(client, (DATA / name).read_bytes())).json()
        assert report["created"] == report["updated"] == report["errors"] == 0
    assert report["unchanged"] == 8


async def test_preview_then_apply_a_newer_file(client: httpx.AsyncClient) -> None:
    content = (
        HEADER
        + "837,Tampere,Tammerfors,city,06,Pirkanmaa,Birkaland,Pirkanmaan hyvinvointialue,Birkalands välfärdsområde,250000\n"
        + "998,Testikunta,Testkommun,municipality,06,Pirkanmaa,Birkaland,,,1200\n"
    ).encode()
    preview = (await upload(client, content)).json()
    assert preview["applied"] is False
    assert [(r["municipality_code"], r["action"], r["changes"]) for r in preview["rows"]] == [
        ("837", "update", ["population"]),
        ("998", "create", []),
    ]
    assert (await organisation_named(client, "Tampere"))["population"] != 250000
    applied = (await upload(client, content, apply=True)).json()
    assert applied["applied"] is True
    assert (await organisation_named(client, "Tampere"))["population"] == 250000
    assert (await organisation_named(client, "Testikunta"))["name_sv"] == "Testkommun"


async def test_rows_with_errors_are_reported_by_line_and_nothing_is_imported(client: httpx.AsyncClient) -> None:
    content = (HEADER + "999,Hyvä,,municipality,,,,,,100\n" + "12x,Huono,,municipality,,,,,,100\n"
               + "999,Tupla,,municipality,,,,,,abc\n").encode()
    preview = (await upload(client, content)).json()
    assert [r["action"] for r in preview["rows"]] == ["create", "error", "error"]
    assert "three digits" in preview["rows"][1]["errors"][0]["message"]
    assert any("line 2" in e["message"] for e in preview["rows"][2]["errors"])
    assert any("whole number" in e["message"] for e in preview["rows"][2]["errors"])
    assert [e["code"] for e in preview["rows"][2]["errors"]] == ["row.population_not_whole", "row.duplicate_code"]
    problem = assert_problem(await upload(client, content, apply=True), 422)
    assert list(dict.fromkeys(e["field"] for e in problem["errors"])) == ["line 3", "line 4"]
    missing = await client.get("/api/v1/organisations", params={"q": "Hyvä"})
    assert missing.json()["items"] == []


async def test_business_id_list_with_a_wrong_check_digit(client: httpx.AsyncClient) -> None:
    content = b"code,name_fi,business_id\n837,Tampere,0211675-3\n000,Ei ole,0201256-6\n"
    rows = (await upload(client, content)).json()["rows"]
    assert "check digit" in rows[0]["errors"][0]["message"]
    assert "No municipality with code 000" in rows[1]["errors"][0]["message"]


async def test_unreadable_files_get_a_clear_message(client: httpx.AsyncClient) -> None:
    for content in (b"", b"\xff\xfe\x00garbage\x00", b"a,b\n1,2\n", b"code,name_fi\n"):
        problem = assert_problem(await upload(client, content), 422)
        assert problem["errors"][0]["field"] == "file"

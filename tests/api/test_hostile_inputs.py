"""Inputs that once gave 500 get a clear 4xx with a code: NUL characters, numbers as dates, malformed JSON, TRACE."""

import httpx
import pytest

from tests.api.agreement_helpers import create_agreement
from tests.api.helpers import assert_problem


def field_codes(problem: dict) -> dict[str, str]:
    return {error["field"]: error["code"] for error in problem["errors"]}


@pytest.mark.parametrize("path", ["/api/v1/organisations?q=Kirkko%00nummi", "/api/v1/areas?q=%00",
                                  "/api/v1/decisions?case_number=133%00"])
async def test_a_nul_character_in_a_query_is_refused(client: httpx.AsyncClient, path: str) -> None:
    problem = assert_problem(await client.get(path), 422)
    assert "value.nul" in field_codes(problem).values()


async def test_a_nul_character_in_a_json_body_is_refused_at_its_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/organisations", json={"kind": "company", "name_fi": "Yritys\x00 Oy"})
    assert field_codes(assert_problem(response, 422)) == {"name_fi": "value.nul"}
    listed = (await client.get("/api/v1/organisations", params={"q": "Yritys"})).json()["items"]
    assert listed == []


async def test_a_nul_character_in_a_list_of_texts_names_the_item(client: httpx.AsyncClient) -> None:
    sections = [{"number": "1", "title": "Osapuolet", "blocks": [{"type": "list", "items": ["Kirkkonummi", "Vihti\x00"]}]}]
    response = await client.post("/api/v1/agreements", json={"area_id": "00000000-0000-0000-0000-000000000000",
                                                             "title": "Sopimus", "kind": "cooperation_agreement",
                                                             "sections": sections})
    assert field_codes(assert_problem(response, 422)) == {"sections.0.blocks.0.list.items.1": "value.nul"}


async def test_a_nul_character_in_the_login_form_is_refused(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.post("/api/v1/auth/token", data={"username": "paakayttaja@sopimo.example\x00",
                                                                "password": "demo-salasana"})
    assert field_codes(assert_problem(response, 422)) == {"username": "value.nul"}


async def test_a_nul_character_in_an_annex_title_is_refused(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = agreement["versions"][-1]
    response = await client.post(f"/api/v1/agreements/{agreement['id']}/versions/{version['id']}/annexes/files",
                                 data={"title": "Kustannusliite\x00"},
                                 files={"file": ("liite.pdf", b"%PDF-1.4 liite", "application/pdf")})
    assert field_codes(assert_problem(response, 422)) == {"title": "value.nul"}


@pytest.mark.parametrize("query", ["on=0", "on=20261231", "on=1733000000"])
async def test_a_number_is_not_a_date(client: httpx.AsyncClient, query: str) -> None:
    for path in ("/api/v1/overview", "/api/v1/agreements"):
        problem = assert_problem(await client.get(f"{path}?{query}"), 422)
        assert field_codes(problem) == {"on": "value.date"}
    assert (await client.get("/api/v1/overview?on=2026-12-31")).json()["on"] == "2026-12-31"


async def test_a_number_is_not_a_moment_or_a_date_in_a_body(client: httpx.AsyncClient) -> None:
    assert field_codes(assert_problem(await client.get("/api/v1/audit?since=0"), 422)) == {"since": "value.datetime"}
    assert (await client.get("/api/v1/audit?since=2026-01-01T00:00:00Z")).status_code == 200
    assert field_codes(assert_problem(await client.get("/api/v1/decisions?until=0"), 422)) == {"until": "value.date"}
    agreement = await create_agreement(client)
    version = agreement["versions"][-1]
    response = await client.post(f"/api/v1/agreements/{agreement['id']}/versions/{version['id']}/send",
                                 json={"sent_on": 0}, headers={"If-Match": f'"{version["version"]}"'})
    assert field_codes(assert_problem(response, 422)) == {"sent_on": "value.date"}


@pytest.mark.parametrize("body", [b'{"kind": "company", "name_fi": ', b"\xff\xfe not utf-8", b"[1, 2"])
async def test_malformed_json_is_a_coded_problem(client: httpx.AsyncClient, body: bytes) -> None:
    response = await client.post("/api/v1/organisations", content=body, headers={"Content-Type": "application/json"})
    problem = assert_problem(response, 422)
    assert [error["code"] for error in problem["errors"]] == ["value.json"]


async def test_trace_and_unknown_paths_of_the_api_are_problems_not_pages(client: httpx.AsyncClient) -> None:
    refused = await client.request("TRACE", "/api/v1/agreements")
    assert assert_problem(refused, 405)["code"] == "request.method_not_allowed"
    assert "GET" in refused.headers["Allow"]
    for method in ("TRACE", "GET", "DELETE"):
        missing = await client.request(method, "/api/v1/no-such-thing")
        assert assert_problem(missing, 404)["code"] == "request.no_such_path"

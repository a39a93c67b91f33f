"""Input that once reached the database or the pages and answered 500 or HTML is refused with a coded 4xx."""

import httpx
import pytest

PROBLEM = "application/problem+json"


def assert_problem(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["code"] == code
    return body


async def test_a_nul_character_in_a_query_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/organisations", params={"q": "Tam\x00pere"})
    assert assert_problem(response, 422, "request.nul_character")["params"] == {"where": "query"}


async def test_a_nul_character_in_a_json_body_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/organisations", content=b'{"name_fi": "Kunta\\u0000", "kind": "municipality"}',
                                 headers={"Content-Type": "application/json"})
    assert assert_problem(response, 422, "request.nul_character")["params"] == {"where": "body"}


async def test_an_escaped_backslash_before_u0000_is_ordinary_text(client: httpx.AsyncClient) -> None:
    # "\\u0000" in JSON is a backslash followed by "u0000", not a NUL: it reaches validation like any text.
    response = await client.post("/api/v1/organisations", content=b'{"name_fi": "a\\\\u0000", "bogus": 1}',
                                 headers={"Content-Type": "application/json"})
    assert assert_problem(response, 422, "request.invalid")


async def test_a_nul_character_in_the_login_form_is_refused(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.post("/api/v1/auth/token", data={"username": "a\x00@kunta.fi", "password": "x\x00y"})
    assert_problem(response, 422, "request.nul_character")


@pytest.mark.parametrize("value", ["0", "20250605", "1e3", "2025-6-5"])
async def test_a_date_in_a_query_is_written_as_an_iso_date(client: httpx.AsyncClient, value: str) -> None:
    response = await client.get("/api/v1/agreements", params={"on": value})
    body = assert_problem(response, 422, "request.invalid")
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("on", "value.date")]


async def test_an_iso_date_in_a_query_is_taken(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/agreements", params={"on": "2025-06-05"})).status_code == 200


async def test_a_moment_in_a_query_begins_with_its_date(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/audit", params={"since": "0"})
    assert_problem(response, 422, "request.invalid")
    assert (await client.get("/api/v1/audit", params={"since": "2025-06-05T14:30:00+03:00"})).status_code == 200


@pytest.mark.parametrize("body", [b'{"name_fi": ', b"\xff\xfe not utf-8", b"[1, 2"])
async def test_malformed_json_is_a_coded_422(client: httpx.AsyncClient, body: bytes) -> None:
    response = await client.post("/api/v1/organisations", content=body, headers={"Content-Type": "application/json"})
    problem = assert_problem(response, 422, "request.invalid")
    assert [e["code"] for e in problem["errors"]] == ["value.json"]


async def test_trace_is_a_405_problem(client: httpx.AsyncClient) -> None:
    response = await client.request("TRACE", "/api/v1/organisations")
    assert_problem(response, 405, "request.method_not_allowed")
    assert "GET" in response.headers["allow"]


async def test_an_unknown_api_path_is_a_404_problem(client: httpx.AsyncClient) -> None:
    for method in ("GET", "POST", "TRACE"):
        assert_problem(await client.request(method, "/api/v1/no-such-thing"), 404, "request.no_such_path")

import httpx

from tests.api.helpers import assert_problem, organisation_named

NEW_BODY = {"kind": "association", "name_fi": "Työllisyysyhdistys Testi ry", "name_sv": "Sysselsättningsföreningen Test rf"}


async def test_list_pages_through_all_organisations_without_repeats(client: httpx.AsyncClient) -> None:
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        response = await client.get("/api/v1/organisations", params=params)
        assert response.status_code == 200
        body = response.json()
        seen.extend(o["name_fi"] for o in body["items"])
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert pages == 4
    assert len(seen) == len(set(seen)) >= 309 + 9
    assert seen == sorted(seen)


async def test_list_filters_by_kind_region_and_names_in_finnish_and_swedish(client: httpx.AsyncClient) -> None:
    by_swedish = (await client.get("/api/v1/organisations", params={"q": "tammerfors"})).json()["items"]
    assert [o["name_fi"] for o in by_swedish] == ["Tampere"]
    by_finnish = (await client.get("/api/v1/organisations", params={"q": "ÄÄNEK"})).json()["items"]
    assert [o["municipality_code"] for o in by_finnish] == ["992"]
    agencies = (await client.get("/api/v1/organisations", params={"kind": "state_agency"})).json()["items"]
    assert {"Pirkanmaan ELY-keskus", "KEHA-keskus"} <= {o["name_fi"] for o in agencies}
    assert all(o["kind"] == "state_agency" for o in agencies)
    pirkanmaa = (await client.get("/api/v1/organisations",
                                  params={"region": "pirkanmaa", "kind": "municipality", "limit": 200})).json()
    assert len(pirkanmaa["items"]) == 23
    literal = (await client.get("/api/v1/organisations", params={"q": "%"})).json()["items"]
    assert literal == []


async def test_create_returns_the_organisation_with_location_and_etag(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/organisations", json={**NEW_BODY, "business_id": " 0211675-2 "})
    assert response.status_code == 409  # Tampere already has that business ID
    response = await client.post("/api/v1/organisations", json={**NEW_BODY, "business_id": "1234567-1"})
    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["location"] == f"/api/v1/organisations/{created['id']}"
    assert response.headers["etag"] == '"1"'
    fetched = (await client.get(f"/api/v1/organisations/{created['id']}")).json()
    assert fetched["name_sv"] == NEW_BODY["name_sv"]
    assert fetched["business_id"] == "1234567-1"


async def test_wrong_business_id_check_digit_is_refused_with_a_clear_message(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/organisations", json={**NEW_BODY, "business_id": "0211675-3"})
    problem = assert_problem(response, 422)
    [error] = problem["errors"]
    assert error["field"] == "business_id"
    assert "check digit" in error["message"]


async def test_municipality_code_rules(client: httpx.AsyncClient) -> None:
    no_code = await client.post("/api/v1/organisations", json={"kind": "municipality", "name_fi": "Uusikunta"})
    assert assert_problem(no_code, 422)["errors"][0]["field"] == "municipality_code"
    agency_with_code = await client.post(
        "/api/v1/organisations", json={"kind": "state_agency", "name_fi": "Virasto", "municipality_code": "999"}
    )
    assert "Only a municipality" in assert_problem(agency_with_code, 422)["errors"][0]["message"]
    bad_format = await client.post(
        "/api/v1/organisations", json={"kind": "municipality", "name_fi": "Uusikunta", "municipality_code": "12a"}
    )
    assert assert_problem(bad_format, 422)["errors"][0]["field"] == "municipality_code"
    taken = await client.post(
        "/api/v1/organisations", json={"kind": "municipality", "name_fi": "Uusikunta", "municipality_code": "837"}
    )
    assert "Tampere" in assert_problem(taken, 409)["detail"]


async def test_update_needs_the_current_etag_and_a_stale_one_loses_nothing(client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/v1/organisations", json=NEW_BODY)).json()
    url = f"/api/v1/organisations/{created['id']}"
    assert_problem(await client.patch(url, json={"region": "Pirkanmaa"}), 428)
    first = await client.patch(url, json={"region": "Pirkanmaa"}, headers={"If-Match": '"1"'})
    assert first.status_code == 200, first.text
    assert first.headers["etag"] == '"2"'
    stale = await client.patch(url, json={"region": "Uusimaa"}, headers={"If-Match": '"1"'})
    assert_problem(stale, 412)
    assert stale.headers["etag"] == '"2"'
    assert (await client.get(url)).json()["region"] == "Pirkanmaa"
    invalid = await client.patch(url, json={"business_id": "0211675-3"}, headers={"If-Match": '"2"'})
    assert assert_problem(invalid, 422)["errors"][0]["field"] == "business_id"
    assert (await client.get(url)).json()["version"] == 2


async def test_delete_only_what_nothing_refers_to(client: httpx.AsyncClient) -> None:
    tampere = await organisation_named(client, "Tampere")
    refused = await client.delete(f"/api/v1/organisations/{tampere['id']}")
    assert "refer to it" in assert_problem(refused, 409)["detail"]
    created = (await client.post("/api/v1/organisations", json=NEW_BODY)).json()
    assert (await client.delete(f"/api/v1/organisations/{created['id']}")).status_code == 204
    assert_problem(await client.get(f"/api/v1/organisations/{created['id']}"), 404)


async def test_malformed_input_is_a_problem_not_a_server_error(client: httpx.AsyncClient) -> None:
    cases = [
        client.post("/api/v1/organisations", content=b"{not json", headers={"content-type": "application/json"}),
        client.post("/api/v1/organisations", json=["a list"]),
        client.post("/api/v1/organisations", json={**NEW_BODY, "kind": "planet"}),
        client.post("/api/v1/organisations", json={**NEW_BODY, "population": -5}),
        client.post("/api/v1/organisations", json={**NEW_BODY, "name_fi": "x" * 500}),
        client.post("/api/v1/organisations", json={**NEW_BODY, "postal_code": "ABCDE"}),
        client.get("/api/v1/organisations/not-a-uuid"),
        client.get("/api/v1/organisations", params={"limit": 0}),
        client.get("/api/v1/organisations", params={"kind": "planet"}),
        client.patch("/api/v1/organisations/00000000-0000-0000-0000-000000000000", json={}, headers={"If-Match": '"1"'}),
    ]
    for request in cases:
        response = await request
        assert 400 <= response.status_code < 500, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
    assert_problem(await client.get("/api/v1/organisations", params={"cursor": "garbage!"}), 400)


async def test_unknown_fields_in_an_update_are_refused(client: httpx.AsyncClient) -> None:
    tampere = await organisation_named(client, "Tampere")
    response = await client.patch(
        f"/api/v1/organisations/{tampere['id']}", json={"colour": "blue"}, headers={"If-Match": f'"{tampere["version"]}"'}
    )
    assert assert_problem(response, 422)["errors"][0]["field"] == "colour"


async def test_any_reference_blocks_a_delete_and_is_named(client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/v1/organisations", json=NEW_BODY)).json()
    await client.post("/api/v1/users", json={"email": "jasen@yhdistys.example", "name": "Jäsen",
                                             "organisation_id": created["id"], "password": "salasana123"})
    refused = await client.delete(f"/api/v1/organisations/{created['id']}")
    assert "users (1)" in assert_problem(refused, 409)["detail"]


async def test_search_ignores_accents_and_case_in_finnish_and_swedish_names(client: httpx.AsyncClient) -> None:
    async def names(query: str) -> list[str]:
        return [o["name_fi"] for o in (await client.get("/api/v1/organisations", params={"q": query})).json()["items"]]

    assert "Jyväskylä" in await names("Jyvaskyla")
    assert "Jyväskylä" in await names("JYVÄSKYLÄ")
    assert any("Pedersöre" in name for name in await names("pedersore"))
    assert "Mänttä-Vilppula" in await names("mantta")
    assert "Kirkkonummi" in await names("kyrkslatt"), "the Swedish name, without its accent"
    areas = (await client.get("/api/v1/areas", params={"q": "tyollisyysalue"})).json()["items"]
    assert any(a["name"] == "Tampereen seudun työllisyysalue" for a in areas)
    agreements = (await client.get("/api/v1/agreements", params={"q": "tyollisyys- ja elinvoimatehtavien"})).json()
    assert len(agreements["items"]) == 1

import httpx

from tests.api.helpers import assert_problem, find_one, organisation_named


async def test_seed_areas_with_leads_members_and_sub_regions(client: httpx.AsyncClient) -> None:
    summary = await find_one(client, "/api/v1/areas", q="tampereen seudun")
    assert summary["lead"]["name_fi"] == "Tampere"
    assert summary["member_count"] == 15
    savo = await find_one(client, "/api/v1/areas", q="Pohjois-Savon")
    area = (await client.get(f"/api/v1/areas/{savo['id']}")).json()
    assert area["lead"]["name_fi"] == "Kuopio"
    sub_regions = {s["name"]: sorted(m["name_fi"] for m in s["municipalities"]) for s in area["sub_regions"]}
    assert sub_regions["Varkauden alue"] == ["Heinävesi", "Joroinen", "Leppävirta", "Varkaus"]
    assert sub_regions["Ylä-Savo"] == ["Iisalmi", "Sonkajärvi", "Vieremä"]
    pilot = await find_one(client, "/api/v1/areas", q="Pirkanmaan työllisyyden")
    assert pilot["member_count"] == 22


async def test_filters(client: httpx.AsyncClient) -> None:
    projects = (await client.get("/api/v1/areas", params={"kind": "project"})).json()["items"]
    assert [a["name"] for a in projects] == ["Tahtotilasta tulokseen (ESR-hanke)"]
    nokia = await organisation_named(client, "Nokia")
    of_nokia = (await client.get("/api/v1/areas", params={"organisation_id": nokia["id"]})).json()["items"]
    assert {a["name"] for a in of_nokia} == {"Tampereen seudun työllisyysalue", "Pirkanmaan työllisyyden kuntakokeilu"}
    in_savo = (await client.get("/api/v1/areas", params={"region": "Pohjois-Savo"})).json()["items"]
    assert [a["lead"]["name_fi"] for a in in_savo] == ["Kuopio"]
    first = (await client.get("/api/v1/areas", params={"limit": 4})).json()
    second = (await client.get("/api/v1/areas", params={"limit": 4, "cursor": first["next_cursor"]})).json()
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}


async def test_create_update_and_delete_an_area(client: httpx.AsyncClient) -> None:
    hollola = await organisation_named(client, "Hollola")
    heinola = await organisation_named(client, "Heinola")
    created = await client.post(
        "/api/v1/areas",
        json={
            "name": "Testialue",
            "kind": "other",
            "lead_organisation_id": hollola["id"],
            "members": [
                {"organisation_id": hollola["id"], "from_date": "2025-01-01"},
                {"organisation_id": heinola["id"], "from_date": "2025-01-01", "to_date": "2025-12-31"},
            ],
        },
    )
    assert created.status_code == 201, created.text
    area = created.json()
    assert [m["organisation"]["name_fi"] for m in area["members"]] == ["Heinola", "Hollola"]
    url = f"/api/v1/areas/{area['id']}"
    assert_problem(await client.patch(url, json={"name": "Uusi nimi"}), 428)
    renamed = await client.patch(url, json={"name": "Uusi nimi"}, headers={"If-Match": created.headers["etag"]})
    assert renamed.json()["name"] == "Uusi nimi"
    assert_problem(await client.patch(url, json={"name": "Kolmas"}, headers={"If-Match": created.headers["etag"]}), 412)
    assert (await client.delete(url)).status_code == 204
    assert_problem(await client.get(url), 404)


async def test_members_and_sub_regions(client: httpx.AsyncClient) -> None:
    area = await find_one(client, "/api/v1/areas", q="Kirkkonummen")
    url = f"/api/v1/areas/{area['id']}"
    espoo = await organisation_named(client, "Espoo")
    vihti = await organisation_named(client, "Vihti")
    added = await client.post(f"{url}/members", json={"organisation_id": espoo["id"], "from_date": "2026-01-01"})
    assert added.status_code == 201, added.text
    assert added.headers["etag"] != f'"{area["version"]}"'
    assert "Espoo" in [m["organisation"]["name_fi"] for m in added.json()["members"]]
    overlap = await client.post(f"{url}/members", json={"organisation_id": espoo["id"], "from_date": "2026-06-01"})
    assert "already a member" in assert_problem(overlap, 422)["detail"]
    backwards = await client.post(
        f"{url}/members", json={"organisation_id": espoo["id"], "from_date": "2027-01-01", "to_date": "2026-01-01"}
    )
    assert_problem(backwards, 422)
    outsider = await organisation_named(client, "Inari")
    refused = await client.post(f"{url}/sub-regions", json={"name": "Pohjoinen", "municipality_ids": [outsider["id"]]})
    assert "members of the area" in assert_problem(refused, 422)["detail"]
    with_sub = await client.post(
        f"{url}/sub-regions",
        json={"name": "Länsi", "coordinator_name": "Aluekoordinaattori", "coordinator_email": "koordinaattori@example.fi",
              "municipality_ids": [vihti["id"], espoo["id"]]},
    )
    assert with_sub.status_code == 201, with_sub.text
    [sub] = with_sub.json()["sub_regions"]
    assert [m["name_fi"] for m in sub["municipalities"]] == ["Espoo", "Vihti"]
    bad_email = await client.patch(f"{url}/sub-regions/{sub['id']}", json={"coordinator_email": "not an email"})
    assert assert_problem(bad_email, 422)["errors"][0]["field"] == "coordinator_email"
    espoo_member = next(m for m in with_sub.json()["members"] if m["organisation"]["name_fi"] == "Espoo")
    ended = await client.patch(f"{url}/members/{espoo_member['id']}", json={"to_date": "2026-12-31"})
    assert next(m for m in ended.json()["members"] if m["id"] == espoo_member["id"])["to_date"] == "2026-12-31"
    removed = await client.delete(f"{url}/members/{espoo_member['id']}")
    after = removed.json()
    assert "Espoo" not in [m["organisation"]["name_fi"] for m in after["members"]]
    assert [m["name_fi"] for m in after["sub_regions"][0]["municipalities"]] == ["Vihti"]
    assert_problem(await client.delete(f"{url}/members/{espoo_member['id']}"), 404)
    stale = await client.post(
        f"{url}/members", json={"organisation_id": espoo["id"], "from_date": "2026-01-01"}, headers={"If-Match": '"1"'}
    )
    assert_problem(stale, 412)


async def test_an_organisation_in_an_area_cannot_be_deleted(client: httpx.AsyncClient) -> None:
    kuopio = await organisation_named(client, "Kuopio")
    assert_problem(await client.delete(f"/api/v1/organisations/{kuopio['id']}"), 409)


async def test_unknown_organisations_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/areas",
        json={"name": "X", "kind": "other", "lead_organisation_id": "00000000-0000-0000-0000-000000000000"},
    )
    assert assert_problem(response, 422)["errors"][0]["field"] == "lead_organisation_id"

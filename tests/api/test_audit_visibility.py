"""Who reads which audit entries: the areas a person has a role in, and there only what they may read."""

import httpx

from tests.api.helpers import find_one, organisation_named

VIEWER = "lukija@kangasala.example"
AREA_ADMIN = "aluepaakayttaja@tampere.example"
TAMPERE = "Tampereen seudun työllisyysalue"


async def as_person(anonymous: httpx.AsyncClient, credentials, email: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {await credentials.token_for(email)}"}


async def every_entry(anonymous: httpx.AsyncClient, headers: dict[str, str], **params: str) -> list[dict]:
    """The whole trail as this person pages through it, five at a time (the database filters every page)."""
    entries: list[dict] = []
    cursor = None
    while True:
        page = await anonymous.get("/api/v1/audit", params={"limit": 5, **params, **({"cursor": cursor} if cursor else {})},
                                   headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) == 5 or not body["next_cursor"], "a page is full unless it is the last"
        entries += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return entries


async def test_a_viewer_reads_only_their_areas_changes_and_never_keys_grants_or_people(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, credentials  # type: ignore[no-untyped-def]
) -> None:
    tampere = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    other = await find_one(client, "/api/v1/areas", q="Kirkkonummen")
    await credentials.api_key(TAMPERE, "read")
    nokia = await organisation_named(client, "Nokia")
    await client.post("/api/v1/users", json={"email": "uusi.lukija@nokia.example", "name": "U", "organisation_id": nokia["id"],
                                             "password": "kuusi kirjava kissaa",
                                             "roles": [{"area_id": tampere["id"], "role": "viewer"}]})
    await client.patch(f"/api/v1/areas/{other['id']}", json={"description": "Toisen alueen muutos"},
                       headers={"If-Match": f'"{other["version"]}"'})
    await client.patch(f"/api/v1/areas/{tampere['id']}", json={"description": "Oman alueen muutos"},
                       headers={"If-Match": f'"{tampere["version"]}"'})
    everything = await every_entry(anonymous, {"Authorization": client.headers["Authorization"]})
    seen = await every_entry(anonymous, await as_person(anonymous, credentials, VIEWER))
    kinds = {e["resource_type"] for e in everything}
    assert {"areas", "api_keys", "user_roles", "users"} <= kinds, "the admin sees them all"
    assert seen and len(seen) < len(everything)
    assert not {e["resource_type"] for e in seen} & {"api_keys", "user_roles", "users"}
    assert {e["action"] for e in seen} <= {"create", "update", "delete"}
    areas_seen = {e["resource_id"] for e in seen if e["resource_type"] == "areas"}
    assert areas_seen == {tampere["id"]}, "of the areas' own entries only the one they have a role in"
    assert all(e["area_id"] in (None, tampere["id"]) for e in seen)
    assert all(e["resource_type"] in ("organisations", "statistic_values") for e in seen if e["area_id"] is None)
    assert any(e["resource_type"] == "areas" and e["after"]["description"] == "Oman alueen muutos" for e in seen)


async def test_an_area_admin_reads_the_keys_grants_and_refusals_of_their_own_area_only(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, credentials  # type: ignore[no-untyped-def]
) -> None:
    tampere = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    pirkanmaa = await find_one(client, "/api/v1/areas", q="Pirkanmaan työllisyyden kuntakokeilu")
    kirkkonummi = await find_one(client, "/api/v1/areas", q="Kirkkonummen")
    await credentials.api_key(TAMPERE, "read")
    await credentials.api_key(kirkkonummi["name"], "read")
    viewer = await as_person(anonymous, credentials, VIEWER)
    await anonymous.patch(f"/api/v1/areas/{tampere['id']}", json={"name": "x"}, headers={**viewer, "If-Match": '"1"'})
    seen = await every_entry(anonymous, await as_person(anonymous, credentials, AREA_ADMIN))
    keys = [e for e in seen if e["resource_type"] == "api_keys"]
    assert any(e["area_id"] == tampere["id"] for e in keys)
    assert {e["area_id"] for e in seen} <= {None, tampere["id"], pirkanmaa["id"]}, "nothing of Kirkkonummi"
    assert any(e["resource_type"] == "user_roles" for e in seen), "the role grants of their areas"
    assert any(e["action"] == "forbidden" and e["actor_label"].endswith(f"({VIEWER})") for e in seen)
    assert not any(e["resource_type"] == "users" or e["action"] == "login_failed" for e in seen)
    coordinator = await every_entry(anonymous, await as_person(anonymous, credentials, "koordinaattori@nokia.example"))
    assert not any(e["action"] == "forbidden" or e["resource_type"] in ("api_keys", "user_roles") for e in coordinator)

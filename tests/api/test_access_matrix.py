"""Every route of the API is walked: no token → 401; too small a scope → 403; another area's key → 403."""

import re
import uuid
from typing import Any

import httpx
import pytest

from tests.api.helpers import find_one, organisation_named

PUBLIC = {("get", "/healthz"), ("get", "/readyz"), ("post", "/api/v1/auth/token")}
# Agreements and decisions are public documents: their published versions are read without a token.
PUBLIC |= {("get", path) for path in (
    "/api/v1/agreements", "/api/v1/agreements/{agreement_id}", "/api/v1/agreements/{agreement_id}/versions",
    "/api/v1/agreements/{agreement_id}/versions/{version_id}", "/api/v1/agreements/{agreement_id}/redline",
    "/api/v1/agreements/{agreement_id}/versions/{version_id}/annexes/{annex_id}/content",
    "/api/v1/decisions", "/api/v1/decisions/{decision_id}",
)}
# A calendar sends no token: a feed's secret address is its credential (tests/api/test_calendar.py).
PUBLIC.add(("get", "/api/v1/calendar/{secret}/{scope}.ics"))
WRITE_METHODS = {"post", "put", "patch", "delete"}
TAMPERE_REGION = "Tampereen seudun työllisyysalue"
# Computations that save nothing: a reader of the area may run them (a cost plan's what-if).
COMPUTATIONS = {("post", "/api/v1/cost-plans/{plan_id}/what-if")}


async def operations(client: httpx.AsyncClient) -> list[tuple[str, str]]:
    schema = (await client.get("/api/openapi.json")).json()
    return [(method, path) for path, item in schema["paths"].items() for method in item if method in {"get", *WRITE_METHODS}]


async def path_values(client: httpx.AsyncClient) -> dict[str, str]:
    """Real ids of the Tampere region for every path parameter, so that only authorisation can refuse."""
    area = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    detail = (await client.get(f"/api/v1/areas/{area['id']}")).json()
    tampere = await organisation_named(client, "Tampere")
    plan = await find_one(client, "/api/v1/cost-plans", area_id=area["id"], status="approved")
    pool = (await client.get(f"/api/v1/cost-plans/{plan['id']}")).json()["pools"][0]
    statistic = await find_one(client, "/api/v1/statistics", organisation_id=tampere["id"])
    return {
        "plan_id": plan["id"],
        "pool_id": pool["id"],
        "statistic_id": statistic["id"],
        "area_id": area["id"],
        "organisation_id": tampere["id"],
        "member_id": detail["members"][0]["id"],
        "sub_region_id": str(uuid.uuid4()),
        "key_id": str(uuid.uuid4()),
        "user_id": str(uuid.uuid4()),
        **(await agreement_values(client, area["id"])),
    }


async def agreement_values(client: httpx.AsyncClient, area_id: str) -> dict[str, str]:
    """The Tampere region agreement of the demo data, its version and one of its decisions."""
    agreement = await find_one(client, "/api/v1/agreements", area_id=area_id)
    detail = (await client.get(f"/api/v1/agreements/{agreement['id']}")).json()
    decision = await find_one(client, "/api/v1/decisions", agreement_id=agreement["id"])
    return {"agreement_id": agreement["id"], "version_id": detail["versions"][0]["id"], "decision_id": decision["id"]}


def fill(path: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), str(uuid.uuid4())), path)


async def call(client: httpx.AsyncClient, method: str, url: str, headers: dict[str, str]) -> httpx.Response:
    kwargs: dict[str, Any] = {"headers": headers}
    if method in {"post", "put", "patch"}:
        kwargs["json"] = {}
    return await client.request(method.upper(), url, **kwargs)


async def test_every_route_but_the_public_ones_needs_a_token(anonymous: httpx.AsyncClient, client: httpx.AsyncClient) -> None:
    values = await path_values(client)
    checked = 0
    for method, path in await operations(anonymous):
        if (method, path) in PUBLIC:
            continue
        response = await call(anonymous, method, fill(path, values), {"Authorization": ""})
        assert response.status_code == 401, f"{method.upper()} {path}: {response.status_code}"
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.headers["content-type"].startswith("application/problem+json")
        checked += 1
    assert checked >= 20


async def test_a_read_only_key_may_change_nothing(anonymous: httpx.AsyncClient, client: httpx.AsyncClient, credentials) -> None:  # type: ignore[no-untyped-def]
    values = await path_values(client)
    key = await credentials.api_key(TAMPERE_REGION, "read")
    headers = {"Authorization": f"Bearer {key}"}
    assert (await anonymous.get(f"/api/v1/areas/{values['area_id']}", headers=headers)).status_code == 200
    checked = 0
    for method, path in await operations(anonymous):
        if method not in WRITE_METHODS or path.startswith("/api/v1/auth/"):
            continue
        response = await call(anonymous, method, fill(path, values), headers)
        if (method, path) in COMPUTATIONS:
            assert response.status_code == 200, f"{method.upper()} {path}: {response.status_code} {response.text}"
            continue
        assert response.status_code == 403, f"{method.upper()} {path}: {response.status_code} {response.text}"
        checked += 1
    assert checked >= 12


async def test_another_areas_key_reaches_nothing_of_this_area(
    anonymous: httpx.AsyncClient, client: httpx.AsyncClient, credentials  # type: ignore[no-untyped-def]
) -> None:
    values = await path_values(client)
    key = await credentials.api_key("Kirkkonummen työllisyysalue", "read", "write", "finance")
    headers = {"Authorization": f"Bearer {key}"}
    checked = 0
    for method, path in await operations(anonymous):
        if "{area_id}" not in path:
            continue
        response = await call(anonymous, method, fill(path, values), headers)
        assert response.status_code == 403, f"{method.upper()} {path}: {response.status_code}"
        checked += 1
    assert checked >= 8
    listed = (await anonymous.get("/api/v1/areas", headers=headers)).json()["items"]
    assert [a["name"] for a in listed] == ["Kirkkonummen työllisyysalue"]


ROLE_MATRIX = [
    # (who, method, what, expected status)
    ("lukija@kangasala.example", "GET", "area", 200),
    ("lukija@kangasala.example", "PATCH", "area", 403),
    ("lukija@kangasala.example", "PATCH", "own_organisation", 403),
    ("lukija@kangasala.example", "GET", "other_area", 403),
    ("koordinaattori@nokia.example", "GET", "area", 200),
    ("koordinaattori@nokia.example", "PATCH", "area", 403),
    ("koordinaattori@nokia.example", "PATCH", "own_organisation", 200),
    ("koordinaattori@nokia.example", "PATCH", "lead_organisation", 403),
    ("koordinaattori@nokia.example", "POST", "member", 403),
    ("koordinaattori@nokia.example", "GET", "api_keys", 403),
    ("koordinaattori@nokia.example", "GET", "users", 403),
    ("talous@tampere.example", "PATCH", "area", 403),
    ("talous@tampere.example", "GET", "area", 200),
    ("aluepaakayttaja@tampere.example", "PATCH", "area", 200),
    ("aluepaakayttaja@tampere.example", "POST", "member", 201),
    ("aluepaakayttaja@tampere.example", "PATCH", "lead_organisation", 200),
    ("aluepaakayttaja@tampere.example", "GET", "api_keys", 200),
    ("aluepaakayttaja@tampere.example", "GET", "users", 200),
    ("aluepaakayttaja@tampere.example", "GET", "other_area", 403),
    ("aluepaakayttaja@tampere.example", "POST", "area", 403),
    ("paakayttaja@sopimo.example", "GET", "other_area", 200),
    ("paakayttaja@sopimo.example", "POST", "area", 201),
]


@pytest.mark.parametrize(("email", "method", "what", "expected"), ROLE_MATRIX,
                         ids=[f"{e.split('@')[0]}-{m}-{w}" for e, m, w, _ in ROLE_MATRIX])
async def test_roles(anonymous: httpx.AsyncClient, client: httpx.AsyncClient, credentials, email: str, method: str,  # type: ignore[no-untyped-def]
                     what: str, expected: int) -> None:
    area = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    other = await find_one(client, "/api/v1/areas", q="Pohjois-Savon")
    own = await organisation_named(client, "Nokia" if "nokia" in email else ("Kangasala" if "kangasala" in email else "Tampere"))
    lead = await organisation_named(client, "Tampere")
    espoo = await organisation_named(client, "Espoo")
    requests = {
        "area": (f"/api/v1/areas/{area['id']}", {"description": "Muutettu"}, area),
        "other_area": (f"/api/v1/areas/{other['id']}", None, other),
        "own_organisation": (f"/api/v1/organisations/{own['id']}", {"street_address": "Katu 1"}, own),
        "lead_organisation": (f"/api/v1/organisations/{lead['id']}", {"street_address": "Katu 2"}, lead),
        "member": (f"/api/v1/areas/{area['id']}/members", {"organisation_id": espoo["id"], "from_date": "2026-01-01"}, None),
        "api_keys": (f"/api/v1/areas/{area['id']}/api-keys", None, None),
        "users": ("/api/v1/users", None, None),
    }
    url, body, resource = requests[what]
    if method == "POST" and what == "area":
        url, body = "/api/v1/areas", {"name": "Uusi alue", "kind": "other", "lead_organisation_id": lead["id"]}
    token = await credentials.token_for(email)
    headers = {"Authorization": f"Bearer {token}"}
    if method == "PATCH" and resource is not None:
        headers["If-Match"] = f'"{resource["version"]}"'
    response = await anonymous.request(method, url, json=body, headers=headers)
    assert response.status_code == expected, response.text

"""Shared steps of the agreement tests: a small agreement of the Kirkkonummi area, sent and decided."""

from typing import Any

import httpx

from tests.api.helpers import find_one, organisation_named

KIRKKONUMMI_AREA = "Kirkkonummen työllisyysalue"
TAMPERE_AREA = "Tampereen seudun työllisyysalue"
PILOT_AREA = "Pirkanmaan työllisyyden kuntakokeilu"
SAVO_AREA = "Pohjois-Savon työllisyyden kuntakokeilu"
ESR_AREA = "Tahtotilasta tulokseen (ESR-hanke)"

SECTIONS = [
    {"number": "1", "title": "Sopijaosapuolet", "blocks": [{"type": "paragraph", "text": "Kirkkonummi, Siuntio ja Vihti."}]},
    {"number": "2", "title": "Tarkoitus", "blocks": [
        {"type": "paragraph", "text": "Kunnat järjestävät työllisyyspalvelut yhdessä."},
        {"type": "list", "items": ["neuvonta", "ohjaus"]},
    ]},
    {"number": "3", "title": "Voimassaolo", "blocks": [{"type": "paragraph", "text": "Sopimus on voimassa toistaiseksi."}]},
]


async def area_id(client: httpx.AsyncClient, name: str) -> str:
    areas = (await client.get("/api/v1/areas", params={"q": name})).json()["items"]
    return next(a["id"] for a in areas if a["name"] == name)


async def kirkkonummi_parties(client: httpx.AsyncClient) -> dict[str, str]:
    return {name: (await organisation_named(client, name))["id"] for name in ("Kirkkonummi", "Siuntio", "Vihti")}


async def create_agreement(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    parties = await kirkkonummi_parties(client)
    payload = {
        "area_id": await area_id(client, KIRKKONUMMI_AREA),
        "title": "Kirkkonummen seudun yhteistyösopimus",
        "kind": "cooperation_agreement",
        "statutes": [{"name": "Laki työvoimapalveluiden järjestämisestä", "number": "380/2023"}],
        "notice_months": 6,
        "effective_date": "2025-03-01",
        "parties": [{"organisation_id": parties["Kirkkonummi"], "role": "lead"},
                    {"organisation_id": parties["Siuntio"]}, {"organisation_id": parties["Vihti"]}],
        "sections": SECTIONS,
        **overrides,
    }
    response = await client.post("/api/v1/agreements", json=payload)
    assert response.status_code == 201, response.text
    return response.json()


async def send(client: httpx.AsyncClient, agreement: dict[str, Any], sent_on: str = "2025-01-10",
               version: dict[str, Any] | None = None) -> dict[str, Any]:
    version = version or agreement["versions"][-1]
    response = await client.post(f"/api/v1/agreements/{agreement['id']}/versions/{version['id']}/send",
                                 json={"sent_on": sent_on}, headers={"If-Match": f'"{version["version"]}"'})
    assert response.status_code == 200, response.text
    return response.json()


async def decide(client: httpx.AsyncClient, version_id: str, organisation_id: str, meeting_date: str,
                 outcome: str = "approved", section: int | None = 10, **extra: Any) -> httpx.Response:
    return await client.post("/api/v1/decisions", params={"on": meeting_date}, json={
        "organisation_id": organisation_id, "version_id": version_id, "body": "municipal_board",
        "meeting_date": meeting_date, "section": section, "outcome": outcome, **extra,
    })


async def agreement_in_area(client: httpx.AsyncClient, area_name: str, **params: Any) -> dict[str, Any]:
    summary = await find_one(client, "/api/v1/agreements", area_id=await area_id(client, area_name), **params)
    return (await client.get(f"/api/v1/agreements/{summary['id']}", params=params)).json()

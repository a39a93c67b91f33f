"""Shared steps of the cost-sharing API tests: the demo plans and a fresh plan on the ESR project's agreement."""

from typing import Any

import httpx

from tests.api.helpers import find_one

TAMPERE_REGION = "Tampereen seudun työllisyysalue"
ESR_AREA = "Tahtotilasta tulokseen (ESR-hanke)"
ESR_CENT_SHARES = {  # seed 004: 25 348 € / 13; the 8 leftover cents go to the 8 lowest municipality codes
    "Alavieska": "1949.85", "Haapajärvi": "1949.85", "Haapavesi": "1949.85", "Kalajoki": "1949.85",
    "Kärsämäki": "1949.85", "Merijärvi": "1949.85", "Nivala": "1949.85", "Oulainen": "1949.85",
    "Pyhäntä": "1949.84", "Reisjärvi": "1949.84", "Sievi": "1949.84", "Siikalatva": "1949.84", "Ylivieska": "1949.84",
}


async def area_id(client: httpx.AsyncClient, name: str) -> str:
    return (await find_one(client, "/api/v1/areas", q=name.split(" (")[0]))["id"]


async def demo_plan(client: httpx.AsyncClient, area: str, year: int) -> dict[str, Any]:
    """A demo plan, read in full (it needs the agreements demo: the plans belong to its versions)."""
    summary = await find_one(client, "/api/v1/cost-plans", area_id=await area_id(client, area), year=year)
    response = await client.get(f"/api/v1/cost-plans/{summary['id']}")
    assert response.status_code == 200, response.text
    return response.json()


def esr_pool(**changes: Any) -> dict[str, Any]:
    return {"name": "Tahtotilasta tulokseen", "amount": "126740", "key": {"kind": "equal"},
            "co_financing_rate": "0.80", **changes}


async def new_esr_plan(client: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    """A new draft plan on the seed 004 project agreement, by default with the ESR pool to the cent."""
    demo = await demo_plan(client, ESR_AREA, 2021)
    body = {"agreement_version_id": demo["agreement"]["version_id"], "name": "Testisuunnitelma", "year": 2022,
            "reference_date": "2020-12-31", "pools": [esr_pool()], **changes}
    response = await client.post("/api/v1/cost-plans", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def jobseekers_of_one_municipality(client: httpx.AsyncClient) -> None:
    """Haapavesi's jobseekers on 31.12.2020 and no one else's: a plan split by them can be written (someone has
    the figure) but not computed (the others lack it)."""
    haapavesi = await find_one(client, "/api/v1/organisations", q="Haapavesi")
    added = await client.post("/api/v1/statistics", json={"organisation_id": haapavesi["id"], "name": "jobseekers",
                                                           "reference_date": "2020-12-31", "value": "120"})
    assert added.status_code == 201, added.text


def by_name(pool: dict[str, Any]) -> dict[str, str]:
    return {share["participant"]["name"]: share["amount"] for share in pool["shares"]}


def etag(plan: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'"{plan["version"]}"'}

"""Every GET route of the pages, with its path filled in from the demo data: the smoke tests render them all,
so that a page added later is rendered too without anyone adding it to a list."""

from typing import Any

import httpx
from fastapi.routing import APIRoute

from tests.api.agreement_helpers import PILOT_AREA, agreement_in_area
from tests.api.cost_helpers import TAMPERE_REGION, demo_plan
from tests.api.helpers import find_one, organisation_named

# Routes that answer with something other than an HTML page (a file, a redirect).
NOT_PAGES = {"/language/{code}", "/costs/plans/{plan_id}/export", "/agreements/{agreement_id}/versions/{version_id}/print.pdf",
             "/costs/plans/{plan_id}/annex.pdf", "/obligations/instances/{instance_id}/marks/{mark_id}/file"}


def get_routes(app: Any) -> list[APIRoute]:
    """The GET routes of the pages app, however deeply their routers are included."""
    found: list[APIRoute] = []

    def walk(routes: list[Any]) -> None:
        for route in routes:
            if isinstance(route, APIRoute):
                if (
                    "GET" in route.methods and not route.include_in_schema and not route.path.startswith("/api")
                ):  # the API: its schema, its catch-all
                    found.append(route)
                continue
            inner = getattr(route, "routes", None) or getattr(getattr(route, "original_router", None), "routes", None)
            if inner:
                walk(inner)

    walk(app.routes)
    return found


async def path_values(client: httpx.AsyncClient) -> dict[str, str]:
    """A real value for every path or required query parameter of a page route."""
    tampere = await organisation_named(client, "Tampere")
    area = await find_one(client, "/api/v1/areas", q="Pohjois-Savon")
    pilot = await agreement_in_area(client, PILOT_AREA)
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    duty = await find_one(client, "/api/v1/obligation-instances", status="done")
    return {
        "instance_id": duty["id"],
        "organisation_id": tampere["id"],
        "area_id": area["id"],
        "agreement_id": pilot["id"],
        "version_id": pilot["versions"][-1]["id"],
        "plan_id": plan["id"],
        "pool_id": plan["pools"][0]["id"],
    }


async def page_urls(app: Any, client: httpx.AsyncClient) -> list[str]:
    values = await path_values(client)
    urls = []
    for route in get_routes(app):
        if route.path in NOT_PAGES:
            continue
        url = route.path.format(**values)
        required = [param.name for param in route.dependant.query_params if param.field_info.is_required()]
        if required:
            url += "?" + "&".join(f"{name}={values[name]}" for name in required)
        urls.append(url)
    return urls

"""The first page: for a visitor, what Sopimo is; for a person logged in, what needs them now."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.client import ApiClient, ApiError, get_api
from web.rendering import render

router = APIRouter()

HELSINKI = ZoneInfo("Europe/Helsinki")


def today() -> date:
    """The pages ask the API about today in Finland; the rules themselves never read a clock."""
    return datetime.now(HELSINKI).date()


async def awaited_decisions(api: ApiClient, on: date, **filters: Any) -> list[dict[str, Any]]:
    """Versions sent to the parties whose decision is still pending, with the parties it waits for."""
    circulating = await api.get_all("/agreements", status="circulating", on=on.isoformat(), **filters)
    details = [await api.get(f"/agreements/{a['id']}", on=on.isoformat()) for a in circulating]
    awaited = []
    for agreement in details:
        for version in agreement["versions"]:
            if version["state"]["status"] != "circulating":
                continue
            cells = [(row, next(c for c in row["cells"] if c["version_id"] == version["id"])) for row in agreement["matrix"]]
            waiting = [row["organisation"] for row, cell in cells if cell["party"] and cell["standing"] == "pending"]
            blocking = [row["organisation"] for row, cell in cells if cell["party"] and cell["standing"] == "blocking"]
            party_filter = filters.get("party_id")
            if party_filter:
                waiting = [o for o in waiting if o["id"] == party_filter]
                if not waiting:
                    continue
            awaited.append({"agreement": agreement, "version": version, "waiting": waiting, "blocking": blocking})
    return awaited


async def cost_shares(api: ApiClient, year: int, organisation_id: str | None) -> list[dict[str, Any]]:
    """This year's plans with the organisation's share (or every participant's, for an area admin)."""
    plans = await api.get_all("/cost-plans", year=year)
    shares = []
    for plan in plans:
        try:
            allocation = await api.get(f"/cost-plans/{plan['id']}/allocation")
        except ApiError as error:
            if error.status not in (409, 422):
                raise
            shares.append({"plan": plan, "totals": [], "problem": True})
            continue
        totals = [t for t in allocation["totals"] if organisation_id is None or t["participant"]["id"] == organisation_id]
        if totals or organisation_id is None:
            shares.append({"plan": plan, "totals": totals, "problem": False})
    return shares


@router.get("/", include_in_schema=False)
async def home(request: Request) -> Response:
    me = request.state.me
    if not me:
        return render(request, "home.html", {})
    api = get_api(request)
    on = today()
    administered = [a["area_id"] for a in me["areas"] if "area_admin" in a["roles"]]
    organisation_id = None if me["is_admin"] or administered else me.get("organisation_id")
    # One call after another: each is quick, and the pages make no assumption about the API's concurrency.
    if organisation_id:
        awaited = await awaited_decisions(api, on, party_id=organisation_id)
    elif me["is_admin"]:
        awaited = await awaited_decisions(api, on)
    else:
        # Agreements are public: an area admin's list is limited to the areas they run, not all that are published.
        awaited = [item for area_id in administered for item in await awaited_decisions(api, on, area_id=area_id)]
    in_force = (await api.get_all("/agreements", status="in_force", on=on.isoformat(), party_id=organisation_id)
                if organisation_id else [])
    areas = await api.get_all("/areas")
    shares = await cost_shares(api, on.year, organisation_id)
    return render(request, "home.html", {
        "areas": areas, "in_force": in_force, "awaited": awaited, "shares": shares, "on": on,
        "whole_area": organisation_id is None,
    })


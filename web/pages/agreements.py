"""Agreement pages for reading: the list, an agreement, a version, the redline, and decisions.

Published agreements are public documents, so these pages work without logging in; the API decides
what each reader sees (drafts only for the people of the agreement's area)."""

import uuid
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.client import ApiClient, ApiError, get_api
from web.pages import agreement_labels
from web.pages.history import agreement_names, change_history
from web.pages.sorting import sorting_of
from web.rendering import is_htmx, render

router = APIRouter()

KINDS = tuple(agreement_labels.AGREEMENT_KINDS)
STATUSES = tuple(agreement_labels.STATUSES)
OUTCOMES = tuple(agreement_labels.OUTCOMES)
BODIES = tuple(agreement_labels.BODIES)


def parse_on(on: str | None) -> str | None:
    """A date the reader asked about (ISO), or None for today; anything else is ignored."""
    try:
        return date.fromisoformat((on or "").strip()).isoformat() if on else None
    except ValueError:
        return None


def uuid_or_empty(value: str) -> str:
    try:
        return str(uuid.UUID(value)) if value else ""
    except ValueError:
        return ""


async def agreement_context(api: ApiClient, request: Request, agreement_id: str, on: str | None) -> dict[str, Any]:
    agreement = await api.get(f"/agreements/{agreement_id}", on=on, with_version="true")
    shown = agreement["shown_version"]
    drafts = [v for v in agreement["versions"] if v["id"] == agreement["draft_version_id"]]
    history = await change_history(api, agreement_id) if request.state.me else None
    return {
        "agreement": agreement, "shown": shown, "drafts": drafts, "on": on, "history": history,
        "form": None, "grid": None, "values": {}, "errors": {}, "outcomes": OUTCOMES, "bodies": BODIES,
        "grid_versions": versions_recorded_for(agreement), "history_names": agreement_names(agreement),
    }


def versions_recorded_for(agreement: dict[str, Any]) -> set[str]:
    """The versions on which the reader may record a decision for at least one party (the grid's link)."""
    return {cell["version_id"] for row in agreement.get("matrix") or [] for cell in row["cells"]
            if "record_decision" in cell["allowed_actions"]}


@router.get("/agreements", include_in_schema=False)
async def list_agreements(request: Request, q: str = "", kind: str = "", status: str = "", area_id: str = "",
                          party_id: str = "", on: str = "", awaiting: str = "", cursor: str = "") -> Response:
    api = get_api(request)
    filters = {
        "q": q[:200], "kind": kind if kind in KINDS else "", "status": status if status in STATUSES else "",
        "area_id": uuid_or_empty(area_id), "party_id": uuid_or_empty(party_id), "on": parse_on(on) or "",
        "awaiting": "true" if awaiting == "true" else "",
    }
    sorting = await sorting_of(api, request, "/agreements", filters)
    page = await api.get("/agreements", limit=50, cursor=cursor or None, **filters, **sorting.params)
    areas = await api.get_all("/areas") if request.state.me else []
    parties = await api.get_all("/organisations", kind="municipality") if request.state.me else []
    return render(request, "agreements/list.html", {
        "page": page, "filters": filters, "kinds": KINDS, "statuses": STATUSES, "areas": areas, "parties": parties,
        "sorting": sorting,
    }, block="results")


@router.get("/agreements/{agreement_id}", include_in_schema=False)
async def show_agreement(request: Request, agreement_id: uuid.UUID, on: str = "") -> Response:
    api = get_api(request)
    context = await agreement_context(api, request, str(agreement_id), parse_on(on))
    return render(request, "agreements/show.html", context)


@router.get("/agreements/{agreement_id}/versions/{version_id}", include_in_schema=False)
async def show_version(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID, on: str = "") -> Response:
    api = get_api(request)
    when = parse_on(on)
    version = await api.get(f"/agreements/{agreement_id}/versions/{version_id}", on=when)
    agreement = await api.get(f"/agreements/{agreement_id}", on=when)
    context: dict[str, Any] = {"version": version, "agreement": agreement, "on": when, "errors": {}, "message": None}
    if "edit" in version["allowed_actions"]:
        context["values"] = draft_values(version)
        context["candidates"] = await party_candidates(api, version)
    return render(request, "agreements/version.html", context)


def draft_values(version: dict[str, Any]) -> dict[str, Any]:
    lead = next((p["organisation"]["id"] for p in version["parties"] if p["role"] == "lead"), "")
    return {
        "title": version["title"], "reasons": version["reasons"], "effective_date": version["effective_date"] or "",
        "notice_months": "" if version["notice_months"] is None else str(version["notice_months"]),
        "rule": version["rule"], "text": version["text"],
        "parties": [p["organisation"]["id"] for p in version["parties"]], "lead": lead,
        "version": str(version["version"]),
    }


def party_payload(chosen: list[str], lead: str, roles: dict[str, str] | None = None) -> list[dict[str, str]]:
    """The parties as chosen in a form: the lead chosen in its own field is a party even when its box was left
    unticked; the others keep the roles they have (a new one joins as a member)."""
    roles = roles or {}
    ids = ([lead] if lead and lead not in chosen else []) + chosen
    return [{"organisation_id": o, "role": "lead" if o == lead else
             (roles[o] if roles.get(o) not in (None, "lead") else "member")} for o in ids]


async def party_candidates(api: ApiClient, version: dict[str, Any]) -> list[dict[str, Any]]:
    """The area's members and the version's parties, for choosing the parties of a draft."""
    area = await api.get(f"/areas/{version['area']['id']}")
    found = {m["organisation"]["id"]: m["organisation"] for m in area["members"]}
    for party in version["parties"]:
        found.setdefault(party["organisation"]["id"], party["organisation"])
    return sorted(found.values(), key=lambda o: o["name_fi"])


@router.get("/agreements/{agreement_id}/redline", include_in_schema=False)
async def show_redline(request: Request, agreement_id: uuid.UUID, old: str = "", new: str = "", on: str = "") -> Response:
    api = get_api(request)
    when = parse_on(on)
    agreement = await api.get(f"/agreements/{agreement_id}", on=when)
    message = None
    redline = None
    try:
        redline = await api.get(f"/agreements/{agreement_id}/redline", old=uuid_or_empty(old) or None,
                                new=uuid_or_empty(new) or None, on=when)
    except ApiError as error:
        if error.status not in (404, 409):
            raise
        message = error.message
    return render(request, "agreements/redline.html",
                  {"agreement": agreement, "redline": redline, "message": message, "on": when}, block="redline")


@router.get("/decisions", include_in_schema=False)
async def list_decisions(request: Request, case_number: str = "", organisation_id: str = "", area_id: str = "",
                         agreement_id: str = "", body: str = "", since: str = "", until: str = "",
                         cursor: str = "") -> Response:
    """Decisions filtered by case number, organisation, body, meeting dates, area and agreement."""
    filters = {"case_number": case_number.strip()[:60], "organisation_id": uuid_or_empty(organisation_id),
               "area_id": uuid_or_empty(area_id), "agreement_id": uuid_or_empty(agreement_id),
               "body": body if body in BODIES else "", "since": parse_on(since) or "", "until": parse_on(until) or ""}
    api = get_api(request)
    sorting = await sorting_of(api, request, "/decisions", filters)
    page = await api.get("/decisions", limit=50, cursor=cursor or None, **filters, **sorting.params)
    choices: dict[str, Any] = {"organisations": [], "areas": [], "agreements": []}
    if request.state.me and not is_htmx(request):
        choices["organisations"] = await api.get_all("/organisations", kind="municipality")
        choices["areas"] = await api.get_all("/areas")
        if filters["area_id"]:
            choices["agreements"] = await api.get_all("/agreements", area_id=filters["area_id"])
    return render(request, "agreements/decisions.html", {"page": page, "filters": filters, "bodies": BODIES,
                                                         "sorting": sorting, **choices}, block="results")

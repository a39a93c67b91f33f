"""The parties' decisions on a version recorded as a grid (päätökset taulukkona): one row per party the person
records for, sent to the API together, so that fifteen approvals take one form."""

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web import i18n
from web.client import ApiError, get_api
from web.pages import agreement_labels
from web.pages.agreements import agreement_context, parse_on
from web.pages.forms import form_values, integer_or_text, redirect_after_post
from web.rendering import render

router = APIRouter()

ROW_FIELDS = ("body", "body_name", "meeting_date", "section", "case_number", "outcome", "commitment_cap")
# A row is recorded when one of these is filled; the body and the outcome always carry a choice.
TYPED_FIELDS = ("body_name", "meeting_date", "section", "case_number", "commitment_cap")


def grid_rows(agreement: dict[str, Any], version_id: str) -> list[dict[str, Any]]:
    """The matrix rows whose cell on the version offers recording a decision, each with that cell."""
    index = next((i for i, v in enumerate(agreement["versions"]) if v["id"] == version_id), None)
    if index is None:
        return []
    return [{"organisation": row["organisation"], "cell": row["cells"][index]} for row in agreement["matrix"]
            if "record_decision" in row["cells"][index]["allowed_actions"]]


async def grid_response(request: Request, agreement_id: uuid.UUID, version_id: str, *, values: dict[str, str],
                        errors: dict[str, str] | None = None, message: str | None = None,
                        status_code: int = 200) -> Response:
    context = await agreement_context(get_api(request), request, str(agreement_id), parse_on(values.get("on")))
    version = next((v for v in context["agreement"]["versions"] if v["id"] == version_id), None)
    context.update({"grid": {"version": version, "rows": grid_rows(context["agreement"], version_id)},
                    "values": values, "errors": errors or {}, "message": message})
    return render(request, "agreements/show.html", context, block="matrix", status_code=status_code)


@router.get("/agreements/{agreement_id}/decisions/grid", include_in_schema=False)
async def decision_grid(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID) -> Response:
    return await grid_response(request, agreement_id, str(version_id), values={})


def typed_rows(values: dict[str, str]) -> list[tuple[int, dict[str, Any]]]:
    """The grid's rows that were filled in, with their place in the grid and their API payload."""
    rows = []
    for index in range(int(values.get("rows", "0") or 0) if values.get("rows", "").isdigit() else 0):
        row = {field: values.get(f"decisions.{index}.{field}", "") for field in ("organisation_id", *ROW_FIELDS)}
        if not any(row[field] for field in TYPED_FIELDS):
            continue
        payload: dict[str, Any] = {field: value or None for field, value in row.items()}
        payload["section"] = integer_or_text(row["section"])
        rows.append((index, payload))
    return rows


def grid_errors(error: ApiError, places: list[int]) -> dict[str, str]:
    """The API names a row by its place in the request; the grid by its place on the page."""
    errors = {}
    for field, text in error.field_errors().items():
        parts = field.split(".")
        if len(parts) >= 2 and parts[0] == "decisions" and parts[1].isdigit() and int(parts[1]) < len(places):
            parts[1] = str(places[int(parts[1])])
        errors[".".join(parts)] = text
    return errors


@router.post("/agreements/{agreement_id}/decisions/grid", include_in_schema=False)
async def record_decision_grid(request: Request, agreement_id: uuid.UUID) -> Response:
    values = await form_values(request)
    version_id = values.get("version_id", "")
    rows = typed_rows(values)
    if not rows:
        return await grid_response(request, agreement_id, version_id, values=values, status_code=422,
                                   message=i18n.gettext("Fill in at least one party's decision."))
    try:
        answer = (await get_api(request).request("POST", "/decisions/batch", json={
            "version_id": version_id, "decisions": [payload for _, payload in rows]})).json()
    except ApiError as error:
        if error.status != 422:
            raise
        return await grid_response(request, agreement_id, version_id, values=values, status_code=422,
                                   errors=grid_errors(error, [index for index, _ in rows]),
                                   message=i18n.gettext("Nothing was recorded yet: check the marked rows."))
    state = answer["version_state"]
    notice = i18n.ngettext("%(num)d decision was recorded.", "%(num)d decisions were recorded.",
                           len(answer["items"])) % {"num": len(answer["items"])}
    number = answer["items"][0]["agreement_version"]["number"]
    notice += " " + i18n.gettext("Version %(number)s: %(status)s, %(approved)s of %(total)s parties have approved.") % {
        "number": number, "status": agreement_labels.label("status", state["status"]),
        "approved": state["approved"], "total": state["approved"] + state["pending"] + state["blocking"]}
    return redirect_after_post(request, f"/agreements/{agreement_id}#matrix", notice=notice)

"""Obligations in the pages (velvoitteet): what we owe, the overdue list, one duty with its evidence, the parties ×
duties matrix and timeline of an agreement, and the duties proposed from its text. Every rule is the API's."""

import uuid
from datetime import date
from typing import Any

from babel.dates import get_month_names
from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response

from web import i18n
from web.client import ApiError, get_api
from web.labels import organisation_name
from web.pages.agreement_actions import upload_limit_bytes
from web.pages.forms import form_values, redirect_after_post, summary_message, translated_errors
from web.pages.obligation_labels import label
from web.pages.sorting import sorting_of
from web.rendering import render, templates

router = APIRouter()

STATUSES = ("overdue", "open", "done", "not_applicable")
MARK_NOTICES = {
    "done": i18n.N_("%(holder)s: %(title)s marked done."),
    "not_applicable": i18n.N_("%(holder)s: %(title)s marked not applicable."),
    "reopened": i18n.N_("%(holder)s: %(title)s reopened."),
}


def an_id(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return ""


def a_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return ""


@router.get("/obligations", include_in_schema=False)
async def list_duties(request: Request, area_id: str = "", agreement_id: str = "", holder_id: str = "",
                      status: str = "", due_before: str = "", cursor: str = "") -> Response:
    """Every duty per holder and period, by due date: "what we owe" with the holder chosen, the overdue list with
    the status."""
    api = get_api(request)
    filters = {"area_id": an_id(area_id), "agreement_id": an_id(agreement_id), "holder_id": an_id(holder_id),
               "status": status if status in STATUSES else "", "due_before": a_date(due_before)}
    chosen = {key: value for key, value in filters.items() if value}
    sorting = await sorting_of(api, request, "/obligation-instances", chosen)
    page = await api.get("/obligation-instances", limit=50, cursor=cursor or None, **chosen, **sorting.params)
    areas = await api.get_all("/areas")
    area = next((a for a in areas if a["id"] == filters["area_id"]), None)
    members = (await api.get(f"/areas/{area['id']}"))["members"] if area else []
    return render(request, "obligations/list.html", {
        "page": page, "filters": filters, "areas": areas, "members": members,
        "area_choices": [(a["id"], a["name"]) for a in areas],
        "holder_choices": [(m["organisation"]["id"], organisation_name(m["organisation"])) for m in members],
        "status_choices": [(status, label("status", status)) for status in STATUSES],
        "sorting": sorting,
    }, block="results")


@router.get("/obligations/calendar", include_in_schema=False)
async def calendar_page(request: Request) -> Response:
    """The person's calendar addresses (in the page's language) to subscribe to, and a reset of them."""
    calendar = await get_api(request).get("/calendar", lang=i18n.current_language.get())
    return render(request, "obligations/calendar.html", {"calendar": calendar})


@router.post("/obligations/calendar/reset", include_in_schema=False)
async def reset_calendar(request: Request) -> Response:
    await form_values(request)
    await get_api(request).request("POST", "/calendar/reset", params={"lang": i18n.current_language.get()})
    return redirect_after_post(request, "/obligations/calendar#calendar-feeds", notice=i18n.gettext(
        "Your calendar addresses were reset: the old ones no longer work. Add the new ones to your calendars."))


async def duty_context(request: Request, instance_id: uuid.UUID) -> dict[str, Any]:
    api = get_api(request)
    duty = await api.get(f"/obligation-instances/{instance_id}")
    obligation = await api.get(f"/obligations/{duty['obligation']['id']}")
    responsibles, people = None, []
    if duty["holder"]:
        responsibles = await api.get(f"/obligations/{obligation['id']}/responsibles/{duty['holder']['id']}")
        if "name_responsibles" in duty["allowed_actions"]:
            people = (await api.get("/contacts", organisation_id=duty["holder"]["id"], limit=100))["items"]
    return {"duty": duty, "obligation": obligation, "values": {}, "errors": {}, "message": None,
            "responsibles": responsibles, "people": people}


@router.get("/obligations/instances/{instance_id}", include_in_schema=False)
async def duty_page(request: Request, instance_id: uuid.UUID) -> Response:
    return render(request, "obligations/duty.html", await duty_context(request, instance_id), block="duty")


@router.post("/obligations/instances/{instance_id}/marks", include_in_schema=False)
async def mark_duty(request: Request, instance_id: uuid.UUID, file: UploadFile | None = File(None)) -> Response:
    """Done (a note, a link, a file), not applicable (a reason) or reopened, as the duty's allowed actions offer."""
    values = await form_values(request)
    api = get_api(request)
    kind = values.get("kind", "")
    headers = {"If-Match": f'"{values.get("version", "")}"'}
    try:
        if kind == "done" and file is not None and file.filename:
            content = await file.read(upload_limit_bytes() + 1)
            response = await api.request(
                "POST", f"/obligation-instances/{instance_id}/evidence", headers=headers, data={"note": values.get("note", "")},
                files={"file": (file.filename, content, file.content_type or "application/octet-stream")})
        else:
            response = await api.request("POST", f"/obligation-instances/{instance_id}/marks", headers=headers, json={
                "kind": kind, "note": values.get("note") or None, "link": values.get("link") or None,
                "reason": values.get("reason") or None})
    except ApiError as error:
        if error.status not in (409, 412, 413, 422):
            raise
        context = await duty_context(request, instance_id)
        context.update(values=values, errors=translated_errors(error), message=summary_message(error), form=kind)
        return render(request, "obligations/duty.html", context, block="duty", status_code=error.status)
    duty = response.json()
    holder = organisation_name(duty["holder"]) if duty["holder"] else duty["holder_group"] or ""
    notice = i18n.gettext(MARK_NOTICES.get(kind, MARK_NOTICES["done"])) % {
        "holder": holder, "title": duty_title(duty["obligation"])}
    return redirect_after_post(request, f"/obligations/instances/{instance_id}#duty-status", notice=notice)


def duty_title(obligation: dict[str, Any]) -> str:
    """A duty's title in the page's language: the Swedish one on Swedish pages, where it has one."""
    if i18n.current_language.get() == "sv" and obligation.get("title_sv"):
        return str(obligation["title_sv"])
    return str(obligation["title_fi"])


def kilobytes(size: int) -> str:
    return i18n.gettext("%(size)s kB") % {"size": i18n.format_number(max(1, -(-size // 1024)))}


def month_name(month: int) -> str:
    """The month's short name as the page's language writes it (tammi, jan.)."""
    return str(get_month_names("abbreviated", locale=i18n.BABEL_LOCALES[i18n.current_language.get()])[month])


templates.env.filters.update(duty_title=duty_title, kilobytes=kilobytes)
templates.env.globals["month_name"] = month_name


@router.get("/obligations/instances/{instance_id}/marks/{mark_id}/file", include_in_schema=False)
async def evidence_file(request: Request, instance_id: uuid.UUID, mark_id: uuid.UUID) -> Response:
    """A mark's evidence file, as the API gives it to those who read the area."""
    answer = await get_api(request).request("GET", f"/obligation-instances/{instance_id}/marks/{mark_id}/file")
    return Response(answer.content, media_type=answer.headers.get("content-type", "application/octet-stream"),
                    headers={"Content-Disposition": answer.headers.get("content-disposition", "attachment")})


@router.get("/agreements/{agreement_id}/obligations", include_in_schema=False)
async def agreement_obligations(request: Request, agreement_id: uuid.UUID, year: str = "", version_id: str = ""
                                ) -> Response:
    """The parties × duties matrix of the agreement's version in the year (by default the latest sent; a draft's
    duties have no instances yet), and the timeline of its due dates."""
    api = get_api(request)
    params: dict[str, Any] = {"agreement_id": str(agreement_id), "version_id": an_id(version_id) or None}
    if year.isdigit() and 2000 <= int(year) <= 2100:
        params["year"] = int(year)
    matrix = await api.get("/obligations/matrix", **params)
    agreement = await api.get(f"/agreements/{agreement_id}")
    return render(request, "obligations/matrix.html", {"matrix": matrix, "agreement": agreement}, block="matrix")


@router.get("/agreements/{agreement_id}/obligations/suggestions", include_in_schema=False)
async def suggestions_page(request: Request, agreement_id: uuid.UUID, version_id: str = "") -> Response:
    api = get_api(request)
    matrix = await api.get("/obligations/matrix", agreement_id=str(agreement_id), version_id=an_id(version_id) or None)
    agreement = await api.get(f"/agreements/{agreement_id}")
    found = await api.get("/obligations/suggestions", version_id=matrix["version_id"])
    return render(request, "obligations/suggestions.html", {
        "agreement": agreement, "matrix": matrix, "suggestions": found, "errors": {}, "message": None})


@router.post("/agreements/{agreement_id}/obligations", include_in_schema=False)
async def accept_suggestion(request: Request, agreement_id: uuid.UUID) -> Response:
    """A proposed duty accepted, with the title and schedule as the person left them."""
    form = await request.form()
    values = {key: value.strip() for key, value in form.items() if isinstance(value, str)}
    schedule: dict[str, Any] = {"kind": values.get("schedule_kind", "")}
    for field in ("due_on", "every", "rule"):
        if values.get(field):
            schedule[field] = values[field]
    for field in ("month", "day"):
        if values.get(field, "").isdigit():
            schedule[field] = int(values[field])
    payload = {
        "version_id": values.get("version_id"), "section_number": values.get("section_number") or None,
        "quote": values.get("quote") or None, "title_fi": values.get("title_fi", ""),
        "title_sv": values.get("title_sv") or None, "kind": values.get("kind"), "schedule": schedule,
        "holders": {"scope": values.get("scope"), "named": [v for v in form.getlist("named") if isinstance(v, str)],
                    "exceptions": [v for v in form.getlist("exceptions") if isinstance(v, str)],
                    "exceptions_hold_themselves": values.get("exceptions_hold_themselves") == "true"},
    }
    api = get_api(request)
    try:
        created = (await api.request("POST", "/obligations", json=payload)).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        matrix = await api.get("/obligations/matrix", agreement_id=str(agreement_id),
                               version_id=an_id(values.get("version_id", "")) or None)
        agreement = await api.get(f"/agreements/{agreement_id}")
        found = await api.get("/obligations/suggestions", version_id=matrix["version_id"])
        return render(request, "obligations/suggestions.html", {
            "agreement": agreement, "matrix": matrix, "suggestions": found, "errors": translated_errors(error),
            "message": summary_message(error), "failed_quote": values.get("quote")}, status_code=error.status)
    return redirect_after_post(request, f"/agreements/{agreement_id}/obligations?version_id={created['version_id']}"
                                        f"#obligation-{created['id']}",
                               notice=i18n.gettext("The obligation %(title)s was added.") % {
                                   "title": duty_title(created)})


@router.post("/obligations/{obligation_id}/delete", include_in_schema=False)
async def delete_obligation(request: Request, obligation_id: uuid.UUID) -> Response:
    values = await form_values(request)
    api = get_api(request)
    obligation = await api.get(f"/obligations/{obligation_id}")
    await api.request("DELETE", f"/obligations/{obligation_id}", headers={"If-Match": f'"{values.get("version", "")}"'})
    return redirect_after_post(request, f"/agreements/{obligation['agreement_id']}/obligations"
                                        f"?version_id={obligation['version_id']}", notice=i18n.gettext(
        "The obligation %(title)s was removed.") % {"title": duty_title(obligation)})


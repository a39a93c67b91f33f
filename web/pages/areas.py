import uuid

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web import i18n
from web.client import ApiClient, ApiError, get_api
from web.labels import organisation_name
from web.pages.forms import (
    form_values,
    redirect_after_post,
    summary_message,
    translated_errors,
)
from web.pages.history import change_history
from web.pages.sorting import sorting_of
from web.rendering import render

router = APIRouter(prefix="/areas")

KINDS = ("employment_area", "municipal_pilot", "project", "other")


@router.get("", include_in_schema=False)
async def list_areas(request: Request, q: str = "", kind: str = "", cursor: str = "") -> Response:
    api = get_api(request)
    filters = {"q": q[:200], "kind": kind if kind in KINDS else ""}
    sorting = await sorting_of(api, request, "/areas", filters)
    page = await api.get("/areas", limit=50, cursor=cursor or None, **filters, **sorting.params)
    return render(request, "areas/list.html", {"page": page, "filters": filters, "kinds": KINDS, "sorting": sorting},
                  block="results")


@router.get("/new", include_in_schema=False)
async def new_area(request: Request) -> Response:
    organisations = await get_api(request).get_all("/organisations", kind="municipality")
    return render(request, "areas/form.html", {"values": {}, "errors": {}, "kinds": KINDS, "organisations": organisations})


@router.post("/new", include_in_schema=False)
async def create_area(request: Request) -> Response:
    values = await form_values(request)
    api = get_api(request)
    payload: dict[str, object] = {
        field: values.get(field) or None for field in ("name", "kind", "description", "lead_organisation_id")
    }
    if payload["lead_organisation_id"]:
        payload["members"] = [{"organisation_id": payload["lead_organisation_id"], "from_date": values.get("from_date") or None}]
    try:
        created = (await api.request("POST", "/areas", json=payload)).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        organisations = await api.get_all("/organisations", kind="municipality")
        errors = translated_errors(error)
        if "members.0.from_date" in errors:
            errors["from_date"] = errors.pop("members.0.from_date")
        return render(request, "areas/form.html", {
            "values": values, "errors": errors, "kinds": KINDS, "organisations": organisations,
            "message": i18n.gettext("Check the marked fields."),
        }, block="form", status_code=422)
    return redirect_after_post(request, f"/areas/{created['id']}",
                               notice=i18n.gettext("Area %(name)s was created.") % {"name": created["name"]})


async def area_context(api: ApiClient, area_id: uuid.UUID) -> dict:
    area = await api.get(f"/areas/{area_id}")
    member_ids = {member["organisation"]["id"] for member in area["members"]}
    candidates = [o for o in await api.get_all("/organisations") if o["id"] not in member_ids]
    return {"area": area, "candidates": candidates, "errors": {}, "values": {}}


@router.get("/{area_id}", include_in_schema=False)
async def show_area(request: Request, area_id: uuid.UUID) -> Response:
    api = get_api(request)
    context = await area_context(api, area_id)
    context["history"] = await change_history(api, str(area_id))
    context["history_names"] = {m["organisation"]["id"]: organisation_name(m["organisation"])
                                for m in context["area"]["members"]}
    return render(request, "areas/show.html", context)


@router.post("/{area_id}/members", include_in_schema=False)
async def add_member(request: Request, area_id: uuid.UUID) -> Response:
    values = await form_values(request)
    api = get_api(request)
    payload = {
        "organisation_id": values.get("organisation_id") or None,
        "from_date": values.get("from_date") or None,
        "to_date": values.get("to_date") or None,
    }
    try:
        await api.request("POST", f"/areas/{area_id}/members", json=payload)
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        context = await area_context(api, area_id)
        context.update(values=values, errors=translated_errors(error), message=summary_message(error))
        return render(request, "areas/show.html", context, block="members", status_code=422)
    if request.headers.get("hx-request") == "true":
        context = await area_context(api, area_id)
        context["notice"] = i18n.gettext("Member added.")
        return render(request, "areas/show.html", context, block="members")
    return redirect_after_post(request, f"/areas/{area_id}#members", notice=i18n.gettext("Member added."))


@router.post("/{area_id}/members/{member_id}/remove", include_in_schema=False)
async def remove_member(request: Request, area_id: uuid.UUID, member_id: uuid.UUID) -> Response:
    api = get_api(request)
    await api.request("DELETE", f"/areas/{area_id}/members/{member_id}")
    if request.headers.get("hx-request") == "true":
        context = await area_context(api, area_id)
        context["notice"] = i18n.gettext("Member removed.")
        return render(request, "areas/show.html", context, block="members")
    return redirect_after_post(request, f"/areas/{area_id}#members", notice=i18n.gettext("Member removed."))

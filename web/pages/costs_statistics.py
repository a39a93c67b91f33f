"""Statistics pages: the statistics and their dates, one series' values, a CSV import, a series edited in a form."""

import re
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from web import i18n
from web.client import ApiClient, ApiError, get_api
from web.error_texts import problem_text
from web.pages.cost_labels import parse_date, parse_decimal, plain_number
from web.pages.csv_import import preview_or_apply
from web.pages.forms import form_values, redirect_after_post
from web.pages.sorting import sorting_of
from web.rendering import render

router = APIRouter(prefix="/costs/statistics")

NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def iso_or_blank(text: str) -> str:
    day = parse_date(text)
    return day if day and re.match(r"^\d{4}-\d{2}-\d{2}$", day) else ""


@router.get("", include_in_schema=False)
async def list_statistics(request: Request, name: str = "", reference_date: str = "", area_id: str = "") -> Response:
    api = get_api(request)
    name = name.strip().lower()[:60]
    filters = {"name": name if NAME.match(name) else "", "reference_date": iso_or_blank(reference_date),
               "area_id": area_id if re.match(r"^[0-9a-f-]{36}$", area_id) else ""}
    areas = await api.get_all("/areas")
    series = (await api.get("/statistics/series", name=filters["name"] or None, area_id=filters["area_id"] or None))["items"]
    sorting = await sorting_of(api, request, "/statistics", filters, default=("municipality_code", "asc"))
    values = []
    if filters["name"] and filters["reference_date"]:
        values = await api.get_all("/statistics", name=filters["name"], reference_date=filters["reference_date"],
                                   area_id=filters["area_id"] or None, **sorting.params)
    return render(request, "costs/statistics.html",
                  {"areas": areas, "series": series, "values": values, "filters": filters, "sorting": sorting},
                  block="results")


@router.get("/import", include_in_schema=False)
async def import_form(request: Request) -> Response:
    return render(request, "costs/statistics_import.html", {"report": None})


@router.post("/import", include_in_schema=False)
async def import_preview_or_apply(
    request: Request,
    file: UploadFile | None = File(None),
    content: str = Form(""),
    filename: str = Form(""),
    apply: str = Form(""),
) -> Response:
    """First a preview of the uploaded file; the preview page sends the same bytes back to apply them."""
    return await preview_or_apply(request, api_path="/statistics/imports", template="costs/statistics_import.html",
                                  file=file, content=content,
                                  filename=filename, apply=apply, applied_notice=i18n.gettext("The statistics were saved."))


async def series_context(api: ApiClient, area_id: str, name: str, reference_date: str) -> dict[str, Any]:
    areas = await api.get_all("/areas")
    members: list[dict] = []
    if area_id:
        area = await api.get(f"/areas/{area_id}")
        members = sorted({m["organisation"]["id"]: m["organisation"] for m in area["members"]}.values(),
                         key=lambda o: (o["municipality_code"] or "~", o["name_fi"]))
    stored: dict[str, dict] = {}
    if members and NAME.match(name) and reference_date:
        for value in await api.get_all("/statistics", name=name, reference_date=reference_date, area_id=area_id):
            stored[value["organisation"]["id"]] = value
    return {"areas": areas, "members": members, "stored": stored}


@router.get("/edit", include_in_schema=False)
async def edit_series(request: Request, area_id: str = "", name: str = "", reference_date: str = "") -> Response:
    api = get_api(request)
    area_id = area_id if re.match(r"^[0-9a-f-]{36}$", area_id) else ""
    iso = iso_or_blank(reference_date)
    name = name.strip().lower()[:60]
    context = await series_context(api, area_id, name, iso)
    values = {"area_id": area_id, "name": name, "reference_date": i18n.format_date(iso) if iso else reference_date[:20]}
    for organisation_id, value in context["stored"].items():
        values[f"value-{organisation_id}"] = plain_number(value["value"]).replace("\u00a0", " ")
    return render(request, "costs/statistics_edit.html", {**context, "values": values, "errors": {}})


@router.post("/edit", include_in_schema=False)
async def save_series(request: Request) -> Response:
    values = await form_values(request)
    api = get_api(request)
    area_id = values.get("area_id", "") if re.match(r"^[0-9a-f-]{36}$", values.get("area_id", "")) else ""
    name = values.get("name", "").strip().lower()
    iso = iso_or_blank(values.get("reference_date", ""))
    context = await series_context(api, area_id, name, iso)
    errors: dict[str, str] = {}
    if not area_id:
        errors["area_id"] = i18n.gettext("Choose the area whose municipalities' figures you enter.")
    if not NAME.match(name):
        errors["name"] = i18n.gettext("A statistic's name is lower-case letters, digits and underscores, "
                                      "e.g. population or jobseekers.")
    if not iso:
        errors["reference_date"] = i18n.gettext("Write the date as 31.12.2024.")
    items, positions = [], []
    for member in context["members"]:
        text = values.get(f"value-{member['id']}", "")
        if not text.strip():
            continue
        items.append({"organisation_id": member["id"], "name": name, "reference_date": iso or None,
                      "value": parse_decimal(text)})
        positions.append(member["id"])
    if not errors and not items:
        errors["values"] = i18n.gettext("Enter at least one value.")
    if not errors:
        try:
            await api.request("POST", "/statistics/batch", params={"apply": "true"}, json={"items": items})
        except ApiError as error:
            if error.status not in (409, 422):
                raise
            for problem in error.problem.get("errors") or []:
                location = problem.get("location") or []
                line = location[1] if len(location) > 1 and isinstance(location[1], int) else None
                if line is None and len(location) > 2 and isinstance(location[2], int):
                    line = location[2] + 1  # a malformed item: ["body", "items", index, field]
                if line and 0 < line <= len(positions):
                    errors.setdefault(f"value-{positions[line - 1]}", problem_text(problem))
            errors.setdefault("values", error.message)
    if errors:
        return render(request, "costs/statistics_edit.html",
                      {**context, "values": values, "errors": errors, "message": errors.get("values")},
                      block="form", status_code=422)
    return redirect_after_post(request, f"/costs/statistics?name={name}&reference_date={iso}&area_id={area_id}",
                               notice=i18n.ngettext("%(num)d value was saved.", "%(num)d values were saved.",
                                                    len(items)) % {"num": len(items)})

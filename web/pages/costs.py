"""Cost sharing pages: the plans by area, a plan with its allocation, chart and explanations, its pools.

The pages show what the API computes (GET /cost-plans/{id}/allocation); they never compute shares.
"""

import uuid
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.pagination import MAX_LIMIT
from web import i18n
from web.client import ApiClient, ApiError, get_api
from web.error_texts import error_text
from web.pages.agreements import uuid_or_empty
from web.pages.cost_labels import (
    GLOBALS,
    decimal_input,
    parse_date,
    parse_decimal,
    parse_percent,
    percent_input,
)
from web.pages.forms import form_values, redirect_after_post, translated_errors
from web.pages.sorting import sorting_of
from web.rendering import environment, is_htmx, render

# The cost templates' words and number formats (see cost_labels), available to every template.
environment.globals.update(GLOBALS)

router = APIRouter(prefix="/costs")

PLAN_FIELDS = ("name", "year", "reference_date", "status", "description")
STATUSES = ("draft", "approved")
UNITS = ("eur", "person_year")
KEY_KINDS = ("equal", "statistic", "mix", "fixed")
ROUNDINGS = ("cents", "euros")
EXCESS_RULES = ("share_among_uncapped", "to_lead")
MIX_ROWS = 3


@router.get("", include_in_schema=False)
async def costs_home(request: Request, area_id: str = "", cursor: str = "") -> Response:
    api = get_api(request)
    filters = {"area_id": uuid_or_empty(area_id)}
    sorting = await sorting_of(api, request, "/cost-plans", filters)
    page = await api.get("/cost-plans", limit=50, cursor=cursor[:4096] or None, **filters, **sorting.params)
    areas: dict[str, list[dict]] = {}
    for plan in page["items"]:
        areas.setdefault(plan["area_name"], []).append(plan)
    series = [] if is_htmx(request) else (await api.get("/statistics/series"))["items"]  # not in the results block
    handles_costs = "create_cost_plan" in (request.state.me or {}).get("allowed_actions", [])
    return render(request, "costs/index.html", {"areas": sorted(areas.items()), "series": series,
                                                "handles_costs": handles_costs, "sorting": sorting,
                                                "next_cursor": page["next_cursor"]}, block="results")


async def agreement_versions(api: ApiClient, area_id: str = "") -> tuple[list[dict[str, Any]], bool]:
    """The agreement versions the caller may base a plan on (of one area, if given), as choices, in one read; and
    whether there are more than one read gives (the whole country's), so that the area is to be chosen first."""
    try:
        page = await api.get("/cost-plans/bases", limit=MAX_LIMIT, area_id=area_id or None)
    except ApiError:
        return [], False
    if page["next_cursor"]:
        return [], True
    return [{"id": basis["version_id"],
             "label": f"{basis['area_name']} – {basis['agreement_title']} – {i18n.gettext('version')} "
                      f"{basis['version_number']}"}
            for basis in page["items"]], False


async def plan_basis_choices(api: ApiClient, area_id: str) -> dict[str, Any]:
    """The versions to choose from and, where the caller has many areas, the areas to narrow them by."""
    versions, too_many = await agreement_versions(api, area_id)
    areas = await api.get_all("/areas") if too_many or area_id else []
    return {"versions": versions, "choose_area": too_many, "areas": areas, "area_id": area_id}


def plan_payload(values: dict[str, str]) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    for field in PLAN_FIELDS:
        value = values.get(field, "")
        if field == "reference_date":
            payload[field] = parse_date(value)
        elif field == "year":
            payload[field] = int(value) if value.isdigit() else (value or None)
        else:
            payload[field] = value or None
    if "instalment_dates" in values:
        lines = [line for line in values["instalment_dates"].replace(",", "\n").splitlines() if line.strip()]
        payload["instalment_dates"] = [parse_date(line) for line in lines] or None
    return payload


@router.get("/plans/new", include_in_schema=False)
async def new_plan(request: Request, agreement_version_id: str = "", area_id: str = "") -> Response:
    api = get_api(request)
    values = {"status": "draft", "reference_date": "", "agreement_version_id": agreement_version_id}
    return render(request, "costs/plan_form.html", {
        "values": values, "errors": {}, "statuses": STATUSES, **await plan_basis_choices(api, uuid_or_empty(area_id)),
    })


@router.post("/plans/new", include_in_schema=False)
async def create_plan(request: Request) -> Response:
    values = await form_values(request)
    api = get_api(request)
    payload = {**plan_payload(values), "agreement_version_id": values.get("agreement_version_id") or None}
    try:
        created = (await api.request("POST", "/cost-plans", json=payload)).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        return render(request, "costs/plan_form.html", {
            "values": values, "errors": translated_errors(error), "message": error.message, "statuses": STATUSES,
            **await plan_basis_choices(api, uuid_or_empty(values.get("area_id", ""))),
        }, block="form", status_code=422)
    return redirect_after_post(request, f"/costs/plans/{created['id']}",
                               notice=i18n.gettext("Cost plan %(name)s was created.") % {"name": created["name"]})


async def plan_context(api: ApiClient, plan_id: uuid.UUID) -> dict[str, Any]:
    """The plan and its computed allocation; a plan that cannot be computed says why instead."""
    plan = await api.get(f"/cost-plans/{plan_id}")
    context: dict[str, Any] = {"plan": plan, "allocation": None, "problem": None}
    try:
        context["allocation"] = await api.get(f"/cost-plans/{plan_id}/allocation")
    except ApiError as error:
        if error.status != 409:
            raise
        context["problem"] = error.message
    context["chart_rows"] = chart_rows(context["allocation"]["totals"] if context["allocation"] else [])
    return context


def chart_rows(totals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bars from the largest share down (the table beside keeps the order by municipality code)."""
    return sorted(totals, key=lambda row: Decimal(row["percent"]), reverse=True)


@router.get("/plans/{plan_id}", include_in_schema=False)
async def show_plan(request: Request, plan_id: uuid.UUID) -> Response:
    context = await plan_context(get_api(request), plan_id)
    return render(request, "costs/plan.html", context, block="results")


@router.get("/plans/{plan_id}/explain", include_in_schema=False)
async def explain_share(request: Request, plan_id: uuid.UUID, pool_id: uuid.UUID, organisation_id: uuid.UUID) -> Response:
    """One share's explanation: a panel beside the table for htmx, a page of its own otherwise."""
    api = get_api(request)
    plan = await api.get(f"/cost-plans/{plan_id}")
    share = await api.get(f"/cost-plans/{plan_id}/allocation/explanation", pool_id=str(pool_id),
                          organisation_id=str(organisation_id))
    pool = next((p for p in plan["pools"] if p["id"] == str(pool_id)), None)
    return render(request, "costs/explanation.html", {"plan": plan, "share": share, "pool": pool}, block="explanation")


@router.get("/plans/{plan_id}/edit", include_in_schema=False)
async def edit_plan(request: Request, plan_id: uuid.UUID) -> Response:
    api = get_api(request)
    plan = await api.get(f"/cost-plans/{plan_id}")
    values = {field: "" if plan.get(field) is None else str(plan[field]) for field in PLAN_FIELDS}
    values["reference_date"] = i18n.format_date(plan["reference_date"])
    values["instalment_dates"] = "\n".join(i18n.format_date(day) for day in plan["instalment_dates"])
    values["lead_organisation_id"] = plan["lead"]["id"] if plan["lead"] else ""
    values["previous_plan_id"] = plan["previous_plan"]["id"] if plan["previous_plan"] else ""
    values["version"] = str(plan["version"])
    chosen = {p["id"] for p in plan["participants"]}
    return render(request, "costs/plan_form.html", await edit_context(api, plan, values, chosen, {}))


async def edit_context(api: ApiClient, plan: dict, values: dict, chosen: set[str], errors: dict,
                       message: str | None = None) -> dict[str, Any]:
    area = await api.get(f"/areas/{plan['area_id']}")
    candidates = {m["organisation"]["id"]: m["organisation"] for m in area["members"]}
    for participant in plan["participants"]:
        candidates.setdefault(participant["id"], participant)
    others = [p for p in await api.get_all("/cost-plans", area_id=plan["area_id"]) if p["id"] != plan["id"]]
    return {
        "plan": plan, "values": values, "errors": errors, "message": message, "statuses": STATUSES,
        "candidates": sorted(candidates.values(), key=lambda o: o["name_fi"]), "chosen": chosen, "others": others,
    }


@router.post("/plans/{plan_id}/edit", include_in_schema=False)
async def update_plan(request: Request, plan_id: uuid.UUID) -> Response:
    form = await request.form()
    values = await form_values(request)
    chosen = {str(value) for value in form.getlist("participant_ids")}
    api = get_api(request)
    payload = plan_payload(values)
    payload["participant_ids"] = sorted(chosen)
    payload["lead_organisation_id"] = values.get("lead_organisation_id") or None
    payload["previous_plan_id"] = values.get("previous_plan_id") or None
    try:
        await api.request("PATCH", f"/cost-plans/{plan_id}", json=payload,
                          headers={"If-Match": f'"{values.get("version", "")}"'})
    except ApiError as error:
        if error.status not in (409, 412, 422, 428):
            raise
        plan = await api.get(f"/cost-plans/{plan_id}")
        message = error.message
        if error.status == 412:
            values["version"] = str(plan["version"])
            message = i18n.gettext("Someone else changed this plan while you were editing. Your changes are kept "
                                   "below: check them and save again.")
        context = await edit_context(api, plan, values, chosen, translated_errors(error), message)
        return render(request, "costs/plan_form.html", context, block="form",
                      status_code=412 if error.status == 412 else 422)
    return redirect_after_post(request, f"/costs/plans/{plan_id}", notice=i18n.gettext("The plan was saved."))


async def refused(request: Request, api: ApiClient, plan_id: uuid.UUID, error: ApiError) -> Response:
    """The plan's page again, saying why the API refused (e.g. an approved plan's budget is locked)."""
    if error.status not in (409, 412, 422, 428):
        raise error
    context = await plan_context(api, plan_id)
    context["message"] = error.message
    return render(request, "costs/plan.html", context, status_code=409 if error.status == 409 else 422)


@router.post("/plans/{plan_id}/delete", include_in_schema=False)
async def delete_plan(request: Request, plan_id: uuid.UUID) -> Response:
    values = await form_values(request)
    api = get_api(request)
    headers = {"If-Match": f'"{values["version"]}"'} if values.get("version") else {}
    try:
        await api.request("DELETE", f"/cost-plans/{plan_id}", headers=headers)
    except ApiError as error:
        return await refused(request, api, plan_id, error)
    return redirect_after_post(request, "/costs", notice=i18n.gettext("The cost plan was deleted."))


async def new_draft(request: Request, plan_id: uuid.UUID, operation: str) -> Response:
    """A new draft the API makes from the plan (`copies` or `revisions`), then its page."""
    api = get_api(request)
    try:
        created = (await api.request("POST", f"/cost-plans/{plan_id}/{operation}", json={})).json()
    except ApiError as error:
        return await refused(request, api, plan_id, error)
    return redirect_after_post(request, f"/costs/plans/{created['id']}", notice=i18n.gettext(
        "Draft plan %(name)s was made; the plan it came from is unchanged.") % {"name": created["name"]})


@router.post("/plans/{plan_id}/copy", include_in_schema=False)
async def copy_plan(request: Request, plan_id: uuid.UUID) -> Response:
    """Next year's draft, as the API copies it."""
    return await new_draft(request, plan_id, "copies")


@router.post("/plans/{plan_id}/revise", include_in_schema=False)
async def revise_plan(request: Request, plan_id: uuid.UUID) -> Response:
    """A change to an approved plan, which the API starts as a new draft from it."""
    return await new_draft(request, plan_id, "revisions")


def editable_pool(pool: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in pool.items() if key not in ("id", "position", "key_description")}


# --- pools -----------------------------------------------------------------------------------------------------


def pool_values(pool: dict[str, Any] | None, participants: list[dict]) -> dict[str, Any]:
    """A saved pool as the form shows it (Finnish decimals, percentages)."""
    if pool is None:
        return {"unit": "eur", "key_kind": "equal", "rounding": "cents", "excess": "share_among_uncapped",
                "takes_part": {p["id"] for p in participants}}
    key = pool["key"]
    values: dict[str, Any] = {
        "name": pool["name"], "description": pool["description"] or "", "unit": pool["unit"],
        "amount": decimal_input(pool["amount"]), "key_kind": key["kind"], "statistic": key.get("statistic", ""),
        "co_financing_percent": percent_input(pool["co_financing_rate"]), "cap": decimal_input(pool["cap"]),
        "excess": pool["excess"], "rounding": pool["rounding"], "actual_amount": decimal_input(pool["actual_amount"]),
    }
    for index, part in enumerate(key.get("parts", [])[:MIX_ROWS]):
        values[f"mix-{index}-weight"] = percent_input(part["weight"])
        values[f"mix-{index}-basis"] = part["key"].get("statistic") or part["key"]["kind"]
    for organisation_id, value in (key.get("percentages") or {}).items():
        values[f"percent-{organisation_id}"] = decimal_input(value)
    ids = {p["id"] for p in participants}
    chosen = set(pool["participant_ids"]) if pool["participant_ids"] is not None else ids
    values["takes_part"] = chosen - set(pool["excluded_ids"])
    return values


def key_from_form(values: dict[str, str], prefix: str = "") -> dict[str, Any]:
    kind = values.get(f"{prefix}key_kind", "equal")
    if kind == "statistic":
        return {"kind": "statistic", "statistic": values.get(f"{prefix}statistic", "").strip().lower()}
    if kind == "mix":
        parts = []
        for index in range(MIX_ROWS):
            weight = parse_percent(values.get(f"{prefix}mix-{index}-weight"))
            if weight is None:
                continue
            basis = values.get(f"{prefix}mix-{index}-basis", "equal") or "equal"
            key = {"kind": "equal"} if basis == "equal" else {"kind": "statistic", "statistic": basis}
            parts.append({"weight": weight, "key": key})
        return {"kind": "mix", "parts": parts}
    if kind == "fixed":
        marker = f"{prefix}percent-"
        return {"kind": "fixed", "percentages": {
            name[len(marker):]: parse_decimal(value) for name, value in values.items()
            if name.startswith(marker) and parse_decimal(value) is not None
        }}
    return {"kind": "equal"}


def pool_payload(values: dict[str, str], takes_part: set[str], participants: list[dict]) -> dict[str, Any]:
    ids = [p["id"] for p in participants]
    return {
        "name": values.get("name", ""),
        "description": values.get("description") or None,
        "unit": values.get("unit", "eur"),
        "amount": parse_decimal(values.get("amount")),
        "key": key_from_form(values),
        "participant_ids": None,
        "excluded_ids": [i for i in ids if i not in takes_part],
        "co_financing_rate": parse_percent(values.get("co_financing_percent")),
        "cap": parse_decimal(values.get("cap")),
        "excess": values.get("excess", "share_among_uncapped"),
        "rounding": values.get("rounding", "cents"),
        "actual_amount": parse_decimal(values.get("actual_amount")),
    }


def pool_errors(error: ApiError) -> dict[str, str]:
    """The API's field names as the form's: key.statistic.statistic → statistic, co_financing_rate → …percent."""
    errors: dict[str, str] = {}
    for field, message in translated_errors(error).items():
        name = field.split(".")[0]
        if field.startswith("key"):
            name = "statistic" if field.endswith("statistic") else "key"
        if name == "co_financing_rate":
            name = "co_financing_percent"
        if name == "excluded_ids":
            name = "takes_part"
        errors.setdefault(name, message)
    return errors


async def pool_context(api: ApiClient, plan: dict, pool: dict | None, values: dict, errors: dict,
                       message: str | None = None) -> dict[str, Any]:
    series = (await api.get("/statistics/series"))["items"]
    return {
        "plan": plan, "pool": pool, "values": values, "errors": errors, "message": message, "units": UNITS,
        "key_kinds": KEY_KINDS, "roundings": ROUNDINGS, "excess_rules": EXCESS_RULES, "mix_rows": range(MIX_ROWS),
        "statistic_names": sorted({s["name"] for s in series}),
    }


@router.get("/plans/{plan_id}/pools/new", include_in_schema=False)
async def new_pool(request: Request, plan_id: uuid.UUID) -> Response:
    api = get_api(request)
    plan = await api.get(f"/cost-plans/{plan_id}")
    return render(request, "costs/pool_form.html",
                  await pool_context(api, plan, None, pool_values(None, plan["participants"]), {}))


@router.get("/plans/{plan_id}/pools/{pool_id}/edit", include_in_schema=False)
async def edit_pool(request: Request, plan_id: uuid.UUID, pool_id: uuid.UUID) -> Response:
    api = get_api(request)
    plan = await api.get(f"/cost-plans/{plan_id}")
    pool = next((p for p in plan["pools"] if p["id"] == str(pool_id)), None)
    if pool is None:
        return render(request, "error.html", {"status": 404, "detail": error_text("request.no_such_path")},
                      status_code=404)
    values = pool_values(pool, plan["participants"])
    values["version"] = str(plan["version"])
    return render(request, "costs/pool_form.html", await pool_context(api, plan, pool, values, {}))


async def save_pool(request: Request, plan_id: uuid.UUID, pool_id: uuid.UUID | None) -> Response:
    form = await request.form()
    values: dict[str, Any] = await form_values(request)
    takes_part = {str(value) for value in form.getlist("takes_part")}
    api = get_api(request)
    plan = await api.get(f"/cost-plans/{plan_id}")
    payload = pool_payload(values, takes_part, plan["participants"])
    version = values.get("version") or str(plan["version"])
    try:
        if pool_id is None:
            await api.request("POST", f"/cost-plans/{plan_id}/pools", json=payload)
        else:
            await api.request("PATCH", f"/cost-plans/{plan_id}/pools/{pool_id}", json=payload,
                              headers={"If-Match": f'"{version}"'})
    except ApiError as error:
        if error.status not in (409, 412, 422, 428):
            raise
        pool = next((p for p in plan["pools"] if p["id"] == str(pool_id)), None)
        message = error.message
        if error.status == 412:
            message = i18n.gettext("Someone else changed this plan while you were editing. Your changes are kept "
                                   "below: check them and save again.")
        values["takes_part"] = takes_part
        values["version"] = str(plan["version"])
        context = await pool_context(api, plan, pool, values, pool_errors(error), message)
        return render(request, "costs/pool_form.html", context, block="form",
                      status_code=412 if error.status == 412 else 422)
    return redirect_after_post(request, f"/costs/plans/{plan_id}#pools", notice=i18n.gettext(
        "Cost pool %(name)s was saved.") % {"name": values.get("name", "")})


@router.post("/plans/{plan_id}/pools/new", include_in_schema=False)
async def create_pool(request: Request, plan_id: uuid.UUID) -> Response:
    return await save_pool(request, plan_id, None)


@router.post("/plans/{plan_id}/pools/{pool_id}/edit", include_in_schema=False)
async def update_pool(request: Request, plan_id: uuid.UUID, pool_id: uuid.UUID) -> Response:
    return await save_pool(request, plan_id, pool_id)


@router.post("/plans/{plan_id}/pools/{pool_id}/delete", include_in_schema=False)
async def delete_pool(request: Request, plan_id: uuid.UUID, pool_id: uuid.UUID) -> Response:
    await get_api(request).request("DELETE", f"/cost-plans/{plan_id}/pools/{pool_id}")
    return redirect_after_post(request, f"/costs/plans/{plan_id}#pools",
                               notice=i18n.gettext("The cost pool was deleted."))

"""A plan's what-if, advance instalments, year-end reconciliation and exports, as the API computes them."""

import json
import uuid
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from web import i18n
from web.client import ApiClient, ApiError, get_api
from web.pages.cost_labels import decimal_input, parse_date, parse_decimal
from web.pages.costs import (
    MIX_ROWS,
    editable_pool,
    key_from_form,
    pool_values,
)
from web.pages.forms import form_values, redirect_after_post, translated_errors
from web.rendering import render

router = APIRouter(prefix="/costs/plans/{plan_id}")

EXPORT_PARTS = ("all", "totals", "allocation", "instalments", "reconciliation")
EXPORT_FORMATS = ("xlsx", "csv")


# --- what-if ---------------------------------------------------------------------------------------------------


def whatif_values(plan: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {"reference_date": i18n.format_date(plan["reference_date"]),
                              "draft_name": f"{plan['name']} – {i18n.gettext('what-if')}"}
    for index, pool in enumerate(plan["pools"]):
        for name, value in pool_values(pool, plan["participants"]).items():
            if name in ("amount", "key_kind", "statistic") or name.startswith("mix-"):
                values[f"pools-{index}-{name}"] = value
        values[f"pools-{index}-base"] = json.dumps(editable_pool(pool) | {"id": pool["id"]}, ensure_ascii=False)
    return values


def whatif_pools(values: dict[str, str], plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The saved pools with the amounts and keys typed over them."""
    pools = []
    for index, saved in enumerate(plan["pools"]):
        try:
            base = json.loads(values.get(f"pools-{index}-base", ""))
        except ValueError:
            base = None
        if not isinstance(base, dict) or not isinstance(base.get("key"), dict):
            base = editable_pool(saved) | {"id": saved["id"]}  # what the page sent back is not a pool: the saved one
        prefix = f"pools-{index}-"
        base["amount"] = parse_decimal(values.get(f"{prefix}amount"))
        kind = values.get(f"{prefix}key_kind", base["key"].get("kind"))
        if kind == "fixed" and base["key"].get("kind") == "fixed":
            pass  # fixed percentages stay as saved; they are changed in the pool's own form
        else:
            base["key"] = key_from_form(values, prefix)
        pools.append(base)
    return pools


def whatif_errors(error: ApiError) -> dict[str, str]:
    """pools.1.amount → pools-1-amount; anything about a key → pools-1-key."""
    errors: dict[str, str] = {}
    for field, message in translated_errors(error).items():
        parts = field.split(".")
        if parts[0] == "pools" and len(parts) >= 3:
            name = "key" if parts[2] == "key" else parts[2]
            errors.setdefault(f"pools-{parts[1]}-{name}", message)
        else:
            errors.setdefault(parts[0], message)
    return errors


async def whatif_context(api: ApiClient, plan: dict, values: dict, **extra: Any) -> dict[str, Any]:
    series = (await api.get("/statistics/series"))["items"]
    return {"plan": plan, "values": values, "errors": {}, "result": None, "mix_rows": range(MIX_ROWS),
            "statistic_names": sorted({s["name"] for s in series}), **extra}


@router.get("/what-if", include_in_schema=False)
async def whatif_form(request: Request, plan_id: uuid.UUID) -> Response:
    api = get_api(request)
    plan = await api.get(f"/cost-plans/{plan_id}")
    return render(request, "costs/whatif.html", await whatif_context(api, plan, whatif_values(plan)))


@router.post("/what-if", include_in_schema=False)
async def whatif_compute(request: Request, plan_id: uuid.UUID) -> Response:
    """Compute (nothing saved), or save the variant as a new draft plan."""
    values = await form_values(request)
    api = get_api(request)
    plan = await api.get(f"/cost-plans/{plan_id}")
    pools = whatif_pools(values, plan)
    reference_date = parse_date(values.get("reference_date")) or plan["reference_date"]
    try:
        if values.get("action") == "save":
            payload = {"year": plan["year"], "name": values.get("draft_name") or None, "reference_date": reference_date,
                       "pools": [{k: v for k, v in p.items() if k != "id"} for p in pools]}
            created = (await api.request("POST", f"/cost-plans/{plan_id}/copies", json=payload)).json()
            return redirect_after_post(request, f"/costs/plans/{created['id']}", notice=i18n.gettext(
                "The variant was saved as draft plan %(name)s.") % {"name": created["name"]})
        result = (await api.request("POST", f"/cost-plans/{plan_id}/what-if",
                                    json={"pools": pools, "reference_date": reference_date})).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        context = await whatif_context(api, plan, values, errors=whatif_errors(error),
                                       message=error.message)
        return render(request, "costs/whatif.html", context, block="whatif", status_code=422)
    context = await whatif_context(api, plan, values, result=result)
    return render(request, "costs/whatif.html", context, block="whatif")


# --- instalments -------------------------------------------------------------------------------------------------


@router.get("/instalments", include_in_schema=False)
async def instalments(request: Request, plan_id: uuid.UUID, dates: str = "") -> Response:
    api = get_api(request)
    plan = await api.get(f"/cost-plans/{plan_id}")
    typed = [line for line in dates.replace(",", "\n").splitlines() if line.strip()][:24]
    params = [("dates", parse_date(line)) for line in typed]
    shown = "\n".join(typed) or "\n".join(i18n.format_date(day) for day in plan["instalment_dates"])
    context: dict[str, Any] = {"plan": plan, "dates": shown, "errors": {}, "result": None, "problem": None}
    try:
        context["result"] = (await api.request("GET", f"/cost-plans/{plan_id}/instalments", params=params)).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        context["problem"] = error.message
        if error.status == 422:
            context["errors"] = {"dates": error.message}
        return render(request, "costs/instalments.html", context, block="schedule", status_code=error.status)
    return render(request, "costs/instalments.html", context, block="schedule")


# --- reconciliation ------------------------------------------------------------------------------------------------


async def reconciliation_context(api: ApiClient, plan_id: uuid.UUID, values: dict | None = None,
                                 **extra: Any) -> dict[str, Any]:
    plan = await api.get(f"/cost-plans/{plan_id}")
    context: dict[str, Any] = {"plan": plan, "result": None, "problem": None, "errors": {}, **extra}
    try:
        context["result"] = await api.get(f"/cost-plans/{plan_id}/reconciliation")
    except ApiError as error:
        if error.status != 409:
            raise
        context["problem"] = error.message
    if values is None:
        values = {f"actual-{pool['id']}": decimal_input(pool["actual_amount"]) for pool in plan["pools"]}
        values["version"] = str(plan["version"])
    context["values"] = values
    return context


@router.get("/reconciliation", include_in_schema=False)
async def reconciliation(request: Request, plan_id: uuid.UUID) -> Response:
    context = await reconciliation_context(get_api(request), plan_id)
    return render(request, "costs/reconciliation.html", context, block="reconciliation")


@router.post("/reconciliation", include_in_schema=False)
async def record_actual_costs(request: Request, plan_id: uuid.UUID) -> Response:
    values = await form_values(request)
    api = get_api(request)
    plan = await api.get(f"/cost-plans/{plan_id}")
    costs = [{"pool_id": pool["id"], "amount": parse_decimal(values.get(f"actual-{pool['id']}"))}
             for pool in plan["pools"]]
    try:
        await api.request("PUT", f"/cost-plans/{plan_id}/actual-costs", json={"actual_costs": costs},
                          headers={"If-Match": f'"{values.get("version", "")}"'})
    except ApiError as error:
        if error.status not in (409, 412, 422, 428):
            raise
        errors = {}
        for field, message in translated_errors(error).items():
            parts = field.split(".")
            if parts[0] == "actual_costs" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(costs):
                errors[f"actual-{costs[int(parts[1])]['pool_id']}"] = message
        message = error.message
        if error.status == 412:
            values["version"] = str(plan["version"])
            message = i18n.gettext("Someone else changed this plan while you were editing. Your changes are kept "
                                   "below: check them and save again.")
        context = await reconciliation_context(api, plan_id, values, errors=errors, message=message)
        return render(request, "costs/reconciliation.html", context, block="reconciliation",
                      status_code=412 if error.status == 412 else 422)
    if request.headers.get("hx-request") == "true":
        context = await reconciliation_context(api, plan_id, notice=i18n.gettext("Actual costs saved."))
        return render(request, "costs/reconciliation.html", context, block="reconciliation")
    return redirect_after_post(request, f"/costs/plans/{plan_id}/reconciliation",
                               notice=i18n.gettext("Actual costs saved."))


# --- exports -----------------------------------------------------------------------------------------------------


@router.get("/export", include_in_schema=False)
async def export(request: Request, plan_id: uuid.UUID, part: str = Query("all"), format: str = Query("xlsx")) -> Response:
    """The API's file, passed on as a download (headings in the page's language)."""
    language = i18n.current_language.get()
    params = {"part": part if part in EXPORT_PARTS else "all", "format": format if format in EXPORT_FORMATS else "xlsx",
              "language": language}
    response = await get_api(request).request("GET", f"/cost-plans/{plan_id}/export", params=params)
    return Response(response.content, media_type=response.headers["content-type"],
                    headers={"Content-Disposition": response.headers.get("content-disposition", "attachment")})

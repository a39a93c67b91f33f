"""People and their roles, managed by the installation's administrators."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web import i18n
from web.client import ApiClient, ApiError, get_api
from web.pages.agreements import uuid_or_empty
from web.pages.forms import form_values, redirect_after_post, translated_errors
from web.pages.sorting import sorting_of
from web.rendering import render

router = APIRouter(prefix="/users")

ROLES = ("area_admin", "coordinator", "finance", "viewer")


async def choices(api: ApiClient) -> dict:
    return {
        "organisations": await api.get_all("/organisations"),
        "areas": await api.get_all("/areas"),
        "roles": ROLES,
    }


@router.get("", include_in_schema=False)
async def list_users(request: Request, area_id: str = "") -> Response:
    api = get_api(request)
    filters = {"area_id": uuid_or_empty(area_id)}
    sorting = await sorting_of(api, request, "/users", filters)
    users = await api.get_all("/users", **filters, **sorting.params)
    context = await choices(api)
    names = {o["id"]: o["name_fi"] for o in context["organisations"]}
    areas = {a["id"]: a["name"] for a in context["areas"]}
    return render(request, "users/list.html", {"users": users, "organisation_names": names, "area_names": areas,
                                               "sorting": sorting}, block="results")


@router.get("/new", include_in_schema=False)
async def new_user(request: Request) -> Response:
    context = await choices(get_api(request))
    return render(request, "users/form.html", {**context, "values": {}, "errors": {}})


@router.post("/new", include_in_schema=False)
async def create_user(request: Request) -> Response:
    form = await request.form()
    values = {key: str(form.get(key, "")).strip() for key in ("email", "name", "organisation_id", "password", "area_id", "role")}
    api = get_api(request)
    payload = {
        "email": values["email"], "name": values["name"], "organisation_id": values["organisation_id"] or None,
        "password": values["password"], "is_admin": form.get("is_admin") == "on",
        "roles": [{"area_id": values["area_id"], "role": values["role"]}] if values["area_id"] and values["role"] else [],
    }
    try:
        created = (await api.request("POST", "/users", json=payload)).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        context = await choices(api)
        values["password"] = ""
        return render(request, "users/form.html", {**context, "values": values, "errors": translated_errors(error),
                                                   "message": i18n.gettext("Check the marked fields.")},
                      block="form", status_code=422)
    return redirect_after_post(request, "/users", notice=i18n.gettext("%(name)s was added and can now log in.")
                               % {"name": created.get("name") or created["email"]})


@router.post("/{user_id}/roles", include_in_schema=False)
async def change_roles(request: Request, user_id: uuid.UUID) -> Response:
    """Add a role (area and role) or remove one (remove=area_id:role); the rest stay."""
    values = await form_values(request)
    api = get_api(request)
    user = await api.get(f"/users/{user_id}")
    roles = [{"area_id": r["area_id"], "role": r["role"]} for r in user["roles"]]
    if values.get("remove"):
        area_id, _, role = values["remove"].partition(":")
        roles = [r for r in roles if not (r["area_id"] == area_id and r["role"] == role)]
    elif values.get("area_id") and values.get("role"):
        roles.append({"area_id": values["area_id"], "role": values["role"]})
    await api.request("PATCH", f"/users/{user_id}", json={"roles": roles}, headers={"If-Match": f'"{user["version"]}"'})
    return redirect_after_post(request, "/users", notice=i18n.gettext("The roles of %(name)s were changed.")
                               % {"name": user.get("name") or user["email"]})


@router.post("/{user_id}/active", include_in_schema=False)
async def set_active(request: Request, user_id: uuid.UUID) -> Response:
    values = await form_values(request)
    api = get_api(request)
    user = await api.get(f"/users/{user_id}")
    active = values.get("active") == "true"
    await api.request("PATCH", f"/users/{user_id}", json={"is_active": active},
                      headers={"If-Match": f'"{user["version"]}"'})
    notice = (i18n.gettext("%(name)s can log in again.") if active
              else i18n.gettext("%(name)s can no longer log in."))
    return redirect_after_post(request, "/users", notice=notice % {"name": user.get("name") or user["email"]})

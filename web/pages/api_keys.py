"""An area's API keys: created by its admins for systems, shown once, revocable."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web import i18n
from web.client import ApiError, get_api
from web.pages.forms import translated_errors
from web.pages.sorting import sorting_of
from web.rendering import render

router = APIRouter(prefix="/areas/{area_id}/api-keys")

SCOPES = ("read", "write", "finance")


async def keys_context(request: Request, area_id: uuid.UUID) -> dict:
    """The area, its keys in the order the reader chose (the actions post to an address that keeps it)."""
    api = get_api(request)
    sorting = await sorting_of(api, request, "/areas/{area_id}/api-keys", page_path=f"/areas/{area_id}/api-keys")
    return {
        "area": await api.get(f"/areas/{area_id}"),
        "keys": await api.get(f"/areas/{area_id}/api-keys", **sorting.params),
        "scopes": SCOPES,
        "values": {},
        "errors": {},
        "sorting": sorting,
    }


@router.get("", include_in_schema=False)
async def list_keys(request: Request, area_id: uuid.UUID) -> Response:
    return render(request, "areas/api_keys.html", await keys_context(request, area_id), block="keys")


@router.post("", include_in_schema=False)
async def create_key(request: Request, area_id: uuid.UUID) -> Response:
    form = await request.form()
    name = str(form.get("name", "")).strip()
    scopes = [scope for scope in form.getlist("scopes") if scope in SCOPES]
    try:
        created = (await get_api(request).request(
            "POST", f"/areas/{area_id}/api-keys", json={"name": name, "scopes": scopes}
        )).json()
    except ApiError as error:
        if error.status != 422:
            raise
        context = await keys_context(request, area_id)
        context.update(values={"name": name, "scopes": scopes}, errors=translated_errors(error),
                       message=i18n.gettext("Give the key a name and at least one scope."))
        return render(request, "areas/api_keys.html", context, block="keys", status_code=422)
    context = await keys_context(request, area_id)
    context["created"] = created
    return render(request, "areas/api_keys.html", context, block="keys")


@router.post("/{key_id}/revoke", include_in_schema=False)
async def revoke_key(request: Request, area_id: uuid.UUID, key_id: uuid.UUID) -> Response:
    await get_api(request).request("DELETE", f"/areas/{area_id}/api-keys/{key_id}")
    context = await keys_context(request, area_id)
    context["notice"] = i18n.gettext("The key was revoked; it stopped working at once.")
    return render(request, "areas/api_keys.html", context, block="keys")

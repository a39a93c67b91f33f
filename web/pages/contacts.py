"""The directory of contact persons (yhteyshenkilöt) in the pages, who is responsible for a duty, and the mail the
service sent (development mail is read here where no SMTP server is set)."""

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web import i18n
from web.client import ApiError, get_api
from web.pages.forms import form_values, redirect_after_post, summary_message, translated_errors
from web.pages.obligations import an_id
from web.pages.sorting import sorting_of
from web.rendering import render, templates

router = APIRouter()
LANGUAGES = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": i18n.N_("Finnish"), "sv": i18n.N_("Swedish"), "en": i18n.N_("English")}


def language_name(code: str) -> str:
    return i18n.gettext(LANGUAGE_NAMES.get(code, code))


templates.env.globals["language_name"] = language_name


async def directory(request: Request, area_id: str, values: dict[str, str] | None = None,
                    errors: dict[str, str] | None = None, message: str | None = None, status_code: int = 200
                    ) -> Response:
    api = get_api(request)
    area_id = an_id(area_id)
    areas = await api.get_all("/areas")
    area_id = area_id or (areas[0]["id"] if areas else "")
    sorting = await sorting_of(api, request, "/contacts", {"area_id": area_id} if area_id else {}, page_path="/contacts")
    page = (await api.get("/contacts", limit=200, area_id=area_id, **sorting.params) if area_id
            else {"items": [], "next_cursor": None})
    members = (await api.get(f"/areas/{area_id}"))["members"] if area_id else []
    return render(request, "contacts/list.html", {
        "page": page, "areas": areas, "area_id": area_id, "members": members, "reminder_languages": LANGUAGES,
        "values": values or {"language": "fi"}, "errors": errors or {}, "message": message, "sorting": sorting,
    }, block="results", status_code=status_code)


@router.get("/contacts", include_in_schema=False)
async def list_contacts(request: Request, area_id: str = "") -> Response:
    return await directory(request, area_id)


@router.post("/contacts", include_in_schema=False)
async def add_contact(request: Request) -> Response:
    values = await form_values(request)
    payload: dict[str, Any] = {field: values.get(field) or None for field in ("organisation_id", "name", "title",
                                                                              "email", "phone")}
    payload["language"] = values.get("language") or "fi"
    try:
        created = (await get_api(request).request("POST", "/contacts", json=payload)).json()
    except ApiError as error:
        if error.status not in (403, 409, 422):
            raise
        return await directory(request, values.get("area_id", ""), values, translated_errors(error),
                               summary_message(error), status_code=error.status)
    return redirect_after_post(request, f"/contacts?area_id={values.get('area_id', '')}#contacts-heading",
                               notice=i18n.gettext("%(name)s was added to the contact persons.") % {
                                   "name": created["name"]})


@router.post("/contacts/{contact_id}/delete", include_in_schema=False)
async def delete_contact(request: Request, contact_id: uuid.UUID) -> Response:
    values = await form_values(request)
    api = get_api(request)
    contact = await api.get(f"/contacts/{contact_id}")
    await api.request("DELETE", f"/contacts/{contact_id}", headers={"If-Match": f'"{values.get("version", "")}"'})
    return redirect_after_post(request, f"/contacts?area_id={values.get('area_id', '')}#contacts-heading",
                               notice=i18n.gettext("%(name)s was removed from the contact persons.") % {
                                   "name": contact["name"]})


@router.post("/obligations/{obligation_id}/responsibles/{organisation_id}", include_in_schema=False)
async def set_responsibles(request: Request, obligation_id: uuid.UUID, organisation_id: uuid.UUID) -> Response:
    form = await request.form()
    chosen = [value for value in form.getlist("contact_ids") if isinstance(value, str)]
    await get_api(request).request("PUT", f"/obligations/{obligation_id}/responsibles/{organisation_id}",
                                   json={"contact_ids": chosen})
    back = str(form.get("next") or "/obligations")
    return redirect_after_post(request, (back if back.startswith("/obligations/") else "/obligations") + "#responsibles",
                               notice=i18n.ngettext("%(num)d person is responsible for the duty.",
                                                    "%(num)d persons are responsible for the duty.", len(chosen))
                               % {"num": len(chosen)})


@router.get("/mail", include_in_schema=False)
async def mail(request: Request, cursor: str = "") -> Response:
    page = await get_api(request).get("/mail", limit=50, cursor=cursor or None)
    return render(request, "contacts/mail.html", {"page": page})

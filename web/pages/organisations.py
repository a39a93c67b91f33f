import uuid

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from web import i18n
from web.client import ApiError, get_api
from web.labels import organisation_name
from web.pages.csv_import import preview_or_apply
from web.pages.forms import (
    form_values,
    payload_from,
    redirect_after_post,
    summary_message,
    translated_errors,
)
from web.pages.history import change_history
from web.pages.sorting import sorting_of
from web.rendering import render

router = APIRouter(prefix="/organisations")

KINDS = (
    "municipality", "state_agency", "wellbeing_services_county", "education_provider", "association", "company", "other",
)
FIELDS = (
    "kind", "name_fi", "name_sv", "municipality_code", "business_id", "street_address", "postal_code",
    "post_office", "region", "wellbeing_county", "population",
)


@router.get("", include_in_schema=False)
async def list_organisations(
    request: Request, q: str = "", kind: str = "", region: str = "", cursor: str = ""
) -> Response:
    api = get_api(request)
    filters = {"q": q[:200], "kind": kind if kind in KINDS else "", "region": region[:100]}
    sorting = await sorting_of(api, request, "/organisations", filters)
    page = await api.get("/organisations", limit=50, cursor=cursor or None, **filters, **sorting.params)
    return render(
        request,
        "organisations/list.html",
        {"page": page, "filters": filters, "kinds": KINDS, "sorting": sorting},
        block="results",
    )


@router.get("/new", include_in_schema=False)
async def new_organisation(request: Request) -> Response:
    return render(request, "organisations/form.html", {"values": {"kind": "municipality"}, "errors": {}, "kinds": KINDS})


@router.post("/new", include_in_schema=False)
async def create_organisation(request: Request) -> Response:
    values = await form_values(request)
    try:
        created = (await get_api(request).request(
            "POST", "/organisations", json=payload_from(values, FIELDS, integers=("population",))
        )).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        return render(
            request, "organisations/form.html",
            {"values": values, "errors": translated_errors(error), "kinds": KINDS, "message": summary_message(error)},
            block="form", status_code=422,
        )
    return redirect_after_post(request, f"/organisations/{created['id']}", notice=i18n.gettext(
        "Organisation %(name)s was created.") % {"name": organisation_name(created)})


@router.get("/import", include_in_schema=False)
async def import_form(request: Request) -> Response:
    return render(request, "organisations/import.html", {"report": None})


@router.post("/import", include_in_schema=False)
async def import_preview_or_apply(
    request: Request,
    file: UploadFile | None = File(None),
    content: str = Form(""),
    filename: str = Form(""),
    apply: str = Form(""),
) -> Response:
    """First a preview of the uploaded file; the preview page sends the same bytes back to apply them."""
    return await preview_or_apply(request, api_path="/organisations/imports", template="organisations/import.html",
                                  file=file, content=content,
                                  filename=filename, apply=apply)


@router.get("/{organisation_id}", include_in_schema=False)
async def show_organisation(request: Request, organisation_id: uuid.UUID) -> Response:
    api = get_api(request)
    organisation = await api.get(f"/organisations/{organisation_id}")
    areas = await api.get_all("/areas", organisation_id=str(organisation_id))
    history = await change_history(api, str(organisation_id))
    return render(request, "organisations/show.html", {"organisation": organisation, "areas": areas, "history": history})


@router.get("/{organisation_id}/edit", include_in_schema=False)
async def edit_organisation(request: Request, organisation_id: uuid.UUID) -> Response:
    organisation = await get_api(request).get(f"/organisations/{organisation_id}")
    values = {field: "" if organisation.get(field) is None else str(organisation[field]) for field in FIELDS}
    values["version"] = str(organisation["version"])
    return render(
        request, "organisations/form.html",
        {"organisation": organisation, "values": values, "errors": {}, "kinds": KINDS},
    )


@router.post("/{organisation_id}/edit", include_in_schema=False)
async def update_organisation(request: Request, organisation_id: uuid.UUID) -> Response:
    values = await form_values(request)
    api = get_api(request)
    try:
        await api.request(
            "PATCH", f"/organisations/{organisation_id}",
            json=payload_from(values, FIELDS, integers=("population",)),
            headers={"If-Match": f'"{values.get("version", "")}"'},
        )
    except ApiError as error:
        if error.status not in (409, 412, 422, 428):
            raise
        organisation = await api.get(f"/organisations/{organisation_id}")
        message = summary_message(error)
        if error.status == 412:
            # Keep what the person typed; the next save knowingly replaces the newer version.
            values["version"] = str(organisation["version"])
            message = i18n.gettext(
                "Someone else changed this organisation while you were editing. Your changes are kept below: "
                "check them and save again."
            )
        return render(
            request, "organisations/form.html",
            {"organisation": organisation, "values": values, "errors": translated_errors(error),
             "kinds": KINDS, "message": message},
            block="form", status_code=422 if error.status != 412 else 412,
        )
    return redirect_after_post(request, f"/organisations/{organisation_id}",
                               notice=i18n.gettext("The changes were saved."))


@router.post("/{organisation_id}/delete", include_in_schema=False)
async def delete_organisation(request: Request, organisation_id: uuid.UUID) -> Response:
    api = get_api(request)
    try:
        await api.request("DELETE", f"/organisations/{organisation_id}")
    except ApiError as error:
        if error.status != 409:
            raise
        organisation = await api.get(f"/organisations/{organisation_id}")
        areas = await api.get_all("/areas", organisation_id=str(organisation_id))
        return render(
            request, "organisations/show.html",
            {"organisation": organisation, "areas": areas,
             "message": i18n.gettext("This organisation cannot be deleted while areas refer to it.")},
            status_code=409,
        )
    return redirect_after_post(request, "/organisations", notice=i18n.gettext("The organisation was deleted."))

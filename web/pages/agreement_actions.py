"""Agreement pages that change things: import with preview, decisions inline in the matrix, sending a draft,
amending, editing a draft, and notices. Every change goes through the JSON API."""

import base64
import binascii
import uuid
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from api.settings import get_settings
from web import i18n
from web.client import ApiClient, ApiError, get_api
from web.error_texts import error_text
from web.labels import organisation_name
from web.pages.agreements import (
    BODIES,
    KINDS,
    OUTCOMES,
    agreement_context,
    draft_values,
    parse_on,
    party_candidates,
    party_payload,
)
from web.pages.forms import (
    form_values,
    integer_or_text,
    redirect_after_post,
    summary_message,
    translated_errors,
)
from web.rendering import render

router = APIRouter()


def upload_limit_bytes() -> int:
    """The API refuses a larger file; reading more than one byte beyond is never needed."""
    return get_settings().upload_max_mb * 2**20


RULES = ("all_parties_approve", "fixed_date", "on_signature")


def checked(form: Any, name: str) -> list[str]:
    return [value for value in form.getlist(name) if isinstance(value, str) and value]


# --- import -----------------------------------------------------------------------------------------------


async def import_step_one(request: Request, api: ApiClient, *, message: str | None = None, values: dict | None = None,
                          status_code: int = 200) -> Response:
    areas = await api.get_all("/areas")
    return render(request, "agreements/import.html",
                  {"areas": areas, "values": values or {}, "message": message, "preview": None},
                  status_code=status_code)


@router.get("/agreements/import", include_in_schema=False)
async def import_form(request: Request, area_id: str = "") -> Response:
    return await import_step_one(request, get_api(request), values={"area_id": area_id})


async def preview_of(api: ApiClient, data: bytes, filename: str, area_id: str) -> dict[str, Any]:
    fields = {"area_id": area_id} if area_id else {}
    if filename:
        files = {"file": (filename, data, "application/octet-stream")}
        return (await api.request("POST", "/agreements/import-preview", files=files, data=fields)).json()
    return (await api.request("POST", "/agreements/import-preview",
                              data={"text": data.decode("utf-8"), **fields})).json()


async def preview_context(api: ApiClient, area_id: str, preview: dict[str, Any], content: str, filename: str,
                          values: dict[str, Any]) -> dict[str, Any]:
    area = await api.get(f"/areas/{area_id}")
    members = sorted((m["organisation"] for m in area["members"]), key=lambda o: o["name_fi"])
    proposed_parties = preview.get("proposed_party_ids") or []
    lead = area["lead"]["id"]
    defaults = {
        "title": preview.get("title") or "", "kind": "cooperation_agreement", "rule": "all_parties_approve",
        "notice_months": str(preview.get("proposed_notice_months") or ""),
        "effective_date": preview.get("proposed_effective_date") or "",
        "lead": lead if not proposed_parties or lead in proposed_parties else proposed_parties[0],
        "parties": proposed_parties or [o["id"] for o in members],
    }
    proposed = bool(proposed_parties or preview.get("proposed_notice_months") or preview.get("proposed_effective_date"))
    return {
        "preview": preview, "area": area, "members": members, "content": content, "filename": filename,
        "values": {**defaults, **values}, "kinds": KINDS, "rules": RULES, "errors": {},
        "proposed": proposed and not values,
    }


@router.post("/agreements/import", include_in_schema=False)
async def import_preview(request: Request, file: UploadFile | None = File(None), text: str = Form(""),
                         area_id: str = Form("")) -> Response:
    """Step 1 → 2: read the text into sections and show them, with the agreement's details to fill in."""
    api = get_api(request)
    values = {"area_id": area_id, "text": text}
    filename = ""
    if file is not None and file.filename:
        data = await file.read(upload_limit_bytes() + 1)
        filename = file.filename
    else:
        data = text.encode("utf-8")
    if not area_id:
        return await import_step_one(request, api, message=i18n.gettext("Choose the area the agreement belongs to."),
                                     values=values, status_code=422)
    if not data.strip():
        return await import_step_one(request, api, message=i18n.gettext("Choose a file or paste the text."),
                                     values=values, status_code=422)
    if len(data) > upload_limit_bytes():
        return await import_step_one(request, api, values=values, status_code=413,
                                     message=error_text("upload.too_large", {"limit_mb": get_settings().upload_max_mb}))
    try:
        preview = await preview_of(api, data, filename, area_id)
        context = await preview_context(api, area_id, preview, base64.b64encode(data).decode(), filename, {})
    except ApiError as error:
        if error.status not in (404, 413, 415, 422):
            raise
        return await import_step_one(request, api, message=error.message, values=values,
                                     status_code=422)
    return render(request, "agreements/import.html", context)


@router.post("/agreements/import/save", include_in_schema=False)
async def import_save(request: Request) -> Response:
    """Step 2 → the agreement: the same bytes are read again, and the agreement is created with its parties."""
    form = await request.form()
    values: dict[str, Any] = {key: value.strip() for key, value in form.items() if isinstance(value, str)}
    values["parties"] = checked(form, "parties")
    api = get_api(request)
    area_id, filename = values.get("area_id", ""), values.get("filename", "")
    try:
        data = base64.b64decode(values.get("content", "").encode(), validate=True)
    except (binascii.Error, ValueError):
        data = b""
    if not data or not area_id:
        return await import_step_one(request, api, message=i18n.gettext("Choose a file or paste the text."),
                                     values={"area_id": area_id}, status_code=422)
    preview = await preview_of(api, data, filename, "")
    parties = party_payload(values["parties"], values.get("lead", ""))
    payload = {
        "area_id": area_id, "title": values.get("title") or None, "kind": values.get("kind") or None,
        "rule": values.get("rule") or "all_parties_approve", "effective_date": values.get("effective_date") or None,
        "notice_months": integer_or_text(values.get("notice_months", "")), "parties": parties,
        "preamble": preview["preamble"], "sections": preview["sections"],
    }
    try:
        created = (await api.request("POST", "/agreements", json=payload)).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        context = await preview_context(api, area_id, preview, values.get("content", ""), filename, values)
        context["errors"] = translated_errors(error)
        context["message"] = i18n.gettext("Check the marked fields.")
        return render(request, "agreements/import.html", context, block="details", status_code=422)
    return redirect_after_post(request, f"/agreements/{created['id']}", notice=i18n.ngettext(
        "Agreement %(title)s was created with %(num)d party.", "Agreement %(title)s was created with %(num)d parties.",
        len(parties)) % {"title": created["title"], "num": len(parties)})


# --- decisions, inline in the matrix ---------------------------------------------------------------------------


async def matrix_response(request: Request, agreement_id: uuid.UUID, *, form: dict | None = None,
                          values: dict | None = None, errors: dict | None = None, message: str | None = None,
                          notice: str | None = None, status_code: int = 200) -> Response:
    on = parse_on(values.get("on") if values else None)
    context = await agreement_context(get_api(request), request, str(agreement_id), on)
    context.update({"form": form, "values": values or {}, "errors": errors or {}, "message": message,
                    "notice": notice})
    return render(request, "agreements/show.html", context, block="matrix", status_code=status_code)


@router.get("/agreements/{agreement_id}/decisions/new", include_in_schema=False)
async def new_decision(request: Request, agreement_id: uuid.UUID, version_id: str = "", organisation_id: str = ""
                       ) -> Response:
    form = {"version_id": version_id, "organisation_id": organisation_id}
    values = {"body": "municipal_board", "outcome": "approved", **form}
    return await matrix_response(request, agreement_id, form=form, values=values)


@router.post("/agreements/{agreement_id}/decisions", include_in_schema=False)
async def record_decision(request: Request, agreement_id: uuid.UUID) -> Response:
    values = await form_values(request)
    payload: dict[str, object] = {
        field: values.get(field) or None
        for field in ("organisation_id", "version_id", "body", "body_name", "meeting_date", "case_number", "outcome",
                      "decision_text", "proposal", "commitment_cap", "commitment_note")
    }
    payload["section"] = integer_or_text(values.get("section", ""))
    try:
        await get_api(request).request("POST", "/decisions", json=payload)
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        form = {"version_id": values.get("version_id", ""), "organisation_id": values.get("organisation_id", "")}
        return await matrix_response(request, agreement_id, form=form, values=values,
                                     errors=translated_errors(error), message=error.message,
                                     status_code=422)
    if request.headers.get("hx-request") == "true":
        return await matrix_response(request, agreement_id, notice=i18n.gettext("The decision was recorded."))
    return redirect_after_post(request, f"/agreements/{agreement_id}#matrix",
                               notice=i18n.gettext("The decision was recorded."))


# --- sending, amending, editing a draft ---------------------------------------------------------------------------


async def version_page(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID, *, message: str,
                       values: dict | None = None, errors: dict | None = None, status_code: int) -> Response:
    api = get_api(request)
    version = await api.get(f"/agreements/{agreement_id}/versions/{version_id}")
    agreement = await api.get(f"/agreements/{agreement_id}")
    context: dict[str, Any] = {"version": version, "agreement": agreement, "on": None, "errors": errors or {},
                               "message": message}
    if "edit" in version["allowed_actions"]:
        context["values"] = values or draft_values(version)
        context["candidates"] = await party_candidates(api, version)
    return render(request, "agreements/version.html", context, status_code=status_code)


@router.post("/agreements/{agreement_id}/versions/{version_id}/send", include_in_schema=False)
async def send_version(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID) -> Response:
    values = await form_values(request)
    try:
        sent = (await get_api(request).request(
            "POST", f"/agreements/{agreement_id}/versions/{version_id}/send",
            json={"sent_on": values.get("sent_on") or None}, headers={"If-Match": f'"{values.get("version", "")}"'},
        )).json()
    except ApiError as error:
        if error.status not in (409, 412, 422, 428):
            raise
        return await version_page(request, agreement_id, version_id, message=error.message,
                                  status_code=error.status if error.status in (409, 412) else 422)
    return redirect_after_post(request, f"/agreements/{agreement_id}#matrix", notice=i18n.gettext(
        "Version %(number)s was sent to the parties on %(date)s; their decisions can now be recorded.")
        % {"number": sent["number"], "date": i18n.format_date(sent["sent_on"])})


@router.post("/agreements/{agreement_id}/amend", include_in_schema=False)
async def start_amendment(request: Request, agreement_id: uuid.UUID) -> Response:
    values = await form_values(request)
    api = get_api(request)
    try:
        created = (await api.request("POST", f"/agreements/{agreement_id}/versions",
                                     json={"reasons": values.get("reasons", "")})).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        context = await agreement_context(api, request, str(agreement_id), None)
        context["message"] = error.message
        return render(request, "agreements/show.html", context, status_code=409)
    return redirect_after_post(request, f"/agreements/{agreement_id}/versions/{created['id']}", notice=i18n.gettext(
        "Draft version %(number)s was started from the version in force.") % {"number": created["number"]})


@router.post("/agreements/{agreement_id}/versions/{version_id}/edit", include_in_schema=False)
async def edit_draft(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID) -> Response:
    form = await request.form()
    values: dict[str, Any] = {key: value.strip() for key, value in form.items() if isinstance(value, str)}
    values["parties"] = checked(form, "parties")
    api = get_api(request)
    current = await api.get(f"/agreements/{agreement_id}/versions/{version_id}")
    roles = {p["organisation"]["id"]: p["role"] for p in current["parties"]}
    payload: dict[str, Any] = {
        "title": values.get("title") or None, "reasons": values.get("reasons", ""),
        "effective_date": values.get("effective_date") or None, "rule": values.get("rule") or None,
        "notice_months": integer_or_text(values.get("notice_months", "")),
        "parties": party_payload(values["parties"], values.get("lead", ""), roles),
    }
    if "text" in values:
        payload["text"] = values["text"]  # the API reads it into the preamble and sections
    try:
        await api.request("PATCH", f"/agreements/{agreement_id}/versions/{version_id}", json=payload,
                          headers={"If-Match": f'"{values.get("version", "")}"'})
    except ApiError as error:
        if error.status not in (409, 412, 422, 428):
            raise
        message = error.message
        if error.status == 412:
            current = await api.get(f"/agreements/{agreement_id}/versions/{version_id}")
            values["version"] = str(current["version"])
            message = i18n.gettext("Someone else changed this draft while you were editing. Your changes are kept "
                                   "below: check them and save again.")
        return await version_page(request, agreement_id, version_id, message=message, values=values,
                                  errors=draft_errors(error), status_code=412 if error.status == 412 else 422)
    return redirect_after_post(request, f"/agreements/{agreement_id}/versions/{version_id}",
                               notice=i18n.gettext("The draft was saved."))


def draft_errors(error: ApiError) -> dict[str, str]:
    """What the API says about the sections read from the text (sections.3.title …) goes beside the text."""
    errors: dict[str, str] = {}
    for field, message in translated_errors(error).items():
        errors.setdefault("text" if field.split(".")[0] in ("text", "sections", "preamble") else field, message)
    return errors


@router.post("/agreements/{agreement_id}/versions/{version_id}/annexes", include_in_schema=False)
async def add_annex(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID,
                    file: UploadFile | None = File(None), title: str = Form(""), url: str = Form("")) -> Response:
    """An annex of a draft: an uploaded file, or a link to where the annex is kept."""
    api = get_api(request)
    base = f"/agreements/{agreement_id}/versions/{version_id}/annexes"
    try:
        if file is not None and file.filename:
            content = await file.read(upload_limit_bytes() + 1)
            await api.request("POST", f"{base}/files", data={"title": title.strip()},
                              files={"file": (file.filename, content, file.content_type or "application/octet-stream")})
        else:
            await api.request("POST", base, json={"title": title.strip() or None, "url": url.strip() or None})
    except ApiError as error:
        if error.status not in (409, 413, 422):
            raise
        errors = translated_errors(error)
        errors = {("annex_" + key): value for key, value in errors.items()}
        return await version_page(request, agreement_id, version_id, message=error.message,
                                  errors=errors, status_code=422)
    return redirect_after_post(request, f"/agreements/{agreement_id}/versions/{version_id}#annexes-heading",
                               notice=i18n.gettext("The annex was added."))


@router.post("/agreements/{agreement_id}/versions/{version_id}/delete", include_in_schema=False)
async def delete_draft(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID) -> Response:
    try:
        await get_api(request).request("DELETE", f"/agreements/{agreement_id}/versions/{version_id}")
    except ApiError as error:
        if error.status != 409:
            raise
        return await version_page(request, agreement_id, version_id, message=error.message,
                                  status_code=409)
    return redirect_after_post(request, f"/agreements/{agreement_id}",
                               notice=i18n.gettext("The draft version was deleted."))


# --- notices -----------------------------------------------------------------------------------------------------


@router.post("/agreements/{agreement_id}/notices", include_in_schema=False)
async def give_notice(request: Request, agreement_id: uuid.UUID) -> Response:
    values = await form_values(request)
    api = get_api(request)
    payload = {"organisation_id": values.get("organisation_id") or None, "given_on": values.get("given_on") or None,
               "note": values.get("note") or None}
    confirmed = values.get("confirmed") == "true"
    try:
        if not confirmed:  # a notice has legal weight: its consequence is shown to confirm first
            preview = (await api.request("POST", f"/agreements/{agreement_id}/notices/preview", json=payload)).json()
            context = await agreement_context(api, request, str(agreement_id), None)
            context.update({"notice_values": values, "notice_preview": preview})
            return render(request, "agreements/show.html", context, block="notices")
        agreement = (await api.request("POST", f"/agreements/{agreement_id}/notices", json=payload)).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        context = await agreement_context(api, request, str(agreement_id), None)
        context.update({"notice_values": values, "notice_errors": translated_errors(error),
                        "notice_message": error.message})
        return render(request, "agreements/show.html", context, block="notices", status_code=422)
    notice = next(n for n in agreement["notices"] if n["organisation"]["id"] == payload["organisation_id"])
    party = organisation_name(notice["organisation"])
    return redirect_after_post(request, f"/agreements/{agreement_id}#notices", notice=i18n.gettext(
        "Notice recorded: %(party)s is a party until %(date)s.")
        % {"party": party, "date": i18n.format_date(notice["ends_on"])})


@router.post("/agreements/{agreement_id}/notices/{notice_id}/withdraw", include_in_schema=False)
async def withdraw_notice(request: Request, agreement_id: uuid.UUID, notice_id: uuid.UUID) -> Response:
    await get_api(request).request("DELETE", f"/agreements/{agreement_id}/notices/{notice_id}")
    return redirect_after_post(request, f"/agreements/{agreement_id}#notices",
                               notice=i18n.gettext("The notice was withdrawn; the party stays a party."))


__all__ = ["BODIES", "OUTCOMES", "router"]


@router.post("/agreements/{agreement_id}/versions/{version_id}/signatures", include_in_schema=False)
async def record_signature(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID) -> Response:
    """For the rule "on signature": a party's signature with its date."""
    values = await form_values(request)
    api = get_api(request)
    payload = {"organisation_id": values.get("organisation_id") or None, "signed_on": values.get("signed_on") or None}
    try:
        signed = (await api.request("POST", f"/agreements/{agreement_id}/versions/{version_id}/signatures",
                                    json=payload)).json()
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        version = await api.get(f"/agreements/{agreement_id}/versions/{version_id}")
        agreement = await api.get(f"/agreements/{agreement_id}")
        return render(request, "agreements/version.html", {
            "version": version, "agreement": agreement, "on": parse_on(""), "errors": {}, "message": None,
            "signature_values": values, "signature_errors": translated_errors(error),
            "signature_message": summary_message(error),
        }, block="signatures", status_code=422)
    return redirect_after_post(request, f"/agreements/{agreement_id}/versions/{version_id}#signatures",
                               notice=signature_notice(signed, values.get("organisation_id", "")))


def signature_notice(version: dict[str, Any], organisation_id: str) -> str:
    party = next((p["organisation"] for p in version["parties"] if p["organisation"]["id"] == organisation_id), None)
    return i18n.gettext("The signature of %(party)s was recorded.") % {"party": organisation_name(party)}

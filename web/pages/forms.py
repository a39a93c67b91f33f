"""Turning submitted forms into API payloads, API problems into messages beside the fields, and a success into
the changed page with a notice."""

import json
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from web import i18n
from web.client import ApiError
from web.notices import keep_notice


async def form_values(request: Request) -> dict[str, str]:
    form = await request.form()
    return {key: value.strip() for key, value in form.items() if isinstance(value, str)}


def payload_from(values: dict[str, str], fields: tuple[str, ...], *, integers: tuple[str, ...] = ()) -> dict[str, Any]:
    """Empty fields become null; whole-number fields are read as numbers when they are numbers."""
    payload: dict[str, Any] = {}
    for field in fields:
        value = values.get(field, "")
        if value == "":
            payload[field] = None
        elif field in integers:
            digits = value.replace(" ", "").replace("\u00a0", "")
            payload[field] = int(digits) if digits.isdigit() else value
        else:
            payload[field] = value
    return payload


def integer_or_text(value: str) -> int | str | None:
    """A whole number as typed ("1 234"), or the text as it is for the API to refuse by its code."""
    value = value.replace(" ", "")
    if not value:
        return None
    return int(value) if value.isdigit() else value


def translated_errors(error: ApiError) -> dict[str, str]:
    """Field messages in the page's language, translated from their codes."""
    return error.field_errors()


def summary_message(error: ApiError) -> str:
    """The message above a form: a pointer to the fields when they carry the details."""
    if error.field_errors():
        return i18n.gettext("Check the marked fields.")
    return error.message


def redirect_after_post(request: Request, url: str, *, notice: str) -> Response:
    """After an action, the page it changed, with `notice` saying what happened.

    A plain form gets a 303. An htmx form gets the page's new <main> swapped in without a reload (HX-Location),
    so the page is never left stale; the anchor names the part that changed, where the notice then stands."""
    path, _, anchor = url.partition("#")
    response: Response
    if request.headers.get("hx-request") == "true":
        location = {"path": path, "target": "#main", "select": "#main", "swap": "outerHTML"}
        response = Response(status_code=200, headers={"HX-Location": json.dumps(location)})
    else:
        response = RedirectResponse(url, status_code=303)
    keep_notice(request, response, notice, anchor)
    return response

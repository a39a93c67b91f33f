"""Turning submitted forms into API payloads and API problems into messages beside the fields."""

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from web import i18n
from web.client import ApiError


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


def translated_errors(error: ApiError) -> dict[str, str]:
    """Field messages in the page's language, translated from their codes."""
    return error.field_errors()


def summary_message(error: ApiError) -> str:
    """The message above a form: a pointer to the fields when they carry the details."""
    if error.field_errors():
        return i18n.gettext("Check the marked fields.")
    return error.message


def redirect_after_post(request: Request, url: str) -> Response:
    """303 for a plain form; htmx follows HX-Redirect with a full page load instead."""
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)

"""Removing a decision recorded by mistake (päätöksen poisto), asked first in the page: the version's state is
computed again without it."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web import i18n
from web.client import get_api
from web.labels import organisation_name
from web.pages.forms import form_values, redirect_after_post
from web.urls import safe_next

router = APIRouter()


@router.post("/decisions/{decision_id}/delete", include_in_schema=False)
async def delete_decision(request: Request, decision_id: uuid.UUID) -> Response:
    values = await form_values(request)
    api = get_api(request)
    decision = await api.get(f"/decisions/{decision_id}")
    await api.request("DELETE", f"/decisions/{decision_id}", headers={"If-Match": f'"{values.get("version", "")}"'})
    return redirect_after_post(request, safe_next(values.get("next")), notice=i18n.gettext(
        "The decision of %(party)s of %(date)s was removed.") % {
        "party": organisation_name(decision["organisation"]), "date": i18n.format_date(decision["meeting_date"])})

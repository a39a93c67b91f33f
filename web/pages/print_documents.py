"""Print documents: an agreement version as an annex to a board's agenda, and a cost plan as its cost-sharing
annex; each as a page to print from the browser and as a PDF file made of the same page on the server.

They show what the version and plan pages fetch from the API, laid out for paper; they compute nothing.
"""

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web import i18n
from web.client import get_api
from web.pages.agreements import parse_on
from web.pages.costs import plan_context
from web.printing import pdf_of, pdf_response
from web.rendering import render, render_text

router = APIRouter()

VERSION_DOCUMENT = "print/agreement_version.html"
COST_ANNEX = "print/cost_annex.html"


async def version_document(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID,
                           on: str) -> dict[str, Any]:
    api = get_api(request)
    when = parse_on(on)
    version = await api.get(f"/agreements/{agreement_id}/versions/{version_id}", on=when)
    agreement = await api.get(f"/agreements/{agreement_id}", on=when)
    query = f"?on={when}" if when else ""
    return {"version": version, "agreement": agreement, "on": when,
            "pdf_url": f"/agreements/{agreement_id}/versions/{version_id}/print.pdf{query}"}


@router.get("/agreements/{agreement_id}/versions/{version_id}/print", include_in_schema=False)
async def print_version(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID, on: str = "") -> Response:
    """The version as an annex to a board's agenda: its text, parties, signatures and the parties' decisions."""
    context = await version_document(request, agreement_id, version_id, on)
    return render(request, VERSION_DOCUMENT, {**context, "pdf": False})


@router.get("/agreements/{agreement_id}/versions/{version_id}/print.pdf", include_in_schema=False)
async def version_pdf(request: Request, agreement_id: uuid.UUID, version_id: uuid.UUID, on: str = "") -> Response:
    context = await version_document(request, agreement_id, version_id, on)
    html = render_text(request, VERSION_DOCUMENT, {**context, "pdf": True})
    name = i18n.gettext("%(title)s, version %(number)s") % {
        "title": context["agreement"]["title"], "number": context["version"]["number"]}
    return pdf_response(await pdf_of(html), f"{name}.pdf")


@router.get("/costs/plans/{plan_id}/annex", include_in_schema=False)
async def print_cost_annex(request: Request, plan_id: uuid.UUID) -> Response:
    """The plan as the cost-sharing annex of its agreement: pools, keys, shares and how each was computed."""
    context = await plan_context(get_api(request), plan_id)
    return render(request, COST_ANNEX, {**context, "pdf": False})


@router.get("/costs/plans/{plan_id}/annex.pdf", include_in_schema=False)
async def cost_annex_pdf(request: Request, plan_id: uuid.UUID) -> Response:
    context = await plan_context(get_api(request), plan_id)
    html = render_text(request, COST_ANNEX, {**context, "pdf": True})
    name = i18n.gettext("Cost-sharing annex, %(plan)s") % {"plan": context["plan"]["name"]}
    return pdf_response(await pdf_of(html), f"{name}.pdf")

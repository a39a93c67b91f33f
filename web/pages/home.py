"""The first page: for a visitor, what Sopimo is; for a person logged in, what needs them now (from the API)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.client import get_api
from web.rendering import render

router = APIRouter()


@router.get("/", include_in_schema=False)
async def home(request: Request) -> Response:
    if not request.state.me:
        return render(request, "home.html", {})
    api = get_api(request)
    overview = await api.get("/overview")
    areas = await api.get_all("/areas")
    return render(request, "home.html", {"overview": overview, "areas": areas})

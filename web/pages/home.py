from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.client import get_api
from web.rendering import render

router = APIRouter()


@router.get("/", include_in_schema=False)
async def home(request: Request) -> Response:
    api = get_api(request)
    areas = await api.get_all("/areas")
    return render(request, "home.html", {"areas": areas})

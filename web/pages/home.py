from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.client import get_api
from web.rendering import render

router = APIRouter()


@router.get("/", include_in_schema=False)
async def home(request: Request) -> Response:
    """For a visitor, what Sopimo is and the way in; for a person logged in, their areas."""
    areas = await get_api(request).get_all("/areas") if request.state.me else []
    return render(request, "home.html", {"areas": areas})

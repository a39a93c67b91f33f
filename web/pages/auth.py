from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from web import i18n
from web.client import ApiError, get_api
from web.pages.forms import form_values
from web.rendering import render
from web.session import end_session, start_session
from web.urls import safe_next

router = APIRouter()


@router.get("/login", include_in_schema=False)
async def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", {"next": safe_next(next), "values": {}, "errors": {}})


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    values = await form_values(request)
    target = safe_next(values.get("next"))
    try:
        response = await get_api(request).request(
            "POST", "/auth/token", data={"username": values.get("email", ""), "password": values.get("password", "")}
        )
    except ApiError as error:
        if error.status not in (401, 422, 429):
            raise
        if error.status == 429:
            message = i18n.gettext("Too many failed logins. Wait a moment and try again.")
        else:
            message = i18n.gettext("The e-mail address or the password is wrong.")
        headers = {"Retry-After": error.headers.get("retry-after", "")} if error.status == 429 else None
        return render(
            request, "login.html",
            {"next": target, "values": {"email": values.get("email", "")}, "message": message},
            status_code=error.status, headers=headers,
        )
    token = response.json()
    redirect = RedirectResponse(target, status_code=303)
    start_session(request, redirect, token["access_token"], token["expires_in"])
    return redirect


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    try:
        await get_api(request).request("POST", "/auth/logout")
    except ApiError as error:
        if error.status != 401:
            raise
    redirect = RedirectResponse("/login", status_code=303)
    end_session(redirect)
    return redirect

"""The pages application; it reaches the data only through the API."""

import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import RequestResponseEndpoint

from api import uploads
from api.problems import headers_of, status_of
from domain.errors import CodedError
from web import i18n, printing
from web.client import ApiError
from web.error_texts import error_text
from web.pages import (
    agreement_actions,
    agreement_edit,
    agreements,
    api_keys,
    areas,
    auth,
    contacts,
    costs,
    costs_results,
    costs_statistics,
    decision_actions,
    decision_grid,
    home,
    obligations,
    organisations,
    print_documents,
    users,
)
from web.rendering import render
from web.session import CsrfRefused, csrf_protect, end_session, finish, load_me
from web.urls import safe_next

STATIC_DIR = Path(__file__).parent / "static"
LANGUAGE_COOKIE = "sopimo_lang"
#: The API's refusals a page shows as they are; any other error status is the API failing (502).
PASSED_ON = (400, 403, 404, 409, 412, 413, 415, 422, 428, 429, 503)
logger = logging.getLogger("sopimo.pages")


def to_login(request: Request) -> Response:
    """Not logged in (or the login ended): to the login page, and back here afterwards."""
    target = "/login?next=" + quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    if request.headers.get("hx-request") == "true":
        response: Response = Response(status_code=204, headers={"HX-Redirect": target})
    else:
        response = RedirectResponse(target, status_code=303)
    end_session(response)
    return response


def error_page(request: Request, status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    """The page that says why; an htmx form that met it shows `detail` in place instead (app.js, X-Refused)."""
    return render(request, "error.html", {"status": status, "detail": detail}, status_code=status,
                  headers={**(headers or {}), "X-Refused": "true"})


def create_web_app(api_app: Any, api_url: str | None = None) -> FastAPI:
    app = FastAPI(
        openapi_url=None, docs_url=None, redoc_url=None, dependencies=[Depends(csrf_protect), Depends(load_me)]
    )
    app.state.api_app = api_app
    app.state.api_url = api_url
    app.state.http = None
    uploads.preload(printing.WRITER_MODULE)

    @app.middleware("http")
    async def language(request: Request, call_next: RequestResponseEndpoint) -> Response:
        token = i18n.current_language.set(
            i18n.pick_language(request.cookies.get(LANGUAGE_COOKIE), request.query_params.get("lang"))
        )
        try:
            return finish(request, await call_next(request))
        finally:
            i18n.current_language.reset(token)

    @app.get("/language/{code}", include_in_schema=False)
    async def switch_language(code: str, next: str | None = None) -> Response:
        response = RedirectResponse(safe_next(next), status_code=303)
        if code in i18n.LANGUAGES:
            response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
        return response

    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        if error.status == 401:
            return to_login(request)
        status = error.status if error.status in PASSED_ON else 502
        retry = {"Retry-After": error.headers["retry-after"]} if "retry-after" in error.headers else None
        return error_page(request, status, error.message, retry)

    @app.exception_handler(CodedError)
    async def refused_here(request: Request, error: CodedError) -> Response:
        """A refusal of the pages' own work (a PDF file beyond its limits), said as the API would say it."""
        return error_page(request, status_of(error), error_text(error.code, error.params), headers_of(error))

    @app.exception_handler(CsrfRefused)
    async def csrf_refused(request: Request, _: CsrfRefused) -> Response:
        detail = i18n.gettext("The form had expired or did not come from this site. Reload the page and try again.")
        return finish(request, error_page(request, 403, detail))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        detail = error_text("request.no_such_path" if error.status_code == 404 else "request.refused")
        return error_page(request, error.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def bad_address(request: Request, error: RequestValidationError) -> Response:
        detail = error_text("request.no_such_path")
        return error_page(request, 404, detail)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        # Runs outside the language middleware (which has already ended), so the page's language is picked again.
        logger.error("page failed", exc_info=error)
        token = i18n.current_language.set(
            i18n.pick_language(request.cookies.get(LANGUAGE_COOKIE), request.query_params.get("lang"))
        )
        try:
            # The template is rendered here, while the language is set.
            return error_page(request, 500, error_text("server.fault"))
        finally:
            i18n.current_language.reset(token)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(auth.router)
    app.include_router(home.router)
    app.include_router(organisations.router)
    app.include_router(areas.router)
    app.include_router(api_keys.router)
    app.include_router(users.router)
    app.include_router(print_documents.router)
    app.include_router(agreement_actions.router)
    app.include_router(decision_grid.router)
    app.include_router(decision_actions.router)
    app.include_router(obligations.router)
    app.include_router(contacts.router)
    app.include_router(agreement_edit.router)
    app.include_router(agreements.router)
    app.include_router(costs_statistics.router)
    app.include_router(costs.router)
    app.include_router(costs_results.router)
    return app

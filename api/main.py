"""The API application: routes under /api/v1, docs at /api/docs."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from sqlalchemy import func, select
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api import health, uploads
from api.agreements import periods
from api.agreements.endpoints import public_router as agreements_public_router
from api.agreements.endpoints import router as agreements_router
from api.areas.endpoints import router as areas_router
from api.audit.endpoints import router as audit_router
from api.auth.api_keys import router as api_keys_router
from api.auth.dependencies import current_actor
from api.auth.endpoints import router as auth_router
from api.auth.models import User
from api.auth.users import router as users_router
from api.calendar.endpoints import feeds_router as calendar_feeds_router
from api.calendar.endpoints import router as calendar_router
from api.cost_plans.endpoints import router as cost_plans_router
from api.cost_results.endpoints import router as cost_results_router
from api.db import get_database
from api.decisions.endpoints import public_router as decisions_public_router
from api.decisions.endpoints import router as decisions_router
from api.http_security import ClientAddressMiddleware, SecurityHeadersMiddleware
from api.jobs.endpoints import router as mail_router
from api.jobs.worker import run_forever
from api.obligations.endpoints import router as obligations_router
from api.obligations.endpoints import writes as obligation_writes_router
from api.openapi import build_openapi
from api.organisations.endpoints import router as organisations_router
from api.organisations.imports import router as organisation_imports_router
from api.overview.endpoints import router as overview_router
from api.people.endpoints import router as contacts_router
from api.people.endpoints import writes as contact_writes_router
from api.problems import install_problem_handlers
from api.request_log import RequestLogMiddleware, configure_logging
from api.settings import get_settings
from api.statistics.endpoints import router as statistics_router
from api.validation import refuse_nul_characters

DESCRIPTION = """
Sopimo keeps the cooperation agreements of Finnish employment areas: organisations,
cooperation areas, agreements and their versions, decisions, obligations and cost sharing.

* Lists are paginated: pass `limit` and the `next_cursor` of the previous page as `cursor`.
* Lists sort by `sort` (the columns each list offers, an enum) and `order` (`asc` or `desc`); rows without a
  value in the column come last either way, text sorts by code point (Å, Ä and Ö after Z). A cursor serves
  only the sort and order it was made for (400 `cursor.unknown`).
* Every update sends `If-Match` with the `ETag` of the version read; a stale one gets 412.
* Errors are problem details (`application/problem+json`) with a stable `code` (e.g. `version.incomplete`),
  its `params`, and `errors` for the fields at fault, each with a code of its own; `detail` is English for
  developers. Translate by `code`, never by `detail`.
* Every request body refuses fields it does not know (422 `value.unknown_field`). A body that is not JSON
  gets 422 `request.invalid` with one error of code `value.json` (its `location` gives the character position).
* Dates are written `YYYY-MM-DD` and moments as ISO 8601, in bodies and queries alike: a number (`on=0`) is
  422 `value.date`. No text may hold a NUL character (422 `value.nul`).
* A path outside the API is 404 `request.no_such_path`; a method a path does not take (TRACE included) is 405
  `request.method_not_allowed` with `Allow`.
* While the database cannot be reached, a request that needs it gets 503 `database.unavailable` with
  `Retry-After` (nothing was changed: send it again later); `/readyz` answers 503 meanwhile.
* Authentication: people get a bearer token from `POST /api/v1/auth/token` (the Authorize button);
  systems use an API key that an area admin creates (`Authorization: Bearer sopimo_…`).
  No token: 401. A token whose roles or scopes do not cover the request: 403.
"""


SWAGGER_UI_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sopimo API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body>
</html>
"""

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def operation_id(route: APIRoute) -> str:
    return route.name


def create_api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", dependencies=[Depends(refuse_nul_characters)])
    router.include_router(auth_router)
    # Everything else needs a token; the check runs before the payload is read, so no token is always 401.
    protected = [Depends(current_actor)]
    for feature in (organisation_imports_router, organisations_router, areas_router, api_keys_router, users_router,
                    audit_router, agreements_router, decisions_router, statistics_router, cost_plans_router,
                    cost_results_router, overview_router, obligations_router, obligation_writes_router, contacts_router,
                    contact_writes_router, mail_router, calendar_router):
        router.include_router(feature, dependencies=protected)
    # Agreements and decisions are public documents: their published versions are read without a token.
    for public in (agreements_public_router, decisions_public_router):
        router.include_router(public)
    # A calendar sends no token: a feed's secret address is its credential.
    router.include_router(calendar_feeds_router)
    return router


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    if get_settings().environment == "production":
        await refuse_demo_users()
    await periods.bring_up_to_date(get_database())
    uploads.warm_up()
    settings = get_settings()
    in_process = settings.run_worker if settings.run_worker is not None else (
        get_database().is_sqlite and settings.environment == "development")
    worker = asyncio.create_task(run_forever(get_database(), settings)) if in_process else None
    yield
    if worker is not None:
        worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await worker
    await get_database().dispose()


async def refuse_demo_users() -> None:
    """Demo people have published passwords: a production installation must not start with them."""
    async with get_database().sessions() as session:
        demo = await session.scalar(select(func.count()).select_from(User).where(User.is_demo.is_(True)))
    if demo:
        raise RuntimeError(
            f"{demo} demo users exist in this database; delete them before running in production."
        )


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging(settings.log_level)
    app = FastAPI(
        lifespan=lifespan,
        title="Sopimo API",
        version="1",
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    install_problem_handlers(app)

    @app.get("/api/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        # Swagger UI from our own static files (the machines that run this have no internet), started by a
        # script file of ours: the Content-Security-Policy allows no inline script.
        return HTMLResponse(SWAGGER_UI_PAGE)

    app.include_router(health.router)
    app.include_router(create_api_router())
    answer_the_rest_of_the_api(app)
    # FastAPI's documented way to shape the OpenAPI document is to replace this method, which mypy does not allow.
    app.openapi = partial(build_openapi, app)  # type: ignore[method-assign]
    app.add_middleware(uploads.BodyLimitMiddleware)
    app.add_middleware(RequestLogMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    # Outermost, so that everything inside sees the client's real address and scheme.
    app.add_middleware(ClientAddressMiddleware)
    return app


def answer_the_rest_of_the_api(app: FastAPI) -> None:
    """Nothing under /api falls through to the pages mounted beside the API: a path the API does not have is a
    404 and a path asked with a method it does not take a 405, both as problem details, never an HTML page."""
    known = list(app.router.routes)

    async def not_in_the_api(request: Request) -> None:
        allowed = [method for method in METHODS
                   if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in known)]
        if allowed:
            raise StarletteHTTPException(
                405, f"{request.method} is not allowed at {request.url.path}; it answers {', '.join(allowed)}.",
                headers={"Allow": ", ".join(allowed)},
            )
        raise StarletteHTTPException(404)

    # TRACE and CONNECT are answered too (405 or 404 as problem details), though no route of the API takes them.
    for path in ("/api", "/api/{rest:path}"):
        app.add_api_route(path, not_in_the_api, methods=[*METHODS, "TRACE", "CONNECT"], include_in_schema=False)

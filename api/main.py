"""The API application: routes under /api/v1, docs at /api/docs."""

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from api import health
from api.areas.endpoints import router as areas_router
from api.request_log import RequestLogMiddleware, configure_logging
from api.organisations.endpoints import router as organisations_router
from api.organisations.imports import router as organisation_imports_router
from api.problems import install_problem_handlers
from api.settings import get_settings

DESCRIPTION = """
Sopimo keeps the cooperation agreements of Finnish employment areas: organisations,
cooperation areas, agreements and their versions, decisions, obligations and cost sharing.

* Lists are paginated: pass `limit` and the `next_cursor` of the previous page as `cursor`.
* Every update sends `If-Match` with the `ETag` of the version read; a stale one gets 412.
* Errors are problem details (`application/problem+json`) with a readable `detail`.
"""


def operation_id(route: APIRoute) -> str:
    return route.name


def create_api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    router.include_router(organisation_imports_router)
    router.include_router(organisations_router)
    router.include_router(areas_router)
    return router


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging(settings.log_level)
    app = FastAPI(
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
        # Swagger UI from our own static files: the machines that run this have no internet.
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="Sopimo API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"persistAuthorization": True},
        )

    app.include_router(health.router)
    app.include_router(create_api_router())
    app.add_middleware(RequestLogMiddleware)
    return app

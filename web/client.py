"""The pages' only way to the data: the JSON API over HTTP (in-process by default, or at API_URL)."""

from typing import Any

import httpx
from fastapi import Request
from starlette.types import Receive, Scope, Send

from api.http_middleware import HttpMiddleware
from api.http_security import client_address_var
from api.pagination import MAX_LIMIT
from web.error_texts import error_text, problem_text


class ApiError(Exception):
    """The API refused a request; carries its problem details."""

    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        self.headers = response.headers
        try:
            self.problem: dict[str, Any] = response.json()
        except ValueError:
            self.problem = {"detail": response.text[:500], "code": "server.fault"}
        super().__init__(self.detail)

    @property
    def detail(self) -> str:
        """The API's English detail, for logs only: pages show `message`."""
        return str(self.problem.get("detail") or self.problem.get("title") or f"HTTP {self.status}")

    @property
    def code(self) -> str:
        return str(self.problem.get("code") or "error")

    @property
    def message(self) -> str:
        """What went wrong, in the page's language, from the problem's code."""
        return problem_text(self.problem) if self.problem.get("code") else error_text("error")

    def field_errors(self) -> dict[str, str]:
        """The first message per field, in the page's language, by the field's name as the form uses it."""
        errors: dict[str, str] = {}
        for error in self.problem.get("errors") or []:
            errors.setdefault(str(error.get("field", "")), problem_text(error))
        return errors


class ApiClient:
    """A thin wrapper: raises ApiError for 4xx/5xx and passes the request id on."""

    def __init__(self, http: httpx.AsyncClient, request_id: str | None = None, token: str | None = None) -> None:
        self.http = http
        self.headers = {"X-Request-ID": request_id} if request_id else {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        response = await self.http.request(method, f"/api/v1{path}", headers=headers, **kwargs)
        if response.status_code >= 400:
            raise ApiError(response)
        return response

    async def get(self, path: str, **params: Any) -> Any:
        clean = {key: value for key, value in params.items() if value not in (None, "")}
        return (await self.request("GET", path, params=clean)).json()

    async def document(self) -> dict[str, Any]:
        """The API's OpenAPI document: what it offers, e.g. the columns each list sorts by."""
        response = await self.http.get("/api/openapi.json", headers=self.headers)
        if response.status_code >= 400:
            raise ApiError(response)
        return dict(response.json())

    async def get_all(self, path: str, **params: Any) -> list[dict[str, Any]]:
        """Every item of a paginated list, following the cursors."""
        items: list[dict[str, Any]] = []
        cursor = None
        while True:
            page = await self.get(path, limit=MAX_LIMIT, cursor=cursor, **params)
            items.extend(page["items"])
            cursor = page.get("next_cursor")
            if not cursor:
                return items


class AsThePagesVisitor(HttpMiddleware):
    """The in-process API sees the person using the pages as its client, so that its login throttle and audit
    trail know who is asking. The address comes from the page request being served, never from a header, so
    nobody outside can claim another's."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        address = client_address_var.get()
        if address:
            scope = {**scope, "client": (address, 0)}
        await self.app(scope, receive, send)


def make_http_client(api_url: str | None, api_app: Any) -> httpx.AsyncClient:
    if api_url:
        return httpx.AsyncClient(base_url=api_url.rstrip("/"), timeout=30)
    # An error inside the API arrives as its 500 problem details, to be shown as a page, not as an exception that
    # would escape the page's handler.
    transport = httpx.ASGITransport(app=AsThePagesVisitor(api_app), raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://api.internal", timeout=30)


def get_api(request: Request) -> ApiClient:
    state = request.app.state
    if getattr(state, "http", None) is None:
        state.http = make_http_client(state.api_url, state.api_app)
    # The login token lives in an HttpOnly cookie; the pages pass it on to the API as a bearer token.
    api = ApiClient(state.http, request.headers.get("x-request-id"), request.cookies.get("sopimo_session"))
    if state.api_url and request.client:
        # A separate API believes this only if it names the pages' server in SOPIMO_TRUSTED_PROXIES.
        api.headers["X-Forwarded-For"] = request.client.host
    return api

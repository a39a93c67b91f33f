"""Errors as RFC 9457 problem details, mapped once for the whole API."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.errors import DomainError, InvalidValue

PROBLEM_MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Invalid input",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
}


class FieldError(BaseModel):
    field: str
    location: list[str | int]
    message: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None


# The usual error answers, for the `responses=` of the routes, so that the docs list them.
PROBLEMS: dict[int | str, dict[str, Any]] = {
    403: {"model": Problem, "description": "Your roles or the key's scopes do not allow this."},
    404: {"model": Problem, "description": "No such resource."},
    409: {"model": Problem, "description": "Conflicts with stored data (a duplicate, references, a rule)."},
    412: {"model": Problem, "description": "The If-Match ETag is stale: someone changed it meanwhile."},
    422: {"model": Problem, "description": "Invalid input, with the offending fields."},
    428: {"model": Problem, "description": "If-Match is missing."},
}


class ProblemError(Exception):
    """Raised anywhere in the API to answer with a problem."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers


class NotFound(ProblemError):
    def __init__(self, what: str, identifier: object) -> None:
        super().__init__(404, f"{what} {identifier} does not exist.")


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = Problem(
        title=TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def field_errors_from_validation(raw_errors: list[dict[str, Any]]) -> list[FieldError]:
    errors = []
    for error in raw_errors:
        location = [part for part in error.get("loc", ()) if isinstance(part, str | int)]
        field_path = [str(part) for part in location if part not in ("body", "query", "path", "header")]
        message = str(error.get("msg", "Invalid value."))
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        errors.append(
            FieldError(
                field=".".join(field_path) or "body",
                location=location,
                message=message,
                type=str(error.get("type", "value_error")),
            )
        )
    return errors


def install_problem_handlers(app: FastAPI) -> None:
    """Every error leaves the API as problem details, never as an HTML page or a bare 500."""

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(request, exc.status, exc.detail, errors=exc.errors, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = field_errors_from_validation(list(exc.errors()))
        count = len(errors)
        detail = "; ".join(f"{error.field}: {error.message}" for error in errors[:5])
        summary = f"The request has {count} invalid field{'s' if count != 1 else ''}: {detail}"
        return problem_response(request, 422, summary, errors=errors)

    @app.exception_handler(InvalidValue)
    async def _invalid_value(request: Request, exc: InvalidValue) -> JSONResponse:
        error = FieldError(field=exc.field, location=["body", exc.field], message=exc.message, type=exc.code)
        return problem_response(request, 422, f"{exc.field}: {exc.message}", errors=[error])

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        return problem_response(request, 409, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No resource at {request.url.path}."
        return problem_response(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(request, 500, "The server failed to handle this request; it has been logged.")

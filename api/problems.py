"""Errors as RFC 9457 problem details, mapped once for the whole API.

Every refusal is a coded error (domain.errors.CodedError); `STATUS_OF` maps its class to an HTTP status,
here and nowhere else. A problem carries the error's `code` and `params` and, for the fields at fault,
`errors` with a code of their own each; `detail` is the English message, for developers. Pydantic's
validation errors get codes by their type (`VALIDATION_CODES`).
"""

import logging
import socket
import sqlite3
import traceback
from collections.abc import Iterator
from typing import Any

import asyncpg
import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.errors import (
    DatabaseUnavailable,
    Forbidden,
    IfMatchRequired,
    InvalidRequest,
    MethodNotAllowed,
    NoSuchPath,
    NotAuthenticated,
    NulCharacter,
    PdfRefused,
    PdfTookTooLong,
    ReadersBusy,
    RequestRefused,
    ServerFault,
    StaleVersion,
    TooManyLogins,
    UnknownCursor,
    UploadTooLarge,
)
from api.integrity import refusal_of
from domain.agreements.errors import DocumentError, DocumentTooLarge, InvalidNotice, UnsupportedDocument
from domain.errors import CodedError, DomainError, FieldProblem, InvalidValue, InvalidValues, NotFound

PROBLEM_MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger("sopimo.problems")

#: The HTTP status of each kind of refusal; the most specific class in an error's MRO wins.
STATUS_OF: dict[type[CodedError], int] = {
    UnknownCursor: 400,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    DomainError: 409,
    StaleVersion: 412,
    UploadTooLarge: 413,
    DocumentTooLarge: 413,
    PdfRefused: 413,
    UnsupportedDocument: 415,
    InvalidValue: 422,
    InvalidValues: 422,
    DocumentError: 422,
    InvalidNotice: 422,
    InvalidRequest: 422,
    NulCharacter: 422,
    IfMatchRequired: 428,
    TooManyLogins: 429,
    ServerFault: 500,
    ReadersBusy: 503,
    PdfTookTooLong: 503,
    DatabaseUnavailable: 503,
}

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
    503: "Service unavailable",
}

#: Pydantic's error types → our codes and their English messages (the pages translate by code).
VALIDATION_CODES: dict[str, str] = {
    "missing": "value.required",
    "extra_forbidden": "value.unknown_field",
    "string_too_long": "value.too_long",
    "string_too_short": "value.too_short",
    "too_long": "value.too_many",
    "too_short": "value.too_few",
    "string_pattern_mismatch": "value.pattern",
    "date_parsing": "value.date",
    "date_from_datetime_parsing": "value.date",
    "date_from_datetime_inexact": "value.date",
    "date_type": "value.date",
    "datetime_parsing": "value.datetime",
    "datetime_from_date_parsing": "value.datetime",
    "datetime_type": "value.datetime",
    "int_parsing": "value.integer",
    "int_type": "value.integer",
    "int_from_float": "value.integer",
    "decimal_parsing": "value.decimal",
    "decimal_type": "value.decimal",
    "decimal_max_digits": "value.too_many_digits",
    "decimal_whole_digits": "value.too_many_digits",
    "decimal_max_places": "value.too_many_decimals",
    "float_parsing": "value.decimal",
    "float_type": "value.decimal",
    "greater_than_equal": "value.too_small",
    "greater_than": "value.too_small",
    "less_than_equal": "value.too_large",
    "less_than": "value.too_large",
    "enum": "value.not_a_choice",
    "literal_error": "value.not_a_choice",
    "union_tag_invalid": "value.not_a_choice",
    "union_tag_not_found": "value.required",
    "uuid_parsing": "value.id",
    "uuid_type": "value.id",
    "uuid_version": "value.id",
    "bool_parsing": "value.boolean",
    "bool_type": "value.boolean",
    "string_type": "value.text",
    "string_unicode": "value.text",
    "list_type": "value.list",
    "dict_type": "value.object",
    "model_type": "value.object",
    "model_attributes_type": "value.object",
    "url_parsing": "value.url",
    "url_scheme": "value.url",
    "json_invalid": "value.json",
    "string_nul": "value.nul",
    "json_type": "value.json",
}
VALIDATION_MESSAGES: dict[str, str] = {
    "value.required": "This field is required.",
    "value.unknown_field": "This field is not part of the request: check its name.",
    "value.too_long": "At most {max_length} characters.",
    "value.too_short": "At least {min_length} characters.",
    "value.too_many": "At most {max_length} items.",
    "value.too_few": "At least {min_length} items.",
    "value.pattern": "The value does not have the expected form ({pattern}).",
    "value.date": "Write a date as 2025-06-05.",
    "value.datetime": "Write a moment as 2025-06-05T14:30:00+03:00.",
    "value.integer": "Write a whole number.",
    "value.decimal": "Write a decimal number as a string, e.g. \"1949.85\".",
    "value.too_many_digits": "At most {max_digits} digits.",
    "value.too_many_decimals": "At most {decimal_places} decimals.",
    "value.too_small": "The value is too small (at least {limit}).",
    "value.too_large": "The value is too large (at most {limit}).",
    "value.not_a_choice": "Choose one of {expected}.",
    "value.id": "Write an id as a UUID, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6.",
    "value.boolean": "Write true or false.",
    "value.text": "Write text.",
    "value.list": "Give a list.",
    "value.object": "Give an object.",
    "value.url": "Write an address starting with http:// or https://.",
    "value.json": "The body is not valid JSON.",
    "value.email": "Write an e-mail address, e.g. nimi@kunta.fi.",
    "value.invalid": "This value is not valid.",
}
#: The limits Pydantic names in its context, as the one parameter `limit` of value.too_small / too_large.
LIMIT_KEYS = ("ge", "gt", "le", "lt")


class FieldError(BaseModel):
    """One field at fault, with its own code."""

    field: str = Field(description="The field, dotted for nested ones: pools.0.amount.")
    location: list[str | int] = Field(description="Where it was: body, query, path, header, file… and the path.")
    code: str = Field(description="A stable code, e.g. value.required or version.too_few_parties.")
    params: dict[str, Any] = Field(default_factory=dict, description="The values the message names.")
    message: str = Field(description="In English, for developers; the pages translate the code.")


class ErrorBrief(BaseModel):
    """Why something could not be computed, inside an answer that otherwise succeeded."""

    code: str
    params: dict[str, Any] = Field(default_factory=dict)
    message: str = Field(description="In English, for developers; the pages translate the code.")

    @classmethod
    def of(cls, error: CodedError) -> "ErrorBrief":
        return cls(code=error.code, params=json_params(error.params), message=error.detail)


class Problem(BaseModel):
    """RFC 9457 problem details with a stable code."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = Field(description="In English, for developers.")
    instance: str | None = None
    code: str = Field(description="A stable code, e.g. version.incomplete; translate by this, not by `detail`.")
    params: dict[str, Any] = Field(default_factory=dict, description="The values the message names.")
    errors: list[FieldError] | None = Field(None, description="The fields at fault, each with its own code.")


# The usual error answers, for the `responses=` of the routes, so that the docs list them.
PROBLEMS: dict[int | str, dict[str, Any]] = {
    403: {"model": Problem, "description": "Your roles or the key's scopes do not allow this."},
    404: {"model": Problem, "description": "No such resource."},
    409: {"model": Problem, "description": "Conflicts with stored data (a duplicate, references, a rule)."},
    412: {"model": Problem, "description": "The If-Match ETag is stale: someone changed it meanwhile."},
    422: {"model": Problem, "description": "Invalid input, with the offending fields."},
    428: {"model": Problem, "description": "If-Match is missing."},
}


def status_of(error: CodedError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS_OF:
            return STATUS_OF[cls]
    return 400


def headers_of(error: CodedError) -> dict[str, str] | None:
    if isinstance(error, NotAuthenticated):
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(error, StaleVersion):
        return {"ETag": error.current_etag} if error.current_etag else None
    if isinstance(error, TooManyLogins | ReadersBusy | DatabaseUnavailable):
        return {"Retry-After": str(error.params["seconds"])}
    return None


def json_params(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters as JSON values (dates as ISO strings, decimals as strings)."""
    out: dict[str, Any] = {}
    for name, value in params.items():
        if value is None or isinstance(value, bool | int | str):
            out[name] = value
        elif isinstance(value, float):
            out[name] = str(value)
        elif isinstance(value, list | tuple):
            out[name] = [item if isinstance(item, bool | int | str) else str(item) for item in value]
        elif hasattr(value, "isoformat"):
            out[name] = value.isoformat()
        else:
            out[name] = str(value)
    return out


def field_error(problem: FieldProblem, where: str = "body") -> FieldError:
    if problem.field.startswith("line ") and problem.field[5:].isdigit():  # a row of an import
        location: list[str | int] = [where, int(problem.field[5:])]
    else:
        location = [where, *(int(part) if part.isdigit() else part for part in problem.field.split("."))]
    return FieldError(field=problem.field, location=location, code=problem.code, params=json_params(problem.params),
                      message=problem.message)


def problem_response(request: Request, error: CodedError, *, status: int | None = None,
                     errors: list[FieldError] | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    status = status or status_of(error)
    found = errors if errors is not None else [field_error(p, where_of(p)) for p in error.field_problems]
    body = Problem(
        title=TITLES.get(status, "Error"), status=status, detail=error.detail, instance=request.url.path,
        code=error.code, params=json_params(error.params), errors=found or None,
    )
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_MEDIA_TYPE,
                        headers={**(headers_of(error) or {}), **(headers or {})} or None)


def where_of(problem: FieldProblem) -> str:
    if problem.field == "cursor":
        return "query"
    return "file" if problem.field == "file" or problem.field.startswith("line ") else "body"


def validation_field_errors(raw_errors: list[dict[str, Any]]) -> list[FieldError]:
    errors = []
    for error in raw_errors:
        location = [part for part in error.get("loc", ()) if isinstance(part, str | int)]
        field_path = [str(part) for part in location if part not in ("body", "query", "path", "header")]
        code, params = validation_code(error)
        message = VALIDATION_MESSAGES.get(code)
        try:
            message = message.format(**params) if message else str(error.get("msg", ""))
        except (KeyError, IndexError):
            message = str(error.get("msg", ""))
        errors.append(FieldError(field=".".join(field_path) or "body", location=location, code=code,
                                 params=json_params(params), message=message))
    return errors


def validation_code(error: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Our code for one of Pydantic's errors, and its parameters."""
    kind = str(error.get("type", ""))
    context = dict(error.get("ctx") or {})
    cause = context.get("error")
    if kind == "value_error" and isinstance(cause, CodedError):  # a validator refused with a domain error
        return cause.code, cause.params
    if kind == "value_error" and "email" in str(error.get("msg", "")):
        return "value.email", {}
    code = VALIDATION_CODES.get(kind, "value.invalid")
    if code == "value.too_short" and context.get("min_length") == 1:
        return "value.required", {}
    if code in ("value.too_small", "value.too_large"):
        return code, {"limit": next((context[key] for key in LIMIT_KEYS if key in context), "")}
    if code == "value.not_a_choice":
        expected = context.get("expected") or context.get("expected_tags") or ""
        return code, {"expected": str(expected)}
    return code, {key: value for key, value in context.items() if key != "error"}


#: What the drivers raise when the database cannot be reached: a refused or broken connection, a timeout, a server
#: shutting down or starting (asyncpg's 57P0x), no free connection slot, no connection free in the pool.
UNREACHABLE: tuple[type[BaseException], ...] = (
    sqlalchemy.exc.TimeoutError, asyncpg.PostgresConnectionError, asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.TooManyConnectionsError,
)
#: The operating system's words for the same; they count only when raised inside a database driver, since a
#: timeout of the app's own is not the database's.
NETWORK_FAILURES: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError, socket.gaierror)
DRIVERS = ("sqlalchemy.", "asyncpg.", "aiosqlite.")
SQLITE_UNREACHABLE = ("unable to open database file", "disk i/o error")
#: The exception classes whose handler asks `database_unreachable`; anything else of them is a fault as before.
DATABASE_FAILURES: tuple[type[Exception], ...] = (
    sqlalchemy.exc.DBAPIError, sqlalchemy.exc.TimeoutError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError,
)


def holds_a_nul_character(error: BaseException) -> bool:
    """PostgreSQL refused a text with a NUL character (SQLSTATE 22021) that no validator saw, e.g. in a file's name."""
    return any(isinstance(cause, asyncpg.exceptions.CharacterNotInRepertoireError) for cause in causes(error))


def causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what it wraps (SQLAlchemy's `orig`) and what it was raised from, each once."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        pending.extend([orig if isinstance(orig, BaseException) else None, current.__cause__, current.__context__])


def raised_in_a_driver(error: BaseException) -> bool:
    return any(str(frame.f_globals.get("__name__", "")).startswith(DRIVERS)
               for frame, _ in traceback.walk_tb(error.__traceback__))


def database_unreachable(error: BaseException) -> bool:
    """True when the error means the database could not be reached, rather than that it refused the statement."""
    for cause in causes(error):
        if isinstance(cause, sqlalchemy.exc.DBAPIError) and cause.connection_invalidated:
            return True
        if isinstance(cause, UNREACHABLE):
            return True
        if isinstance(cause, NETWORK_FAILURES) and raised_in_a_driver(cause):
            return True
        if isinstance(cause, sqlite3.OperationalError) and str(cause).lower().startswith(SQLITE_UNREACHABLE):
            return True
    return False


#: How Starlette and FastAPI begin the 400 of a body they could not parse.
UNREADABLE_BODY = ("There was an error parsing the body", "Invalid multipart", "Missing boundary")


def install_problem_handlers(app: FastAPI) -> None:
    """Every error leaves the API as problem details, never as an HTML page or a bare 500."""

    @app.exception_handler(CodedError)
    async def _coded(request: Request, exc: CodedError) -> JSONResponse:
        return problem_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = validation_field_errors(list(exc.errors()))
        summary = InvalidRequest(count=len(errors), fields=", ".join(e.field for e in errors[:5]))
        return problem_response(request, summary, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 405:
            return problem_response(request, MethodNotAllowed(method=request.method, path=request.url.path), status=405,
                                    headers=dict(exc.headers or {}))
        if exc.status_code == 404:
            return problem_response(request, NoSuchPath(path=request.url.path), status=404)
        if isinstance(exc.__cause__, CodedError):  # refused while the body was read (e.g. too large)
            return problem_response(request, exc.__cause__)
        if exc.status_code == 400 and str(exc.detail).startswith(UNREADABLE_BODY):
            # A body that cannot be read (bad UTF-8, a broken form or multipart) is invalid input like malformed JSON.
            code = "value.json" if "json" in request.headers.get("content-type", "") else "value.invalid"
            errors = [FieldError(field="body", location=["body"], code=code, message=VALIDATION_MESSAGES[code])]
            return problem_response(request, InvalidRequest(count=1, fields="body"), errors=errors)
        reason = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "error")
        return problem_response(request, RequestRefused(reason=reason), status=exc.status_code)

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        return problem_response(request, refusal_of(exc))

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        # The version check is part of the UPDATE (version_id_col): a row it did not find changed meanwhile.
        return problem_response(request, StaleVersion())

    async def _database(request: Request, exc: Exception) -> JSONResponse:
        if holds_a_nul_character(exc):
            return problem_response(request, NulCharacter())
        if not database_unreachable(exc):
            raise exc  # on to `_unexpected`: a fault, logged
        logger.warning("database unreachable: %s: %s", type(exc).__name__, exc)
        return problem_response(request, DatabaseUnavailable())

    for failure in DATABASE_FAILURES:
        app.add_exception_handler(failure, _database)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(request, ServerFault())

"""The API's OpenAPI document: what FastAPI derives from the routes, completed by rules that hold for every route.

Each operation lists the problem responses it can give, read from what the route is: a route that takes input
can answer 422, a route behind a token 401 and 403, a route with an id in its path 404, a change 409, a write
that takes If-Match 412 and 428, a paginated list 400 for a foreign cursor. A route adds what only it can give
(a 409 of a computation, a 413 of an upload) with a description in its own `responses=`. Every 4xx and 5xx
is RFC 9457 problem details, so their content is always `application/problem+json` with the `Problem` schema.
"""

from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, routing
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi

from api.auth.dependencies import current_actor, optional_actor
from api.concurrency import if_match_header
from api.pagination import page_params
from api.problems import PROBLEM_MEDIA_TYPE, Problem

API_PREFIX = "/api/"
TOKEN_SCHEME = "OAuth2PasswordBearer"
KEY_SCHEME = "ApiKey"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
FASTAPI_VALIDATION_SCHEMAS = {"HTTPValidationError", "ValidationError"}

DESCRIPTIONS = {
    400: "The request is malformed: e.g. a cursor this API did not give out.",
    401: "No valid token: log in (`POST /api/v1/auth/token`) or send an API key as `Authorization: Bearer …`.",
    403: "Your roles or the key's scopes do not allow this.",
    404: "No such resource, or not one you may see.",
    409: "Conflicts with stored data or a rule: a duplicate, something that still refers to it, a state that forbids it.",
    412: "The If-Match ETag is stale: someone changed the resource after you read it. Nothing was changed.",
    422: "Invalid input; `errors` names the offending fields.",
    428: "If-Match is missing: send the ETag of the version you read.",
}
PUBLIC_401 = "The token sent is not valid (expired, revoked or unknown); this read needs none, so send none or a valid one."

TAGS = [
    {"name": "Health", "description": "Is the process up, does the database answer: for load balancers and monitoring."},
    {"name": "Authentication", "description": "Bearer tokens for people (OAuth2 password flow) and who the caller is."},
    {"name": "Organisations", "description": "Municipalities, joint authorities, state agencies and others that take part."},
    {"name": "Cooperation areas", "description": "Employment areas (työllisyysalueet): their lead, members and sub-regions."},
    {"name": "API keys", "description": "Keys with scopes that an area's admins give to the area's systems."},
    {"name": "People", "description": "The people who log in, their organisation and their roles by area."},
    {"name": "Audit trail", "description": "Every change and refused attempt: who, when, what, before and after."},
    {"name": "Agreements", "description": "Cooperation agreements and their versions, parties, annexes, signatures and notices. "
                                          "Published agreements are public."},
    {"name": "Decisions", "description": "The board decisions that adopt or reject a version. Published decisions are public."},
    {"name": "Statistics", "description": "Figures of the participants (population, jobseekers…) that cost-sharing keys read."},
    {"name": "Overview", "description": "What needs the caller now: decisions awaited, agreements in force, cost shares."},
    {"name": "Obligations", "description": "What each party has promised in the agreement's clauses, by when: the duties, "
                                           "their instances per holder and period, and the evidence they were met."},
    {"name": "Contact persons", "description": "The people who act in the domain, with or without a login: "
                                               "responsible for duties, and their reminders' recipients."},
    {"name": "Mail", "description": "The mail the service sent: reminders of duties, over SMTP or kept as "
                                    "development mail."},
    {"name": "Calendar", "description": "Each person's calendar feeds of the duties (iCalendar, RFC 5545): their own, "
                                        "each area and organisation they read, at secret addresses they can reset."},
    {"name": "Cost sharing", "description": "Cost plans and pools, their allocation to the cent, instalments and the "
                                            "year-end reconciliation."},
]

SERVERS = [{"url": "/", "description": "This installation: the API answers under /api/v1 of the host that serves this document."}]

SECURITY_SCHEMES = {
    KEY_SCHEME: {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key that an area admin created for a system (`sopimo_…`), sent as a bearer token.",
    },
}


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The document `/api/openapi.json` serves; built once per set of routes, like FastAPI's own."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version=app.openapi_version,
        description=app.description,
        routes=app.routes,
        tags=TAGS,
        servers=SERVERS,
        separate_input_output_schemas=app.separate_input_output_schemas,
    )
    components = schema.setdefault("components", {})
    add_problem_schema(components.setdefault("schemas", {}))
    components.setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)
    for route in api_routes(app):
        for method in sorted(route.methods or ()):
            operation = schema["paths"][route.path_format][method.lower()]
            complete_operation(route, method, operation)
    drop_unused_schemas(components["schemas"], schema)
    app.openapi_schema = schema
    return schema


def api_routes(app: FastAPI) -> Iterator[Any]:
    """The routes in the document, each with the dependencies of the routers it was included through."""
    for context in routing.iter_route_contexts(app.routes):
        if isinstance(context.original_route, routing.APIRoute) and context.include_in_schema:
            yield context


def add_problem_schema(schemas: dict[str, Any]) -> None:
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
    for name, definition in problem.pop("$defs", {}).items():
        schemas.setdefault(name, definition)
    schemas.setdefault("Problem", problem)


def dependency_calls(dependant: Dependant) -> set[Any]:
    calls = {dependant.call} if dependant.call else set()
    for sub in dependant.dependencies:
        calls |= dependency_calls(sub)
    return calls


def takes_input(dependant: Dependant) -> bool:
    if dependant.path_params or dependant.query_params or dependant.header_params or dependant.cookie_params \
            or dependant.body_params:
        return True
    return any(takes_input(sub) for sub in dependant.dependencies)


def problem_statuses(route: Any, method: str) -> set[int]:
    calls = dependency_calls(route.dependant)
    statuses: set[int] = set()
    if current_actor in calls:
        statuses |= {401, 403}
    elif optional_actor in calls:
        statuses.add(401)  # a public read needs no token, but one that is sent must be valid
    if takes_input(route.dependant) or route.body_field is not None:
        statuses.add(422)
    if "{" in route.path_format:
        statuses.add(404)
    if method in WRITE_METHODS:
        statuses.add(409)
    if if_match_header in calls:
        statuses |= {412, 428}
    if page_params in calls:
        statuses.add(400)
    return statuses


def complete_operation(route: Any, method: str, operation: dict[str, Any]) -> None:
    protected = current_actor in dependency_calls(route.dependant)
    responses: dict[str, Any] = operation.setdefault("responses", {})
    for status in problem_statuses(route, method):
        responses.setdefault(str(status), {} if protected or status != 401 else {"description": PUBLIC_401})
    for code, response in responses.items():
        if code.isdigit() and int(code) >= 400 and route.path_format.startswith(API_PREFIX):
            status = int(code)
            if response.get("description") in (None, "", "Validation Error", HTTPStatus(status).phrase):
                response["description"] = DESCRIPTIONS.get(status, HTTPStatus(status).phrase)
            response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}
    operation["responses"] = dict(sorted(responses.items()))
    operation["security"] = [{TOKEN_SCHEME: []}, {KEY_SCHEME: []}] if protected else []


def references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value.rsplit("/", 1)[-1]
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def drop_unused_schemas(schemas: dict[str, Any], document: dict[str, Any]) -> None:
    """FastAPI's own validation error schemas, which Problem replaces, go once nothing refers to them."""
    used = set(references({key: value for key, value in document.items() if key != "components"}))
    pending = list(used)
    while pending:
        for name in references(schemas.get(pending.pop(), {})):
            if name not in used:
                used.add(name)
                pending.append(name)
    for name in FASTAPI_VALIDATION_SCHEMAS - used:
        schemas.pop(name, None)

"""The served OpenAPI document reads well to generators and linters, and the API keeps to what it says."""

from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema_rs
import pytest

from api.problems import Problem
from tests.api.test_access_matrix import PUBLIC

PROBLEM_CONTENT = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
WRITE_METHODS = {"post", "put", "patch", "delete"}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture
async def document(anonymous: httpx.AsyncClient) -> dict[str, Any]:
    response = await anonymous.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path, operation


def validator(schema: dict[str, Any], document: dict[str, Any]) -> jsonschema_rs.Draft202012Validator:
    """A validator of one schema of the document, its references resolved against the whole document."""
    root = {key: value for key, value in schema.items() if key not in ("examples", "example")}
    return jsonschema_rs.Draft202012Validator({**root, "components": document["components"]}, validate_formats=True)


def examples_in(node: Any, pointer: str = "#") -> Iterator[tuple[str, dict[str, Any], Any]]:
    """Every example of the document with the schema it illustrates: of schemas, media types and parameters."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from examples_in(item, f"{pointer}/{index}")
        return
    if not isinstance(node, dict):
        return
    if isinstance(node.get("schema"), dict):  # a media type or a parameter
        if "example" in node:
            yield f"{pointer}/example", node["schema"], node["example"]
        for name, example in (node.get("examples") or {}).items():
            if "value" in example:
                yield f"{pointer}/examples/{name}", node["schema"], example["value"]
    elif isinstance(node.get("examples"), list):  # a schema
        for index, example in enumerate(node["examples"]):
            yield f"{pointer}/examples/{index}", node, example
    for key, value in node.items():
        if key not in ("example", "examples"):
            yield from examples_in(value, f"{pointer}/{key}")


async def test_schema_names_are_plain_and_unique(document: dict[str, Any]) -> None:
    names = list(document["components"]["schemas"])
    # FastAPI splits a model into -Input and -Output when the two differ, and qualifies a name by its module
    # when two models share it; either way a generated client gets names nobody chose.
    assert [name for name in names if "-" in name or "__" in name] == []
    assert "HTTPValidationError" not in names and "ValidationError" not in names


async def test_every_problem_response_is_problem_details(document: dict[str, Any]) -> None:
    documented = Problem.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
    documented.pop("$defs", None)
    assert document["components"]["schemas"]["Problem"] == documented
    for method, path, operation in operations(document):
        for code, response in operation["responses"].items():
            if path.startswith("/api/") and int(code) >= 400:
                assert response["content"] == PROBLEM_CONTENT, f"{method} {path} {code}"
                assert response["description"], f"{method} {path} {code}"


async def test_every_operation_documents_the_problems_it_can_give(document: dict[str, Any]) -> None:
    checked = 0
    for method, path, operation in operations(document):
        if not path.startswith("/api/"):
            continue
        codes = {int(code) for code in operation["responses"]}
        headers = {parameter["name"] for parameter in operation.get("parameters", []) if parameter["in"] == "header"}
        expected = set()
        if operation.get("parameters") or operation.get("requestBody"):
            expected.add(422)
        if operation["security"]:
            expected |= {401, 403}
        if "{" in path:
            expected.add(404)
        if method in WRITE_METHODS:
            expected.add(409)
        if "If-Match" in headers:
            expected |= {412, 428}
        assert expected <= codes, f"{method.upper()} {path} lacks {sorted(expected - codes)}"
        checked += 1
    assert checked >= 70


async def test_public_operations_need_no_token_and_the_rest_name_the_bearer_schemes(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["OAuth2PasswordBearer"]["flows"]["password"]["tokenUrl"] == "/api/v1/auth/token"
    assert schemes["ApiKey"] == {**schemes["ApiKey"], "type": "http", "scheme": "bearer"}
    public = set()
    for method, path, operation in operations(document):
        if operation["security"] == []:
            public.add((method, path))
        else:
            assert operation["security"] == [{"OAuth2PasswordBearer": []}, {"ApiKey": []}], f"{method} {path}"
    assert public == PUBLIC


async def test_servers_tags_and_operation_ids_are_there_for_generators(document: dict[str, Any]) -> None:
    assert document["servers"] and all(server["url"] and server["description"] for server in document["servers"])
    described = {tag["name"]: tag.get("description") for tag in document["tags"]}
    used = {tag for _, _, operation in operations(document) for tag in operation["tags"]}
    assert used <= set(described) and all(described[tag] for tag in used)
    operation_ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(operation_ids) == len(set(operation_ids))


async def test_every_example_validates_against_its_schema(document: dict[str, Any]) -> None:
    found = list(examples_in(document))
    assert len(found) >= 20
    wrong = []
    for pointer, schema, example in found:
        errors = [f"{error.instance_path}: {error.message}" for error in validator(schema, document).iter_errors(example)]
        if errors:
            wrong.append(f"{pointer}: {errors[:3]}")
    assert wrong == []


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/api/v1/no-such-thing", 404),
    ("GET", "/api/v2/organisations", 404),
    ("GET", "/api", 404),
    ("GET", "/api/", 404),
    ("DELETE", "/api/v1/organisations", 405),
    ("PUT", "/api/v1/auth/token", 405),
    ("POST", "/api/openapi.json", 405),
    ("PATCH", "/api/v1/agreements", 405),
])
async def test_unknown_paths_and_methods_under_api_answer_problem_details(
    client: httpx.AsyncClient, document: dict[str, Any], method: str, path: str, status: int
) -> None:
    response = await client.request(method, path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status and problem["instance"] == path
    assert list(validator(document["components"]["schemas"]["Problem"], document).iter_errors(problem)) == []
    if status == 405:
        allowed = set(response.headers["allow"].split(", "))
        assert method not in allowed
        assert {method.upper() for method in document["paths"].get(path, {"get": {}})} <= allowed


async def test_the_pages_keep_their_own_not_found_page(client: httpx.AsyncClient) -> None:
    response = await client.get("/no-such-page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")

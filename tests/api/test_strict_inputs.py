"""Every JSON request body refuses fields it does not know, and money and rates are decimal strings."""

from typing import Any

from api.main import create_app

SCHEMA = create_app().openapi()
COMPONENTS = SCHEMA["components"]["schemas"]


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = COMPONENTS[node["$ref"].rsplit("/", 1)[1]]
    return node


def objects_in(node: dict[str, Any], seen: set[int]) -> list[tuple[str, dict[str, Any]]]:
    """Every object schema reachable from `node` (through properties, items, unions), with its name."""
    found = []
    name = node.get("$ref", "").rsplit("/", 1)[-1]
    node = resolve(node)
    if id(node) in seen:
        return []
    seen.add(id(node))
    if node.get("type") == "object" and "properties" in node:
        found.append((name or node.get("title", "?"), node))
    for child in [*node.get("properties", {}).values(), *node.get("anyOf", []), *node.get("oneOf", []),
                  *node.get("allOf", [])]:
        found += objects_in(child, seen)
    if isinstance(node.get("items"), dict):
        found += objects_in(node["items"], seen)
    if isinstance(node.get("additionalProperties"), dict):
        found += objects_in(node["additionalProperties"], seen)
    return found


def json_bodies() -> list[tuple[str, dict[str, Any]]]:
    bodies = []
    for path, operations in SCHEMA["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                bodies.append((f"{method.upper()} {path}", content["application/json"]["schema"]))
    return bodies


def test_every_json_body_refuses_unknown_fields() -> None:
    bodies = json_bodies()
    assert len(bodies) > 25
    lax = sorted({f"{operation}: {name}" for operation, body in bodies for name, node in objects_in(body, set())
                  if node.get("additionalProperties") is not False})
    assert lax == []


def test_money_and_rates_are_decimal_strings_with_their_pattern() -> None:
    pool = resolve({"$ref": "#/components/schemas/PoolFields"})["properties"]
    for field in ("amount", "co_financing_rate", "cap", "actual_amount"):
        variants = pool[field].get("anyOf", [pool[field]])
        strings = [v for v in variants if v.get("type") == "string"]
        assert strings and strings[0]["pattern"], field
        assert not any(v.get("type") == "number" for v in variants), field

from typing import Any

import httpx


async def find_one(client: httpx.AsyncClient, path: str, **params: Any) -> dict[str, Any]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert items, f"nothing at {path} with {params}"
    return items[0]


async def organisation_named(client: httpx.AsyncClient, name: str) -> dict[str, Any]:
    response = await client.get("/api/v1/organisations", params={"q": name, "limit": 200})
    matches = [o for o in response.json()["items"] if o["name_fi"] == name]
    assert len(matches) == 1, f"{name}: {matches}"
    return matches[0]


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["detail"]
    return body

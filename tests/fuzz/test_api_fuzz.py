"""Schemathesis sends generated and malformed input to every operation: none may answer with a server error."""

import os
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.live_server import serve_fresh_database

# More for a deeper search: FUZZ_EXAMPLES=200 make test.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))


@pytest.fixture(scope="module")
def fuzz_server() -> Iterator[str]:
    with serve_fresh_database("fuzz") as url:
        yield url


@pytest.fixture(scope="module")
def admin_headers(fuzz_server: str) -> dict[str, str]:
    token = httpx.post(f"{fuzz_server}/api/v1/auth/token",
                       data={"username": "paakayttaja@sopimo.example", "password": "demo-salasana"}).json()
    return {"Authorization": f"Bearer {token['access_token']}"}


def test_no_input_gives_a_server_error(fuzz_server: str, admin_headers: dict[str, str]) -> None:
    schema = schemathesis.openapi.from_url(f"{fuzz_server}/api/openapi.json")
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        if operation.path == "/api/v1/auth/token":
            continue  # repeated wrong logins answer 429 by design; covered in tests/api

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def no_server_error(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(base_url=fuzz_server, headers=admin_headers)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}")

        no_server_error()
    assert failures == []

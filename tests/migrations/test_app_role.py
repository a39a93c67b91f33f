"""On PostgreSQL the application runs as a role that can neither empty nor rewrite the audit trail, and works.

Run on PostgreSQL only (see tests/conftest.py): SQLite, a single file, has no roles.
"""

import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from api.demo_data import DEMO_PASSWORD
from tests.databases import _admin, fresh_database, run_coroutine
from tests.live_server import ROOT, free_port


@pytest.fixture(scope="module")
def databases() -> Iterator[tuple[str, str]]:
    """(owner URL, application URL) of a database migrated by the owner, the application's role granted."""
    role = f"sopimo_app_{uuid.uuid4().hex[:8]}"
    run_coroutine(lambda: _admin(f'CREATE ROLE "{role}" LOGIN'))
    try:
        with fresh_database("roles") as owner_url:
            app_url = make_url(owner_url).set(username=role).render_as_string(hide_password=False)
            env = {**os.environ, "MIGRATION_DATABASE_URL": owner_url, "DATABASE_URL": app_url, "SOPIMO_APP_ROLE": role}
            subprocess.run([sys.executable, "-m", "api.cli", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
            yield owner_url, app_url
    finally:
        run_coroutine(lambda: _admin(f'DROP ROLE IF EXISTS "{role}"'))


def plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


@pytest.mark.parametrize("statement", [
    "TRUNCATE audit_entries",
    "UPDATE audit_entries SET action = 'x'",
    "DELETE FROM audit_entries",
    "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only",
    "ALTER TABLE audit_entries DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_entries_append_only ON audit_entries",
    "DROP TABLE audit_entries",
    "DELETE FROM alembic_version",
])
def test_the_application_role_cannot_empty_rewrite_or_unguard_the_audit_trail(databases, statement: str) -> None:  # type: ignore[no-untyped-def]
    _, app_url = databases

    async def attempt() -> None:
        connection = await asyncpg.connect(plain(app_url))
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    with pytest.raises(asyncpg.exceptions.InsufficientPrivilegeError):
        run_coroutine(attempt)


def test_the_application_role_reads_and_adds_audit_entries(databases) -> None:  # type: ignore[no-untyped-def]
    _, app_url = databases

    async def add_and_read() -> int:
        connection = await asyncpg.connect(plain(app_url))
        try:
            await connection.execute(
                "INSERT INTO audit_entries (id, occurred_at, action, resource_type) VALUES ($1, now(), 'create', 'x')",
                uuid.uuid4())
            return int(await connection.fetchval("SELECT count(*) FROM audit_entries"))
        finally:
            await connection.close()

    assert run_coroutine(add_and_read) >= 1


def test_the_application_works_as_that_role(databases) -> None:  # type: ignore[no-untyped-def]
    _, app_url = databases
    env = {**os.environ, "DATABASE_URL": app_url, "SOPIMO_LOG_LEVEL": "WARNING"}
    subprocess.run([sys.executable, "-m", "api.cli", "load-demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "api.cli", "serve"], cwd=ROOT,
                              env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not ready(base):
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        asyncio.run(a_working_day(base))
    finally:
        server.terminate()
        server.wait(timeout=10)


def ready(base: str) -> bool:
    try:
        return httpx.get(f"{base}/readyz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


async def a_working_day(base: str) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        wrong = await http.post("/api/v1/auth/token", data={"username": "paakayttaja@sopimo.example", "password": "x" * 9})
        assert wrong.status_code == 401
        token = await http.post("/api/v1/auth/token",
                                data={"username": "paakayttaja@sopimo.example", "password": DEMO_PASSWORD})
        assert token.status_code == 200, token.text
        http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        created = await http.post("/api/v1/organisations", json={"kind": "association", "name_fi": "Roolitettu ry"})
        assert created.status_code == 201, created.text
        changed = await http.patch(f"/api/v1/organisations/{created.json()['id']}", json={"region": "Pirkanmaa"},
                                   headers={"If-Match": created.headers["etag"]})
        assert changed.status_code == 200, changed.text
        assert (await http.delete(f"/api/v1/organisations/{created.json()['id']}")).status_code == 204
        trail = (await http.get("/api/v1/audit", params={"resource_id": created.json()["id"]})).json()["items"]
        assert [e["action"] for e in trail] == ["delete", "update", "create"]
        assert (await http.post("/api/v1/auth/logout")).status_code == 204

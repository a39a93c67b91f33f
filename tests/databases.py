"""Test databases: a fresh one per run (a SQLite file, or a PostgreSQL database made and dropped)."""

import asyncio
import os
import tempfile
import uuid
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from sqlalchemy.engine import make_url

Result = TypeVar("Result")

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def backend() -> str:
    return os.environ.get("TEST_BACKEND", "sqlite")


def postgres_admin_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", DEFAULT_POSTGRES_URL)
    return url.replace("postgresql+asyncpg://", "postgresql://")


def run_coroutine(make: Callable[[], Coroutine[Any, Any, Result]]) -> Result:
    """Run a coroutine to the end in a thread of its own, whatever event loop this thread is running."""
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(lambda: asyncio.run(make())).result()


def postgres_answers() -> str | None:
    """None when the server answers, else why not."""
    async def probe() -> None:
        connection = await asyncpg.connect(postgres_admin_url(), timeout=5)
        await connection.close()

    try:
        run_coroutine(probe)
    except Exception as error:  # any failure to connect is the answer
        return f"{type(error).__name__}: {error}"
    return None


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(postgres_admin_url(), timeout=10)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def skip_or_fail(reason: str) -> None:
    """A missing service is a skip locally; with CI=true nothing may skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true forbids skipping")
    pytest.skip(reason)


@contextmanager
def fresh_database(label: str) -> Iterator[str]:
    """The async URL of a new, empty database, removed afterwards (a skip when PostgreSQL does not answer)."""
    if backend() == "postgresql" and (why_not := postgres_answers()):
        skip_or_fail(f"PostgreSQL does not answer: {why_not}")
    if backend() == "postgresql":
        name = f"sopimo_{label}_{uuid.uuid4().hex[:10]}"
        run_coroutine(lambda: _admin(f'CREATE DATABASE "{name}"'))
        url = make_url(postgres_admin_url()).set(drivername="postgresql+asyncpg", database=name)
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            run_coroutine(lambda: _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    else:
        with tempfile.TemporaryDirectory(prefix=f"sopimo-{label}-") as folder:
            yield f"sqlite+aiosqlite:///{Path(folder) / 'test.db'}"

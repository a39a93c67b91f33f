"""While the database cannot be reached the API answers 503 problem details with Retry-After, at once, and the
pages a page in the reader's language; what the database refuses for other reasons stays what it was."""

import sqlite3
import tempfile
import time
from collections.abc import AsyncIterator, Iterator

import asyncpg
import httpx
import pytest
import sqlalchemy.exc
from fastapi import FastAPI

from api import db
from api.problems import database_unreachable, install_problem_handlers
from tests.databases import backend
from tests.live_server import free_port

#: The pool's connect timeout is 5 s; a refused connection is reported well within it.
QUICKLY_SECONDS = 5


@pytest.fixture
def unreachable_database() -> Iterator[None]:
    """The process's database swapped for one that cannot be reached: a closed port, or a folder for a file."""
    with tempfile.TemporaryDirectory(prefix="sopimo-unreachable-") as folder:
        if backend() == "postgresql":
            url = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/nothing_listens_here"
        else:
            url = f"sqlite+aiosqlite:///{folder}"  # a folder, which SQLite cannot open as a database
        kept, db._database = db._database, db.Database(url)
        try:
            yield
        finally:
            db._database = kept


@pytest.fixture
async def down(app, unreachable_database: None) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    """The whole application with its own sessions (not the test's transaction), on the unreachable database."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        client.headers["Authorization"] = "Bearer sopimo_any-token"
        yield client


async def test_a_write_while_the_database_is_down_is_a_503_with_retry_after(down: httpx.AsyncClient) -> None:
    started = time.monotonic()
    answer = await down.post("/api/v1/organisations", json={"kind": "association", "name_fi": "Ei tallennu"})
    assert time.monotonic() - started < QUICKLY_SECONDS
    assert answer.status_code == 503
    assert answer.headers["content-type"] == "application/problem+json"
    assert int(answer.headers["retry-after"]) > 0
    problem = answer.json()
    assert problem["code"] == "database.unavailable" and problem["params"]["seconds"] > 0


async def test_a_login_while_the_database_is_down_is_a_503(down: httpx.AsyncClient) -> None:
    answer = await down.post("/api/v1/auth/token", data={"username": "paakayttaja@sopimo.example", "password": "x" * 12})
    assert answer.status_code == 503 and answer.json()["code"] == "database.unavailable"


async def test_readiness_says_the_database_does_not_answer(down: httpx.AsyncClient) -> None:
    started = time.monotonic()
    ready = await down.get("/readyz")
    assert time.monotonic() - started < QUICKLY_SECONDS
    assert ready.status_code == 503 and "retry-after" in ready.headers
    assert ready.json()["status"] == "unavailable" and ready.json()["code"] == "database.unavailable"
    assert "database does not answer" in ready.json()["detail"]
    assert (await down.get("/healthz")).status_code == 200, "the process itself is up"


@pytest.mark.parametrize(("language", "text"), [
    ("fi", "ei juuri nyt saa yhteyttä tietokantaansa"),
    ("sv", "når för tillfället inte sin databas"),
])
async def test_a_page_while_the_database_is_down_says_so_in_the_readers_language(
    down: httpx.AsyncClient, language: str, text: str
) -> None:
    down.cookies.update({"sopimo_session": "a-login", "sopimo_lang": language})
    page = await down.get("/organisations")
    assert page.status_code == 503 and "retry-after" in page.headers
    assert page.headers["content-type"].startswith("text/html")
    assert text in page.text and f'<html lang="{language}">' in page.text
    assert "Internal Server Error" not in page.text


def wrapped(error: Exception, as_: type[sqlalchemy.exc.DBAPIError] = sqlalchemy.exc.DBAPIError,
            invalidated: bool = False) -> sqlalchemy.exc.DBAPIError:
    """The error as SQLAlchemy hands it on: wrapped, the driver's error as `orig`."""
    return as_("SELECT 1", None, error, connection_invalidated=invalidated)


@pytest.mark.parametrize("error", [
    sqlalchemy.exc.TimeoutError("QueuePool limit of size 5 overflow 10 reached"),
    asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
    asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
    asyncpg.exceptions.AdminShutdownError("terminating connection due to administrator command"),
    asyncpg.exceptions.TooManyConnectionsError("sorry, too many clients already"),
    wrapped(asyncpg.exceptions.InterfaceError("connection is closed"), sqlalchemy.exc.InterfaceError, invalidated=True),
    wrapped(sqlite3.OperationalError("unable to open database file"), sqlalchemy.exc.OperationalError),
    wrapped(sqlite3.OperationalError("disk I/O error"), sqlalchemy.exc.OperationalError),
], ids=type)
def test_what_means_the_database_cannot_be_reached(error: Exception) -> None:
    assert database_unreachable(error)


@pytest.mark.parametrize("error", [
    wrapped(sqlite3.IntegrityError("UNIQUE constraint failed"), sqlalchemy.exc.IntegrityError),
    wrapped(sqlite3.OperationalError("no such table: organisations"), sqlalchemy.exc.OperationalError),
    asyncpg.exceptions.UniqueViolationError("duplicate key value"),
    FileNotFoundError(2, "No such file"),
    TimeoutError("a time limit of the app's own"),
    ConnectionRefusedError(111, "a service other than the database"),
    ValueError("not a database matter"),
], ids=type)
def test_what_the_database_refused_is_not_called_unreachable(error: Exception) -> None:
    assert not database_unreachable(error)


async def test_a_refused_connection_of_the_driver_is_found_deep_in_the_chain() -> None:
    try:
        try:
            await asyncpg.connect(host="127.0.0.1", port=free_port(), user="postgres", timeout=5)
        except OSError as refused:
            raise RuntimeError("while checking a token") from refused
    except RuntimeError as outer:
        assert database_unreachable(outer)
    else:
        pytest.fail("nothing listens on a free port")


async def test_a_fault_that_is_not_the_database_stays_a_500() -> None:
    api = FastAPI()
    install_problem_handlers(api)

    @api.get("/reads-a-file")
    async def reads_a_file() -> None:
        raise FileNotFoundError(2, "No such file")

    transport = httpx.ASGITransport(app=api, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.get("/reads-a-file")
    assert answer.status_code == 500 and answer.json()["code"] == "server.fault"

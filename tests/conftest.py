"""Fixtures shared by the database tests: one migrated database per run, a rolled-back transaction per test."""

import os
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from alembic import command
from hypothesis import settings
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from tests.databases import backend, fresh_database

# The suite shares its machine with servers it starts itself: a property holds or fails whatever the clock says.
settings.register_profile("sopimo", deadline=None)
settings.load_profile("sopimo")
# SQLite has no roles: the application role is a PostgreSQL matter.
collect_ignore = [] if backend() == "postgresql" else ["migrations/test_app_role.py"]


def pytest_report_header() -> str:
    return f"database backend: {backend()}"


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    with fresh_database("tests") as url:
        from api.cli import alembic_config

        config = alembic_config(url)
        config.attributes["configure_logging"] = False
        command.upgrade(config, "head")
        os.environ["DATABASE_URL"] = url
        from api.settings import get_settings

        get_settings.cache_clear()
        yield url


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    from api import db
    from api.demo import load_demo

    engine = db.create_engine(database_url)
    async with AsyncSession(engine) as session, session.begin():
        await load_demo(session)
    db._database = db.Database(database_url)
    yield engine
    await engine.dispose()
    await db._database.dispose()
    db._database = None


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """Everything a test writes is rolled back when it ends."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        await transaction.rollback()


@pytest.fixture
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    async with AsyncSession(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as s:
        yield s


@pytest.fixture(scope="session")
def app(engine: AsyncEngine):  # type: ignore[no-untyped-def]
    from web.asgi import compose

    return compose()


ADMIN = "paakayttaja@sopimo.example"


@pytest.fixture
async def transport(app, connection: AsyncConnection) -> AsyncIterator[httpx.ASGITransport]:  # type: ignore[no-untyped-def]
    """The whole application, its requests sharing the test's transaction."""
    from api.db import get_session, request_transaction

    async def session_in_test_transaction() -> AsyncIterator[AsyncSession]:
        async with AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        ) as session, request_transaction(session):
            yield session

    app.dependency_overrides[get_session] = session_in_test_transaction
    yield httpx.ASGITransport(app=app, raise_app_exceptions=False)
    app.dependency_overrides.clear()


@pytest.fixture
async def anonymous(transport: httpx.ASGITransport) -> AsyncIterator[httpx.AsyncClient]:
    """A client without credentials."""
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
def credentials(session: AsyncSession):  # type: ignore[no-untyped-def]
    """Makes bearer secrets for demo people and API keys, inside the test's transaction."""
    from tests.credentials import Credentials

    return Credentials(session)


@pytest.fixture
async def client(transport: httpx.ASGITransport, credentials) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    """The whole application as the installation's administrator (pages by cookie, API by bearer token)."""
    token = await credentials.token_for(ADMIN)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        client.headers["Authorization"] = f"Bearer {token}"
        client.cookies.set("sopimo_session", token)
        with_csrf(client)
        yield client


def with_csrf(client: httpx.AsyncClient) -> None:
    """What a page gives a browser: the CSRF cookie and the token that htmx sends as a header."""
    from web.session import csrf_token_for

    client.cookies.set("sopimo_csrf", "test-seed")
    client.headers["X-CSRF-Token"] = csrf_token_for("test-seed")

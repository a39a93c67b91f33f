"""Database engine and sessions: the request owns the transaction."""

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

CONNECT_TIMEOUT_SECONDS = 5


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str) -> AsyncEngine:
    """An async engine; on SQLite, foreign keys on and real SAVEPOINT support. Every change is audited, and every
    change to an agreement's facts works out its status periods again before the commit."""
    from api.agreements.periods import install_period_keeper
    from api.audit.recorder import install_audit_recorder

    install_audit_recorder()
    install_period_keeper()
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        _configure_sqlite(engine)
        return engine
    # A database that does not answer is reported within seconds (503), not after the driver's minute; a pooled
    # connection the server dropped is found by the ping and replaced, so the app recovers without a restart.
    return create_async_engine(url, pool_pre_ping=True, pool_timeout=CONNECT_TIMEOUT_SECONDS,
                               connect_args={"timeout": CONNECT_TIMEOUT_SECONDS})


def _configure_sqlite(engine: AsyncEngine) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN itself.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        # WAL: readers do not wait for the writer, nor the writer for them (kept in the file once set).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A write transaction takes the write lock at once and waits (busy_timeout) for its turn; a deferred one
        # that read first could only fail ("database is locked") when it came to write.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing.get() else "BEGIN")


#: Whether the transaction about to begin will write: set for the requests that change something.
writing: ContextVar[bool] = ContextVar("writing", default=False)
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Database:
    """The engine and session factory of one process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self.is_sqlite = is_sqlite(url)
        self._write_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary())

    def write_lock(self) -> asyncio.Lock:
        """SQLite has one writer at a time: this process's write transactions queue here, without holding a
        pooled connection or the event loop while they wait."""
        loop = asyncio.get_running_loop()
        if loop not in self._write_locks:
            self._write_locks[loop] = asyncio.Lock()
        return self._write_locks[loop]

    @asynccontextmanager
    async def write_turn(self) -> AsyncIterator[None]:
        """On SQLite, wait for this process's turn to write, and begin the transactions inside with the write lock;
        elsewhere nothing (PostgreSQL has row locks)."""
        if not self.is_sqlite:
            yield
            return
        async with self.write_lock():
            writing.set(True)
            try:
                yield
            finally:
                writing.set(False)

    async def dispose(self) -> None:
        await self.engine.dispose()


_database: Database | None = None


def get_database() -> Database:
    """The process's database, made on first use from the settings."""
    global _database
    if _database is None:
        from api.settings import get_settings

        _database = Database(get_settings().database_url)
    return _database


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request: commit when the handler returns, roll back when it raises. A request that may change
    something waits for its turn to write first (on SQLite)."""
    database = get_database()
    if request.method in READ_METHODS:
        async with database.sessions() as session, request_transaction(session):
            session.info["reading"] = True
            yield session
        return
    async with database.write_turn(), database.sessions() as session, request_transaction(session):
        yield session


@asynccontextmanager
async def request_transaction(session: AsyncSession) -> AsyncIterator[None]:
    """Commit on success; on failure roll back, keeping only the record of a refused authorisation."""
    from api.audit.recorder import refused_entry
    from api.errors import Forbidden

    try:
        yield
        await session.commit()
    except Forbidden as refused:
        await session.rollback()
        session.add(refused_entry(refused.detail, refused.resource_type, refused.resource_id, refused.area_id))
        await session.commit()
        raise
    except BaseException:
        await session.rollback()
        raise


# scope="function": the commit happens before the response is sent, so a failed commit is still reported.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]

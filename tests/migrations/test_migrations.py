import asyncio

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from api.cli import alembic_config
from api.db import create_engine
from api.tables import Base
from tests.databases import fresh_database


@pytest.fixture(scope="module")
def empty_database_url():  # type: ignore[no-untyped-def]
    with fresh_database("migrations") as url:
        yield url


def inspect_database(url: str, look):  # type: ignore[no-untyped-def]
    async def run():  # type: ignore[no-untyped-def]
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(look)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def table_names(url: str) -> set[str]:
    return inspect_database(url, lambda connection: set(inspect(connection).get_table_names()) - {"alembic_version"})


def test_upgrade_downgrade_upgrade(empty_database_url: str) -> None:
    config = alembic_config(empty_database_url)
    config.attributes["configure_logging"] = False
    command.upgrade(config, "head")
    assert table_names(empty_database_url) == set(Base.metadata.tables)
    command.downgrade(config, "base")
    assert table_names(empty_database_url) == set()
    command.upgrade(config, "head")
    assert table_names(empty_database_url) == set(Base.metadata.tables)


def test_the_migrations_make_exactly_the_tables_the_code_declares(empty_database_url: str) -> None:
    config = alembic_config(empty_database_url)
    config.attributes["configure_logging"] = False
    command.upgrade(config, "head")

    def differences(connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)

    assert inspect_database(empty_database_url, differences) == []

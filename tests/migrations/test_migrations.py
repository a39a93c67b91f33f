import asyncio
from datetime import date

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


# PostgreSQL's index of agreements in code-point title order (title COLLATE "C") is the migrations' alone: the models
# cannot declare a collation in an index that SQLite lacks, and reflection reads it as an index of plain columns.
MIGRATIONS_ONLY = {"ix_agreements_title_bytewise"}


def declared(item, name, kind, reflected, compare_to):  # type: ignore[no-untyped-def]
    return not (kind == "index" and name in MIGRATIONS_ONLY)


# The one-decision-per-meeting index is on an expression (a missing § counts as 0), which reflection cannot compare.
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_the_migrations_make_exactly_the_tables_the_code_declares(empty_database_url: str) -> None:
    config = alembic_config(empty_database_url)
    config.attributes["configure_logging"] = False
    command.upgrade(config, "head")

    def differences(connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": declared})
        return compare_metadata(context, Base.metadata)

    assert inspect_database(empty_database_url, differences) == []


def test_the_rules_on_concurrent_writes_refuse_stored_duplicates_and_change_nothing() -> None:
    """Two stored records of one decision stop the migration that makes the database hold the rule: it names them and
    deletes nothing; once they are corrected it goes through."""
    from sqlalchemy import delete, insert, select

    from api.agreements.models import Agreement, AgreementVersion
    from api.areas.models import Area
    from api.decisions.models import Decision
    from api.organisations.models import Organisation

    def store_a_decision_twice(connection):  # type: ignore[no-untyped-def]
        organisation = connection.execute(insert(Organisation).values(kind="municipality", name_fi="Kunta")
                                          .returning(Organisation.id)).scalar_one()
        area = connection.execute(insert(Area).values(name="Alue", kind="employment_area",
                                                      lead_organisation_id=organisation).returning(Area.id)).scalar_one()
        agreement = connection.execute(insert(Agreement).values(area_id=area, title="Sopimus", kind="cooperation_agreement")
                                       .returning(Agreement.id)).scalar_one()
        version = connection.execute(insert(AgreementVersion).values(
            agreement_id=agreement, area_id=area, number=1, title="Sopimus", status="circulating",
        ).returning(AgreementVersion.id)).scalar_one()
        for outcome in ("approved", "rejected"):
            connection.execute(insert(Decision).values(
                area_id=area, organisation_id=organisation, agreement_id=agreement, version_id=version,
                body="municipal_board", meeting_date=date(2025, 1, 20), section=7, outcome=outcome))
        connection.commit()

    def correct_the_minutes(connection):  # type: ignore[no-untyped-def]
        rejected = connection.execute(select(Decision.id).where(Decision.outcome == "rejected")).scalar_one()
        connection.execute(delete(Decision).where(Decision.id == rejected))
        connection.commit()

    def decisions(connection):  # type: ignore[no-untyped-def]
        return sorted(connection.execute(select(Decision.outcome)).scalars())

    with fresh_database("migrations_duplicates") as url:
        config = alembic_config(url)
        config.attributes["configure_logging"] = False
        command.upgrade(config, "0004_costs")
        inspect_database(url, store_a_decision_twice)
        with pytest.raises(RuntimeError, match="decisions recorded twice"):
            command.upgrade(config, "head")
        assert inspect_database(url, decisions) == ["approved", "rejected"]
        inspect_database(url, correct_the_minutes)
        command.upgrade(config, "head")
        assert inspect_database(url, decisions) == ["approved"]


def test_names_stored_before_are_searched_without_accents_after_the_upgrade() -> None:
    import uuid

    from sqlalchemy import text

    with fresh_database("search_folded") as url:
        config = alembic_config(url)
        config.attributes["configure_logging"] = False
        command.upgrade(config, "0010_title_index")
        organisation = uuid.uuid4()

        async def write_and_read(statement: str, **values: object) -> object:
            engine = create_engine(url)
            try:
                async with engine.begin() as connection:
                    result = await connection.execute(text(statement), values)
                    return result.scalar() if result.returns_rows else None
            finally:
                await engine.dispose()

        asyncio.run(write_and_read(
            "INSERT INTO organisations (id, kind, name_fi, name_sv, search_text, version, created_at, updated_at) "
            "VALUES (:id, 'municipality', 'Jyväskylä', 'Jyväskylä', 'jyväskylä jyväskylä', 1, :now, :now)",
            id=organisation if "postgresql" in url else organisation.hex, now=date(2020, 1, 1)))
        command.upgrade(config, "head")
        stored = asyncio.run(write_and_read("SELECT search_text FROM organisations"))
        assert stored == "jyvaskyla jyvaskyla"
        command.downgrade(config, "0010_title_index")
        assert asyncio.run(write_and_read("SELECT search_text FROM organisations")) == "jyväskylä jyväskylä"

"""Command line: `sopimo migrate`, `sopimo grant-app-role ROLE`, `sopimo load-demo`, `sopimo import-organisations FILE`,
`sopimo serve`."""

import argparse
import asyncio
import contextlib
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import get_database
from api.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]

T = TypeVar("T")


def alembic_config(database_url: str | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    if database_url:
        config.attributes["database_url"] = database_url
    return config


def migrate(_: argparse.Namespace) -> int:
    """As the owner role (MIGRATION_DATABASE_URL, else DATABASE_URL); then, with SOPIMO_APP_ROLE, the grants."""
    settings = get_settings()
    owner_url = settings.migration_database_url or settings.database_url
    command.upgrade(alembic_config(owner_url), "head")
    asyncio.run(bring_periods_up_to_date(owner_url))
    if settings.app_role:
        return grant_app_role(argparse.Namespace(role=settings.app_role))
    return 0


async def bring_periods_up_to_date(url: str) -> None:
    """The agreements' status periods, for a database that had agreements before they were kept (or older rules)."""
    from api.agreements.periods import bring_up_to_date
    from api.db import Database

    database = Database(url)
    try:
        computed = await bring_up_to_date(database)
    finally:
        await database.dispose()
    if computed:
        print(f"status periods worked out for {computed} agreements")


def grant_app_role(arguments: argparse.Namespace) -> int:
    """Give the application's PostgreSQL role its rights, as the owner role (run again after new migrations)."""
    from api.db import create_engine
    from api.db_roles import RoleNameRefused
    from api.db_roles import grant_app_role as grant

    settings = get_settings()

    async def work() -> bool:
        engine = create_engine(settings.migration_database_url or settings.database_url)
        try:
            return await grant(engine, arguments.role)
        finally:
            await engine.dispose()

    try:
        granted = asyncio.run(work())
    except RoleNameRefused as error:
        print(error, file=sys.stderr)
        return 2
    if not granted:
        print("SQLite has no roles: nothing to grant.")
    return 0


async def _in_transaction(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    database = get_database()
    try:
        async with database.sessions() as session, session.begin():
            return await work(session)
    finally:
        await database.dispose()


def load_demo(_: argparse.Namespace) -> int:
    from api.demo import load_demo as load

    if get_settings().environment == "production":
        print("Demo data is not loaded in production (SOPIMO_ENVIRONMENT=production).", file=sys.stderr)
        return 2
    counts = asyncio.run(_in_transaction(load))
    print(f"Demo data: {counts['organisations']} organisations, {counts['areas']} areas "
          f"and {counts['users']} demo people added.")
    return 0


def create_admin(arguments: argparse.Namespace) -> int:
    """The first administrator of an installation; the password is asked, not given on the command line."""
    import getpass

    from sqlalchemy import func, select

    from api.auth.models import User
    from api.auth.passwords import hash_password
    from api.organisations.models import Organisation
    from domain.errors import CodedError, UnknownReference, ValueTaken

    password = os.environ.get("SOPIMO_ADMIN_PASSWORD") or getpass.getpass("Password (at least 8 characters): ")

    async def work(session: AsyncSession) -> str:
        email = arguments.email.strip().casefold()
        if await session.scalar(select(User.id).where(func.lower(User.email) == email)):
            raise ValueTaken("email", resource="person")
        organisation = await session.scalar(
            select(Organisation).where(
                (Organisation.municipality_code == arguments.organisation) | (Organisation.name_fi == arguments.organisation)
            )
        )
        if organisation is None:
            raise UnknownReference("organisation", "organisation", arguments.organisation)
        session.add(User(email=email, name=arguments.name or email, organisation_id=organisation.id, is_admin=True,
                         password_hash=await hash_password(password)))
        return email

    try:
        email = asyncio.run(_in_transaction(work))
    except CodedError as error:
        print(error.detail, file=sys.stderr)
        return 2
    print(f"Administrator {email} created.")
    return 0


def import_organisations(arguments: argparse.Namespace) -> int:
    from api.organisations.imports import ImportReport, import_reference_file
    from api.organisations.repository import OrganisationRepository
    from domain.errors import CodedError

    content = Path(arguments.file).read_bytes()

    async def work(session: AsyncSession) -> ImportReport:
        return await import_reference_file(OrganisationRepository(session), content, arguments.apply)

    try:
        report = asyncio.run(_in_transaction(work))
    except CodedError as error:
        print(f"{arguments.file}: {error.detail}", file=sys.stderr)
        for problem in error.field_problems:
            print(f"  {problem.field}: {problem.message}", file=sys.stderr)
        return 2
    for row in report.rows:
        if row.action != "unchanged":
            detail = "; ".join(error.message for error in row.errors) or ", ".join(row.changes)
            print(f"line {row.line}: {row.action} {row.municipality_code or ''} {row.name_fi or ''} {detail}".rstrip())
    verb = "Imported" if report.applied else "Preview (nothing saved; add --apply to import)"
    print(f"{verb}: {report.created} new, {report.updated} updated, {report.unchanged} unchanged, {report.errors} with errors.")
    return 1 if report.errors else 0


def serve(_: argparse.Namespace) -> int:
    import uvicorn

    uvicorn.run(
        "web.asgi:app",
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8000")),
        workers=int(os.environ.get("WEB_CONCURRENCY", "1")),
        # X-Forwarded-* are read by the application, and only from SOPIMO_TRUSTED_PROXIES.
        proxy_headers=False,
        log_level="warning",
    )
    return 0


def worker(arguments: argparse.Namespace) -> int:
    """Queue the reminders due and send the queued mail; with --once a single round, else until stopped."""
    from api.db import get_database
    from api.jobs.worker import run_forever, run_once
    from api.settings import get_settings

    async def work() -> None:
        database = get_database()
        try:
            if arguments.once:
                print(await run_once(database, get_settings()))
            else:
                await run_forever(database, get_settings())
        finally:
            await database.dispose()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(work())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sopimo", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="bring the database schema to the newest version").set_defaults(run=migrate)
    commands.add_parser("load-demo", help="load the demo data (only what is missing)").set_defaults(run=load_demo)
    importer = commands.add_parser("import-organisations", help="import a municipality list or a Y-tunnus list (CSV)")
    importer.add_argument("file")
    importer.add_argument("--apply", action="store_true", help="save; without it, only show what would change")
    importer.set_defaults(run=import_organisations)
    admin = commands.add_parser("create-admin", help="create an administrator of the installation")
    admin.add_argument("email")
    admin.add_argument("--organisation", required=True, help="municipality code or Finnish name, e.g. 837")
    admin.add_argument("--name")
    admin.set_defaults(run=create_admin)
    granting = commands.add_parser(
        "grant-app-role", help="PostgreSQL: grant the application's role its rights (as the owner role)")
    granting.add_argument("role")
    granting.set_defaults(run=grant_app_role)
    commands.add_parser("serve", help="serve the pages and the API (HOST, PORT, WEB_CONCURRENCY)").set_defaults(run=serve)
    working = commands.add_parser("worker", help="do the background work: reminders by e-mail (SMTP_URL)")
    working.add_argument("--once", action="store_true", help="one round, then stop")
    working.set_defaults(run=worker)
    arguments = parser.parse_args(argv)
    return arguments.run(arguments)


if __name__ == "__main__":
    sys.exit(main())

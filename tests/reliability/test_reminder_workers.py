"""Reminders by e-mail through a real SMTP server (aiosmtpd on localhost): two workers racing over the due reminders
send each one once, and a second round sends nothing."""

import asyncio
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from api.clock import today
from api.db import Database
from api.jobs.models import Job, OutgoingMail
from api.jobs.worker import run_once
from api.obligations.models import Obligation, ObligationInstance
from api.organisations.models import Organisation
from api.settings import get_settings
from tests.databases import fresh_database
from tests.live_server import free_port

ROOT = Path(__file__).resolve().parents[2]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    with fresh_database("reminders") as url:
        for step in ("migrate", "load-demo"):
            subprocess.run([sys.executable, "-m", "api.cli", step], cwd=ROOT, env={"DATABASE_URL": url, "PATH": ""},
                           check=True, capture_output=True, timeout=300)
        yield url


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


async def add_due_duties(url: str, count: int, due_on: date, first_period: int = 0, holder: str = "Tampere",
                         title: str = "Yhteistyöverkosto kokoontuu") -> None:
    """`count` more instances of a demo duty held by `holder`, each its own period, all due on `due_on`."""
    database = Database(url)
    async with database.sessions() as session, session.begin():
        tampere = await session.scalar(select(Organisation.id).where(Organisation.name_fi == holder))
        obligation = await session.scalar(select(Obligation).where(Obligation.title_fi == title))
        assert obligation is not None and tampere is not None
        session.add_all([ObligationInstance(
            id=uuid.uuid4(), area_id=obligation.area_id, agreement_id=obligation.agreement_id, obligation_id=obligation.id,
            holder_key=str(tampere), holder_id=tampere, on_behalf_of=[str(tampere)],
            nominal=date(2100, 1, 1) + timedelta(days=first_period + n), due_on=due_on, period_start=date(2099, 1, 1),
            lapsed=False,
        ) for n in range(count)])
    await database.dispose()


async def test_two_workers_send_each_due_reminder_once(database_url: str, inbox: tuple[Inbox, int]) -> None:
    handler, port = inbox
    day = today()
    await add_due_duties(database_url, 100, day + timedelta(days=1))
    settings = get_settings().model_copy(update={"smtp_url": f"smtp://127.0.0.1:{port}",
                                                 "public_url": "https://sopimo.example"})
    first, second = Database(database_url), Database(database_url)
    try:
        rounds = await asyncio.gather(run_once(first, settings, day), run_once(second, settings, day))
        assert sum(r["failed"] for r in rounds) == 0
        async with first.sessions() as session:
            jobs = await session.scalar(select(func.count()).select_from(Job))
            sent = list(await session.scalars(select(OutgoingMail)))
        assert jobs and jobs >= 100 and len(sent) == jobs
        assert sum(r["sent"] for r in rounds) == jobs, "every queued reminder sent by one worker or the other"
        ids = [message_from_bytes(raw)["Message-ID"] for raw in handler.messages]
        assert len(ids) == jobs and len(set(ids)) == jobs, "no reminder went out twice"
        tomorrow = [m for m in sent if m.reminder == "due_tomorrow" and "Yhteistyöverkosto kokoontuu" in m.subject]
        assert len(tomorrow) >= 100 and all(m.transport == "smtp" for m in tomorrow)
        example = next(m for m in (message_from_bytes(raw, policy=policy.default) for raw in handler.messages)
                       if "Yhteistyöverkosto kokoontuu erääntyy huomenna" in m["Subject"])
        assert example["Subject"].startswith("Muistutus: ") and example["Content-Language"] == "fi"
        assert "https://sopimo.example/obligations/instances/" in example.get_content()
        again = await asyncio.gather(run_once(first, settings, day), run_once(second, settings, day))
        assert sum(r["sent"] for r in again) == 0 and len(handler.messages) == jobs, "a second round sends nothing"
    finally:
        await first.dispose()
        await second.dispose()


async def test_without_an_smtp_server_the_mail_is_kept_for_the_admins(database_url: str) -> None:
    day = today() + timedelta(days=2)  # a day of its own: other reminders than the first test's
    settings = get_settings().model_copy(update={"smtp_url": None})
    database = Database(database_url)
    try:
        await add_due_duties(database_url, 3, day + timedelta(days=14), first_period=1000)
        await add_due_duties(database_url, 2, day + timedelta(days=14), first_period=2000, holder="Akaa",
                             title="Yhteiset tiedot ajan tasalla")
        result = await run_once(database, settings, day)
        assert result["sent"] >= 3 and result["failed"] == 0
        async with database.sessions() as session:
            kept = list(await session.scalars(select(OutgoingMail).where(OutgoingMail.reminder == "due_in_14_days",
                                                                         OutgoingMail.transport == "development")))
        by_address = {m.to_address: 0 for m in kept}
        for m in kept:
            by_address[m.to_address] += 1
        assert by_address.get("verkosto@tampere.example", 0) >= 3, (
            "Tampere's network coordinator is named responsible for the network's meetings: she is reminded")
        assert by_address.get("aluepaakayttaja@tampere.example", 0) >= 2, (
            "no one is named responsible at Akaa: the area's admin is reminded")
    finally:
        await database.dispose()

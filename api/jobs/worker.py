"""The background worker: queue the day's reminders, then do the queued jobs, again and again.

`sopimo worker` runs one (any number of them on PostgreSQL); on SQLite the server runs one inside itself.
"""

import asyncio
import logging
from datetime import date

from sqlalchemy.exc import IntegrityError

from api.clock import today as today_in_finland
from api.db import Database
from api.jobs import queue, reminders
from api.jobs.mail import send
from api.jobs.models import Job
from api.settings import Settings

logger = logging.getLogger("sopimo.worker")


async def perform(database: Database, settings: Settings, job: Job, today: date) -> str:
    """Do one claimed job: "sent", "skipped" (no longer applies, or sent before) or raise to try again later."""
    async with database.sessions() as session:
        if await reminders.already_sent(session, job.key):
            built = None
        else:
            built = await reminders.reminder_message(session, job.key, job.payload, settings.public_url, today)
    if built is None:
        async with database.write_turn(), database.sessions() as session, session.begin():
            await queue.finish(session, job)
        return "skipped"
    message, instance, obligation = built
    transport = await send(message, settings)
    try:
        async with database.write_turn(), database.sessions() as session, session.begin():
            session.add(reminders.recorded(message, transport, instance, obligation, job.payload["reminder"]))
            await queue.finish(session, job)
    except IntegrityError:  # another worker took it over after this one's lease ran out, and recorded it first
        async with database.write_turn(), database.sessions() as session, session.begin():
            await queue.finish(session, job)
    return "sent"


async def run_once(database: Database, settings: Settings, today: date | None = None) -> dict[str, int]:
    """One round: the reminders due today queued, then every job that can be claimed done."""
    day = today or today_in_finland()
    async with database.write_turn(), database.sessions() as session, session.begin():
        queued = await reminders.queue_reminders(session, day)
    done = {"queued": queued, "sent": 0, "skipped": 0, "failed": 0}
    while jobs := await queue.claim(database):
        for job in jobs:
            try:
                done[await perform(database, settings, job, day)] += 1
            except Exception as error:  # a mail server down, a bad address: try again later, and say so
                logger.warning("job %s failed: %s", job.key, error)
                await queue.fail(database, job, f"{type(error).__name__}: {error}")
                done["failed"] += 1
    return done


async def run_forever(database: Database, settings: Settings) -> None:
    while True:
        try:
            await run_once(database, settings)
        except asyncio.CancelledError:
            raise
        except Exception:  # the database away for a moment: the next round tries again
            logger.exception("a round of background work failed")
        await asyncio.sleep(settings.worker_poll_seconds)

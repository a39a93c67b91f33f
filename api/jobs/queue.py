"""The job queue in the application's own database: idempotent enqueueing, claiming by lease, completion.

On PostgreSQL any number of `sopimo worker` processes claim with SELECT … FOR UPDATE SKIP LOCKED, so no two take
the same job; on SQLite, whose writes take turns, a claim is a conditional UPDATE that only one writer wins.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import Database
from api.jobs.models import Job
from api.models import utc_now

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5


async def enqueue(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Queue jobs ({kind, key, payload}); a key already queued (or done) is left as it is."""
    if not rows:
        return
    now = utc_now()
    values = [{"id": uuid.uuid4(), "kind": row["kind"], "key": row["key"], "payload": row["payload"],
               "state": "pending", "run_after": now, "attempts": 0, "created_at": now} for row in rows]
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    await session.execute(insert(Job).values(values).on_conflict_do_nothing(index_elements=["key"]))


def claimable(now: datetime) -> Any:
    return or_(and_(Job.state == "pending", Job.run_after <= now),
               and_(Job.state == "running", Job.locked_until < now))


async def claim(database: Database, limit: int = 20) -> list[Job]:
    """Up to `limit` jobs this worker now holds for LEASE; none that another worker holds."""
    now = utc_now()
    async with database.write_turn(), database.sessions() as session, session.begin():
        candidates = select(Job.id).where(claimable(now)).order_by(Job.created_at, Job.id).limit(limit)
        if not database.is_sqlite:
            candidates = candidates.with_for_update(skip_locked=True)
        ids = list(await session.scalars(candidates))
        claimed = []
        for job_id in ids:
            won = await session.execute(
                update(Job).where(Job.id == job_id, claimable(now))
                .values(state="running", locked_until=now + LEASE, attempts=Job.attempts + 1))
            if won.rowcount == 1:  # type: ignore[attr-defined]
                claimed.append(job_id)
        if not claimed:
            return []
        return list(await session.scalars(select(Job).where(Job.id.in_(claimed))))


async def finish(session: AsyncSession, job: Job) -> None:
    await session.execute(update(Job).where(Job.id == job.id).values(state="done", done_at=utc_now(),
                                                                     locked_until=None, last_error=None))


async def fail(database: Database, job: Job, error: str) -> None:
    """Try again later (a minute, then longer), and give up after MAX_ATTEMPTS."""
    async with database.write_turn(), database.sessions() as session, session.begin():
        gave_up = job.attempts >= MAX_ATTEMPTS
        await session.execute(update(Job).where(Job.id == job.id).values(
            state="failed" if gave_up else "pending", locked_until=None, last_error=error[:2000],
            run_after=utc_now() + timedelta(minutes=2 ** job.attempts)))

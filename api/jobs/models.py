"""Background work as a durable table of jobs, and the mail it sent."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from api.models import Base, IdMixin, UtcDateTime, utc_now


class Job(IdMixin, Base):
    """One piece of background work. `key` makes it idempotent: the same work is queued once, whoever queues it.

    A worker claims a pending job (FOR UPDATE SKIP LOCKED on PostgreSQL) for `lease` seconds; a job whose worker
    died is claimed again once its lease has run out.
    """

    __tablename__ = "jobs"
    __audited__ = False

    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(300), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    run_after: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OutgoingMail(IdMixin, Base):
    """A message the service sent: over SMTP, or kept here for an admin to read where no SMTP server is set."""

    __tablename__ = "outgoing_mail"
    __audited__ = False

    job_key: Mapped[str] = mapped_column(String(300), unique=True)
    area_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="SET NULL"), index=True)
    instance_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("obligation_instances.id", ondelete="SET NULL"), index=True)
    reminder: Mapped[str | None] = mapped_column(String(30))
    to_address: Mapped[str] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(300))
    transport: Mapped[str] = mapped_column(String(20))
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)

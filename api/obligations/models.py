"""Obligations (velvoitteet) as stored: the duty, its holders, its instances (one per holder and period) and the
marks people made on them. An instance's status is computed on the date asked, from its latest mark and due date."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.agreements.models import AreaScoped
from api.models import Base, IdMixin, UtcDateTime, VersionedMixin, utc_now
from api.organisations.models import Organisation


class Obligation(AreaScoped, IdMixin, VersionedMixin, Base):
    """A duty written in a clause of an agreement version: what, of whom, when (velvoite). Its history is its own
    (with its holders, instances and marks), not the agreement's: a year of marks would bury the agreement's own.

    `lineage_id` is the same on the copies an amendment carries over, so a duty keeps its instances across versions.
    """

    __tablename__ = "obligations"
    __table_args__ = (Index("ix_obligations_version_title", "version_id", "title_fi"),)

    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreement_versions.id", ondelete="CASCADE"), index=True
    )
    lineage_id: Mapped[uuid.UUID] = mapped_column(Uuid, default=uuid.uuid4, index=True)
    section_number: Mapped[str | None] = mapped_column(String(20))
    quote: Mapped[str | None] = mapped_column(Text)
    title_fi: Mapped[str] = mapped_column(String(300))
    title_sv: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(30))
    holder_scope: Mapped[str] = mapped_column(String(30))
    holder_group: Mapped[str | None] = mapped_column(String(200))
    exceptions_hold_themselves: Mapped[bool] = mapped_column(Boolean, default=False)
    schedule_kind: Mapped[str] = mapped_column(String(20))
    due_on: Mapped[date | None] = mapped_column(Date)
    rule: Mapped[str | None] = mapped_column(String(500))
    review_month: Mapped[int] = mapped_column(Integer, default=12)
    review_day: Mapped[int] = mapped_column(Integer, default=31)
    starts_on: Mapped[date] = mapped_column(Date)

    holders: Mapped[list["ObligationHolder"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True, order_by="ObligationHolder.position"
    )


class ObligationHolder(AreaScoped, Base):
    """A party a duty names: as a holder (`named`) or as an exception (`exception`)."""

    __tablename__ = "obligation_holders"

    obligation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("obligations.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    def audit_parent_id(self) -> uuid.UUID:
        return self.obligation_id


class ObligationInstance(AreaScoped, IdMixin, VersionedMixin, Base):
    """One holder's duty for one period (velvoitteen toteuma): written when the duty's schedule reaches it.

    `state` is the latest mark's kind (done, not applicable) or null; overdue is never stored, it is computed from
    `due_on` on the date asked. `lapsed` keeps a marked instance whose holder no longer holds it (its party left,
    or the duty changed) for its history, out of every list.
    """

    __tablename__ = "obligation_instances"
    __table_args__ = (
        UniqueConstraint("obligation_id", "holder_key", "nominal"),
        Index("ix_obligation_instances_area_due", "area_id", "due_on"),
        Index("ix_obligation_instances_holder_due", "holder_id", "due_on"),
    )

    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"))
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    obligation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("obligations.id", ondelete="CASCADE"), index=True
    )
    holder_key: Mapped[str] = mapped_column(String(40))
    holder_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"))
    on_behalf_of: Mapped[list[str]] = mapped_column(JSON, default=list)
    nominal: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    period_start: Mapped[date] = mapped_column(Date)
    state: Mapped[str | None] = mapped_column(String(20))
    state_on: Mapped[date | None] = mapped_column(Date)
    lapsed: Mapped[bool] = mapped_column(Boolean, default=False)

    holder: Mapped[Organisation | None] = relationship(lazy="raise")
    obligation: Mapped[Obligation] = relationship(lazy="raise")

    def audit_parent_id(self) -> uuid.UUID:
        return self.obligation_id


class ObligationMark(AreaScoped, IdMixin, Base):
    """What a person recorded on an instance, with its evidence: a note, a link, a file, a recorded decision."""

    __tablename__ = "obligation_marks"
    __audit_exclude__ = frozenset({"file_content"})

    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    instance_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("obligation_instances.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    marked_on: Mapped[date] = mapped_column(Date)
    marked_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    actor_label: Mapped[str] = mapped_column(String(400), default="")
    note: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(2000))
    decision_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("decisions.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str | None] = mapped_column(Text)
    file_name: Mapped[str | None] = mapped_column(String(255))
    file_type: Mapped[str | None] = mapped_column(String(100))
    file_size: Mapped[int | None] = mapped_column(Integer)
    file_content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    def audit_parent_id(self) -> uuid.UUID:
        return self.instance_id

    def evidence(self) -> dict[str, Any]:
        return {"note": self.note, "link": self.link, "decision_id": self.decision_id, "file_name": self.file_name}

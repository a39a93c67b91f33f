"""Tables of cost sharing: statistics of organisations, cost plans, their parties and pools.

Amounts are stored exactly, as integers of the minor unit: cents for euros,
tenths for person-years (``*_minor``). Statistics keep their value as an integer
and a number of decimals (241009 and 0; 6235 and 2 for 62,35), so no figure
ever passes through a float on SQLite or PostgreSQL.
"""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models import Base, IdMixin, VersionedMixin
from api.organisations.models import Organisation


class CostPlan(IdMixin, VersionedMixin, Base):
    """The cost-sharing annex (kustannustenjakoliite) of an agreement version for a year.

    ``area_id`` repeats the agreement's area, so that access checks and lists by
    area need no join. ``status`` is draft or approved; ``previous_plan_id``
    names the plan whose totals the changes are measured against.
    """

    __tablename__ = "cost_plans"

    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    agreement_version_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreement_versions.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    reference_date: Mapped[date] = mapped_column(Date)
    lead_organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    previous_plan_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("cost_plans.id", ondelete="SET NULL"), index=True
    )
    instalment_dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str | None] = mapped_column(Text)

    participants: Mapped[list["CostPlanParticipant"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )
    pools: Mapped[list["CostPool"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True, order_by="CostPool.position"
    )

    def audit_area_id(self) -> uuid.UUID:
        return self.area_id


class CostPlanParticipant(Base):
    """A party that pays shares under a plan (osapuoli)."""

    __tablename__ = "cost_plan_participants"

    plan_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cost_plans.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)

    organisation: Mapped[Organisation] = relationship(lazy="raise")

    def audit_area_id(self) -> uuid.UUID:
        return self.area_id

    def audit_parent_id(self) -> uuid.UUID:
        return self.plan_id


class CostPool(IdMixin, Base):
    """A cost pool (kustannuserä) of a plan: an amount and how it is split.

    ``key`` is the key as JSON, with exact decimals as strings:
    {"kind": "equal"}, {"kind": "statistic", "statistic": "population"},
    {"kind": "fixed", "percentages": {organisation id: "12.5"}},
    {"kind": "mix", "parts": [{"weight": "0.5", "key": {...}}, ...]}.
    ``participant_ids`` (null: every party) and ``excluded_ids`` are organisation
    ids; ``caps`` maps organisation ids to caps in minor units; the
    co-financing rate is kept in millionths (0.80 → 800000).
    """

    __tablename__ = "cost_pools"

    plan_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cost_plans.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(20), default="eur")
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    key: Mapped[dict[str, Any]] = mapped_column(JSON)
    participant_ids: Mapped[list[str] | None] = mapped_column(JSON)
    excluded_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    co_financing_ppm: Mapped[int | None] = mapped_column(Integer)
    cap_minor: Mapped[int | None] = mapped_column(BigInteger)
    caps: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    excess: Mapped[str] = mapped_column(String(30), default="share_among_uncapped")
    rounding: Mapped[str] = mapped_column(String(10), default="cents")
    actual_minor: Mapped[int | None] = mapped_column(BigInteger)

    def audit_area_id(self) -> uuid.UUID:
        return self.area_id

    def audit_parent_id(self) -> uuid.UUID:
        return self.plan_id

"""Decisions (päätökset) of the parties' bodies: stored facts; what they do to a version the rules compute."""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, Text, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.agreements.models import AreaScoped
from api.models import Base, IdMixin, VersionedMixin
from api.organisations.models import Organisation


class Decision(AreaScoped, IdMixin, VersionedMixin, Base):
    """A decision (päätös, pykälä) of one organisation's body, optionally on a version of an agreement
    and optionally committing money up to a cap ("enintään 1 950 €")."""

    __tablename__ = "decisions"
    __table_args__ = (
        # One outcome per party, version, meeting and § (a § left out counts as § 0, as in the rules' order).
        Index("uq_decisions_party_meeting_section", "version_id", "organisation_id", "meeting_date",
              func.coalesce(text("section"), 0), unique=True,
              sqlite_where=text("version_id IS NOT NULL"), postgresql_where=text("version_id IS NOT NULL")),
    )

    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("agreements.id", ondelete="RESTRICT"), index=True
    )
    version_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("agreement_versions.id", ondelete="RESTRICT"), index=True
    )
    body: Mapped[str] = mapped_column(String(20))
    body_name: Mapped[str | None] = mapped_column(String(200))
    meeting_date: Mapped[date] = mapped_column(Date, index=True)
    section: Mapped[int | None] = mapped_column(Integer)  # § number; None where the minutes are not at hand
    case_number: Mapped[str | None] = mapped_column(String(60), index=True)
    title: Mapped[str | None] = mapped_column(String(500))
    proposal: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(30))
    decision_text: Mapped[str | None] = mapped_column(Text)
    commitment_cap: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    commitment_note: Mapped[str | None] = mapped_column(Text)

    organisation: Mapped[Organisation] = relationship(lazy="raise")

    def audit_parent_id(self) -> uuid.UUID | None:
        return self.agreement_id

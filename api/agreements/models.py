"""Agreements (sopimukset), their versions, parties, annexes, signatures, notices, and decisions (päätökset).

Only stored facts live here: a version is a `draft` until it is sent (`status` "circulating", `sent_on`);
whether it is adopted, in force, superseded or terminated is computed by domain.agreements for a date.
Every child row carries the agreement's `area_id` (and the agreement id) so that access checks and the
audit trail ("Muutoshistoria") of an agreement need no joins.
"""

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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models import Base, IdMixin, UtcDateTime, VersionedMixin, utc_now
from api.organisations.models import Organisation


class AreaScoped:
    """Rows of an area: the audit trail files them under the area (and the agreement, see audit_parent_id)."""

    area_id: Mapped[uuid.UUID]

    def audit_area_id(self) -> uuid.UUID:
        return self.area_id


class Agreement(AreaScoped, IdMixin, VersionedMixin, Base):
    """An agreement (sopimus) of a cooperation area; its text lives in numbered versions."""

    __tablename__ = "agreements"
    # Lists read agreements in title order, a page at a time (on PostgreSQL in code-point order, by an index of
    # the migrations' own: title COLLATE "C").
    __table_args__ = (Index("ix_agreements_title_id", "title", "id"),)

    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(40), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    statutes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    search_text: Mapped[str] = mapped_column(Text, default="")

    versions: Mapped[list["AgreementVersion"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True, order_by="AgreementVersion.number",
        foreign_keys="AgreementVersion.agreement_id",
    )
    links: Mapped[list["AgreementLink"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True, foreign_keys="AgreementLink.agreement_id"
    )
    notices: Mapped[list["AgreementNotice"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )


class AgreementLink(AreaScoped, IdMixin, Base):
    """This agreement follows a letter of intent, is an annex of, or supersedes another agreement."""

    __tablename__ = "agreement_links"
    __table_args__ = (UniqueConstraint("agreement_id", "target_id", "kind"),)

    agreement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(40))

    target: Mapped[Agreement] = relationship(lazy="raise", foreign_keys=[target_id])

    def audit_parent_id(self) -> uuid.UUID:
        return self.agreement_id


class AgreementVersion(AreaScoped, IdMixin, VersionedMixin, Base):
    """A numbered version (sopimusversio) of an agreement; an amendment names the version it `amends`.

    `status` is the stored phase, "draft" or "circulating" (sent to the parties on `sent_on`, then frozen).
    """

    __tablename__ = "agreement_versions"
    __table_args__ = (
        UniqueConstraint("agreement_id", "number"),
        # One open draft per agreement, held by the database so that two amendments started at once cannot both be.
        Index("uq_agreement_versions_one_draft", "agreement_id", unique=True,
              sqlite_where=text("status = 'draft'"), postgresql_where=text("status = 'draft'")),
    )

    agreement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    sent_on: Mapped[date | None] = mapped_column(Date)
    effective_date: Mapped[date | None] = mapped_column(Date)
    rule: Mapped[str] = mapped_column(String(40), default="all_parties_approve")
    notice_months: Mapped[int | None] = mapped_column(Integer)
    reasons: Mapped[str] = mapped_column(Text, default="")
    amends_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("agreement_versions.id", ondelete="RESTRICT"), index=True
    )
    preamble: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    parties: Mapped[list["AgreementParty"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True, order_by="AgreementParty.position"
    )
    annexes: Mapped[list["AgreementAnnex"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True, order_by="AgreementAnnex.position"
    )
    signatures: Mapped[list["AgreementSignature"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )

    def audit_parent_id(self) -> uuid.UUID:
        return self.agreement_id


class AgreementParty(AreaScoped, IdMixin, Base):
    """A party (sopijaosapuoli) of a version with its role; the list that counts is the one when it was sent."""

    __tablename__ = "agreement_parties"
    __table_args__ = (UniqueConstraint("version_id", "organisation_id"),)

    version_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreement_versions.id", ondelete="CASCADE"), index=True
    )
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[str] = mapped_column(String(30), default="member")
    position: Mapped[int] = mapped_column(Integer, default=0)

    organisation: Mapped[Organisation] = relationship(lazy="raise")

    def audit_parent_id(self) -> uuid.UUID:
        return self.agreement_id


class AgreementAnnex(AreaScoped, IdMixin, Base):
    """An annex (liite) of a version: an uploaded file or a link."""

    __tablename__ = "agreement_annexes"
    __audit_exclude__ = frozenset({"content"})

    version_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreement_versions.id", ondelete="CASCADE"), index=True
    )
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(10))  # "file" or "link"
    url: Mapped[str | None] = mapped_column(String(2000))
    filename: Mapped[str | None] = mapped_column(String(300))
    media_type: Mapped[str | None] = mapped_column(String(200))
    size: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    def audit_parent_id(self) -> uuid.UUID:
        return self.agreement_id


class AgreementSignature(AreaScoped, IdMixin, Base):
    """A party's signature (allekirjoitus) of a version, for the rule "on signature"."""

    __tablename__ = "agreement_signatures"
    __table_args__ = (UniqueConstraint("version_id", "organisation_id"),)

    version_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreement_versions.id", ondelete="CASCADE"), index=True
    )
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    signed_on: Mapped[date] = mapped_column(Date)

    def audit_parent_id(self) -> uuid.UUID:
        return self.agreement_id


class AgreementNotice(AreaScoped, IdMixin, VersionedMixin, Base):
    """A party's notice (irtisanominen) of the agreement, given on a date with the notice period then in force."""

    __tablename__ = "agreement_notices"
    __table_args__ = (UniqueConstraint("agreement_id", "organisation_id"),)  # one notice per party

    agreement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    given_on: Mapped[date] = mapped_column(Date)
    notice_months: Mapped[int] = mapped_column(Integer)
    ends_agreement: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)

    organisation: Mapped[Organisation] = relationship(lazy="raise")

    def audit_parent_id(self) -> uuid.UUID:
        return self.agreement_id


class AgreementStatusPeriod(Base):
    """A span of days over which an agreement's status does not change (tilakausi), as one audience sees it:
    `area` for those who read the area's drafts, `public` for everyone else (sent versions only).

    Derived, never edited: worked out from the agreement's versions, parties, decisions, signatures and notices by
    domain.agreements whenever one of them changes (api.agreements.periods), so that a list filters and sorts by
    status in SQL, and the front page finds the versions awaiting decisions. `starts_on` is the first day,
    `ends_on` the first day after; the open ends are 1.1.1 and 31.12.9999."""

    __tablename__ = "agreement_status_periods"
    __audited__ = False

    agreement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    audience: Mapped[str] = mapped_column(String(10), primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date, primary_key=True)
    ends_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    shown_version_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    current_version_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    in_force_from: Mapped[date | None] = mapped_column(Date)
    party_count: Mapped[int] = mapped_column(Integer, default=0)
    awaiting: Mapped[bool] = mapped_column(Boolean, default=False)  # a version it shows still awaits decisions
    rules_version: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_agreement_status_periods_status", "status", "audience", "starts_on"),)

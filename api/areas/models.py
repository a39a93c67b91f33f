import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models import Base, IdMixin, VersionedMixin
from api.organisations.models import Organisation


class Area(IdMixin, VersionedMixin, Base):
    """A cooperation area (työllisyysalue, kokeilualue)."""

    __tablename__ = "areas"

    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    lead_organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    search_text: Mapped[str] = mapped_column(Text, default="")

    lead: Mapped[Organisation] = relationship(lazy="raise")
    members: Mapped[list["AreaMember"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )
    sub_regions: Mapped[list["SubRegion"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )

    def audit_area_id(self) -> uuid.UUID:
        """An area's own changes are filed under it, so that only those who read the area see them."""
        return self.id


class AreaMember(IdMixin, Base):
    """An organisation's membership of an area over a period (from, to)."""

    __tablename__ = "area_members"

    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    from_date: Mapped[date] = mapped_column(Date)
    to_date: Mapped[date | None] = mapped_column(Date)

    organisation: Mapped[Organisation] = relationship(lazy="raise")


class SubRegion(IdMixin, Base):
    """A sub-region (seutukunta, alue) of an area with its member municipalities and regional coordinator."""

    __tablename__ = "sub_regions"

    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    coordinator_name: Mapped[str | None] = mapped_column(String(200))
    coordinator_email: Mapped[str | None] = mapped_column(String(254))

    municipalities: Mapped[list["SubRegionMunicipality"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )


class SubRegionMunicipality(Base):
    """A municipality that belongs to a sub-region."""

    __tablename__ = "sub_region_municipalities"

    sub_region_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("sub_regions.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), primary_key=True, index=True
    )

    organisation: Mapped[Organisation] = relationship(lazy="raise")

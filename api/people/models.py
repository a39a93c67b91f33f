"""The directory of contact persons (yhteyshenkilöt): the people who act in the domain, with or without a login."""

import uuid

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models import Base, IdMixin, VersionedMixin
from api.organisations.models import Organisation


class ContactPerson(IdMixin, VersionedMixin, Base):
    """A person of an organisation: responsible for duties, later a member of groups and named in action plans."""

    __tablename__ = "contact_persons"

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(50))
    language: Mapped[str] = mapped_column(String(2), default="fi")
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"), index=True)

    organisation: Mapped[Organisation] = relationship(lazy="raise")

    def audit_parent_id(self) -> uuid.UUID:
        return self.organisation_id


class ObligationResponsible(Base):
    """A person named responsible for a duty in one holder organisation: the recipient of its reminders."""

    __tablename__ = "obligation_responsibles"

    obligation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("obligations.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), primary_key=True)
    contact_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("contact_persons.id", ondelete="CASCADE"), primary_key=True, index=True)

    def audit_parent_id(self) -> uuid.UUID:
        return self.obligation_id

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models import Base, IdMixin, UtcDateTime, VersionedMixin, utc_now


class User(IdMixin, VersionedMixin, Base):
    """A person who logs in (käyttäjä); belongs to one organisation."""

    __tablename__ = "users"
    __audit_exclude__ = frozenset({"password_hash"})

    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    roles: Mapped[list["UserRole"]] = relationship(lazy="raise", cascade="all, delete-orphan", passive_deletes=True)


class UserRole(IdMixin, Base):
    """A person's role in one area."""

    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "area_id", "role"),)

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))

    def audit_area_id(self) -> uuid.UUID:
        return self.area_id


class AuthToken(Base):
    """A login (istunto): the hash of a bearer token a person got by logging in. The token itself is never stored."""

    __tablename__ = "auth_tokens"
    __audited__ = False

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_used_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ApiKey(IdMixin, Base):
    """A system's key (API-avain) for one area with scopes; stored hashed, shown once."""

    __tablename__ = "api_keys"
    __audit_exclude__ = frozenset({"key_hash"})

    area_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    scopes: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    def audit_area_id(self) -> uuid.UUID:
        return self.area_id


class LoginThrottle(Base):
    """Failed logins counted per account and per address, to slow down password guessing."""

    __tablename__ = "login_throttles"
    __audited__ = False

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    blocked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from api.models import Base, IdMixin, UtcDateTime, utc_now


class AuditEntry(IdMixin, Base):
    """One change (or refused attempt): who, when, what, the values before and after, and the request."""

    __tablename__ = "audit_entries"
    __audited__ = False

    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    action: Mapped[str] = mapped_column(String(30))
    resource_type: Mapped[str] = mapped_column(String(60), index=True)
    resource_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    area_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    actor_type: Mapped[str | None] = mapped_column(String(20))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    actor_label: Mapped[str | None] = mapped_column(String(300))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(100))
    client_address: Mapped[str | None] = mapped_column(String(100))
    """Where the request came from: the person's address, also behind the pages and trusted proxies."""
    detail: Mapped[str | None] = mapped_column(String(1000))

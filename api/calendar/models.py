"""A person's calendar address (kalenterin osoite): the secret in the address of their calendar feeds.

The secret itself is never stored. It is made from the installation's secret key and the row's `salt`, so that it
can be shown again to its person; `secret_hash` (its SHA-256, as login tokens are kept) finds the person when a
calendar asks for a feed. A new salt is a new secret: the old addresses answer 404 from then on.
"""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from api.models import Base, UtcDateTime, utc_now


class CalendarSecret(Base):
    """The secret of one person's calendar addresses, made when they first ask for them, reset at will."""

    __tablename__ = "calendar_secrets"
    # Kept like a login token: a credential, not a record people read the history of.
    __audited__ = False

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    salt: Mapped[str] = mapped_column(String(64))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

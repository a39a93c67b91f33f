"""Statistics of organisations (tilastot): one value of one statistic on one reference date.

Values are kept as an integer and a number of decimals (241009 and 0; 6235 and 2 for 62,35), so no
figure ever passes through a float on SQLite or PostgreSQL.
"""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    SmallInteger,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models import Base, IdMixin, VersionedMixin
from api.organisations.models import Organisation


class StatisticValue(IdMixin, VersionedMixin, Base):
    """One organisation's value of a statistic on a reference date (asukasluku 241 009 on 31.12.2020).

    Statistics are facts shared by every area: one population figure of
    Tampere serves every plan that splits by it.
    """

    __tablename__ = "statistic_values"
    __table_args__ = (UniqueConstraint("organisation_id", "name", "reference_date", name="uq_statistic_values_value"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(60), index=True)
    reference_date: Mapped[date] = mapped_column(Date, index=True)
    value_units: Mapped[int] = mapped_column(BigInteger)
    decimals: Mapped[int] = mapped_column(SmallInteger, default=0)
    source: Mapped[str | None] = mapped_column(String(200))

    organisation: Mapped[Organisation] = relationship(lazy="raise")

    @property
    def value(self) -> Decimal:
        return Decimal(self.value_units).scaleb(-self.decimals)

    @value.setter
    def value(self, value: Decimal) -> None:
        decimals = max(-int(value.as_tuple().exponent), 0)
        self.value_units = int(value.scaleb(decimals))
        self.decimals = decimals

    def audit_parent_id(self) -> uuid.UUID:
        return self.organisation_id

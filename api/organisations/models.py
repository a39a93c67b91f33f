from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models import Base, IdMixin, VersionedMixin


class Organisation(IdMixin, VersionedMixin, Base):
    """An organisation (osapuoli): a municipality, state agency, wellbeing services county, …"""

    __tablename__ = "organisations"

    kind: Mapped[str] = mapped_column(String(40), index=True)
    name_fi: Mapped[str] = mapped_column(String(200), index=True)
    name_sv: Mapped[str | None] = mapped_column(String(200))
    municipality_code: Mapped[str | None] = mapped_column(String(3), unique=True)
    business_id: Mapped[str | None] = mapped_column(String(9), unique=True)
    street_address: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(5))
    post_office: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100), index=True)
    wellbeing_county: Mapped[str | None] = mapped_column(String(200))
    population: Mapped[int | None] = mapped_column(Integer)
    search_text: Mapped[str] = mapped_column(Text, default="")

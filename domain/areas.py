"""Cooperation areas (työllisyysalue, kokeilualue): members over time, a lead, sub-regions."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.errors import InvalidValue


class AreaKind(StrEnum):
    """What kind of cooperation an area is."""

    EMPLOYMENT_AREA = "employment_area"  # työllisyysalue (from 2025)
    MUNICIPAL_PILOT = "municipal_pilot"  # työllisyyden kuntakokeilu (2021-2024)
    PROJECT = "project"  # hanke, e.g. an ESR project
    OTHER = "other"


@dataclass(frozen=True)
class MembershipPeriod:
    """When an organisation is a member of an area (jäsenyys): from a date, until a date or open-ended."""

    from_date: date
    to_date: date | None = None

    def __post_init__(self) -> None:
        if self.to_date is not None and self.to_date < self.from_date:
            raise InvalidValue("to_date", "A membership cannot end before it starts.", "period_order")

    def is_active_on(self, day: date) -> bool:
        return self.from_date <= day and (self.to_date is None or day <= self.to_date)

    def overlaps(self, other: "MembershipPeriod") -> bool:
        starts_before_other_ends = other.to_date is None or self.from_date <= other.to_date
        ends_after_other_starts = self.to_date is None or other.from_date <= self.to_date
        return starts_before_other_ends and ends_after_other_starts


def check_no_overlap(new: MembershipPeriod, existing: list[MembershipPeriod]) -> None:
    """An organisation's membership periods in one area never overlap."""
    if any(new.overlaps(period) for period in existing):
        raise InvalidValue(
            "from_date",
            "The organisation is already a member of this area during that period.",
            "membership_overlap",
        )

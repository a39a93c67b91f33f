"""Cooperation areas (työllisyysalue, kokeilualue): members over time, a lead, sub-regions."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.errors import InvalidValue


class MembershipEndsBeforeStart(InvalidValue):
    code = "membership.ends_before_start"
    message = "A membership cannot end before it starts."


class MembershipOverlap(InvalidValue):
    code = "membership.overlap"
    message = "The organisation is already a member of this area during that period."


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
            raise MembershipEndsBeforeStart("to_date")

    def is_active_on(self, day: date) -> bool:
        return self.from_date <= day and (self.to_date is None or day <= self.to_date)

    def overlaps(self, other: "MembershipPeriod") -> bool:
        starts_before_other_ends = other.to_date is None or self.from_date <= other.to_date
        ends_after_other_starts = self.to_date is None or other.from_date <= self.to_date
        return starts_before_other_ends and ends_after_other_starts


def check_no_overlap(new: MembershipPeriod, existing: list[MembershipPeriod]) -> None:
    """An organisation's membership periods in one area never overlap."""
    if any(new.overlaps(period) for period in existing):
        raise MembershipOverlap("from_date")


class SubRegionOutsideArea(InvalidValue):
    code = "sub_region.not_a_member"
    message = "A sub-region can only hold municipalities that are members of the area."


class SubRegionNotMunicipality(InvalidValue):
    code = "sub_region.not_a_municipality"
    message = "{organisation} is not a municipality."

"""Notice (irtisanominen) of an agreement by one of its parties.

A party that gives notice on date N stops being a party at the end of
N + the notice period (irtisanomisaika) in calendar months, computed with
dateutil's ``relativedelta``: a day that does not exist in the target month
falls back to the month's last day, so 31.8.2023 + 6 months = 29.2.2024 and
31.8.2024 + 6 months = 28.2.2025.

"At the end of" means the party is still a party on the end date itself
(:attr:`Notice.ends_on`, päättymispäivä) and no longer from the next day.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from .errors import NoticePeriodNegative, NoticePeriodNotWhole


def notice_end_date(given_on: date, notice_months: int) -> date:
    """The last day (päättymispäivä) of a notice given on ``given_on`` with a
    notice period of ``notice_months`` calendar months."""
    if isinstance(notice_months, bool) or not isinstance(notice_months, int):
        raise NoticePeriodNotWhole(notice_months=notice_months)
    if notice_months < 0:
        raise NoticePeriodNegative(notice_months=notice_months)
    return given_on + relativedelta(months=notice_months)


@dataclass(frozen=True)
class Notice:
    """A notice (irtisanomisilmoitus) given by ``party`` on ``given_on``.

    ``notice_months`` is the agreement's notice period (irtisanomisaika), e.g.
    6 in seed 001 ("6 kuukauden irtisanomisajalla"). ``ends_agreement`` marks a
    notice that ends the whole agreement (e.g. a termination agreed by all, or
    the lead municipality's notice where the agreement says so); otherwise
    only the party leaves, and the agreement ends only when fewer than two
    parties would remain.
    """

    party: Hashable
    given_on: date
    notice_months: int
    ends_agreement: bool = False

    def __post_init__(self) -> None:
        notice_end_date(self.given_on, self.notice_months)  # validates the period

    @property
    def ends_on(self) -> date:
        """The last day on which the party is still a party."""
        return notice_end_date(self.given_on, self.notice_months)

    def is_party_on(self, day: date) -> bool:
        """Whether the party that gave this notice is still a party on ``day``."""
        return day <= self.ends_on


@dataclass(frozen=True)
class Departure:
    """A party leaving an agreement version (eroaminen) after its notice."""

    party: Hashable
    notice_given_on: date
    last_day: date


def departures(
    parties: Sequence[Hashable], notices: Iterable[Notice], on: date
) -> tuple[Departure, ...]:
    """The departures of ``parties`` known on ``on`` (notices given on or before
    it), one per party (its earliest-ending notice), in the order of ``parties``."""
    earliest: dict[Hashable, Notice] = {}
    members = set(parties)
    for notice in notices:
        if notice.given_on > on or notice.party not in members:
            continue
        best = earliest.get(notice.party)
        if best is None or (notice.ends_on, notice.given_on) < (best.ends_on, best.given_on):
            earliest[notice.party] = notice
    return tuple(
        Departure(party, earliest[party].given_on, earliest[party].ends_on)
        for party in parties
        if party in earliest
    )


def parties_on(
    parties: Sequence[Hashable], notices: Iterable[Notice], on: date
) -> tuple[Hashable, ...]:
    """Those of ``parties`` that are still parties on ``on``."""
    gone = {d.party for d in departures(parties, notices, on) if d.last_day < on}
    return tuple(p for p in parties if p not in gone)


def parties_in_year(
    parties: Sequence[Hashable], notices: Iterable[Notice], year: int
) -> tuple[Hashable, ...]:
    """Those of ``parties`` that are parties at some time during ``year``: a party
    whose last day falls before the year began is not one for that year (it is not
    billed for it, for example)."""
    return parties_on(parties, notices, date(year, 1, 1))


def termination_date(
    parties: Sequence[Hashable], notices: Iterable[Notice], on: date
) -> date | None:
    """The last day of the agreement (between ``parties``) known on ``on``, or
    ``None`` while it continues.

    It ends at the end of the earliest of: the end date of a notice that ends
    the whole agreement, and the day after which fewer than two parties would
    remain.
    """
    notices = [n for n in notices if n.given_on <= on]
    candidates = [n.ends_on for n in notices if n.ends_agreement]
    leaving = sorted(d.last_day for d in departures(parties, notices, on))
    remaining = len(set(parties))
    for last_day in leaving:
        remaining -= 1
        if remaining < 2:
            candidates.append(last_day)
            break
    return min(candidates) if candidates else None

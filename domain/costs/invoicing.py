"""Advance invoicing (ennakkolaskutus) and year-end reconciliation (tasaus).

Budgeted shares are invoiced in advance in instalments (e.g. quarterly); at
year end the pools are allocated again with their actual costs, and each
participant is refunded or charged the difference budgeted − actual.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from domain.costs.allocation import allocate_plan
from domain.costs.errors import (
    ActualCostOfUnknownPool,
    InstalmentDatesOutOfOrder,
    MissingActualCost,
    NoInstalmentDates,
    UnknownChoice,
)
from domain.costs.model import CostPlan, Participant, Statistics
from domain.costs.results import PlanAllocation
from domain.costs.rounding import (
    MINOR_DECIMALS,
    from_minor,
    largest_remainder,
    to_minor,
)
from domain.working_days import next_working_day


@dataclass(frozen=True, slots=True)
class Instalment:
    """One advance instalment (ennakkoerä): its nominal date, its due working day, its amount."""

    number: int
    nominal_date: date
    due_date: date
    minor: int
    unit: str = "eur"

    @property
    def amount(self) -> Decimal:
        return from_minor(self.minor, self.unit)


def instalments(amount: Decimal | int, nominal_dates: Sequence[date], unit: str = "eur") -> tuple[Instalment, ...]:
    """Split a yearly share into instalments (ennakkoerät), exactly to the cent.

    Rule (largest remainder): each instalment is amount / N cut down to whole
    cents; the cents left over, fewer than N, go one each to the earliest
    instalments (all remainders being equal, ties go in date order). The
    instalments thus differ by at most one cent and add up to the amount. A
    negative amount (a refund) is split the same way, keeping its sign.

    Each nominal date (strictly ascending) falling on a weekend or a Finnish
    public holiday is due on the next working day.
    """
    if unit not in MINOR_DECIMALS:
        raise UnknownChoice(pool=None, quantity="unit", value=unit, choices=", ".join(MINOR_DECIMALS))
    dates = list(nominal_dates)
    if not dates:
        raise NoInstalmentDates()
    if any(earlier >= later for earlier, later in itertools.pairwise(dates)):
        raise InstalmentDatesOutOfOrder()
    minor = to_minor(amount, unit, "instalment")
    sign = -1 if minor < 0 else 1
    parts = largest_remainder([abs(minor)] * len(dates), len(dates), abs(minor))
    return tuple(
        Instalment(number, nominal, next_working_day(nominal), sign * part, unit)
        for number, (nominal, part) in enumerate(zip(dates, parts), start=1)
    )


@dataclass(frozen=True, slots=True)
class ParticipantInstalments:
    """A participant's advance invoices for the year in one unit."""

    participant: Participant
    unit: str
    minor: int
    instalments: tuple[Instalment, ...]


def invoice_schedule(
    allocation: PlanAllocation, nominal_dates: Sequence[date], unit: str = "eur"
) -> tuple[ParticipantInstalments, ...]:
    """Every participant's budgeted total of a plan, split into instalments on the given dates."""
    return tuple(
        ParticipantInstalments(
            total.participant, unit, total.minor, instalments(from_minor(total.minor, unit), nominal_dates, unit)
        )
        for total in allocation.totals
        if total.unit == unit
    )


@dataclass(frozen=True, slots=True)
class ReconciliationLine:
    """One participant's year-end reconciliation (tasaus) in one unit.

    ``difference_minor`` is budgeted − actual: positive is refunded to the
    participant, negative is charged.
    """

    participant: Participant
    unit: str
    budgeted_minor: int
    actual_minor: int

    @property
    def difference_minor(self) -> int:
        return self.budgeted_minor - self.actual_minor

    @property
    def budgeted(self) -> Decimal:
        return from_minor(self.budgeted_minor, self.unit)

    @property
    def actual(self) -> Decimal:
        return from_minor(self.actual_minor, self.unit)

    @property
    def difference(self) -> Decimal:
        return from_minor(self.difference_minor, self.unit)

    @property
    def refund(self) -> Decimal:
        return from_minor(max(self.difference_minor, 0), self.unit)

    @property
    def charge(self) -> Decimal:
        return from_minor(max(-self.difference_minor, 0), self.unit)


@dataclass(frozen=True)
class Reconciliation:
    """Year-end reconciliation (tasaus): the budgeted and actual allocations and the differences."""

    budget: PlanAllocation
    actual: PlanAllocation
    lines: tuple[ReconciliationLine, ...]

    def total_difference_minor(self, unit: str = "eur") -> int:
        return sum(line.difference_minor for line in self.lines if line.unit == unit)

    def line_of(self, participant_id: str, unit: str = "eur") -> ReconciliationLine | None:
        for line in self.lines:
            if line.participant.id == participant_id and line.unit == unit:
                return line
        return None


def reconcile(
    plan: CostPlan,
    actual_costs: Mapping[str, Decimal | int],
    statistics: Statistics | None = None,
    budget: PlanAllocation | None = None,
) -> Reconciliation:
    """Allocate the plan again with each pool's actual cost and compare with the budget.

    ``actual_costs`` gives every pool's actual amount by pool name, in the
    pool's unit; keys, participants, co-financing rate, caps and rounding stay
    as planned. ``budget`` defaults to the plan allocated as budgeted.
    """
    names = {pool.name for pool in plan.pools}
    for pool in plan.pools:
        if pool.name not in actual_costs:
            raise MissingActualCost(pool.name)
    for name in actual_costs:
        if name not in names:
            raise ActualCostOfUnknownPool(pool=name)
    if budget is None:
        budget = allocate_plan(plan, statistics)
    actual_plan = replace(plan, pools=tuple(replace(pool, amount=actual_costs[pool.name]) for pool in plan.pools))
    actual = allocate_plan(actual_plan, statistics)
    budgeted = {(total.unit, total.participant.id): total for total in budget.totals}
    actuals = {(total.unit, total.participant.id): total for total in actual.totals}
    lines = []
    for key in budgeted.keys() | actuals.keys():
        before, after = budgeted.get(key), actuals.get(key)
        participant = (before or actuals[key]).participant
        lines.append(
            ReconciliationLine(participant, key[0], before.minor if before else 0, after.minor if after else 0)
        )
    lines.sort(key=lambda line: (list(MINOR_DECIMALS).index(line.unit), line.participant.sort_key))
    return Reconciliation(budget, actual, tuple(lines))

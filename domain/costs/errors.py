"""Errors of cost sharing (kustannustenjako).

Each error says in plain English what is wrong and with what; none carries an
HTTP status (the API maps them once, in its exception handlers).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.costs.model import Participant


def finnish_date(day: date) -> str:
    """5.6.2023, as a Finn writes it."""
    return f"{day.day}.{day.month}.{day.year}"


class CostSharingError(Exception):
    """Base class: a plan, a pool or its data cannot be allocated as given."""


class InvalidCostPlan(CostSharingError):
    """Malformed input: a negative amount, a float, an unknown unit, a duplicate name..."""


class UnknownParticipant(InvalidCostPlan):
    """A pool, cap, percentage or lead names a participant the plan does not have."""

    def __init__(self, participant_id: str, where: str) -> None:
        self.participant_id = participant_id
        super().__init__(f"{where} names participant {participant_id!r}, who is not a party to the plan.")


class LeadRequired(InvalidCostPlan):
    """A pool gives what no one can take to the lead (vastuukunta), but there is no lead."""

    def __init__(self, pool: str) -> None:
        self.pool = pool
        super().__init__(f"Pool {pool!r} gives the excess over caps to the lead municipality, but no lead is given.")


class MissingStatistic(CostSharingError):
    """A participant has no value of a statistic on the reference date (never read as zero)."""

    def __init__(self, statistic: str, participant: Participant, on: date) -> None:
        self.statistic = statistic
        self.participant = participant
        self.on = on
        super().__init__(
            f"{participant.label} has no {statistic} value on {finnish_date(on)}; "
            "a missing value is not read as zero."
        )


class PercentagesDoNotSumTo100(InvalidCostPlan):
    """Fixed percentages must add up to exactly 100."""

    def __init__(self, total: Decimal, pool: str | None = None) -> None:
        self.total = total
        self.pool = pool
        where = f"Pool {pool!r}: the" if pool else "The"
        super().__init__(f"{where} fixed percentages add up to {total}, not 100.")


class MissingPercentage(InvalidCostPlan):
    """A participant of a pool with fixed percentages has no percentage."""

    def __init__(self, pool: str, participant: Participant) -> None:
        self.pool = pool
        self.participant = participant
        super().__init__(f"Pool {pool!r} splits by fixed percentages but gives none for {participant.label}.")


class MixWeightsDoNotSumTo1(InvalidCostPlan):
    """The coefficients of a weighted mix of keys must add up to exactly 1."""

    def __init__(self, total: object) -> None:
        self.total = total
        super().__init__(f"The coefficients of a weighted mix of keys add up to {total}, not 1.")


class ZeroTotalWeight(CostSharingError):
    """The weights of a key add up to zero, so there is nothing to split by."""

    def __init__(self, pool: str, key: str) -> None:
        self.pool = pool
        self.key = key
        super().__init__(f"Pool {pool!r} cannot be split by {key}: the weights of its participants add up to 0.")


class MissingActualCost(InvalidCostPlan):
    """Year-end reconciliation (tasaus) needs the actual cost of every pool."""

    def __init__(self, pool: str) -> None:
        self.pool = pool
        super().__init__(f"No actual cost is given for pool {pool!r}.")

"""Errors of cost sharing (kustannustenjako), each with a stable code and the values it names.

None carries an HTTP status; the API maps the classes once. `quantity` parameters name what is wrong
by a fixed word (amount, cap, co_financing_rate, percentage, mix_weight, statistic_value, actual_cost,
instalment), so that a page can say it in its own language.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.costs.model import Participant


def finnish_date(day: date) -> str:
    """5.6.2023, as a Finn writes it."""
    return f"{day.day}.{day.month}.{day.year}"


class CostSharingError(DomainError):
    """Base class: a plan, a pool or its data cannot be allocated as given."""

    code = "cost.refused"
    message = "The cost plan cannot be allocated as given."


class InvalidCostPlan(CostSharingError):
    """Malformed input: a negative amount, a float, an unknown unit, a duplicate name..."""

    code = "cost.invalid"
    message = "The cost plan is not valid."


# --- numbers ---------------------------------------------------------------------------------------


class NotAnExactNumber(InvalidCostPlan, TypeError):
    """Figures are Decimals or integers: a float or a Fraction would not be exact."""

    code = "cost.not_exact_number"
    message = "{quantity} must be a Decimal or an integer, not {type} {value}."


class NotAFiniteNumber(InvalidCostPlan):
    code = "cost.not_finite"
    message = "{quantity} must be a finite number, not {value}."


class FinerThanMinorUnit(InvalidCostPlan):
    code = "cost.finer_than_minor_unit"
    message = "{quantity} {value} is finer than whole {minor_unit}."
    declared_params = ("unit", "pool")


class NegativeFigure(InvalidCostPlan):
    code = "cost.negative"
    message = "{quantity} cannot be negative ({value})."


class NotWholeUnits(InvalidCostPlan):
    """Under whole-euro rounding a cap must be whole euros, or the shares could not be."""

    code = "cost.not_whole_units"
    message = "Pool {pool!r}: {quantity} {value} must be whole when shares are rounded to whole units."


class RateOutOfRange(InvalidCostPlan):
    code = "cost.rate_out_of_range"
    message = "Pool {pool!r}: the co-financing rate {value} is not between 0 and 1."


class FigureTooLarge(InvalidCostPlan):
    code = "cost.too_large"
    message = "{quantity} {value} is too large."


# --- plans and pools --------------------------------------------------------------------------------


class PoolNameMissing(InvalidCostPlan):
    code = "cost.pool_name_missing"
    message = "A pool needs a name."


class UnknownChoice(InvalidCostPlan):
    """A unit, rounding rule, excess rule or key that the engine does not know."""

    code = "cost.unknown_choice"
    message = "Pool {pool!r}: {quantity} cannot be {value!r}; choose one of {choices}."


class NotParticipantIds(InvalidCostPlan, TypeError):
    code = "cost.not_participant_ids"
    message = "{quantity} must be a collection of participant ids, not the string {value!r}."


class DuplicateParticipant(InvalidCostPlan):
    code = "cost.duplicate_participant"
    message = "Participant {participant!r} is listed twice."


class DuplicatePoolName(InvalidCostPlan):
    code = "cost.duplicate_pool_name"
    message = "Two pools are named {pool!r}."


class PoolWithoutParticipants(InvalidCostPlan):
    code = "cost.pool_without_participants"
    message = "Pool {pool!r} has no participants."


class UnknownParticipant(InvalidCostPlan):
    """A pool, cap, percentage or lead names a participant the plan does not have."""

    code = "cost.unknown_participant"
    message = "{where} names participant {participant!r}, who is not a party to the plan."
    declared_params = ("pool",)

    def __init__(self, participant_id: str, where: str, pool: str | None = None) -> None:
        self.participant_id = participant_id
        super().__init__(participant=participant_id, where=where, pool=pool)


class LeadRequired(InvalidCostPlan):
    """A pool gives what no one can take to the lead (vastuukunta), but there is no lead."""

    code = "cost.lead_required"
    message = "Pool {pool!r} gives the excess over caps to the lead municipality, but no lead is given."

    def __init__(self, pool: str) -> None:
        self.pool = pool
        super().__init__(pool=pool)


# --- keys ---------------------------------------------------------------------------------------------


class StatisticNameMissing(InvalidCostPlan):
    code = "cost.statistic_name_missing"
    message = "A statistic key needs the statistic's name, e.g. 'population'."


class ReferenceDateMissing(InvalidCostPlan):
    code = "cost.reference_date_missing"
    message = "Pool {pool!r} is split by {statistic}, but no reference date is given."


class StatisticGivenTwice(InvalidCostPlan):
    code = "cost.statistic_given_twice"
    message = "{statistic} of {participant!r} on {on} is given twice, as {first} and {second}."


class MissingStatistic(CostSharingError):
    """A participant has no value of a statistic on the reference date (never read as zero)."""

    code = "cost.statistic_missing"
    message = "{participant} has no {statistic} value on {on_text}; a missing value is not read as zero."
    declared_params = ("on", "participant_id")

    def __init__(self, statistic: str, participant: Participant, on: date) -> None:
        self.statistic = statistic
        self.participant = participant
        self.on = on
        super().__init__(statistic=statistic, participant=participant.label, participant_id=participant.id, on=on,
                         on_text=finnish_date(on))


class NoValuesOfStatistic(InvalidCostPlan):
    """A pool split by a statistic that none of its participants has on the reference date: a wrong statistic
    or a wrong date, refused when the plan is written."""

    code = "cost.statistic_unknown"
    message = "Pool {pool!r} is split by {statistic}, but none of its participants has a value of it on {on}."


class PercentagesDoNotSumTo100(InvalidCostPlan):
    """Fixed percentages must add up to exactly 100."""

    code = "cost.percentages_not_100"
    message = "{where}The fixed percentages add up to {total}, not 100."

    def __init__(self, total: Decimal, pool: str | None = None) -> None:
        self.total = total
        self.pool = pool
        super().__init__(total=str(total), pool=pool, where=f"Pool {pool!r}: " if pool else "")


class MissingPercentage(InvalidCostPlan):
    """A participant of a pool with fixed percentages has no percentage."""

    code = "cost.percentage_missing"
    message = "Pool {pool!r} splits by fixed percentages but gives none for {participant}."

    def __init__(self, pool: str, participant: Participant) -> None:
        self.pool = pool
        self.participant = participant
        super().__init__(pool=pool, participant=participant.label, participant_id=participant.id)


class NegativePercentage(InvalidCostPlan):
    code = "cost.percentage_negative"
    message = "The fixed percentage of {participant!r} must be a non-negative Decimal or integer, not {value!r}."


class EmptyMix(InvalidCostPlan):
    code = "cost.mix_empty"
    message = "A weighted mix needs at least one key."


class NegativeMixWeight(InvalidCostPlan):
    code = "cost.mix_weight_negative"
    message = "A coefficient of a weighted mix is negative ({value})."


class NotAKey(InvalidCostPlan, TypeError):
    code = "cost.not_a_key"
    message = "{value!r} is not a key."


class MixWeightsDoNotSumTo1(InvalidCostPlan):
    """The coefficients of a weighted mix of keys must add up to exactly 1."""

    code = "cost.mix_weights_not_1"
    message = "The coefficients of a weighted mix of keys add up to {total}, not 1."

    def __init__(self, total: object) -> None:
        self.total = total
        super().__init__(total=str(total))


class ZeroTotalWeight(CostSharingError):
    """The weights of a key add up to zero, so there is nothing to split by."""

    code = "cost.zero_total_weight"
    message = "Pool {pool!r} cannot be split by {key}: the weights of its participants add up to 0."

    def __init__(self, pool: str, key: str) -> None:
        self.pool = pool
        self.key = key
        super().__init__(pool=pool, key=key)


# --- invoicing and reconciliation -----------------------------------------------------------------------


class NoInstalmentDates(InvalidCostPlan):
    code = "cost.instalment_dates_missing"
    message = "Instalments need at least one due date."


class InstalmentDatesOutOfOrder(InvalidCostPlan):
    code = "cost.instalment_dates_order"
    message = "The nominal due dates of instalments must be in ascending order, each once."


class MissingActualCost(InvalidCostPlan):
    """Year-end reconciliation (tasaus) needs the actual cost of every pool."""

    code = "cost.actual_cost_missing"
    message = "No actual cost is given for pool {pool!r}."

    def __init__(self, pool: str) -> None:
        self.pool = pool
        super().__init__(pool=pool)


class ActualCostOfUnknownPool(InvalidCostPlan):
    code = "cost.actual_cost_unknown_pool"
    message = "An actual cost is given for {pool!r}, which is not a pool of the plan."


# --- plans as the API takes them ------------------------------------------------------------------------


class InstalmentYearsOutOfRange(InvalidCostPlan):
    code = "cost.instalment_years"
    message = "Instalment dates are between the years {first_year} and {last_year}."


class TooManyInstalments(InvalidCostPlan):
    code = "cost.too_many_instalments"
    message = "Give at most {maximum} instalment dates."


class PlanWithoutParticipants(InvalidCostPlan):
    code = "cost_plan.no_participants"
    message = "A cost plan needs at least one participant."


class NoDefaultParticipants(InvalidCostPlan):
    code = "cost_plan.no_default_participants"
    message = "The agreement version has no parties and the area no members that year: name the participants."


class PreviousPlanElsewhere(InvalidCostPlan):
    code = "cost_plan.previous_plan"
    message = "The previous plan must be another plan of the same area."


class LeadNotAParticipant(InvalidCostPlan):
    code = "cost_plan.lead_not_participant"
    message = "The lead must be one of the plan's participants."

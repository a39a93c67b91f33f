"""The results of cost sharing: shares, pool allocations, plan totals, changes.

Figures are kept as integers of the minor unit (``*_minor``: cents, or tenths
of a person-year) with Decimal views in euros or person-years. Every share keeps
what explains it; ``Share.explanation`` spells it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from domain.costs.explain import Explanation, explain, explain_pool
from domain.costs.keys import Basis
from domain.costs.model import CostPlan, Participant, Pool
from domain.costs.rounding import MINOR_DECIMALS, from_minor, round_half_up


def percent(part: int, whole: int) -> Decimal:
    """part / whole as a percentage with two decimals, rounded half up (0 when whole is 0)."""
    if not whole:
        return Decimal("0.00")
    return Decimal(round_half_up(part * 10_000, whole)).scaleb(-2)


@dataclass(frozen=True, slots=True)
class SplitContext:
    """What a pool's shares have in common, kept once per pool to explain each share.

    ``weight_total`` adds up the key's integer weights (a share's weight is
    ``weight_numerator / weight_total``). After caps, ``rest_minor`` was split
    among the uncapped participants, whose weights add up to ``rest_weight``.
    Exact shares are ``exact_numerator / denominator`` minor units. What no
    one could take goes to ``lead`` as ``to_lead_minor`` when the pool says so;
    ``lead_outside_key`` tells that the lead was not in the pool otherwise.
    """

    pool: Pool
    bases: tuple[Basis, ...]
    weight_total: int
    rest_minor: int
    rest_weight: int
    denominator: int
    lead: str | None
    to_lead_minor: int
    lead_outside_key: bool = False


@dataclass(frozen=True, slots=True)
class Share:
    """One participant's share of one pool (osuus)."""

    participant: Participant
    minor: int
    exact_numerator: int
    weight_numerator: int
    capped: bool
    context: SplitContext

    @property
    def unit(self) -> str:
        return self.context.pool.unit

    @property
    def amount(self) -> Decimal:
        """The rounded share in euros (or person-years)."""
        return from_minor(self.minor, self.context.pool.unit)

    @property
    def exact_minor(self) -> Fraction:
        """The exact share before rounding, in cents (or tenths of a person-year)."""
        return Fraction(self.exact_numerator, self.context.denominator)

    @property
    def exact(self) -> Fraction:
        """The exact share before rounding, in euros (or person-years)."""
        return self.exact_minor / 10 ** MINOR_DECIMALS[self.context.pool.unit]

    @property
    def weight(self) -> Fraction:
        """The participant's weight by the key, as a share of 1."""
        return Fraction(self.weight_numerator, self.context.weight_total)

    @property
    def rounding_adjustment(self) -> Fraction:
        """Rounded minus exact share, in cents (or tenths of a person-year)."""
        return self.minor - self.exact_minor

    @property
    def cap_minor(self) -> int | None:
        pool = self.context.pool
        return pool.caps_minor.get(self.participant.id, pool.cap_minor)

    @property
    def explanation(self) -> Explanation:
        """Which statistic, which date, which values, which formula: see ``Explanation``."""
        return explain(self)


@dataclass(frozen=True)
class PoolAllocation:
    """How one pool is split (kustannuserän jako).

    ``allocated_minor + unallocated_minor - rounding_difference_minor`` equals
    the split amount, and adding the outside share gives the pool's amount.
    ``unallocated_minor`` is what no one could take because of caps;
    ``rounding_difference_minor`` is the shares' sum minus what was to be
    allocated (non-zero only when shares are rounded to whole euros).
    """

    pool: Pool
    shares: tuple[Share, ...]
    context: SplitContext
    allocated_minor: int
    unallocated_minor: int
    rounding_difference_minor: int

    @property
    def name(self) -> str:
        return self.pool.name

    @property
    def unit(self) -> str:
        return self.pool.unit

    @property
    def bases(self) -> tuple[Basis, ...]:
        return self.context.bases

    @property
    def to_lead_minor(self) -> int:
        return self.context.to_lead_minor

    @property
    def amount(self) -> Decimal:
        return from_minor(self.pool.amount_minor, self.unit)

    @property
    def outside_share(self) -> Decimal:
        """Outside funding (e.g. ESR and state), taken off before the split."""
        return from_minor(self.pool.outside_minor, self.unit)

    @property
    def split_amount(self) -> Decimal:
        return from_minor(self.pool.split_minor, self.unit)

    @property
    def allocated(self) -> Decimal:
        return from_minor(self.allocated_minor, self.unit)

    @property
    def unallocated(self) -> Decimal:
        return from_minor(self.unallocated_minor, self.unit)

    @property
    def rounding_difference(self) -> Decimal:
        return from_minor(self.rounding_difference_minor, self.unit)

    def explanations(self) -> tuple[Explanation, ...]:
        """Every share's explanation, in the order of the shares."""
        return explain_pool(self)

    def share_of(self, participant_id: str) -> Share | None:
        for share in self.shares:
            if share.participant.id == participant_id:
                return share
        return None


@dataclass(frozen=True, slots=True)
class ParticipantTotal:
    """A participant's shares added up across the pools of one unit."""

    participant: Participant
    unit: str
    minor: int
    share: Fraction

    @property
    def amount(self) -> Decimal:
        return from_minor(self.minor, self.unit)

    @property
    def percent(self) -> Decimal:
        """Share of everything allocated in this unit, in percent with two decimals."""
        return percent(self.share.numerator, self.share.denominator)


@dataclass(frozen=True)
class PlanAllocation:
    """A whole plan allocated: every pool, and each participant's totals (by unit)."""

    plan: CostPlan
    pools: tuple[PoolAllocation, ...]
    totals: tuple[ParticipantTotal, ...]

    def pool(self, name: str) -> PoolAllocation:
        for allocation in self.pools:
            if allocation.name == name:
                return allocation
        raise KeyError(name)

    def total_of(self, participant_id: str, unit: str = "eur") -> ParticipantTotal | None:
        for total in self.totals:
            if total.participant.id == participant_id and total.unit == unit:
                return total
        return None

    def shares_of(self, participant_id: str) -> tuple[Share, ...]:
        """The participant's share of each pool it takes part in, in the plan's order."""
        found = (allocation.share_of(participant_id) for allocation in self.pools)
        return tuple(share for share in found if share is not None)


@dataclass(frozen=True, slots=True)
class Change:
    """A participant's total compared with a previous plan (muutos edelliseen)."""

    participant: Participant
    unit: str
    previous_minor: int
    current_minor: int

    @property
    def difference_minor(self) -> int:
        return self.current_minor - self.previous_minor

    @property
    def previous(self) -> Decimal:
        return from_minor(self.previous_minor, self.unit)

    @property
    def current(self) -> Decimal:
        return from_minor(self.current_minor, self.unit)

    @property
    def difference(self) -> Decimal:
        return from_minor(self.difference_minor, self.unit)

    @property
    def percent_change(self) -> Decimal | None:
        """Change in percent of the previous total (two decimals, half up); None if it was 0."""
        if not self.previous_minor:
            return None
        sign = -1 if self.difference_minor < 0 else 1
        return sign * percent(abs(self.difference_minor), self.previous_minor)

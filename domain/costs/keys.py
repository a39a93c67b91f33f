"""Keys of cost sharing (jakoperusteet) and the integer weights they give.

- ``EqualShares()``: tasajako, every participant weighs 1.
- ``ByStatistic("population")``: in proportion to a statistic on the plan's
  reference date: asukasluku (population), työnhakijat (jobseekers),
  asiakasmäärä (customers), a target group, measured use of a service.
- ``FixedPercentages({id: Decimal("12.5"), ...})``: percentages agreed in the
  annex; they add up to exactly 100.
- ``WeightedMix(((Decimal("0.5"), ByStatistic("population")), (Decimal("0.5"),
  ByStatistic("jobseekers"))))``: Σ αₖ·keyₖ, each key's weights first made into
  shares of 1, then mixed; the αₖ add up to exactly 1.

Weights are plain integers in proportion to the exact weights: a statistic is
scaled by a power of ten, a mix is brought over a common denominator. So the
allocation never needs Fraction arithmetic, and is still exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import lcm
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from domain.costs.errors import (
    EmptyMix,
    MissingPercentage,
    MissingStatistic,
    MixWeightsDoNotSumTo1,
    NegativeMixWeight,
    NegativePercentage,
    NotAKey,
    PercentagesDoNotSumTo100,
    ReferenceDateMissing,
    StatisticNameMissing,
    ZeroTotalWeight,
    finnish_date,
)
from domain.costs.rounding import decimal_places, exact_number

if TYPE_CHECKING:
    from domain.costs.model import Participant, Statistics


@dataclass(frozen=True)
class EqualShares:
    """Tasajako: equal shares, every participant weighs 1."""

    def describe(self) -> str:
        return "equal shares"


@dataclass(frozen=True)
class ByStatistic:
    """In proportion to a statistic of each participant on the reference date (e.g. asukasluku)."""

    statistic: str

    def __post_init__(self) -> None:
        if not isinstance(self.statistic, str) or not self.statistic.strip():
            raise StatisticNameMissing()

    def describe(self) -> str:
        return self.statistic


@dataclass(frozen=True)
class FixedPercentages:
    """Fixed percentages by participant id, agreed in the annex; they add up to exactly 100."""

    percentages: Mapping[str, Decimal]
    scaled: Mapping[str, int] = field(init=False, repr=False, compare=False)
    texts: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        percentages = {pid: Decimal(self._checked(pid, value)) for pid, value in self.percentages.items()}
        total = sum(percentages.values(), Decimal(0))
        if total != 100:
            raise PercentagesDoNotSumTo100(total)
        decimals = max((max(decimal_places(value), 0) for value in percentages.values()), default=0)
        scaled = {pid: int(Fraction(value) * 10**decimals) for pid, value in percentages.items()}
        object.__setattr__(self, "percentages", MappingProxyType(percentages))
        object.__setattr__(self, "scaled", MappingProxyType(scaled))
        object.__setattr__(self, "texts", {})  # the percentages written out, filled by the explanations

    @staticmethod
    def _checked(pid: str, value: object) -> Decimal | int:
        if isinstance(value, Fraction) or exact_number(value, "percentage") < 0:
            raise NegativePercentage(participant=pid, value=str(value))
        assert isinstance(value, (Decimal, int))  # exact_number refused anything else
        return value

    def describe(self) -> str:
        return "fixed percentages"


@dataclass(frozen=True)
class WeightedMix:
    """A weighted mix of keys, Σ αₖ·keyₖ (e.g. 50 % population + 50 % jobseekers).

    ``parts`` are (αₖ, keyₖ) pairs; the αₖ are non-negative and add up to 1.
    """

    parts: tuple[tuple[Decimal, Key], ...]
    coefficients: tuple[Fraction, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = tuple((alpha, key) for alpha, key in self.parts)
        if not parts:
            raise EmptyMix()
        coefficients = []
        for alpha, key in parts:
            coefficient = exact_number(alpha, "mix_weight")
            if coefficient < 0:
                raise NegativeMixWeight(value=str(alpha))
            if not is_key(key):
                raise NotAKey(value=repr(key))
            coefficients.append(coefficient)
        total = sum(coefficients, Fraction(0))
        if total != 1:
            raise MixWeightsDoNotSumTo1(_plain(total))
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "coefficients", tuple(coefficients))

    def describe(self) -> str:
        return " + ".join(f"{alpha} × {key.describe()}" for alpha, key in self.parts)


def statistics_read_by(key: Key) -> set[str]:
    """The names of the statistics a key reads."""
    if isinstance(key, ByStatistic):
        return {key.statistic}
    if isinstance(key, WeightedMix):
        return set().union(*(statistics_read_by(part) for _, part in key.parts))
    return set()


def _plain(value: Fraction) -> str:
    """0.9 for 9/10, but 1/3 stays a fraction."""
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return str(decimal) if Fraction(decimal) == value else f"{value.numerator}/{value.denominator}"


Key = EqualShares | ByStatistic | FixedPercentages | WeightedMix
KEY_TYPES = (EqualShares, ByStatistic, FixedPercentages, WeightedMix)


def is_key(value: object) -> bool:
    return isinstance(value, KEY_TYPES)


@dataclass(frozen=True, slots=True)
class Basis:
    """One key behind a pool's weights (one per part of a mix), kept to explain every share.

    ``coefficient`` is the key's αₖ in a mix (1 for a plain key); ``total`` adds
    the key's values up over the pool's participants; ``values`` maps
    participant ids to values (None for equal shares, where each value is 1).
    """

    kind: Literal["equal", "statistic", "fixed"]
    coefficient: Fraction
    total: Decimal
    statistic: str | None = None
    on: date | None = None
    values: Mapping[str, Decimal] | None = None
    #: The values written out, shared by every pool that reads the same series or percentages (a cache).
    texts: dict[str, str] | None = field(default=None, repr=False, compare=False)

    def value_of(self, participant_id: str) -> Decimal | None:
        if self.values is None:
            return Decimal(1)
        return self.values.get(participant_id)

    def describe(self) -> str:
        if self.kind == "statistic":
            return f"{self.statistic} on {finnish_date(self.on)}" if self.on else str(self.statistic)
        return "equal shares" if self.kind == "equal" else "fixed percentages"


def key_weights(
    key: Key,
    members: Sequence[Participant],
    statistics: Statistics | None,
    on: date | None,
    pool: str,
) -> tuple[list[int], int, tuple[Basis, ...]]:
    """Integer weights of the members (in their order), their positive total, and the bases.

    Raises MissingStatistic for a participant without a value, ZeroTotalWeight
    when the weights add up to 0.
    """
    bases: list[Basis] = []
    weights = _weights(key, members, statistics, on, pool, Fraction(1), bases)
    total = sum(weights)
    if total == 0:
        raise ZeroTotalWeight(pool, key.describe())
    return weights, total, tuple(bases)


def _weights(
    key: Key,
    members: Sequence[Participant],
    statistics: Statistics | None,
    on: date | None,
    pool: str,
    coefficient: Fraction,
    bases: list[Basis],
) -> list[int]:
    if isinstance(key, EqualShares):
        bases.append(Basis("equal", coefficient, Decimal(len(members))))
        return [1] * len(members)
    if isinstance(key, ByStatistic):
        return _statistic_weights(key.statistic, members, statistics, on, pool, coefficient, bases)
    if isinstance(key, FixedPercentages):
        return _fixed_weights(key, members, pool, coefficient, bases)
    return _mix_weights(key, members, statistics, on, pool, coefficient, bases)


def _statistic_weights(
    name: str,
    members: Sequence[Participant],
    statistics: Statistics | None,
    on: date | None,
    pool: str,
    coefficient: Fraction,
    bases: list[Basis],
) -> list[int]:
    if on is None:
        raise ReferenceDateMissing(pool=pool, statistic=name)
    series = statistics.series(name, on) if statistics is not None else None
    if series is None:
        raise MissingStatistic(name, members[0], on)
    scaled = series.scaled
    try:
        weights = [scaled[member.id] for member in members]
    except KeyError:
        missing = next(member for member in members if member.id not in scaled)
        raise MissingStatistic(name, missing, on) from None
    total = Decimal(sum(weights)).scaleb(-series.decimals)
    bases.append(Basis("statistic", coefficient, total, name, on, series.values, series.texts))
    return weights


def _fixed_weights(
    key: FixedPercentages,
    members: Sequence[Participant],
    pool: str,
    coefficient: Fraction,
    bases: list[Basis],
) -> list[int]:
    scaled = key.scaled
    weights = []
    for member in members:
        weight = scaled.get(member.id)
        if weight is None:
            raise MissingPercentage(pool, member)
        weights.append(weight)
    if len(weights) != len(scaled):
        total = sum((key.percentages[member.id] for member in members), Decimal(0))
        raise PercentagesDoNotSumTo100(total, pool)
    bases.append(Basis("fixed", coefficient, Decimal(100), values=key.percentages, texts=key.texts))
    return weights


def _mix_weights(
    key: WeightedMix,
    members: Sequence[Participant],
    statistics: Statistics | None,
    on: date | None,
    pool: str,
    coefficient: Fraction,
    bases: list[Basis],
) -> list[int]:
    # Σ αₖ·wₖᵢ/Wₖ over the common denominator D·L (D: of the αₖ, L: of the Wₖ).
    parts = []
    for alpha, (_, part) in zip(key.coefficients, key.parts):
        if alpha == 0:
            continue
        weights = _weights(part, members, statistics, on, pool, coefficient * alpha, bases)
        total = sum(weights)
        if total == 0:
            raise ZeroTotalWeight(pool, part.describe())
        parts.append((alpha, weights, total))
    common_alpha = lcm(*(alpha.denominator for alpha, _, _ in parts))
    common_total = lcm(*(total for _, _, total in parts))
    mixed = [0] * len(members)
    for alpha, weights, total in parts:
        factor = alpha.numerator * (common_alpha // alpha.denominator) * (common_total // total)
        mixed = [sum_ + factor * weight for sum_, weight in zip(mixed, weights)]
    return mixed

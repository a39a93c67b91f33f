"""The inputs of cost sharing (kustannustenjako): participants, statistics, pools, plans.

All are frozen dataclasses. Amounts are given as Decimals in euros or in
person-years (htv, henkilötyövuosi) and are checked and kept as integers of the
minor unit (cents, tenths of a person-year) from then on. Floats are refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from domain.costs.errors import (
    DuplicateParticipant,
    DuplicatePoolName,
    LeadRequired,
    NegativeFigure,
    NotAKey,
    NotAnExactNumber,
    NotParticipantIds,
    NotWholeUnits,
    PoolNameMissing,
    RateOutOfRange,
    StatisticGivenTwice,
    UnknownChoice,
    UnknownParticipant,
)
from domain.costs.keys import EqualShares, FixedPercentages, Key, WeightedMix, is_key
from domain.costs.rounding import MINOR_DECIMALS, decimal_places, exact_number, round_half_up, to_minor

Unit = Literal["eur", "person_year"]
#: "cents": largest remainder to the cent (tenths for person-years);
#: "euros": each share rounded half up to whole euros (whole person-years).
Rounding = Literal["cents", "euros"]
#: What no one can take when every share that could take more is capped:
#: "share_among_uncapped" leaves it unallocated (reported); "to_lead" charges it to the lead.
ExcessRule = Literal["share_among_uncapped", "to_lead"]

ROUNDINGS = ("cents", "euros")
EXCESS_RULES = ("share_among_uncapped", "to_lead")


@dataclass(frozen=True, slots=True)
class Participant:
    """A party that pays a share (osapuoli): a municipality (kunta) or another body.

    ``code`` is the official municipality code (kuntanumero, e.g. Tampere "837");
    bodies without one are ordered by ``id``.
    """

    id: str
    name: str
    code: str | None = None

    @property
    def sort_key(self) -> tuple[int, str]:
        """Ascending municipality code, then bodies without a code by id; breaks rounding ties."""
        return (0, self.code) if self.code else (1, self.id)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


@dataclass(frozen=True, slots=True)
class StatisticValue:
    """One municipality's value of a statistic on a date, e.g. asukasluku 241 009 on 31.12.2020."""

    name: str
    participant_id: str
    on: date
    value: Decimal | int


@dataclass(frozen=True, slots=True)
class Series:
    """The values of one statistic on one date, also as integers: value = scaled / 10**decimals."""

    name: str
    on: date
    values: Mapping[str, Decimal]
    scaled: Mapping[str, int]
    decimals: int
    #: The values written out (241 009) once each, by participant id, for the explanations of every pool.
    texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class Statistics:
    """Statistics of the participants (asukasluku, työnhakijat, asiakasmäärä...) by date.

    A key uses the values dated exactly on the plan's reference date; a value
    that is not there is missing, never zero.
    """

    values: tuple[StatisticValue, ...] = ()
    _series: Mapping[tuple[str, date], Series] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = tuple(self.values)
        grouped: dict[tuple[str, date], dict[str, Decimal]] = {}
        for item in values:
            if isinstance(item.value, Fraction):
                raise NotAnExactNumber(quantity="statistic_value", pool=None, type="Fraction", value=str(item.value))
            number = exact_number(item.value, "statistic_value")
            if number < 0:
                raise NegativeFigure(quantity="statistic_value", pool=None, value=str(item.value))
            column = grouped.setdefault((item.name, item.on), {})
            value = Decimal(item.value)
            if column.setdefault(item.participant_id, value) != value:
                raise StatisticGivenTwice(statistic=item.name, participant=item.participant_id, on=item.on,
                                          first=str(column[item.participant_id]), second=str(item.value))
        series = {}
        for (name, on), column in grouped.items():
            decimals = max(max(decimal_places(value), 0) for value in column.values())
            scaled = {pid: int(Fraction(value) * 10**decimals) for pid, value in column.items()}
            series[(name, on)] = Series(name, on, MappingProxyType(column), MappingProxyType(scaled), decimals)
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "_series", MappingProxyType(series))

    @classmethod
    def of(cls, name: str, on: date, values: Mapping[str, Decimal | int]) -> Statistics:
        """One statistic on one date from {participant id: value}."""
        return cls(tuple(StatisticValue(name, pid, on, value) for pid, value in values.items()))

    def __add__(self, other: Statistics) -> Statistics:
        return Statistics(self.values + other.values)

    def series(self, name: str, on: date) -> Series | None:
        return self._series.get((name, on))

    def value(self, name: str, participant_id: str, on: date) -> Decimal | None:
        series = self._series.get((name, on))
        return None if series is None else series.values.get(participant_id)


def _ids(value: Iterable[str] | None, quantity: str, pool: str) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise NotParticipantIds(quantity=quantity, pool=pool, value=value)
    return frozenset(value)


@dataclass(frozen=True)
class Pool:
    """A cost pool (kustannuserä) of a plan and how it is split.

    ``amount`` is in euros (unit "eur") or person-years (unit "person_year").
    ``participants`` are the ids taking part (None: every party of the plan),
    minus ``excluded`` (e.g. Valkeakoski from the integration services pool).
    With ``co_financing_rate`` r the outside share round-half-up(amount × r) to
    the cent is taken off first (ESR and state 80 %: Decimal("0.80")).
    ``cap`` caps every share, ``caps`` single participants (enintään 1 950 €).
    For person-years, "cents" rounding means tenths and "euros" whole person-years.
    The ``*_minor`` fields are derived: the same figures in integer minor units.
    """

    name: str
    amount: Decimal | int
    key: Key = field(default_factory=EqualShares)
    unit: Unit = "eur"
    participants: frozenset[str] | None = None
    excluded: frozenset[str] = frozenset()
    co_financing_rate: Decimal | None = None
    cap: Decimal | None = None
    caps: Mapping[str, Decimal] = field(default_factory=dict)
    excess: ExcessRule = "share_among_uncapped"
    rounding: Rounding = "cents"
    amount_minor: int = field(init=False, repr=False, compare=False)
    outside_minor: int = field(init=False, repr=False, compare=False)
    split_minor: int = field(init=False, repr=False, compare=False)
    cap_minor: int | None = field(init=False, repr=False, compare=False)
    caps_minor: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if not isinstance(self.name, str) or not self.name.strip():
            raise PoolNameMissing()
        pool = self.name
        for quantity, value, choices in (("unit", self.unit, tuple(MINOR_DECIMALS)), ("rounding", self.rounding, ROUNDINGS),
                                         ("excess", self.excess, EXCESS_RULES)):
            if value not in choices:
                raise UnknownChoice(pool=pool, quantity=quantity, value=value, choices=", ".join(choices))
        if not is_key(self.key):
            raise NotAKey(pool=pool, value=repr(self.key))
        amount_minor = to_minor(self.amount, self.unit, "amount", pool)
        if amount_minor < 0:
            raise NegativeFigure(quantity="amount", pool=pool, value=str(self.amount))
        outside = 0
        if self.co_financing_rate is not None:
            rate = exact_number(self.co_financing_rate, "co_financing_rate", pool)
            if not 0 <= rate <= 1:
                raise RateOutOfRange(pool=pool, value=str(self.co_financing_rate))
            outside = round_half_up(amount_minor * rate.numerator, rate.denominator)
        whole = 10 ** MINOR_DECIMALS[self.unit] if self.rounding == "euros" else 1

        def cap_in_minor(value: object, participant: str | None = None) -> int:
            minor = to_minor(value, self.unit, "cap", pool)
            if minor < 0:
                raise NegativeFigure(quantity="cap", pool=pool, value=str(value), participant=participant)
            if minor % whole:
                raise NotWholeUnits(quantity="cap", pool=pool, value=str(value), participant=participant)
            return minor

        set_(self, "participants", _ids(self.participants, "participants", pool))
        set_(self, "excluded", _ids(self.excluded, "excluded", pool))
        set_(self, "caps", MappingProxyType(dict(self.caps)))
        set_(self, "amount_minor", amount_minor)
        set_(self, "outside_minor", outside)
        set_(self, "split_minor", amount_minor - outside)
        set_(self, "cap_minor", None if self.cap is None else cap_in_minor(self.cap))
        set_(
            self,
            "caps_minor",
            MappingProxyType({pid: cap_in_minor(value, pid) for pid, value in self.caps.items()}),
        )

    @property
    def has_caps(self) -> bool:
        return self.cap_minor is not None or bool(self.caps_minor)

    def check_participants(self, known: Mapping[str, Participant] | frozenset[str], lead: str | None) -> None:
        """Every id the pool names is a party; a pool that gives excess to the lead has one."""
        where = f"Pool {self.name!r}"
        named = [
            *sorted(self.participants or ()),
            *sorted(self.excluded),
            *sorted(self.caps),
            *sorted(_fixed_ids(self.key)),
        ]
        for pid in named:
            if pid not in known:
                raise UnknownParticipant(pid, where, self.name)
        if self.excess == "to_lead":
            if lead is None:
                raise LeadRequired(self.name)
            if lead not in known:
                raise UnknownParticipant(lead, f"{where} (as its lead)", self.name)


def _fixed_ids(key: Key) -> set[str]:
    if isinstance(key, FixedPercentages):
        return set(key.percentages)
    if isinstance(key, WeightedMix):
        return set().union(*(_fixed_ids(part) for _, part in key.parts))
    return set()


@dataclass(frozen=True)
class CostPlan:
    """The cost-sharing annex (kustannustenjakoliite) of an agreement version for a year.

    Statistics are read on ``reference_date``; ``lead`` is the lead municipality
    (vastuukunta), by participant id.
    """

    year: int
    reference_date: date
    participants: tuple[Participant, ...]
    pools: tuple[Pool, ...]
    lead: str | None = None
    agreement_version_id: str | None = None

    def __post_init__(self) -> None:
        participants = tuple(self.participants)
        pools = tuple(self.pools)
        by_id: dict[str, Participant] = {}
        for participant in participants:
            if by_id.setdefault(participant.id, participant) is not participant:
                raise DuplicateParticipant(participant=participant.id)
        names: set[str] = set()
        for pool in pools:
            if pool.name in names:
                raise DuplicatePoolName(pool=pool.name)
            names.add(pool.name)
        if self.lead is not None and self.lead not in by_id:
            raise UnknownParticipant(self.lead, "The plan's lead")
        for pool in pools:
            pool.check_participants(by_id, self.lead)
        object.__setattr__(self, "participants", participants)
        object.__setattr__(self, "pools", pools)

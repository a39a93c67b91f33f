"""Between the stored pools, the payloads and the cost engine (domain.costs): pools in plain stored values.

The rules live in domain.costs only; this module turns rows and payloads into the engine's Pool and
CostPlan, and lays the engine's refusals of a payload on the payload's fields.
"""

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, cast

from pydantic import TypeAdapter

from api.cost_plans.models import CostPool
from api.cost_plans.schemas import (
    KeyInput,
    PoolFields,
    PoolRead,
)
from api.organisations.models import Organisation
from domain.costs import (
    ByStatistic,
    CostPlan,
    EqualShares,
    ExcessRule,
    FixedPercentages,
    InvalidCostPlan,
    Key,
    Participant,
    Pool,
    Rounding,
    Unit,
    WeightedMix,
)
from domain.costs.errors import (
    DuplicatePoolName,
    FigureTooLarge,
    NegativeFigure,
    PoolNameMissing,
    RateOutOfRange,
    finnish_date,
)
from domain.costs.rounding import MINOR_DECIMALS, decimal_places, from_minor, to_minor
from domain.errors import InvalidField, InvalidValue


class RateTooPrecise(InvalidValue):
    code = "cost.rate_too_precise"
    message = "The co-financing rate has at most {decimals} decimals."

UNITS = ("eur", "person_year")
KEY_ADAPTER: TypeAdapter[Any] = TypeAdapter(KeyInput)
RATE_DECIMALS = 6
#: Amounts stay below 10**15 minor units (ten thousand billion euros).
MAX_MINOR = 10**15


@contextmanager
def engine_errors(field: str = "pools", *, input_given: bool = True) -> Iterator[None]:
    """The engine's refusals of a payload laid on its field (422); of stored data they stay conflicts (409)."""
    try:
        yield
    except InvalidCostPlan as error:
        if input_given:
            raise InvalidField(field, error) from None
        raise


def key_from_json(data: dict[str, Any]) -> Key:
    kind = data.get("kind")
    if kind == "statistic":
        return ByStatistic(data["statistic"])
    if kind == "fixed":
        return FixedPercentages({pid: Decimal(value) for pid, value in data["percentages"].items()})
    if kind == "mix":
        return WeightedMix(tuple((Decimal(part["weight"]), key_from_json(part["key"])) for part in data["parts"]))
    return EqualShares()


def key_statistics(data: dict[str, Any]) -> set[str]:
    """The statistics a key reads."""
    if data.get("kind") == "statistic":
        return {data["statistic"]}
    if data.get("kind") == "mix":
        return set().union(*(key_statistics(part["key"]) for part in data["parts"]))
    return set()


def describe_key(data: dict[str, Any], on: date) -> str:
    kind = data.get("kind")
    if kind == "statistic":
        return f"{data['statistic']} on {finnish_date(on)}"
    if kind == "fixed":
        return "fixed percentages"
    if kind == "mix":
        return " + ".join(f"{part['weight']} × {describe_key(part['key'], on)}" for part in data["parts"])
    return "equal shares"


@dataclass
class PoolSpec:
    """One pool in plain stored values, whether read from the database or typed in a payload."""

    id: uuid.UUID | None
    name: str
    unit: str
    amount_minor: int
    key: dict[str, Any]
    participant_ids: list[str] | None = None
    excluded_ids: list[str] = field(default_factory=list)
    co_financing_ppm: int | None = None
    cap_minor: int | None = None
    caps: dict[str, int] = field(default_factory=dict)
    excess: str = "share_among_uncapped"
    rounding: str = "cents"
    actual_minor: int | None = None
    description: str | None = None

    def domain(self) -> Pool:
        """The engine's pool; raises InvalidCostPlan when it does not hold together."""
        # The unit, excess rule and rounding go in as stored or sent: Pool refuses one it does not know (UnknownChoice).
        return Pool(
            name=self.name,
            amount=from_minor(self.amount_minor, self.unit),
            key=key_from_json(self.key),
            unit=cast(Unit, self.unit),
            participants=frozenset(self.participant_ids) if self.participant_ids is not None else None,
            excluded=frozenset(self.excluded_ids),
            co_financing_rate=None if self.co_financing_ppm is None else Decimal(self.co_financing_ppm).scaleb(-RATE_DECIMALS),
            cap=None if self.cap_minor is None else from_minor(self.cap_minor, self.unit),
            caps={pid: from_minor(minor, self.unit) for pid, minor in self.caps.items()},
            excess=cast(ExcessRule, self.excess),
            rounding=cast(Rounding, self.rounding),
        )

    def apply_to(self, pool: CostPool) -> None:
        for name in ("name", "unit", "amount_minor", "key", "participant_ids", "excluded_ids", "co_financing_ppm",
                     "cap_minor", "caps", "excess", "rounding", "actual_minor", "description"):
            setattr(pool, name, getattr(self, name))


def spec_from_model(pool: CostPool) -> PoolSpec:
    return PoolSpec(
        id=pool.id, name=pool.name, unit=pool.unit, amount_minor=pool.amount_minor, key=dict(pool.key),
        participant_ids=None if pool.participant_ids is None else list(pool.participant_ids),
        excluded_ids=list(pool.excluded_ids or []), co_financing_ppm=pool.co_financing_ppm, cap_minor=pool.cap_minor,
        caps=dict(pool.caps or {}), excess=pool.excess, rounding=pool.rounding, actual_minor=pool.actual_minor,
        description=pool.description,
    )


def checked_minor(value: Decimal, unit: str, field_name: str, quantity: str, pool: str | None = None) -> int:
    """A payload's figure in minor units, refused beside its field when finer than the unit, negative or huge."""
    try:
        minor = to_minor(value, unit, quantity, pool)
    except InvalidCostPlan as error:
        raise InvalidField(field_name, error) from None
    if minor < 0:
        raise InvalidField(field_name, NegativeFigure(quantity=quantity, pool=pool, value=str(value)))
    if minor >= MAX_MINOR:
        raise InvalidField(field_name, FigureTooLarge(quantity=quantity, pool=pool, value=str(value)))
    return minor


def spec_from_input(data: PoolFields, prefix: str = "", pool_id: uuid.UUID | None = None) -> PoolSpec:
    """A payload's pool in stored values, each figure checked against its field (422 beside the field)."""
    unit = data.unit
    rate = None
    if data.co_financing_rate is not None:
        scaled = data.co_financing_rate.scaleb(RATE_DECIMALS)
        if not 0 <= data.co_financing_rate <= 1:
            raise InvalidField(f"{prefix}co_financing_rate", RateOutOfRange(pool=data.name, value=str(data.co_financing_rate)))
        if scaled != scaled.to_integral_value():
            raise RateTooPrecise(f"{prefix}co_financing_rate", decimals=RATE_DECIMALS)
        rate = int(scaled)
    spec = PoolSpec(
        id=pool_id,
        name=data.name,
        unit=unit,
        amount_minor=checked_minor(data.amount, unit, f"{prefix}amount", "amount", data.name),
        key=KEY_ADAPTER.dump_python(data.key, mode="json"),
        participant_ids=None if data.participant_ids is None else [str(i) for i in dict.fromkeys(data.participant_ids)],
        excluded_ids=[str(i) for i in dict.fromkeys(data.excluded_ids)],
        co_financing_ppm=rate,
        cap_minor=None if data.cap is None else checked_minor(data.cap, unit, f"{prefix}cap", "cap", data.name),
        caps={str(pid): checked_minor(value, unit, f"{prefix}caps", "cap", data.name) for pid, value in data.caps.items()},
        excess=data.excess,
        rounding=data.rounding,
        actual_minor=None if data.actual_amount is None else checked_minor(
            data.actual_amount, unit, f"{prefix}actual_amount", "actual_cost", data.name),
        description=data.description,
    )
    try:
        spec.domain()
    except InvalidCostPlan as error:
        raise InvalidField(prefix + field_of(error), error) from None
    return spec


def field_of(error: InvalidCostPlan) -> str:
    """The pool's field that an engine refusal concerns: the figure it names, else the key."""
    quantity = error.params.get("quantity")
    if quantity in ("amount", "cap", "co_financing_rate", "unit", "rounding", "excess"):
        return str(quantity)
    if isinstance(error, PoolNameMissing | DuplicatePoolName):
        return "name"
    return "key"


def participant(organisation: Organisation) -> Participant:
    return Participant(str(organisation.id), organisation.name_fi, organisation.municipality_code)


def build_plan(
    year: int,
    reference_date: date,
    parties: Sequence[Organisation],
    specs: Sequence[PoolSpec],
    lead: uuid.UUID | None,
    *,
    input_given: bool,
) -> CostPlan:
    """The engine's plan; its checks (unknown participants, duplicate names…) as 422 or 409."""
    participants = tuple(participant(o) for o in parties)
    known = {p.id for p in participants}
    with engine_errors("pools", input_given=input_given):
        pools = tuple(spec.domain() for spec in specs)
        return CostPlan(
            year=year, reference_date=reference_date, participants=participants, pools=pools,
            lead=str(lead) if lead is not None and str(lead) in known else None,
        )


def statistics_needed(specs: Sequence[PoolSpec]) -> set[str]:
    return set().union(*(key_statistics(spec.key) for spec in specs)) if specs else set()


def pool_read(pool: CostPool, reference_date: date) -> PoolRead:
    unit = pool.unit
    return PoolRead(
        id=pool.id,
        position=pool.position,
        name=pool.name,
        description=pool.description,
        unit=unit,
        amount=from_minor(pool.amount_minor, unit),
        key=KEY_ADAPTER.validate_python(pool.key),
        key_description=describe_key(pool.key, reference_date),
        participant_ids=None if pool.participant_ids is None else [uuid.UUID(i) for i in pool.participant_ids],
        excluded_ids=[uuid.UUID(i) for i in pool.excluded_ids or []],
        co_financing_rate=None if pool.co_financing_ppm is None else rate_text(pool.co_financing_ppm),
        cap=None if pool.cap_minor is None else from_minor(pool.cap_minor, unit),
        caps={uuid.UUID(pid): from_minor(minor, unit) for pid, minor in (pool.caps or {}).items()},
        excess=pool.excess,
        rounding=pool.rounding,
        actual_amount=None if pool.actual_minor is None else from_minor(pool.actual_minor, unit),
    )


def rate_text(ppm: int) -> Decimal:
    """800000 → 0.80 (at least two decimals, no trailing zeros beyond them)."""
    rate = Decimal(ppm).scaleb(-RATE_DECIMALS).normalize()
    return rate.quantize(Decimal("0.01")) if decimal_places(rate) < 2 else rate


def minor_places(unit: str) -> int:
    return MINOR_DECIMALS[unit]

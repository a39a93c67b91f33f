"""Explanations of shares: which statistic, which date, which values, which formula.

A ``Share`` keeps what explains it as integers and references (weight and
exact share numerators, the pool's bases); ``explain(share)`` and, for a whole
pool at once, ``explain_pool(allocation)`` spell it out, so that every figure
of a cost plan can be shown with how it was computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from domain.costs.errors import finnish_date
from domain.costs.keys import Basis
from domain.costs.rounding import MINOR_DECIMALS, format_fraction, format_minor, format_number, from_minor

if TYPE_CHECKING:
    from domain.costs.results import PoolAllocation, Share, SplitContext


@dataclass(frozen=True, slots=True)
class Term:
    """One key's part in a share: the participant's value against the pool's total.

    ``kind`` is "equal" (tasajako: value 1 of the number of participants),
    "statistic" (e.g. asukasluku on a date) or "fixed" (a percentage of 100);
    ``coefficient`` is the key's αₖ in a mix (1 for a plain key). ``value`` is
    None only for a lead that takes part just to take what no one else could.
    """

    kind: str
    coefficient: Fraction
    statistic: str | None
    on: date | None
    value: Decimal | None
    total: Decimal


@dataclass(frozen=True, slots=True)
class Explanation:
    """How one share was computed.

    ``weight`` is the share of 1 by the key; ``exact_share`` is in euros (or
    person-years) after caps, before rounding; ``rounding_adjustment`` is the
    rounded minus the exact share, in cents (tenths of a person-year).
    ``to_lead`` is what no one else could take under the caps, charged to the lead.
    """

    pool: str
    unit: str
    pool_amount: Decimal
    outside_share: Decimal
    split_amount: Decimal
    terms: tuple[Term, ...]
    weight: Fraction
    exact_share: Fraction
    cap: Decimal | None
    cap_applied: bool
    to_lead: Decimal
    amount: Decimal
    rounding_adjustment: Fraction
    formula: str

    @property
    def statistic(self) -> str | None:
        """The statistic of a single-key share (None for equal shares, fixed percentages, mixes)."""
        return self.terms[0].statistic if len(self.terms) == 1 else None

    @property
    def value(self) -> Decimal | None:
        return self.terms[0].value if len(self.terms) == 1 else None

    @property
    def total(self) -> Decimal | None:
        return self.terms[0].total if len(self.terms) == 1 else None


class _PoolFacts:
    """What every explanation of one pool repeats, worked out once."""

    __slots__ = ("pool", "unit", "scale", "amount", "outside", "split", "split_text", "zero", "capped_text")

    def __init__(self, context: SplitContext) -> None:
        pool = self.pool = context.pool
        unit = self.unit = pool.unit
        self.scale = 10 ** MINOR_DECIMALS[unit]
        self.amount = from_minor(pool.amount_minor, unit)
        self.outside = from_minor(pool.outside_minor, unit)
        self.split = from_minor(pool.split_minor, unit)
        self.zero = from_minor(0, unit)
        self.split_text = format_minor(pool.split_minor, unit)
        self.capped_text = format_minor(pool.split_minor - context.rest_minor, unit)


def explain(share: Share) -> Explanation:
    """Spell out how one share was computed."""
    return _explain(share, _PoolFacts(share.context))


def explain_pool(allocation: PoolAllocation) -> tuple[Explanation, ...]:
    """Explanations of every share of a pool, in the order of its shares."""
    facts = _PoolFacts(allocation.context)
    return tuple(_explain(share, facts) for share in allocation.shares)


def formula(share: Share) -> str:
    """The share as a readable formula, e.g. "25 348,00 € × 1/13"."""
    return _formula(share, _PoolFacts(share.context), _values(share))


def _explain(share: Share, facts: _PoolFacts) -> Explanation:
    context = share.context
    cap_minor = share.cap_minor
    is_lead = context.to_lead_minor and share.participant.id == context.lead
    denominator = context.denominator
    values = _values(share)
    return Explanation(
        pool=facts.pool.name,
        unit=facts.unit,
        pool_amount=facts.amount,
        outside_share=facts.outside,
        split_amount=facts.split,
        terms=tuple(
            Term(basis.kind, basis.coefficient, basis.statistic, basis.on, value, basis.total)
            for basis, value in zip(context.bases, values)
        ),
        weight=share.weight,
        exact_share=Fraction(share.exact_numerator, denominator * facts.scale),
        cap=None if cap_minor is None else from_minor(cap_minor, facts.unit),
        cap_applied=share.capped,
        to_lead=from_minor(context.to_lead_minor, facts.unit) if is_lead else facts.zero,
        amount=share.amount,
        rounding_adjustment=Fraction(share.minor * denominator - share.exact_numerator, denominator),
        formula=_formula(share, facts, values),
    )


def _values(share: Share) -> list[Decimal | None]:
    """The participant's value of each basis (None for a lead outside the pool's key)."""
    context = share.context
    pid = share.participant.id
    if context.lead_outside_key and pid == context.lead:
        return [None] * len(context.bases)
    return [basis.value_of(pid) for basis in context.bases]


def _formula(share: Share, facts: _PoolFacts, values: list[Decimal | None]) -> str:
    context = share.context
    by_key = f"{facts.split_text} × {_weight_text(context.bases, values)}"
    if share.capped:
        text = f"{format_minor(share.cap_minor, facts.unit)}, the cap (by the key: {by_key})"  # type: ignore[arg-type]
    elif context.rest_minor != facts.pool.split_minor and context.rest_weight:
        rest_weight = format_fraction(Fraction(share.weight_numerator, context.rest_weight))
        text = f"({facts.split_text} − {facts.capped_text} to capped shares) × {rest_weight}"
    else:
        text = by_key
    if context.to_lead_minor and share.participant.id == context.lead:
        text += f" + {format_minor(context.to_lead_minor, facts.unit)} that no one else could take under the caps"
    return text


def _weight_text(bases: tuple[Basis, ...], values: list[Decimal | None]) -> str:
    texts = [_basis_text(basis, value) for basis, value in zip(bases, values)]
    if len(texts) == 1:
        return texts[0]
    parts = " + ".join(f"{format_fraction(basis.coefficient)} × {text}" for basis, text in zip(bases, texts))
    return f"({parts})"


def _basis_text(basis: Basis, value: Decimal | None) -> str:
    if value is None:
        return "0 (not in the pool)"
    if basis.kind == "equal":
        return f"1/{format_number(basis.total)}"
    if basis.kind == "fixed":
        return f"{format_number(value)} %"
    return f"{format_number(value)}/{format_number(basis.total)} ({basis.statistic} {finnish_date(basis.on)})"

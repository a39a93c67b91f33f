"""Explanations of shares: which statistic, which date, which values, which formula.

A ``Share`` keeps what explains it as integers and references (weight and
exact share numerators, the pool's bases); ``explain(share)`` and, for a whole
pool at once, ``explain_pool(allocation)`` spell it out, so that every figure
of a cost plan can be shown with how it was computed.

An ``Explanation`` is cheap to make: it holds the share and what its pool's
explanations have in common (worked out once per pool), and works out each
figure (a Fraction, a Decimal, the formula's text) when it is first read. The
numbers in formulas are written out once per statistic series or set of
percentages and shared by every pool that reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from domain.costs.errors import finnish_date
from domain.costs.rounding import (
    MINOR_DECIMALS,
    format_fraction,
    format_minor,
    format_number,
    from_minor,
)

if TYPE_CHECKING:
    from domain.costs.keys import Basis
    from domain.costs.results import PoolAllocation, Share, SplitContext

NOT_IN_POOL = "0 (not in the pool)"


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


class _PoolFacts:
    """What every explanation of one pool repeats, worked out once."""

    __slots__ = (
        "amount",
        "basis_texts",
        "by_key",
        "capped_text",
        "context",
        "lead",
        "outside",
        "outside_lead",
        "pool",
        "rest_case",
        "scale",
        "single",
        "split",
        "split_text",
        "to_lead_text",
        "unit",
        "zero",
    )

    def __init__(self, context: SplitContext) -> None:
        self.context = context
        pool = self.pool = context.pool
        unit = self.unit = pool.unit
        self.scale = 10 ** MINOR_DECIMALS[unit]
        self.amount = from_minor(pool.amount_minor, unit)
        self.outside = from_minor(pool.outside_minor, unit)
        self.split = from_minor(pool.split_minor, unit)
        self.zero = from_minor(0, unit)
        self.split_text = format_minor(pool.split_minor, unit)
        self.capped_text = format_minor(pool.split_minor - context.rest_minor, unit)
        self.by_key = f"{self.split_text} × "
        self.rest_case = context.rest_minor != pool.split_minor and bool(context.rest_weight)
        self.lead = context.lead if context.to_lead_minor else None
        self.to_lead_text = (
            f" + {format_minor(context.to_lead_minor, unit)} that no one else could take under the caps"
            if context.to_lead_minor else ""
        )
        # Per basis: (basis, cache of its values written out, text before the value, text after it).
        single = len(context.bases) == 1
        texts: list[tuple[Basis, dict[str, str] | None, str, str]] = []
        for basis in context.bases:
            prefix = "" if single else f"{format_fraction(basis.coefficient)} × "
            if basis.kind == "equal":
                texts.append((basis, None, prefix, f"1/{format_number(basis.total)}"))
            elif basis.kind == "fixed":
                texts.append((basis, basis.texts, prefix, " %"))
            else:
                on = f" {finnish_date(basis.on)}" if basis.on else ""
                texts.append((basis, basis.texts, prefix, f"/{format_number(basis.total)} ({basis.statistic}{on})"))
        self.basis_texts = tuple(texts)
        self.outside_lead = context.lead if context.lead_outside_key else None
        # The usual case, one key by a statistic or percentages: (cache, values, text before, text after).
        self.single: tuple[dict[str, str], Mapping[str, Decimal], str, str] | None = None
        if single:
            basis, cache, before, after = texts[0]
            if basis.kind != "equal" and cache is not None and basis.values is not None:
                self.single = (cache, basis.values, self.by_key + before, after)

    def weight_text(self, participant_id: str, outside_key: bool) -> str:
        parts = []
        for basis, cache, before, after in self.basis_texts:
            if outside_key:
                parts.append(f"{before}{NOT_IN_POOL}")
                continue
            if basis.kind == "equal":
                parts.append(f"{before}{after}")
                continue
            text = cache.get(participant_id) if cache is not None else None
            if text is None:
                # Equal shares are the only basis without values, and they were written out above.
                assert basis.values is not None
                text = format_number(basis.values[participant_id])
                if cache is not None:
                    cache[participant_id] = text
            parts.append(f"{before}{text}{after}")
        if len(parts) == 1:
            return parts[0]
        return f"({' + '.join(parts)})"


class Explanation:
    """How one share was computed.

    ``weight`` is the share of 1 by the key; ``exact_share`` is in euros (or
    person-years) after caps, before rounding; ``rounding_adjustment`` is the
    rounded minus the exact share, in cents (tenths of a person-year).
    ``to_lead`` is what no one else could take under the caps, charged to the lead.
    Every figure is worked out when it is first read.
    """

    __slots__ = ("_facts", "_formula", "_share", "_terms")

    def __init__(self, share: Share, facts: _PoolFacts) -> None:
        self._share = share
        self._facts = facts
        self._formula: str | None = None
        self._terms: tuple[Term, ...] | None = None

    @property
    def pool(self) -> str:
        return self._facts.pool.name

    @property
    def unit(self) -> str:
        return self._facts.unit

    @property
    def pool_amount(self) -> Decimal:
        return self._facts.amount

    @property
    def outside_share(self) -> Decimal:
        return self._facts.outside

    @property
    def split_amount(self) -> Decimal:
        return self._facts.split

    @property
    def _outside_key(self) -> bool:
        lead = self._facts.outside_lead
        return lead is not None and self._share.participant.id == lead

    @property
    def terms(self) -> tuple[Term, ...]:
        if self._terms is None:
            outside = self._outside_key
            pid = self._share.participant.id
            self._terms = tuple(
                Term(basis.kind, basis.coefficient, basis.statistic, basis.on,
                     None if outside else basis.value_of(pid), basis.total)
                for basis in self._facts.context.bases
            )
        return self._terms

    @property
    def weight(self) -> Fraction:
        return self._share.weight

    @property
    def exact_share(self) -> Fraction:
        return Fraction(self._share.exact_numerator, self._facts.context.denominator * self._facts.scale)

    @property
    def cap(self) -> Decimal | None:
        cap_minor = self._share.cap_minor
        return None if cap_minor is None else from_minor(cap_minor, self._facts.unit)

    @property
    def cap_applied(self) -> bool:
        return self._share.capped

    @property
    def to_lead(self) -> Decimal:
        facts = self._facts
        if facts.lead is not None and self._share.participant.id == facts.lead:
            return from_minor(facts.context.to_lead_minor, facts.unit)
        return facts.zero

    @property
    def amount(self) -> Decimal:
        return from_minor(self._share.minor, self._facts.unit)

    @property
    def rounding_adjustment(self) -> Fraction:
        share = self._share
        denominator = self._facts.context.denominator
        return Fraction(share.minor * denominator - share.exact_numerator, denominator)

    @property
    def formula(self) -> str:
        if self._formula is None:
            self._formula = _formula(self._share, self._facts, self._outside_key)
        return self._formula

    @property
    def statistic(self) -> str | None:
        """The statistic of a single-key share (None for equal shares, fixed percentages, mixes)."""
        terms = self.terms
        return terms[0].statistic if len(terms) == 1 else None

    @property
    def value(self) -> Decimal | None:
        terms = self.terms
        return terms[0].value if len(terms) == 1 else None

    @property
    def total(self) -> Decimal | None:
        terms = self.terms
        return terms[0].total if len(terms) == 1 else None

    def _fields(self) -> tuple:
        return (self.pool, self.unit, self.pool_amount, self.outside_share, self.split_amount, self.terms,
                self.weight, self.exact_share, self.cap, self.cap_applied, self.to_lead, self.amount,
                self.rounding_adjustment, self.formula)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Explanation):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Explanation({self.pool!r}, {self._share.participant.id!r}: {self.formula})"


def explain(share: Share) -> Explanation:
    """Spell out how one share was computed."""
    return Explanation(share, _PoolFacts(share.context))


def explain_pool(allocation: PoolAllocation) -> tuple[Explanation, ...]:
    """Explanations of every share of a pool, in the order of its shares."""
    facts = _PoolFacts(allocation.context)
    return tuple(Explanation(share, facts) for share in allocation.shares)


def formula(share: Share) -> str:
    """The share as a readable formula, e.g. "25 348,00 € × 1/13"."""
    return explain(share).formula


def _formula(share: Share, facts: _PoolFacts, outside_key: bool) -> str:
    pid = share.participant.id
    single = facts.single
    if single is not None and not share.capped and not facts.rest_case and not outside_key and facts.lead is None:
        cache, values, before, after = single
        text = cache.get(pid)
        if text is None:
            text = cache[pid] = format_number(values[pid])
        return f"{before}{text}{after}"
    if share.capped:
        cap_minor = share.cap_minor
        assert cap_minor is not None  # only a share with a cap is ever capped
        cap = format_minor(cap_minor, facts.unit)
        text = f"{cap}, the cap (by the key: {facts.by_key}{facts.weight_text(pid, outside_key)})"
    elif facts.rest_case:
        rest_weight = format_fraction(Fraction(share.weight_numerator, facts.context.rest_weight))
        text = f"({facts.split_text} − {facts.capped_text} to capped shares) × {rest_weight}"
    else:
        text = f"{facts.by_key}{facts.weight_text(pid, outside_key)}"
    if facts.lead is not None and pid == facts.lead:
        text += facts.to_lead_text
    return text

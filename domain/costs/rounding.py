"""Exact integer arithmetic on minor units, and the two rounding rules (pyöristys).

Amounts live as integers of the minor unit: cents for euros, tenths for
person-years (htv). A share is an exact fraction ``numerator / denominator`` of
minor units and is rounded only at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from domain.costs.errors import FinerThanMinorUnit, NotAFiniteNumber, NotAnExactNumber

#: Decimals of each unit's minor unit: cents of a euro, tenths of a person-year.
MINOR_DECIMALS = {"eur": 2, "person_year": 1}
UNIT_SYMBOLS = {"eur": "€", "person_year": "htv"}
MINOR_NAMES = {"eur": "cents", "person_year": "tenths of a person-year"}


def exact_number(value: object, quantity: str, pool: str | None = None) -> Fraction:
    """An int, Decimal or Fraction as an exact Fraction; floats and the like are refused.

    `quantity` names the figure (amount, cap, co_financing_rate…) and `pool` its pool, for the error."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise NotAnExactNumber(quantity=quantity, pool=pool, type=type(value).__name__, value=repr(value))
    if isinstance(value, Decimal) and not value.is_finite():
        raise NotAFiniteNumber(quantity=quantity, pool=pool, value=str(value))
    return Fraction(value)


def to_minor(value: object, unit: str, quantity: str, pool: str | None = None) -> int:
    """Whole minor units of an amount given in euros or person-years (1949.85 → 194985)."""
    exact = exact_number(value, quantity, pool) * 10 ** MINOR_DECIMALS[unit]
    if exact.denominator != 1:
        raise FinerThanMinorUnit(quantity=quantity, pool=pool, value=str(value), unit=unit, minor_unit=MINOR_NAMES[unit])
    return exact.numerator


def decimal_places(value: Decimal) -> int:
    """Digits after the decimal point as written: 2 for 12.50, 0 for 100, -2 for 1E+2."""
    exponent = value.as_tuple().exponent
    # Only NaN and infinities have a letter for an exponent, and every caller has refused those.
    assert isinstance(exponent, int), f"not a finite number: {value}"
    return -exponent


def from_minor(minor: int, unit: str) -> Decimal:
    """Back to euros or person-years as a Decimal with the unit's decimals (194985 → 1949.85)."""
    return Decimal(minor).scaleb(-MINOR_DECIMALS[unit])


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, halves up (denominator > 0)."""
    return (2 * numerator + denominator) // (2 * denominator)


def largest_remainder(numerators: Sequence[int], denominator: int, total: int) -> list[int]:
    """Round exact shares ``n / denominator`` to integers that add up to ``total``.

    Each share is cut down to a whole unit; the units left over go one each to
    the largest cut-off remainders. Equal remainders go in the order given, so
    callers pass the shares sorted by their participants' sort_key (municipality
    code). ``total`` must be the sum of the exact shares.
    """
    rounded = []
    remainders = []
    for numerator in numerators:
        whole, remainder = divmod(numerator, denominator)
        rounded.append(whole)
        remainders.append(remainder)
    leftover = total - sum(rounded)
    if leftover:
        if not 0 < leftover < len(rounded):
            raise AssertionError("the shares do not add up to the total")
        by_remainder = sorted(range(len(rounded)), key=remainders.__getitem__, reverse=True)
        for index in by_remainder[:leftover]:
            rounded[index] += 1
    return rounded


def round_each_half_up(numerators: Sequence[int], denominator: int, step: int) -> list[int]:
    """Round each exact share ``n / denominator`` half up to a multiple of ``step`` minor units."""
    double_step = 2 * step * denominator
    offset = step * denominator
    return [(2 * numerator + offset) // double_step * step for numerator in numerators]


_FINNISH_NUMBER = str.maketrans({",": " ", ".": ","})


def format_number(value: Decimal | int) -> str:
    """A number as a Finn writes it: 25 348,00 (space between thousands, decimal comma)."""
    spec = ",d" if isinstance(value, int) else ",f"
    return format(value, spec).translate(_FINNISH_NUMBER)


def format_minor(minor: int, unit: str) -> str:
    """Minor units as money or person-years: 2534800 → "25 348,00 €", 1720 → "172,0 htv"."""
    return f"{format_number(from_minor(minor, unit))} {UNIT_SYMBOLS[unit]}"


def format_fraction(value: Fraction) -> str:
    """A weight: 1/13, 241 009/520 000, or a terminating decimal such as 0,5."""
    if value.denominator == 1:
        return format_number(value.numerator)
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator == 1:
        return format_number(Decimal(value.numerator) / Decimal(value.denominator))
    return f"{format_number(value.numerator)}/{format_number(value.denominator)}"

"""Reading statistics (tilastot) of municipalities from a CSV file, with row-level errors.

Two shapes are read; the header tells which:

- long, one value a line: ``code;statistic;reference_date;value`` (a ``name_fi``
  or ``source`` column may be there too), e.g. ``837;population;31.12.2020;241009``;
- wide, one municipality a line: ``code`` and a column per statistic named
  ``<statistic>_<year>`` (the value on 31.12. of that year) or
  ``<statistic>_<yyyy-mm-dd>``. Statistics Finland's municipality list
  (data/municipalities.csv) is such a file: its ``population_2020`` column is
  the population on 31.12.2020; its other columns are not statistics and are
  left alone.

Numbers may be written the Finnish way (``241 009``, ``62,35``); dates as
``31.12.2020`` or ``2020-12-31``. Pure: the text in, rows out; whether a
municipality exists, and who may change its figures, is for the caller.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from domain.errors import InvalidValue

#: A statistic's name: lower-case letters, digits and underscores, e.g. population, jobseekers, immigrants_18_64.
STATISTIC_NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
WIDE_COLUMN = re.compile(r"^([a-z][a-z0-9_]*?)_(\d{4})(?:-(\d{2})-(\d{2}))?$")
LONG_COLUMNS = {"code", "statistic", "reference_date", "value"}
#: At most this many decimals, and values below 10**12 (so that value × 10**decimals fits 64 bits).
MAX_DECIMALS = 6
MAX_VALUE = Decimal(10) ** 12


class UnreadableStatistics(InvalidValue):
    def __init__(self, message: str) -> None:
        super().__init__("file", message, "unreadable_file")


@dataclass
class StatisticRow:
    """One value of the file (a wide line gives one per statistic column) and what is wrong with it."""

    line: int
    municipality_code: str | None
    statistic: str | None
    reference_date: date | None
    value: Decimal | None
    source: str | None = None
    errors: list[str] = field(default_factory=list)


def check_statistic_name(value: str) -> str:
    name = value.strip().casefold()
    if not STATISTIC_NAME.match(name):
        raise InvalidValue(
            "name",
            "A statistic's name is lower-case letters, digits and underscores, e.g. population or jobseekers.",
            "statistic_name",
        )
    return name


def parse_value(text: str) -> Decimal:
    """241 009 → 241009; 62,35 → 62.35. ValueError with a readable reason otherwise."""
    clean = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    if not clean:
        raise ValueError("The value is missing.")
    try:
        value = Decimal(clean)
    except InvalidOperation:
        raise ValueError(f"The value must be a number, not {text.strip()}.") from None
    return check_value(value)


def check_value(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("The value must be a number.")
    if value < 0:
        raise ValueError(f"The value cannot be negative ({value}).")
    if -value.as_tuple().exponent > MAX_DECIMALS:  # type: ignore[operator]
        raise ValueError(f"The value has more than {MAX_DECIMALS} decimals.")
    if value >= MAX_VALUE:
        raise ValueError("The value is too large.")
    return value


def parse_date(text: str) -> date:
    """31.12.2020 or 2020-12-31."""
    clean = text.strip()
    try:
        if "." in clean:
            day, month, year = (int(part) for part in clean.split("."))
            return date(year, month, day)
        return date.fromisoformat(clean)
    except ValueError:
        raise ValueError(f"The date must be written 31.12.2020 or 2020-12-31, not {clean}.") from None


def _code(text: str) -> str:
    code = text.strip()
    if code.isdigit() and len(code) < 3:
        code = code.zfill(3)
    if not (code.isdigit() and len(code) == 3):
        raise ValueError("A municipality code is three digits, e.g. 837.")
    return code


def read_statistics_file(text: str) -> list[StatisticRow]:
    """The values of a long or wide statistics file; raises UnreadableStatistics when neither."""
    if not text.strip():
        raise UnreadableStatistics("The file is empty.")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().casefold() for name in reader.fieldnames or [] if name]
    wide = {name: WIDE_COLUMN.match(name) for name in header}
    wide = {name: match for name, match in wide.items() if match}
    if "code" not in header or not (set(header) >= LONG_COLUMNS or wide):
        raise UnreadableStatistics(
            "The first line must name the columns: code, statistic, reference_date and value, "
            "or code and one column per statistic such as population_2020."
        )
    rows: list[StatisticRow] = []
    seen: dict[tuple[str, str, date], int] = {}
    try:
        for record in reader:
            clean = {(key or "").strip().casefold(): (value or "").strip() for key, value in record.items() if key}
            if not any(clean.values()):
                continue
            if set(header) >= LONG_COLUMNS:
                found = [_long_row(reader.line_num, clean)]
            else:
                found = _wide_rows(reader.line_num, clean, wide)
            for row in found:
                if row.municipality_code and row.statistic and row.reference_date and not row.errors:
                    key = (row.municipality_code, row.statistic, row.reference_date)
                    if key in seen:
                        row.errors.append(f"The same value is already on line {seen[key]}.")
                    else:
                        seen[key] = row.line
                rows.append(row)
    except csv.Error as error:
        raise UnreadableStatistics(f"The file is not valid CSV: {error}.") from None
    if not rows:
        raise UnreadableStatistics("The file has a header but no values.")
    return rows


def _long_row(line: int, record: dict[str, str]) -> StatisticRow:
    row = StatisticRow(line, None, None, None, None, source=record.get("source") or None)
    try:
        row.municipality_code = _code(record.get("code", ""))
    except ValueError as error:
        row.errors.append(str(error))
    try:
        row.statistic = check_statistic_name(record.get("statistic", ""))
    except InvalidValue as error:
        row.errors.append(error.message)
    try:
        row.reference_date = parse_date(record.get("reference_date", ""))
    except ValueError as error:
        row.errors.append(str(error))
    try:
        row.value = parse_value(record.get("value", ""))
    except ValueError as error:
        row.errors.append(str(error))
    return row


def _wide_rows(line: int, record: dict[str, str], columns: dict[str, re.Match[str]]) -> list[StatisticRow]:
    code_error = None
    try:
        code: str | None = _code(record.get("code", ""))
    except ValueError as error:
        code, code_error = None, str(error)
    rows = []
    for column, match in columns.items():
        text = record.get(column, "")
        if not text:
            continue  # no value for this municipality: nothing to import
        name, year, month, day = match.groups()
        row = StatisticRow(line, code, name, None, None)
        if code_error:
            row.errors.append(code_error)
        try:
            row.reference_date = date(int(year), int(month or 12), int(day or 31))
        except ValueError:
            row.errors.append(f"The column {column} does not name a valid date.")
        try:
            row.value = parse_value(text)
        except ValueError as error:
            row.errors.append(str(error))
        rows.append(row)
    if not rows and code_error:
        rows.append(StatisticRow(line, None, None, None, None, errors=[code_error]))
    return rows

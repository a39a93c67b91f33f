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
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from domain.costs.rounding import decimal_places
from domain.errors import InvalidValue, ValueTaken
from domain.files import FileEmpty, FileNotCsv, FileWithoutRows, UnreadableFile, csv_header, csv_lines, decode
from domain.organisations import normalise_municipality_code

#: A statistic's name: lower-case letters, digits and underscores, e.g. population, jobseekers, immigrants_18_64.
STATISTIC_NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
WIDE_COLUMN = re.compile(r"^([a-z][a-z0-9_]*?)_(\d{4})(?:-(\d{2})-(\d{2}))?$")
LONG_COLUMNS = {"code", "statistic", "reference_date", "value"}
#: At most this many decimals, and values below 10**12 (so that value × 10**decimals fits 64 bits).
MAX_DECIMALS = 6
MAX_VALUE = Decimal(10) ** 12


class StatisticsColumnsMissing(UnreadableFile):
    code = "statistics_file.columns"
    message = ("The first line must name the columns: code, statistic, reference_date and value, "
               "or code and one column per statistic such as population_2020.")


class StatisticNameFormat(InvalidValue):
    code = "statistic.name_format"
    message = "A statistic's name is lower-case letters, digits and underscores, e.g. population or jobseekers."


class ValueMissing(InvalidValue):
    code = "statistic.value_missing"
    message = "The value is missing."


class ValueNotANumber(InvalidValue):
    code = "statistic.value_not_a_number"
    message = "The value must be a number, not {value}."


class ValueNegative(InvalidValue):
    code = "statistic.value_negative"
    message = "The value cannot be negative ({value})."


class ValueTooPrecise(InvalidValue):
    code = "statistic.value_too_precise"
    message = "The value has more than {max_decimals} decimals."


class ValueTooLarge(InvalidValue):
    code = "statistic.value_too_large"
    message = "The value is too large."


class DateFormat(InvalidValue):
    code = "row.date_format"
    message = "The date must be written 31.12.2020 or 2020-12-31, not {value}."


class ColumnDateInvalid(InvalidValue):
    code = "row.column_date"
    message = "The column {column} does not name a valid date."


class ValueAlreadyOnLine(InvalidValue):
    code = "row.duplicate_value"
    message = "The same value is already on line {line}."


@dataclass
class StatisticRow:
    """One value of the file (a wide line gives one per statistic column) and what is wrong with it."""

    line: int
    municipality_code: str | None
    statistic: str | None
    reference_date: date | None
    value: Decimal | None
    source: str | None = None
    errors: list[InvalidValue] = field(default_factory=list)


def check_statistic_name(value: str, field: str = "name") -> str:
    name = value.strip().casefold()
    if not STATISTIC_NAME.match(name):
        raise StatisticNameFormat(field)
    return name


def parse_value(text: str, field: str = "value") -> Decimal:
    """241 009 → 241009; 62,35 → 62.35; an InvalidValue naming `field` otherwise."""
    clean = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    if not clean:
        raise ValueMissing(field)
    try:
        value = Decimal(clean)
    except InvalidOperation:
        raise ValueNotANumber(field, value=text.strip()) from None
    return check_value(value, field)


def check_value(value: Decimal, field: str = "value") -> Decimal:
    if not value.is_finite():
        raise ValueNotANumber(field, value=str(value))
    if value < 0:
        raise ValueNegative(field, value=str(value))
    if decimal_places(value) > MAX_DECIMALS:
        raise ValueTooPrecise(field, max_decimals=MAX_DECIMALS)
    if value >= MAX_VALUE:
        raise ValueTooLarge(field)
    return value


def parse_date(text: str, field: str = "reference_date") -> date:
    """31.12.2020 or 2020-12-31."""
    clean = text.strip()
    try:
        if "." in clean:
            day, month, year = (int(part) for part in clean.split("."))
            return date(year, month, day)
        return date.fromisoformat(clean)
    except ValueError:
        raise DateFormat(field, value=clean) from None


def read_statistics_bytes(content: bytes) -> list[StatisticRow]:
    """The file as uploaded: its bytes decoded (see domain.files.decode), then read."""
    return read_statistics_file(decode(content))


def read_statistics_file(text: str) -> list[StatisticRow]:
    """The values of a long or wide statistics file; raises an UnreadableFile when neither."""
    if not text.strip():
        raise FileEmpty()
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(csv_lines(text), delimiter=delimiter)
    header = [name.strip().casefold() for name in csv_header(reader) if name]
    matches = {name: WIDE_COLUMN.match(name) for name in header}
    wide = {name: match for name, match in matches.items() if match}
    if "code" not in header or not (set(header) >= LONG_COLUMNS or wide):
        raise StatisticsColumnsMissing()
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
                        row.errors.append(ValueAlreadyOnLine("value", line=seen[key]))
                    else:
                        seen[key] = row.line
                rows.append(row)
    except csv.Error as error:
        raise FileNotCsv(reason=str(error)) from None
    if not rows:
        raise FileWithoutRows()
    return rows


def _long_row(line: int, record: dict[str, str]) -> StatisticRow:
    row = StatisticRow(line, None, None, None, None, source=record.get("source") or None)
    try:
        row.municipality_code = normalise_municipality_code(record.get("code", ""))
    except InvalidValue as error:
        row.errors.append(error)
    try:
        row.statistic = check_statistic_name(record.get("statistic", ""), "statistic")
    except InvalidValue as error:
        row.errors.append(error)
    try:
        row.reference_date = parse_date(record.get("reference_date", ""))
    except InvalidValue as error:
        row.errors.append(error)
    try:
        row.value = parse_value(record.get("value", ""))
    except InvalidValue as error:
        row.errors.append(error)
    return row


def _wide_rows(line: int, record: dict[str, str], columns: dict[str, re.Match[str]]) -> list[StatisticRow]:
    code_error: InvalidValue | None = None
    try:
        code: str | None = normalise_municipality_code(record.get("code", ""))
    except InvalidValue as error:
        code, code_error = None, error
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
            row.errors.append(ColumnDateInvalid(column, column=column))
        try:
            row.value = parse_value(text, column)
        except InvalidValue as error:
            row.errors.append(error)
        rows.append(row)
    if not rows and code_error:
        rows.append(StatisticRow(line, None, None, None, None, errors=[code_error]))
    return rows


class StatisticExists(ValueTaken):
    """One value per organisation, statistic and date (409 on the name)."""

    code = "statistic.exists"
    message = "{organisation} already has a value of {statistic} on {on}; change that one instead."

    def __init__(self, organisation: str, statistic: str, on: date) -> None:
        super().__init__("name", organisation=organisation, statistic=statistic, on=on)


class OrganisationNotNamed(InvalidValue):
    code = "row.organisation_required"
    message = "Give the organisation's id or its municipality code."


class ItemRepeated(InvalidValue):
    code = "row.duplicate_item"
    message = "The same value is already item {item}."


class UnknownOrganisationId(InvalidValue):
    code = "row.unknown_organisation_id"
    message = "No organisation has the id {id}."


class UnknownMunicipalityCode(InvalidValue):
    code = "row.unknown_municipality_code"
    message = "No organisation has the municipality code {municipality_code}."


class StatisticsOfOthers(InvalidValue):
    code = "row.statistics_not_yours"
    message = ("You may not change the statistics of {organisation}: it is not a member of an area whose costs "
               "you handle.")

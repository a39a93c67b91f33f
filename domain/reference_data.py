"""Reading reference files of organisations: Statistics Finland's municipality list and lists of Y-tunnus.

Pure: takes the file's text, returns rows with their values and row-level errors; what to
create or update is decided by the caller against what is stored.
"""

import csv
from dataclasses import dataclass, field

from domain.errors import InvalidValue
from domain.files import FileEmpty, FileNotCsv, FileWithoutRows, UnreadableFile, csv_header, csv_lines, decode
from domain.organisations import normalise_business_id, normalise_municipality_code

MUNICIPALITY_COLUMNS = {"code", "name_fi"}
BUSINESS_ID_COLUMNS = {"code", "business_id"}
MUNICIPALITY_KINDS = {"city", "municipality"}


class ReferenceColumnsMissing(UnreadableFile):
    code = "reference_file.columns"
    message = ("The first line must name the columns: code and name_fi (a municipality list) "
               "or code and business_id (a list of business IDs).")


class CodeAlreadyOnLine(InvalidValue):
    code = "row.duplicate_code"
    message = "Municipality code {municipality_code} is already on line {line}."


class FinnishNameMissing(InvalidValue):
    code = "row.name_missing"
    message = "The Finnish name is missing."


class UnknownMunicipalityKind(InvalidValue):
    code = "row.municipality_kind"
    message = "Kind must be city or municipality, not {kind}."


class PopulationNotWhole(InvalidValue):
    code = "row.population_not_whole"
    message = "Population must be a whole number, not {value}."


@dataclass
class ReferenceRow:
    """One data line of the file: the values it gives (by field name) and what is wrong with it."""

    line: int
    municipality_code: str | None
    values: dict[str, object] = field(default_factory=dict)
    errors: list[InvalidValue] = field(default_factory=list)


@dataclass
class ReferenceFile:
    kind: str  # "municipalities" or "business_ids"
    rows: list[ReferenceRow]

    @property
    def has_errors(self) -> bool:
        return any(row.errors for row in self.rows)


def read_reference_bytes(content: bytes) -> ReferenceFile:
    """The file as uploaded: its bytes decoded (see domain.files.decode), then read."""
    return read_reference_file(decode(content))


def read_reference_file(text: str) -> ReferenceFile:
    """Parse a municipality list or a Y-tunnus list; the header tells which."""
    if not text.strip():
        raise FileEmpty()
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(csv_lines(text), delimiter=delimiter)
    header = {name.strip() for name in csv_header(reader) if name}
    if header >= BUSINESS_ID_COLUMNS:
        kind, parse = "business_ids", _business_id_row
    elif header >= MUNICIPALITY_COLUMNS:
        kind, parse = "municipalities", _municipality_row
    else:
        raise ReferenceColumnsMissing()
    rows = []
    seen: dict[str, int] = {}
    try:
        for record in reader:
            clean = {(key or "").strip(): (value or "").strip() for key, value in record.items() if key}
            if not any(clean.values()):
                continue
            row = parse(reader.line_num, clean)
            if row.municipality_code:
                if row.municipality_code in seen:
                    row.errors.append(CodeAlreadyOnLine("code", municipality_code=row.municipality_code,
                                                        line=seen[row.municipality_code]))
                else:
                    seen[row.municipality_code] = row.line
            rows.append(row)
    except csv.Error as error:
        raise FileNotCsv(reason=str(error)) from None
    if not rows:
        raise FileWithoutRows()
    return ReferenceFile(kind=kind, rows=rows)


def _code(row: ReferenceRow, value: str) -> None:
    try:
        row.municipality_code = normalise_municipality_code(value)
    except InvalidValue as error:
        row.errors.append(error)


def _municipality_row(line: int, record: dict[str, str]) -> ReferenceRow:
    row = ReferenceRow(line=line, municipality_code=None)
    _code(row, record.get("code", ""))
    name_fi = record.get("name_fi", "")
    if not name_fi:
        row.errors.append(FinnishNameMissing("name_fi"))
    row.values["name_fi"] = name_fi
    row.values["name_sv"] = record.get("name_sv") or None
    kind = record.get("kind", "")
    if kind and kind not in MUNICIPALITY_KINDS:
        row.errors.append(UnknownMunicipalityKind("kind", kind=kind))
    if record.get("region_fi"):
        row.values["region"] = record["region_fi"]
    if record.get("wellbeing_county_fi"):
        row.values["wellbeing_county"] = record["wellbeing_county_fi"]
    population_column = next((key for key in record if key.startswith("population")), None)
    if population_column and record[population_column]:
        digits = record[population_column].replace(" ", "").replace("\u00a0", "")
        if digits.isdigit():
            row.values["population"] = int(digits)
        else:
            row.errors.append(PopulationNotWhole(population_column, value=record[population_column]))
    return row


def _business_id_row(line: int, record: dict[str, str]) -> ReferenceRow:
    row = ReferenceRow(line=line, municipality_code=None)
    _code(row, record.get("code", ""))
    try:
        row.values["business_id"] = normalise_business_id(record.get("business_id", ""))
    except InvalidValue as error:
        row.errors.append(error)
    return row


class UnknownMunicipality(InvalidValue):
    code = "row.unknown_municipality"
    message = "No municipality with code {municipality_code} is stored; import the municipalities first."


class BusinessIdTaken(InvalidValue):
    code = "row.business_id_taken"
    message = "Business ID {business_id} already belongs to municipality {municipality_code}."

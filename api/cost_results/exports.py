"""A plan's results as files: CSV (semicolons, decimal commas, UTF-8 with BOM) or XLSX (numbers as numbers).

The figures are the API's own (AllocationRead, InstalmentsRead,
ReconciliationRead), written out: nothing is computed here. Finnish formats:
in CSV 1949,85 and 5.6.2023 (no thousands separator, so the numbers read back
as numbers); in XLSX real numbers and dates with the formats
``# ##0,00 €`` and ``d.m.yyyy`` (Excel shows the separators of the reader's
locale: 1 949,85 € in Finnish).
"""

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from api.cost_results.schemas import AllocationRead, InstalmentsRead, ReconciliationRead

Language = Literal["fi", "sv", "en"]
Part = Literal["totals", "allocation", "instalments", "reconciliation", "all"]
Format = Literal["csv", "xlsx"]

LABELS: dict[str, tuple[str, str, str]] = {
    # key: (fi, sv, en)
    "totals": ("Kunnittain", "Per kommun", "By municipality"),
    "allocation": ("Jako ja perusteet", "Fördelning och grunder", "Allocation and explanations"),
    "instalments": ("Ennakkoerät", "Förskottsrater", "Instalments"),
    "reconciliation": ("Tasaus", "Utjämning", "Reconciliation"),
    "municipality": ("Kunta", "Kommun", "Municipality"),
    "code": ("Kuntanumero", "Kommunnummer", "Code"),
    "unit": ("Yksikkö", "Enhet", "Unit"),
    "amount": ("Osuus", "Andel", "Share"),
    "share_percent": ("Osuus %", "Andel %", "Share %"),
    "previous": ("Edellinen suunnitelma", "Föregående plan", "Previous plan"),
    "change": ("Muutos", "Förändring", "Change"),
    "change_percent": ("Muutos %", "Förändring %", "Change %"),
    "pool": ("Kustannuserä", "Kostnadspost", "Pool"),
    "pool_amount": ("Erän määrä", "Postens belopp", "Pool amount"),
    "outside_share": ("Ulkopuolinen rahoitus", "Extern finansiering", "Outside funding"),
    "split_amount": ("Jaettava määrä", "Belopp att fördela", "Amount split"),
    "key": ("Jakoperuste", "Fördelningsgrund", "Key"),
    "statistic": ("Tilasto", "Statistik", "Statistic"),
    "reference_date": ("Tilastopäivä", "Statistikdatum", "Reference date"),
    "value": ("Arvo", "Värde", "Value"),
    "total": ("Yhteensä", "Totalt", "Total"),
    "weight": ("Paino", "Vikt", "Weight"),
    "exact_share": ("Tarkka osuus", "Exakt andel", "Exact share"),
    "capped": ("Katto käytetty", "Tak tillämpat", "Cap applied"),
    "cap": ("Katto", "Tak", "Cap"),
    "formula": ("Laskukaava", "Formel", "Formula"),
    "instalment": ("erä", "rat", "instalment"),
    "due": ("eräpäivä", "förfallodag", "due"),
    "number": ("Erä", "Rat", "Instalment"),
    "nominal_date": ("Sovittu päivä", "Avtalad dag", "Nominal date"),
    "due_date": ("Eräpäivä", "Förfallodag", "Due date"),
    "budgeted": ("Talousarvio", "Budget", "Budgeted"),
    "actual": ("Toteutunut", "Utfall", "Actual"),
    "difference": ("Erotus", "Skillnad", "Difference"),
    "refund": ("Palautetaan", "Återbetalas", "Refund"),
    "charge": ("Laskutetaan", "Faktureras", "Charge"),
    "yes": ("kyllä", "ja", "yes"),
    "no": ("ei", "nej", "no"),
    "eur": ("€", "€", "€"),
    "person_year": ("htv", "årsv.", "person-years"),
    "incomplete": ("Toteutuneet kustannukset puuttuvat erältä", "Utfallet saknas för posten",
                   "No actual cost yet for the pool"),
    "all": ("kaikki", "alla", "all"),
    "cost_plan": ("kustannusjako", "kostnadsfordelning", "cost-plan"),
    "equal": ("tasajako", "lika andelar", "equal shares"),
    "fixed": ("sovitut prosenttiosuudet", "avtalade procentandelar", "fixed percentages"),
    "to_capped": ("katon saaneille", "till andelar med tak", "to capped shares"),
}
#: The statistics the product knows by name; another is shown by its key.
STATISTIC_NAMES: dict[str, tuple[str, str, str]] = {
    "population": ("Asukasluku", "Invånarantal", "Population"),
    "jobseekers": ("Työnhakijat", "Arbetssökande", "Jobseekers"),
    "customers": ("Asiakkaat", "Kunder", "Customers"),
    "unemployed": ("Työttömät", "Arbetslösa", "Unemployed"),
    "working_age_population": ("Työikäinen väestö", "Befolkning i arbetsför ålder", "Working-age population"),
    "immigrants_18_64": ("Maahanmuuttajat 18–64 v.", "Invandrare 18–64 år", "Immigrants aged 18-64"),
    "foreign_language_speakers": ("Vieraskieliset", "Främmandespråkiga", "Foreign-language speakers"),
}
LANGUAGE_INDEX = {"fi": 0, "sv": 1, "en": 2}
ENGLISH_WORDS = (("equal shares", "equal"), ("fixed percentages", "fixed"), ("to capped shares", "to_capped"))
MONEY_FORMAT = '#,##0.00 "€"'
PERSON_YEAR_FORMAT = '#,##0.0 "htv"'
PERCENT_FORMAT = "0.00 %"
DATE_FORMAT = "d.m.yyyy"
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class Cell:
    """A value with how to show it: money (of a unit), percent, date, or plain."""

    __slots__ = ("kind", "value")

    def __init__(self, value: Any, kind: str = "plain") -> None:
        self.value = value
        self.kind = kind


Table = tuple[str, list[str], list[list[Cell]]]  # (title, header, rows)


def label(key: str, language: str) -> str:
    return LABELS[key][LANGUAGE_INDEX[language]]


def statistic_name(key: str | None, language: str) -> str | None:
    names = STATISTIC_NAMES.get(key or "")
    return names[LANGUAGE_INDEX[language]] if names else key


def in_language(text: str, language: str) -> str:
    """A key description or formula of the cost engine (English words, statistic keys) in `language`."""
    for english, key in ENGLISH_WORDS:
        text = text.replace(english, label(key, language))
    for key, names in STATISTIC_NAMES.items():
        text = re.sub(rf"\b{key}\b", names[LANGUAGE_INDEX[language]], text)
    return text.replace(" on ", " ") if language != "en" else text


def money(value: Decimal | None, unit: str) -> Cell:
    return Cell(value, "money" if unit == "eur" else "person_year")


def percent(value: Decimal | None) -> Cell:
    return Cell(value, "percent")


def totals_table(allocation: AllocationRead, language: str) -> Table:
    t = lambda key: label(key, language)  # noqa: E731
    header = [t("municipality"), t("code"), t("unit"), t("amount"), t("share_percent"), t("previous"), t("change"),
              t("change_percent")]
    rows = [
        [Cell(row.participant.name), Cell(row.participant.municipality_code), Cell(t(row.unit)),
         money(row.amount, row.unit), percent(row.percent), money(row.previous_amount, row.unit),
         money(row.change, row.unit), percent(row.change_percent)]
        for row in allocation.totals
    ]
    return t("totals"), header, rows


def allocation_table(allocation: AllocationRead, language: str) -> Table:
    t = lambda key: label(key, language)  # noqa: E731
    header = [t("pool"), t("municipality"), t("code"), t("amount"), t("share_percent"), t("pool_amount"),
              t("outside_share"), t("split_amount"), t("key"), t("statistic"), t("reference_date"), t("value"),
              t("total"), t("weight"), t("exact_share"), t("cap"), t("capped"), t("formula")]
    rows = []
    for pool in allocation.pools:
        for share in pool.shares:
            explanation = share.explanation
            single = explanation.terms[0] if len(explanation.terms) == 1 else None
            rows.append([
                Cell(pool.name), Cell(share.participant.name), Cell(share.participant.municipality_code),
                money(share.amount, pool.unit), percent(share.percent), money(pool.amount, pool.unit),
                money(pool.outside_share, pool.unit), money(pool.split_amount, pool.unit),
                Cell(in_language(pool.key_description, language)),
                Cell(statistic_name(single.statistic, language) if single else None),
                Cell(single.reference_date if single else None, "date"),
                Cell(single.value if single else None), Cell(single.total if single else None),
                Cell(explanation.weight), Cell(explanation.exact_share_decimal),
                money(explanation.cap, pool.unit), Cell(t("yes") if share.capped else t("no")),
                Cell(in_language(explanation.formula, language)),
            ])
    return t("allocation"), header, rows


def instalments_table(instalments: InstalmentsRead, language: str) -> Table:
    t = lambda key: label(key, language)  # noqa: E731
    header = [t("municipality"), t("code"), t("total")] + [
        f"{item.number}. {t('instalment')} ({t('due')} {finnish(item.due_date)})" for item in instalments.totals
    ]
    rows = [
        [Cell(row.participant.name), Cell(row.participant.municipality_code), money(row.total, "eur")]
        + [money(item.amount, "eur") for item in row.instalments]
        for row in instalments.participants
    ]
    if instalments.participants:
        rows.append([Cell(t("total")), Cell(None), money(instalments.total, "eur")]
                    + [money(item.amount, "eur") for item in instalments.totals])
    return t("instalments"), header, rows


def reconciliation_table(reconciliation: ReconciliationRead, language: str) -> Table:
    t = lambda key: label(key, language)  # noqa: E731
    if not reconciliation.complete:
        header = [t("pool"), t("budgeted"), t("actual")]
        rows = [[Cell(pool.name), money(pool.budgeted, pool.unit), money(pool.actual, pool.unit)]
                for pool in reconciliation.pools]
        return t("reconciliation"), header, rows
    header = [t("municipality"), t("code"), t("unit"), t("budgeted"), t("actual"), t("difference"), t("refund"),
              t("charge")]
    rows = [
        [Cell(line.participant.name), Cell(line.participant.municipality_code), Cell(t(line.unit)),
         money(line.budgeted, line.unit), money(line.actual, line.unit), money(line.difference, line.unit),
         money(line.refund, line.unit), money(line.charge, line.unit)]
        for line in reconciliation.lines
    ]
    for total in reconciliation.totals:
        rows.append([Cell(t("total")), Cell(None), Cell(t(total.unit)), money(total.budgeted, total.unit),
                     money(total.actual, total.unit), money(total.difference, total.unit),
                     money(total.refunds, total.unit), money(total.charges, total.unit)])
    return t("reconciliation"), header, rows


def finnish(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


#: A text cell starting with one of these is taken for a formula by a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_text(cell: Cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if cell.kind == "percent":
        return str(value).replace(".", ",")
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, date):
        return finnish(value)
    return safe_text(str(value))


def safe_text(text: str) -> str:
    """A text as text: one that a spreadsheet would evaluate gets a leading quote (OWASP's advice on CSV injection).
    Numbers never pass here, so a negative change stays the number -12,50."""
    return "'" + text if is_formula_like(text) else text


def to_csv(table: Table) -> bytes:
    _, header, rows = table
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(name) for name in header])
    for row in rows:
        writer.writerow([csv_text(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(tables: Sequence[Table], title: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    for name, header, rows in tables:
        sheet = workbook.create_sheet(sheet_title(name))
        sheet.append(header)
        for cell in sheet[1]:
            as_text(cell)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            sheet.append([xlsx_value(cell) for cell in row])
            for target, cell in zip(sheet[sheet.max_row], row):
                as_text(target)
                if cell.kind == "money":
                    target.number_format = MONEY_FORMAT
                elif cell.kind == "person_year":
                    target.number_format = PERSON_YEAR_FORMAT
                elif cell.kind == "percent":
                    target.number_format = PERCENT_FORMAT
                elif isinstance(cell.value, date):
                    target.number_format = DATE_FORMAT
        sheet.freeze_panes = "A2"
        for index, column in enumerate(header, start=1):
            width = max([len(column)] + [len(csv_text(row[index - 1])) for row in rows[:200]]) + 2
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_text(target: Any) -> None:
    """openpyxl stores a text starting with "=" as a formula; a text cell is kept a string, as written."""
    if is_formula_like(target.value):
        target.data_type = "s"


def xlsx_value(cell: Cell) -> Any:
    value = cell.value
    if cell.kind == "percent" and value is not None:
        return Decimal(value) / 100  # 40.01 % is the number 0.4001 shown with the percent format
    return value


def sheet_title(name: str) -> str:
    return re.sub(r"[\[\]\*\?/\\:]", " ", name)[:31]


def file_name(plan_name: str, year: int, part: str, extension: str, language: str = "en") -> str:
    """kustannusjako-2021-tahtotilasta-tulokseen-kunnittain.xlsx: ASCII, in the language of the headings."""
    def slug(text: str) -> str:
        plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()[:60]

    return f"{label('cost_plan', language)}-{year}-{slug(plan_name) or 'plan'}-{slug(label(part, language))}.{extension}"

"""Words and number formats of the cost pages, in the page's language; the figures themselves come from the API."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import format_decimal
from jinja2 import pass_context
from jinja2.runtime import Context

from web.i18n import (
    BABEL_LOCALES,
    N_,
    current_language,
    format_date,
    format_money,
    gettext,
)
from web.labels import organisation_name

STATISTIC_LABELS = {
    "population": N_("Population"),
    "jobseekers": N_("Jobseekers"),
    "customers": N_("Customers"),
    "unemployed": N_("Unemployed"),
    "working_age_population": N_("Working-age population"),
    "immigrants_18_64": N_("Immigrants aged 18-64"),
    "foreign_language_speakers": N_("Foreign-language speakers"),
}
LABELS = {
    "equal": N_("Equal shares"),
    "statistic": N_("By a statistic"),
    "fixed": N_("Fixed percentages"),
    "mix": N_("Weighted mix of keys"),
    "eur": N_("Euros"),
    "person_year": N_("Person-years"),
    "draft": N_("Draft"),
    "approved": N_("Approved"),
    "cents": N_("Exact to the cent (tenths of a person-year)"),
    "euros": N_("Whole euros (whole person-years), difference shown"),
    "share_among_uncapped": N_("Leave unallocated and report it"),
    "to_lead": N_("Charge it to the lead municipality"),
    "create": N_("new"),
    "update": N_("update"),
    "unchanged": N_("unchanged"),
    "error": N_("error"),
}


def cost_label(value: str | None) -> str:
    if value is None:
        return ""
    return gettext(LABELS.get(value) or STATISTIC_LABELS.get(value) or value)


def statistic_label(name: str | None) -> str:
    if not name:
        return ""
    known = STATISTIC_LABELS.get(name)
    return gettext(known) if known else name.replace("_", " ")


def _number(value: Any, pattern: str) -> str:
    return format_decimal(Decimal(str(value)), format=pattern, locale=BABEL_LOCALES[current_language.get()])


def amount(value: Any, unit: str = "eur") -> str:
    """1 949,85 € or 172,0 htv."""
    if value is None or value == "":
        return ""
    if unit == "person_year":
        return f"{_number(value, '#,##0.0')}\u00a0{gettext('htv')}"
    return format_money(value)


def percent(value: Any) -> str:
    """40,01 %."""
    if value is None or value == "":
        return ""
    return f"{_number(value, '#,##0.00')}\u00a0%"


def plain_number(value: Any) -> str:
    """A statistic as it was given: 241 009, 62,35."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    places = max(-int(number.as_tuple().exponent), 0)
    return _number(number, "#,##0" + ("." + "0" * places if places else ""))


def key_text(key: dict[str, Any] | None, reference_date: str | date | None = None) -> str:
    """The key in words: "Population on 31.12.2020", "50 % Population + 50 % Equal shares"."""
    if not key:
        return ""
    kind = key.get("kind")
    if kind == "statistic":
        label = statistic_label(key.get("statistic"))
        return gettext("%(statistic)s on %(date)s") % {"statistic": label, "date": format_date(reference_date)} \
            if reference_date else label
    if kind == "mix":
        parts = []
        for part in key.get("parts", []):
            weight = percent(Decimal(str(part["weight"])) * 100).replace(",00", "")
            parts.append(f"{weight} {key_text(part['key'])}")
        return " + ".join(parts)
    return cost_label(kind)


def parse_decimal(text: str | None) -> str | None:
    """What a Finn types (126 740,00 or 62,35 or 80 %) as a decimal string; the text itself if it is not a number,
    so that the API can say what is wrong with it beside the field."""
    if text is None:
        return None
    clean = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("€", "").rstrip("%")
    if not clean:
        return None
    clean = clean.replace(",", ".")
    try:
        Decimal(clean)
    except InvalidOperation:
        return text.strip()
    return clean


def parse_percent(text: str | None) -> str | None:
    """80 (a percentage typed) → "0.8"; the text itself when it is not a number."""
    value = parse_decimal(text)
    if value is None:
        return None
    try:
        return str(Decimal(value) / 100)
    except InvalidOperation:
        return value


def decimal_input(value: Any) -> str:
    """A decimal from the API as a form shows it for editing: 126740.00 → 126740,00."""
    if value is None or value == "":
        return ""
    return str(value).replace(".", ",")


def percent_input(value: Any) -> str:
    """A rate from the API as a percentage to edit: 0.80 → 80."""
    if value is None or value == "":
        return ""
    number = (Decimal(str(value)) * 100).normalize()
    return format(number, "f").replace(".", ",")


def parse_date(text: str | None) -> str | None:
    """31.12.2020 or 2020-12-31 as ISO; the text itself otherwise (the API names the error)."""
    if not text or not text.strip():
        return None
    clean = text.strip()
    try:
        if "." in clean:
            day, month, year = (int(part) for part in clean.split("."))
            return date(year, month, day).isoformat()
        return date.fromisoformat(clean).isoformat()
    except ValueError:
        return clean


@pass_context
def participant_name(context: Context, participant: dict[str, Any]) -> str:
    """A participant of the plan on the page by the name of the page's language (Vasa on a Swedish page)."""
    if current_language.get() == "sv":
        for organisation in (context.get("plan") or {}).get("participants") or []:
            if organisation["id"] == participant["id"]:
                return organisation_name(organisation)
    return str(participant["name"])


GLOBALS = {
    "participant_name": participant_name,
    "cost_label": cost_label,
    "statistic_label": statistic_label,
    "amount": amount,
    "percent": percent,
    "plain_number": plain_number,
    "key_text": key_text,
    "decimal_input": decimal_input,
    "percent_input": percent_input,
}

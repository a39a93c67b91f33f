"""Finnish first, Swedish and English too: Babel catalogs, and numbers and dates as Finns write them."""

import gettext as gettext_module
from contextvars import ContextVar
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

LOCALES_DIR = Path(__file__).parent / "locales"
LANGUAGES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}
DEFAULT_LANGUAGE = "fi"
BABEL_LOCALES = {"fi": Locale.parse("fi_FI"), "sv": Locale.parse("sv_FI"), "en": Locale.parse("en_FI")}


def _load(language: str) -> gettext_module.NullTranslations:
    path = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return gettext_module.NullTranslations()
    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext_module.GNUTranslations(buffer)


HELSINKI = ZoneInfo("Europe/Helsinki")
TRANSLATIONS = {language: _load(language) for language in LANGUAGES}
current_language: ContextVar[str] = ContextVar("current_language", default=DEFAULT_LANGUAGE)


def pick_language(cookie: str | None, query: str | None) -> str:
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def N_(message: str) -> str:  # noqa: N802 - Babel's marker: extract now, translate when shown
    return message


def gettext(message: str) -> str:
    return TRANSLATIONS[current_language.get()].gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return TRANSLATIONS[current_language.get()].ngettext(singular, plural, count)


def format_number(value: int | Decimal | float | None) -> str:
    if value is None:
        return ""
    return format_decimal(value, locale=BABEL_LOCALES[current_language.get()])


def format_money(value: Decimal | str | None) -> str:
    if value is None or value == "":
        return ""
    return format_currency(Decimal(str(value)), "EUR", locale=BABEL_LOCALES[current_language.get()])


def format_datetime(value: datetime | str | None) -> str:
    """5.6.2023 klo 14.05 in Finnish time, however the moment was stored."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(HELSINKI)
    return f"{local.day}.{local.month}.{local.year} {local.hour}.{local.minute:02d}"


def format_date(value: date | str | None) -> str:
    """5.6.2023, the way Finnish documents write dates, in every language of the pages."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{value.day}.{value.month}.{value.year}"

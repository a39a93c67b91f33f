"""Every text of the pages, the texts of the API's error codes among them, has a Finnish and a Swedish translation.

The messages are extracted afresh from web/ with babel.cfg (what `make messages` does), so a text
added to a template or to web/error_texts.py without a translation fails here. No database.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from web import i18n
from web.error_texts import error_text

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "web" / "locales"
TRANSLATED = ("fi", "sv")
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def extracted_messages() -> dict[str | tuple[str, ...], str]:
    """Each msgid found in web/ (a tuple for a plural), with where it was first found."""
    with (ROOT / "babel.cfg").open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    messages: dict[str | tuple[str, ...], str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "web"), method_map, options_map
    ):
        key = tuple(message) if isinstance(message, (list, tuple)) else message
        if isinstance(key, tuple):
            key = tuple(part for part in key if part is not None)
        if key:
            messages.setdefault(key, f"web/{filename}:{lineno}")
    return messages


EXTRACTED = extracted_messages()


def load(language: str) -> Catalog:
    with (LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale=language)


CATALOGS = {language: load(language) for language in TRANSLATED}


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def stray_percent(text: str) -> bool:
    """A % that is not a placeholder: newstyle gettext in Jinja would fail formatting it."""
    return "%" in PLACEHOLDER.sub("", text)


def test_extraction_finds_the_pages_and_the_api_messages() -> None:
    assert "Organisations" in EXTRACTED
    assert ("%(num)d member", "%(num)d members") in EXTRACTED
    assert "This field is required." in EXTRACTED
    assert "A municipality code is three digits, e.g. 837." in EXTRACTED
    assert len(EXTRACTED) > 100


def test_the_template_file_is_current() -> None:
    """messages.pot holds what the code says now: run `make messages` after changing texts."""
    with (LOCALES / "messages.pot").open("rb") as file:
        template = read_po(file)
    in_template = {message.id if isinstance(message.id, str) else tuple(message.id) for message in template if message.id}
    assert set(EXTRACTED) - in_template == set()
    assert in_template - set(EXTRACTED) == set()


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_forms(language: str) -> None:
    catalog = CATALOGS[language]
    assert catalog.num_plurals == 2
    assert catalog.plural_expr.replace(" ", "") == "(n!=1)"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_has_a_translation(language: str) -> None:
    catalog = CATALOGS[language]
    problems = []
    for msgid, where in EXTRACTED.items():
        lookup = msgid[0] if isinstance(msgid, tuple) else msgid
        message: Message | None = catalog.get(lookup)
        if message is None:
            problems.append(f"{where}: not in the {language} catalog: {msgid!r}")
            continue
        if message.fuzzy:
            problems.append(f"{where}: fuzzy: {msgid!r}")
        if isinstance(msgid, tuple):
            forms = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
            if tuple(message.id) != msgid:
                problems.append(f"{where}: the catalog's plural differs: {message.id!r}")
            if len(forms) != catalog.num_plurals:
                problems.append(f"{where}: {len(forms)} plural forms, not {catalog.num_plurals}: {msgid!r}")
            sources = [msgid[0]] + [msgid[1]] * (len(forms) - 1)
        else:
            forms = [message.string]
            sources = [msgid]
        for form, source in zip(forms, sources):
            if not isinstance(form, str) or not form.strip():
                problems.append(f"{where}: no translation: {msgid!r}")
            elif placeholders(form) != placeholders(source):
                problems.append(f"{where}: placeholders differ: {source!r} -> {form!r}")
            elif stray_percent(form):
                problems.append(f"{where}: a % that is not a placeholder: {form!r}")
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_fuzzy_entries(language: str) -> None:
    catalog = CATALOGS[language]
    assert not catalog.fuzzy, "the catalog header is marked fuzzy"
    assert [message.id for message in catalog if message.id and message.fuzzy] == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "Organisaatiot"), ("sv", "Organisationer"), ("en", "Organisations")],
)
def test_gettext_follows_the_current_language(language: str, expected: str) -> None:
    token = i18n.current_language.set(language)
    try:
        assert i18n.gettext("Organisations") == expected
    finally:
        i18n.current_language.reset(token)


def test_finnish_is_the_default_and_api_messages_are_translated() -> None:
    assert i18n.DEFAULT_LANGUAGE == "fi"
    token = i18n.current_language.set("fi")
    try:
        assert i18n.gettext("Cooperation areas") == "Yhteistyöalueet"
        assert error_text("value.required") == "Pakollinen kenttä."
        assert error_text("municipality_code.format") == "Kuntanumero on kolminumeroinen, esim. 837."
    finally:
        i18n.current_language.reset(token)


def test_plurals_in_finnish_and_swedish() -> None:
    for language, one, many in (("fi", "%(num)d jäsen", "%(num)d jäsentä"), ("sv", "%(num)d medlem", "%(num)d medlemmar")):
        token = i18n.current_language.set(language)
        try:
            assert i18n.ngettext("%(num)d member", "%(num)d members", 1) == one
            assert i18n.ngettext("%(num)d member", "%(num)d members", 0) == many
            assert i18n.ngettext("%(num)d member", "%(num)d members", 12) == many
        finally:
            i18n.current_language.reset(token)


def test_templates_render_translations_with_their_placeholders() -> None:
    from web.rendering import environment

    template = environment.from_string(
        '{{ _("Lead") }} · {{ ngettext("%(num)d member", "%(num)d members", count) }} · '
        '{{ _("Remove %(name)s from the area?", name=name) }}'
    )
    token = i18n.current_language.set("fi")
    try:
        assert template.render(count=3, name="Ylöjärvi") == "Vastuukunta · 3 jäsentä · Poistetaanko Ylöjärvi alueelta?"
    finally:
        i18n.current_language.reset(token)
    token = i18n.current_language.set("sv")
    try:
        assert template.render(count=1, name="Ylöjärvi") == "Ansvarskommun · 1 medlem · Ta bort Ylöjärvi från området?"
    finally:
        i18n.current_language.reset(token)

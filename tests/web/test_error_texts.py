"""Every error code the API can give has a text on the pages, in Finnish and in Swedish, with the values it names.

The codes are listed from the error classes themselves (domain.errors.all_error_classes) and from the
codes the API gives Pydantic's validation errors, so a refusal added without a page text fails here.
No database.
"""

import re

import pytest

import api.main  # noqa: F401 - imports every feature, so that every error class is defined
import domain.groups  # noqa: F401 - the rules of groups, whose refusals the pages name before the API serves them
from api.problems import VALIDATION_MESSAGES
from domain.errors import all_error_classes
from web import i18n
from web.error_texts import ERROR_TEXTS, error_text, problem_text

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
CLASSES = {cls.code: cls for cls in all_error_classes()}
CODES = sorted(set(CLASSES) | set(VALIDATION_MESSAGES))
# The parameters Pydantic's context gives each validation code (see api.problems.validation_code).
VALIDATION_PARAMS = {
    "value.too_long": {"max_length"}, "value.too_short": {"min_length"}, "value.too_many": {"max_length"},
    "value.too_few": {"min_length"}, "value.pattern": {"pattern"}, "value.too_many_digits": {"max_digits"},
    "value.too_many_decimals": {"decimal_places"}, "value.too_small": {"limit"}, "value.too_large": {"limit"},
    "value.not_a_choice": {"expected"},
}


def params_of(code: str) -> set[str]:
    if code in CLASSES:
        return CLASSES[code].param_names()
    return VALIDATION_PARAMS.get(code, set())


def in_language(language: str, code: str) -> str:
    token = i18n.current_language.set(language)
    try:
        sample = {name: f"<{name}>" for name in params_of(code)}
        return error_text(code, sample)
    finally:
        i18n.current_language.reset(token)


def test_codes_are_many_and_named_by_feature() -> None:
    assert len(CODES) > 150
    assert {"version.too_few_parties", "value.required", "decision.conflicting", "cost.statistic_missing"} <= set(CODES)
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z_0-9]+)*", code) for code in CODES)


def test_every_code_has_a_page_text_and_no_text_is_stale() -> None:
    assert [code for code in CODES if code not in ERROR_TEXTS] == []
    assert [code for code in ERROR_TEXTS if code not in CODES] == []


@pytest.mark.parametrize("code", CODES)
def test_a_page_text_names_only_the_values_its_error_carries(code: str) -> None:
    assert set(PLACEHOLDER.findall(ERROR_TEXTS[code])) <= params_of(code)


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("code", CODES)
def test_every_code_renders_translated(language: str, code: str) -> None:
    text = in_language(language, code)
    english = in_language("en", code)
    assert text.strip() and "%(" not in text
    assert text != english, f"{code} has no {language} translation: {text!r}"
    for name in PLACEHOLDER.findall(ERROR_TEXTS[code]):
        assert f"<{name}>" in text or name in ("quantity", "resource", "unit"), f"{code} drops {name} in {language}"


def test_values_are_written_as_finns_write_them() -> None:
    token = i18n.current_language.set("fi")
    try:
        problem = {"code": "version.not_editable", "params": {"sent_on": "2025-02-01", "version_id": "x"}}
        assert "1.2.2025" in problem_text(problem)
        assert problem_text({"code": "value.unknown_reference", "params": {"resource": "organisation", "id": "x"}}) == (
            "Valittua kohdetta (organisaatio) ei ole."
        )
        assert problem_text({"code": "cost.negative", "params": {"quantity": "cap", "value": "-1"}}).startswith(
            "Enimmäismäärä")
        assert problem_text({"code": "no.such.code"}) == "Pyyntöä ei voitu käsitellä."
    finally:
        i18n.current_language.reset(token)

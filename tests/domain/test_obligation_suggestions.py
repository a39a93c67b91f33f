"""Obligations proposed from seed 001's text by the Finnish patterns of duty."""

from datetime import date
from pathlib import Path

import pytest

from domain.agreements import import_text
from domain.agreements.sections import Paragraph, Section
from domain.obligations import HolderRule, HolderScope, ObligationKind, ScheduleKind, suggest

SEED_001 = Path(__file__).parent / "fixtures" / "seed_001_tampere_agreement.txt"
PARTIES = {
    "Tampere": ("Tampere", "Tammerfors"), "Akaa": ("Akaa", "Akaa"), "Juupajoki": ("Juupajoki", "Juupajoki"),
    "Kangasala": ("Kangasala", "Kangasala"), "Lempäälä": ("Lempäälä", "Lempäälä"), "Nokia": ("Nokia", "Nokia"),
    "Orivesi": ("Orivesi", "Orivesi"), "Pirkkala": ("Pirkkala", "Birkala"), "Pälkäne": ("Pälkäne", "Pälkäne"),
    "Ruovesi": ("Ruovesi", "Ruovesi"), "Urjala": ("Urjala", "Urjala"), "Valkeakoski": ("Valkeakoski", "Valkeakoski"),
    "Vesilahti": ("Vesilahti", "Vesilahti"), "Virrat": ("Virrat", "Virdois"), "Ylöjärvi": ("Ylöjärvi", "Ylöjärvi"),
}
IN_FORCE = date(2025, 1, 1)
EACH_PARTY = HolderRule(HolderScope.EACH_PARTY)


@pytest.fixture(scope="module")
def found():
    sections = import_text(SEED_001.read_text(encoding="utf-8")).sections
    return suggest(sections, PARTIES, starts_on=IN_FORCE)


def one(found, section: str, words: str):
    matches = [s for s in found if s.section_number == section and words in s.quote]
    assert len(matches) == 1, [s.quote for s in found if s.section_number == section]
    return matches[0]


# The eight duties DOMAIN.md lists for seed 001, each with its holders, kind and schedule.
@pytest.mark.parametrize(("section", "words", "holders", "kind", "schedule"), [
    ("4", "perustaa sopimuskokonaisuudelle kuntakohtaisen koordinaatioryhmän", EACH_PARTY,
     ObligationKind.NAME_BODY_OR_PERSON, ScheduleKind.ONE_OFF),
    ("3", "päivittää suunnitelmat vuosittain", EACH_PARTY, ObligationKind.DELIVER_DOCUMENT, ScheduleKind.RECURRING),
    ("5", "nimeää tarkoitusta varten paikallisen työnantaja- ja yrittäjyysverkoston", EACH_PARTY,
     ObligationKind.NAME_BODY_OR_PERSON, ScheduleKind.ONE_OFF),
    ("7", "nimeää palveluiden ja toiminnan yhteensovittamisesta vastaavan henkilön", EACH_PARTY,
     ObligationKind.NAME_BODY_OR_PERSON, ScheduleKind.ONE_OFF),
    ("7", "osoittaa paikallisella tasolla tilat", EACH_PARTY, ObligationKind.PROVIDE, ScheduleKind.CONTINUOUS),
    ("8", "tulee määrittää vastuutaho", EACH_PARTY, ObligationKind.NAME_BODY_OR_PERSON, ScheduleKind.ONE_OFF),
    ("8", "muodostamaan yhteistyöverkoston, joka kokoontuu säännöllisesti",
     HolderRule(HolderScope.NAMED_PARTIES, named=("Tampere",)), ObligationKind.MEET, ScheduleKind.RECURRING),
    ("8", "pitämään tiedot ajantasaisina", EACH_PARTY, ObligationKind.KEEP_UP_TO_DATE, ScheduleKind.CONTINUOUS),
    ("10", "jokainen luovutus on arvioitava etukäteen", EACH_PARTY, ObligationKind.ASSESS_BEFOREHAND,
     ScheduleKind.CONTINUOUS),
])
def test_seed_001_yields_the_duties_of_domain_md_with_their_holders(found, section, words, holders, kind, schedule):
    suggestion = one(found, section, words)
    assert suggestion.holders == holders
    assert suggestion.kind is kind
    assert suggestion.schedule.kind is schedule


def test_tampere_handles_integration_for_all_but_valkeakoski_which_handles_it_itself(found):
    suggestion = one(found, "8", "Tampere vastuukuntana vastaa muiden sopijakuntien puolesta")
    assert suggestion.holders == HolderRule(HolderScope.LEAD, exceptions=("Valkeakoski",),
                                            exceptions_hold_themselves=True)
    assert suggestion.exception_text.startswith("Poikkeuksena")
    assert "Valkeakosken kaupunki vastaa itsenäisesti" in suggestion.exception_text


def test_a_one_off_duty_is_proposed_due_when_the_version_comes_into_force(found):
    suggestion = one(found, "4", "perustaa sopimuskokonaisuudelle")
    assert suggestion.schedule.due_on == IN_FORCE
    assert suggestion.title.startswith("Perustaa sopimuskokonaisuudelle kuntakohtaisen koordinaatioryhmän")
    assert suggestion.holder_text == "Kukin sopijakunta"


def test_the_network_s_convener_is_read_from_the_sentence_after_it(found):
    suggestion = one(found, "8", "kokoontuu säännöllisesti")
    assert suggestion.holder_text == "Koollekutsujana toimii Tampereen kaupunki"
    assert suggestion.schedule.rule == "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"


def test_statements_of_principle_and_the_region_s_own_services_are_not_duties(found):
    quotes = " ".join(s.quote for s in found)
    assert "vastaa lähtökohtaisesti omista palveluistaan" not in quotes
    assert "Työllisyysalue vastaa lain työvoimapalveluiden" not in quotes
    assert not [s for s in found if s.section_number in ("1", "11")]


def test_titles_are_short_enough_to_read_in_a_list(found):
    assert all(len(s.title) <= 102 and s.title[0].isupper() for s in found)


def test_a_text_without_duties_proposes_nothing():
    plain = Section("1", "Tausta", (Paragraph("Tällä sopimuksella sovitaan yhteistyöstä. Sopimus on voimassa."),))
    assert suggest([plain], PARTIES, starts_on=IN_FORCE) == ()


def test_the_named_party_is_found_in_any_case_form():
    sentence = Paragraph("Nokian kaupunki vastuukuntana vastaa tulkkauksesta. Poikkeuksena Oriveden kaupunki "
                         "vastaa itsenäisesti omista asiakkaistaan.")
    (suggestion,) = suggest([Section("2", "Tulkkaus", (sentence,))], PARTIES, starts_on=IN_FORCE)
    assert suggestion.holders.scope is HolderScope.LEAD and suggestion.holders.exceptions == ("Orivesi",)

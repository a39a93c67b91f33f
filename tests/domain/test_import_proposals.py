"""What an imported text proposes: the notice period, the effective date and the parties it names."""

from datetime import date
from pathlib import Path

from domain.agreements.importing import import_document
from domain.agreements.proposals import (
    parties_text,
    proposed_effective_date,
    proposed_notice_months,
    proposed_parties,
)

SEED_001 = Path(__file__).resolve().parents[2] / "data" / "seeds" / "001_tampere_region_agreement.txt"
TAMPERE_REGION = ["Tampere", "Akaa", "Juupajoki", "Kangasala", "Lempäälä", "Nokia", "Orivesi", "Pirkkala", "Pälkäne",
                  "Ruovesi", "Urjala", "Valkeakoski", "Vesilahti", "Virrat", "Ylöjärvi"]
OTHERS = ["Hämeenkyrö", "Ikaalinen", "Sastamala", "Kirkkonummi", "Vihti", "Siuntio", "Akaa-Toijala", "Orimattila"]


def test_seed_001_proposes_its_fifteen_parties_and_six_months() -> None:
    preview = import_document(SEED_001.read_bytes(), filename=SEED_001.name)
    text = parties_text(preview.preamble, preview.sections)
    candidates = {name: [name] for name in [*OTHERS, *TAMPERE_REGION]}
    assert proposed_parties(text, candidates) == TAMPERE_REGION, "in the order section 1 lists them"
    whole = "\n".join(parties_text((), [section]) for section in preview.sections)
    assert proposed_notice_months(whole) == 6
    assert proposed_effective_date(whole) is None, "voimassa toistaiseksi names no date"


def test_inflected_names_and_swedish_names() -> None:
    text = "Kirkkonummen kunta, Siuntion kunta ja Vihdin kunta sekä Raaseporin kaupunki (Raseborgs stad)."
    candidates = {"kirkkonummi": ["Kirkkonummi", "Kyrkslätt"], "siuntio": ["Siuntio", "Sjundeå"],
                  "vihti": ["Vihti", "Vichtis"], "raasepori": ["Raasepori", "Raseborg"], "vantaa": ["Vantaa", "Vanda"]}
    assert proposed_parties(text, candidates) == ["kirkkonummi", "siuntio", "vihti", "raasepori"]
    assert proposed_parties("Kyrkslätts kommun och Sjundeå kommun", candidates) == ["kirkkonummi", "siuntio"]


def test_notice_periods_and_effective_dates_as_agreements_write_them() -> None:
    assert proposed_notice_months("Sopimus on irtisanottavissa kuuden (6) kuukauden irtisanomisajalla.") == 6
    assert proposed_notice_months("Irtisanomisaika on kolme kuukautta.") == 3
    assert proposed_notice_months("Sopimus on voimassa toistaiseksi.") is None
    assert proposed_effective_date("Tämä sopimus tulee voimaan 1.1.2025 ja on voimassa toistaiseksi.") == \
        date(2025, 1, 1)
    assert proposed_effective_date("Sopimus on voimassa 1.3.2025 alkaen.") == date(2025, 3, 1)
    assert proposed_effective_date("Sopimus tulee voimaan 31.2.2025.") is None

"""Import of agreement texts (domain/agreements/importing.py)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.agreements import (
    BulletList,
    DamagedDocument,
    DocumentKind,
    EmptyDocument,
    Paragraph,
    UndecodableDocument,
    UnsupportedDocument,
    import_document,
    import_text,
    repair_text,
)

FIXTURES = Path(__file__).parent / "fixtures"
SEED_001 = FIXTURES / "seed_001_tampere_agreement.txt"  # copy of seeds/001_a6cd092ea2efaf6e.txt

SEED_001_TITLES = [
    ("1", "Sopijaosapuolet"),
    ("2", "Sopimuksen tausta ja tarkoitus"),
    ("3", "Kuntakohtaiset toimintasuunnitelmat"),
    ("4", "Vastuut ja ohjaus"),
    ("5", "Työnantaja-, yritys- ja yrittäjyyspalvelut"),
    (
        "6",
        "Kunnan omat työllisyyden edistämisen palvelut ja yhteistyö "
        "koulutuksenjärjestäjien kanssa",
    ),
    ("7", "Nuorten työllistymistä edistävä monialainen yhteispalvelu"),
    ("8", "Maahanmuutto ja kotoutumisen edistäminen"),
    ("9", "Viestintä"),
    ("10", "Tietosuoja"),
    ("11", "Sopimuksen voimassaolo, muutoksista sopiminen"),
]
DAMAGE = ("Ɵ", "Ʃ", "ƫ", "\u00ad", "\f")


@pytest.fixture(scope="module")
def seed_001():
    return import_document(SEED_001.read_bytes(), filename="001.txt")


def all_text(preview) -> str:
    return "\n".join([preview.title or ""] + [s.title + "\n" + s.text for s in preview.sections])


def test_seed_001_imports_as_its_eleven_numbered_sections(seed_001):
    assert seed_001.kind is DocumentKind.TXT
    assert [(s.number, s.title) for s in seed_001.sections] == SEED_001_TITLES
    assert seed_001.title == (
        "Sopimus työllisyys- ja elinvoimatehtävien yhteensovittamisesta "
        "Tampereen seudun työllisyysalueella"
    )
    assert seed_001.warnings == ()
    assert seed_001.repairs.ligatures > 100


def test_seed_001_text_is_clean_finnish(seed_001):
    text = all_text(seed_001)
    assert not any(mark in text for mark in DAMAGE)
    for word in ("yhteensovittamisesta", "kuntien", "tilastotietoa", "starttirahaa", "että",
                 "irtisanottavissa 6 kuukauden irtisanomisajalla"):
        assert word in text
    assert "  " not in text


def test_seed_001_paragraphs_and_lists(seed_001):
    sections = {s.number: s for s in seed_001.sections}
    plans = sections["3"]
    assert isinstance(plans.blocks[0], Paragraph)
    assert plans.blocks[0].text.endswith("Toimintasuunnitelmissa")
    assert isinstance(plans.blocks[1], BulletList)
    assert [item.split()[0].strip(",") for item in plans.blocks[1].items] == [
        "Nimetään", "Nimetään", "Esitetään", "Sovitaan"
    ]
    assert plans.blocks[1].items[0] == (
        "Nimetään kuntakohtainen koordinaatioryhmä, joka vastaa eri toimijoiden yhteistyön "
        "sujuvuudesta ja tavoitteiden saavuttamisesta. Tämä ryhmä toimii keskeisenä linkkinä "
        "osapuolten ja eri palveluiden välillä."
    )

    services = [b for b in sections["5"].blocks if isinstance(b, BulletList)]
    assert len(services) == 1 and len(services[0].items) == 11
    assert services[0].items[0] == "Yritys- ja työnantajaneuvonta"
    # The item broken by a blank line is joined again.
    assert services[0].items[-1].endswith("henkilöasiakkaille myönnettävää starttirahaa")

    laws = sections["10"].blocks[-1]
    assert isinstance(laws, BulletList) and len(laws.items) == 10
    assert laws.items[-1] == "Kuntalaki (410/2015)"
    assert sections["10"].blocks[-2] == Paragraph("Toimintaa ohjaava lainsäädäntö:")

    # "…annetun lain 2. luvussa" inside section 8 is no heading.
    assert "annetun lain 2. luvussa kunnille säädetyistä tehtävistä" in sections["8"].text
    assert sections["11"].blocks == (
        Paragraph(
            "Tämä sopimus on voimassa toistaiseksi. Sopimus on irtisanottavissa "
            "6 kuukauden irtisanomisajalla."
        ),
    )
    parties = [b.text for b in sections["1"].blocks[:5]]
    assert parties == ["Tampereen kaupunki", "Y-tunnus 0211675-2", "PL 487", "33101 Tampere", "ja"]


def test_repairs_ligatures_soft_hyphens_hyphenation_and_page_furniture():
    damaged = (
        "Sopimus yhteensoviƩamisesta ja kunƟen ƟlastoƟedoista, starƫraha.\n"
        "Tämän aiesopi-\nmuksen osapuolet ja työllisyys-\nja elinvoimapalvelut sekä "
        "työnhakija-\nasiakkaat ja TE-toi-\nmisto sekä ko\u00adtou\u00ad\ntuminen.\n"
        "\f3\nSivu 4 (12)\n- 5 -\n"
    )
    text, repairs = repair_text(damaged)
    assert text == (
        "Sopimus yhteensovittamisesta ja kuntien tilastotiedoista, starttiraha.\n"
        "Tämän aiesopimuksen osapuolet ja työllisyys- ja elinvoimapalvelut sekä "
        "työnhakija-asiakkaat ja TE-toimisto sekä kotoutuminen.\n"
    )
    assert repairs.ligatures == 5
    assert repairs.hyphenations == 4
    assert repairs.soft_hyphens == 2
    assert repairs.page_lines == 3
    assert repairs.form_feeds == 1


def test_repeated_headers_and_footers_are_dropped():
    pages = [
        f"Yhteistyösopimus {n}/4\nTekstiä sivulla {n} jatkuu tässä.\n"
        "Tampereen kaupunki, luottamuksellinen"
        for n in range(1, 5)
    ]
    text, repairs = repair_text("\f".join(pages))
    assert "Yhteistyösopimus" not in text and "luottamuksellinen" not in text
    assert text.count("Tekstiä sivulla") == 4
    assert repairs.page_lines == 8


@given(st.text(alphabet="abcäöÆƟƩƫ \n-.ÅT", max_size=200))
def test_repaired_text_never_contains_the_damage_marks(text):
    repaired, _ = repair_text(text)
    assert not any(mark in repaired for mark in ("Ɵ", "Ʃ", "ƫ"))
    assert repair_text(repaired)[0] == repaired or repaired.strip() == ""


def test_section_numbers_must_run_in_order():
    preview = import_text(
        "Sopimus\n\n1. Osapuolet\n\nTampere ja Nokia.\n"
        "3. Tämä rivi ei ole otsikko vaan jatkoa\n\n"
        "2. Kustannukset\n\nJaetaan asukasluvun mukaan:\n- Tampere 60 %\n- Nokia 40 %\n\n"
        "2.1 Laskutus\n\nNeljännesvuosittain.\n\n"
        "3 § Voimassaolo\n\nToistaiseksi.\n"
    )
    assert [(s.number, s.title) for s in preview.sections] == [
        ("1", "Osapuolet"),
        ("2", "Kustannukset"),
        ("2.1", "Laskutus"),
        ("3", "Voimassaolo"),
    ]
    assert preview.sections[0].blocks == (
        Paragraph("Tampere ja Nokia. 3. Tämä rivi ei ole otsikko vaan jatkoa"),
    )
    assert preview.sections[1].blocks[1] == BulletList(("Tampere 60 %", "Nokia 40 %"))


def test_text_without_numbered_headings_is_split_by_layout():
    preview = import_text(
        "Aiesopimus\n\nSopijaosapuolet\n\nKuopio, Iisalmi ja Varkaus ovat osapuolia.\n\n"
        "Sopimuksen voimassaolo\n\nTämä sopimus astuu voimaan kaikkien hyväksyttyä.\n"
    )
    assert [(s.number, s.title) for s in preview.sections] == [
        (None, "Sopijaosapuolet"),
        (None, "Sopimuksen voimassaolo"),
    ]
    assert preview.title == "Aiesopimus"
    assert preview.warnings


def test_txt_errors_are_clear():
    with pytest.raises(UndecodableDocument, match="UTF-8") as caught:
        import_document("Sopimus työllisyydestä".encode("latin-1"), filename="a.txt")
    assert caught.value.position == 10  # the ö
    with pytest.raises(EmptyDocument):
        import_document(b"", filename="a.txt")
    with pytest.raises(EmptyDocument):
        import_document(b" \n\n \f\n", filename="a.txt")
    with pytest.raises(EmptyDocument):
        import_document("\ufeff\n".encode("utf-8"), filename="a.txt")
    with pytest.raises(UnsupportedDocument):
        import_document(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, filename="old.doc")
    with pytest.raises(DamagedDocument):
        import_document(b"PK\x03\x04 not really a docx", filename="a.docx")
    with pytest.raises(DamagedDocument):
        import_document(b"%PDF-1.4 broken", filename="a.pdf")


def test_utf8_with_bom_and_crlf():
    data = "\ufeff1. Osapuolet\r\n\r\nTampere ja Nokia.\r\n".encode("utf-8")
    preview = import_document(data, filename="sopimus.txt")
    assert [(s.number, s.title, s.text) for s in preview.sections] == [
        ("1", "Osapuolet", "Tampere ja Nokia.")
    ]


# --- .docx ------------------------------------------------------------------------------


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Yhteistyösopimus työllisyyspalveluista", level=0)
    document.add_heading("Sopijaosapuolet", level=1)  # numbered automatically by Word
    document.add_paragraph("Tampereen kaupunki ja Nokian kaupunki.")
    document.add_heading("2. Palvelut", level=1)  # number typed by hand
    document.add_paragraph("Palvelut ovat:")
    document.add_paragraph("Yritys- ja työnantajaneuvonta", style="List Bullet")
    document.add_paragraph("Palkkatuki", style="List Bullet")
    document.add_heading("Kustannukset", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Tampere", "60 %"
    table.cell(1, 0).text, table.cell(1, 1).text = "Nokia", "40 %"
    document.add_paragraph("Kustannukset laskutetaan neljännesvuosittain.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_extraction():
    preview = import_document(make_docx(), filename="sopimus.docx")
    assert preview.kind is DocumentKind.DOCX
    assert preview.title == "Yhteistyösopimus työllisyyspalveluista"
    assert [(s.number, s.title) for s in preview.sections] == [
        ("1", "Sopijaosapuolet"),
        ("2", "Palvelut"),
        ("3", "Kustannukset"),
    ]
    assert preview.sections[1].blocks == (
        Paragraph("Palvelut ovat:"),
        BulletList(("Yritys- ja työnantajaneuvonta", "Palkkatuki")),
    )
    assert preview.sections[2].blocks == (
        Paragraph("Tampere | 60 %"),
        Paragraph("Nokia | 40 %"),
        Paragraph("Kustannukset laskutetaan neljännesvuosittain."),
    )
    # Detected from the content even without a file name.
    assert import_document(make_docx()).kind is DocumentKind.DOCX


# --- .pdf ---------------------------------------------------------------------------------


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF with Helvetica text, one line per string, written by hand."""

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # pages, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 770 Td"]
        ops += [f"({escape(line)}) Tj T*" for line in lines]
        ops.append("ET")
        stream = "\n".join(ops).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_ref = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_ref
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()

    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return out


def test_pdf_extraction():
    data = make_pdf(
        [
            [
                "Yhteistyösopimus",
                "1. Sopijaosapuolet",
                "Tampereen kaupunki ja Nokian kaupunki sopivat yhteis-",
                "työstä työllisyys- ja elinvoimapalveluissa.",
                "1",
            ],
            [
                "2. Voimassaolo",
                "Sopimus on voimassa toistaiseksi. Sen voi irtisanoa",
                "kuuden kuukauden irtisanomisajalla.",
                "2",
            ],
        ]
    )
    preview = import_document(data, filename="sopimus.pdf")
    assert preview.kind is DocumentKind.PDF
    assert preview.title == "Yhteistyösopimus"
    assert [(s.number, s.title) for s in preview.sections] == [
        ("1", "Sopijaosapuolet"),
        ("2", "Voimassaolo"),
    ]
    assert preview.sections[0].text == (
        "Tampereen kaupunki ja Nokian kaupunki sopivat yhteistyöstä "
        "työllisyys- ja elinvoimapalveluissa."
    )
    assert preview.sections[1].text == (
        "Sopimus on voimassa toistaiseksi. Sen voi irtisanoa kuuden kuukauden irtisanomisajalla."
    )
    assert preview.repairs.page_lines == 2 and preview.repairs.hyphenations == 1
    assert import_document(data).kind is DocumentKind.PDF


def test_pdf_without_text_is_empty():
    with pytest.raises(EmptyDocument, match="text layer"):
        import_document(make_pdf([[]]), filename="scan.pdf")


def test_preview_serialises_to_plain_data(seed_001):
    data = seed_001.to_dict()
    assert data["kind"] == "txt"
    assert len(data["sections"]) == 11
    assert data["sections"][2]["blocks"][1]["type"] == "list"

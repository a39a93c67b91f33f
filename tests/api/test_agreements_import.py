"""Import of an agreement text through the API: a preview of the numbered sections, nothing saved."""

import io
from pathlib import Path

import httpx

from tests.api.agreement_helpers import KIRKKONUMMI_AREA, area_id, kirkkonummi_parties
from tests.api.helpers import assert_problem

ROOT = Path(__file__).resolve().parents[2]
SEED_001 = ROOT / "data" / "seeds" / "001_tampere_region_agreement.txt"
SEED_001_TITLES = [
    "Sopijaosapuolet", "Sopimuksen tausta ja tarkoitus", "Kuntakohtaiset toimintasuunnitelmat", "Vastuut ja ohjaus",
    "Työnantaja-, yritys- ja yrittäjyyspalvelut",
    "Kunnan omat työllisyyden edistämisen palvelut ja yhteistyö koulutuksenjärjestäjien kanssa",
    "Nuorten työllistymistä edistävä monialainen yhteispalvelu", "Maahanmuutto ja kotoutumisen edistäminen",
    "Viestintä", "Tietosuoja", "Sopimuksen voimassaolo, muutoksista sopiminen",
]


def all_text(preview: dict) -> str:
    parts = [preview["title"] or ""]
    for section in preview["sections"]:
        parts.append(section["title"])
        for block in section["blocks"]:
            parts += block["items"] if block["type"] == "list" else [block["text"]]
    return "\n".join(parts)


async def test_seed_001_imports_as_its_eleven_sections_with_clean_finnish(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/agreements/import-preview",
                                 files={"file": ("sopimus.txt", SEED_001.read_bytes(), "text/plain")})
    assert response.status_code == 200, response.text
    preview = response.json()
    assert [(s["number"], s["title"]) for s in preview["sections"]] == [
        (str(i), title) for i, title in enumerate(SEED_001_TITLES, start=1)]
    assert preview["title"] == ("Sopimus työllisyys- ja elinvoimatehtävien yhteensovittamisesta Tampereen seudun "
                                "työllisyysalueella")
    assert preview["repairs"]["ligatures"] > 100
    text = all_text(preview)
    for damaged in ("Ɵ", "Ʃ", "ƫ"):
        assert damaged not in text
    for word in ("yhteensovittamisesta", "tietosuoja-asetus", "starttirahaa", "irtisanottavissa", "Työttömyysturvalaki"):
        assert word in text
    services = next(s for s in preview["sections"] if s["number"] == "5")
    assert any(b["type"] == "list" and "Palkkatuki" in b["items"] for b in services["blocks"]), "bullet lists are kept"
    statutes = next(s for s in preview["sections"] if s["number"] == "10")
    assert any(b["type"] == "list" and "Kuntalaki (410/2015)" in b["items"] for b in statutes["blocks"])


async def test_the_preview_saves_nothing_and_becomes_an_agreement(client: httpx.AsyncClient) -> None:
    before = len((await client.get("/api/v1/agreements", params={"limit": 200})).json()["items"])
    preview = (await client.post("/api/v1/agreements/import-preview",
                                 data={"text": SEED_001.read_text(encoding="utf-8")})).json()
    assert len((await client.get("/api/v1/agreements", params={"limit": 200})).json()["items"]) == before
    parties = await kirkkonummi_parties(client)
    created = await client.post("/api/v1/agreements", json={
        "area_id": await area_id(client, KIRKKONUMMI_AREA), "title": preview["title"], "kind": "cooperation_agreement",
        "parties": [{"organisation_id": p} for p in parties.values()], "sections": preview["sections"],
        "preamble": preview["preamble"],
    })
    assert created.status_code == 201, created.text
    version = created.json()["versions"][0]
    read = (await client.get(f"/api/v1/agreements/{created.json()['id']}/versions/{version['id']}")).json()
    assert len(read["sections"]) == 11
    assert read["sections"][4]["blocks"] == preview["sections"][4]["blocks"]


async def test_a_pasted_text_as_json(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/agreements/import-preview/text", json={
        "text": "Sopimus\n\n1. Sopijaosapuolet\n\nKirkkonummi ja Vihti.\n\n2. Voimassaolo\n\nToistaiseksi.\n"})
    assert response.status_code == 200, response.text
    assert [s["title"] for s in response.json()["sections"]] == ["Sopijaosapuolet", "Voimassaolo"]


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Yhteistyösopimus", level=0)
    document.add_heading("Sopijaosapuolet", level=1)
    document.add_paragraph("Kirkkonummen kunta ja Vihdin kunta.")
    document.add_heading("Palvelut", level=1)
    document.add_paragraph("Neuvonta", style="List Bullet")
    document.add_paragraph("Ohjaus", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with the lines in Helvetica (WinAnsi, so ä and ö work)."""
    def escape(text: str) -> str:
        out = []
        for char in text.encode("cp1252"):
            out.append(f"\\{char:03o}" if char > 126 or chr(char) in "()\\" else chr(char))
        return "".join(out)

    stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({escape(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    body = "%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body.encode("latin-1")))
        body += f"{number} 0 obj\n{obj}\nendobj\n"
    xref = len(body.encode("latin-1"))
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return body.encode("latin-1")


async def test_docx_and_pdf_are_read(client: httpx.AsyncClient) -> None:
    word = await client.post("/api/v1/agreements/import-preview", files={"file": (
        "sopimus.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")})
    assert word.status_code == 200, word.text
    assert word.json()["kind"] == "docx"
    assert [(s["number"], s["title"]) for s in word.json()["sections"]] == [("1", "Sopijaosapuolet"), ("2", "Palvelut")]
    assert word.json()["sections"][1]["blocks"] == [{"type": "list", "items": ["Neuvonta", "Ohjaus"]}]

    pdf = await client.post("/api/v1/agreements/import-preview", files={"file": ("sopimus.pdf", pdf_bytes([
        "Yhteistyösopimus", "", "1. Sopijaosapuolet", "", "Kirkkonummi ja Vihti sopivat yhteistyöstä.", "",
        "2. Voimassaolo", "", "Sopimus on voimassa toistaiseksi."]), "application/pdf")})
    assert pdf.status_code == 200, pdf.text
    assert pdf.json()["kind"] == "pdf"
    assert [s["title"] for s in pdf.json()["sections"]] == ["Sopijaosapuolet", "Voimassaolo"]


async def test_files_that_cannot_be_imported_get_a_clear_answer(client: httpx.AsyncClient, credentials,  # type: ignore[no-untyped-def]
                                                                anonymous: httpx.AsyncClient) -> None:
    url = "/api/v1/agreements/import-preview"
    old_word = await client.post(url, files={"file": ("vanha.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "application/msword")})
    assert ".docx" in assert_problem(old_word, 415)["detail"]
    assert "UTF-8" in assert_problem(await client.post(url, files={"file": ("latin.txt", "Sopimus ä".encode("latin-1"),
                                                                            "text/plain")}), 422)["detail"]
    assert_problem(await client.post(url, files={"file": ("rikki.pdf", b"%PDF-1.4 garbage", "application/pdf")}), 422)
    assert_problem(await client.post(url, files={"file": ("tyhja.txt", b"", "text/plain")}), 422)
    assert_problem(await client.post(url, data={"text": "   "}), 422)
    assert_problem(await client.post(url), 422)
    reader = {"Authorization": f"Bearer {await credentials.api_key(KIRKKONUMMI_AREA, 'read')}"}
    assert_problem(await anonymous.post(url, data={"text": "1. Otsikko"}, headers=reader), 403)

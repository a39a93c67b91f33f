"""Print documents: an agreement version as a board's annex and a cost plan as its cost-sharing annex, as pages to
print and as PDF files made on the server, in the page's language; the print stylesheet leaves the rest out."""

import html
import io
import re
from pathlib import Path
from urllib.parse import unquote

import httpx
import pypdf
import pytest

from api.settings import Settings, get_settings
from tests.api.agreement_helpers import TAMPERE_AREA, agreement_in_area
from tests.api.cost_helpers import ESR_AREA, ESR_CENT_SHARES, TAMPERE_REGION, demo_plan
from web import printing

STATIC = Path(__file__).resolve().parents[2] / "web" / "static"
TAMPERE_PARTIES = ["Tampere", "Akaa", "Kangasala", "Lempäälä", "Nokia", "Orivesi", "Pirkkala", "Valkeakoski", "Ylöjärvi"]


def document_of(html: str) -> str:
    """The print document itself, without the page around it."""
    start = html.index('<article class="print-document"')
    return html[start:html.index("</article>", start)]


def plain(text: str) -> str:
    """Any run of white space as one space: Finnish thousands and € are set off by no-break spaces."""
    return re.sub(r"\s+", " ", text)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return plain("\n".join(page.extract_text() for page in reader.pages))


def filename_of(response: httpx.Response) -> str:
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=\"")
    return unquote(disposition.split("filename*=UTF-8''", 1)[1])


async def tampere_version(client: httpx.AsyncClient) -> tuple[dict, dict]:
    agreement = await agreement_in_area(client, TAMPERE_AREA)
    version = (await client.get(f"/api/v1/agreements/{agreement['id']}/versions/{agreement['versions'][-1]['id']}")).json()
    return agreement, version


def hidden_on_paper() -> set[str]:
    """The selectors print.css hides (its first rule)."""
    css = (STATIC / "print.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    first = css.split("{", 1)[0]
    return {selector.strip() for selector in first.split(",")}


def test_on_paper_every_page_leaves_out_its_navigation_forms_buttons_and_notices() -> None:
    assert {".skip-link", ".site-header", ".site-footer", "nav", "form", "button", ".hds-button", ".print-toolbar",
            ".flash", ".hds-notification"} <= hidden_on_paper()
    css = (STATIC / "print.css").read_text(encoding="utf-8")
    assert ".table-scroll" in css and "overflow: visible" in css, "tables print whole, not clipped by their box"
    assert 'a[href^="http"]::after' in css, "an address outside the service is printed after its link"


async def test_every_page_links_the_print_stylesheet(client: httpx.AsyncClient) -> None:
    for url in ("/", "/agreements", "/costs"):
        assert '<link rel="stylesheet" href="/static/print.css" media="print">' in (await client.get(url)).text


async def test_a_version_prints_as_a_board_annex_with_parties_text_signatures_and_decisions(
        client: httpx.AsyncClient) -> None:
    agreement, version = await tampere_version(client)
    page = await client.get(f"/agreements/{agreement['id']}/versions/{version['id']}/print")
    assert page.status_code == 200
    document = document_of(page.text)
    assert "Liite" in document and agreement["title"] in document and "Tampereen seudun työllisyysalue" in document
    assert "Versio" in document and "Voimassa" in document and "1.1.2025" in document
    for name in TAMPERE_PARTIES:
        assert f"<td>{name}</td>" in document, name
        assert f'<p class="signature-party">{name}</p>' in document, name
    for section in version["sections"]:
        assert section["title"] in document
    assert document.count('class="signature"') == len(version["parties"])
    assert "Osapuolten päätökset" in document and "Kaupunginhallitus" in document and "16.12.2024" in document
    assert "Hyväksytty" in document
    for tag in ("<form", "<nav", "<button", "<input", 'class="flash'):
        assert tag not in document, f"the document holds no {tag}"
    assert 'class="print-toolbar actions"' in page.text and "data-print" in page.text
    assert f'href="/agreements/{agreement["id"]}/versions/{version["id"]}/print.pdf"' in page.text


async def test_a_swedish_page_prints_the_swedish_names_and_headings(client: httpx.AsyncClient) -> None:
    agreement, version = await tampere_version(client)
    client.cookies.set("sopimo_lang", "sv")
    document = document_of((await client.get(f"/agreements/{agreement['id']}/versions/{version['id']}/print")).text)
    assert "Bilaga" in document and "Avtalstext" in document and "Underteckningar" in document
    assert "<td>Tammerfors</td>" in document and "<td>Birkala</td>" in document and "<td>Tampere</td>" not in document


async def test_the_agreement_version_and_plan_pages_lead_to_their_print_documents(client: httpx.AsyncClient) -> None:
    agreement, version = await tampere_version(client)
    base = f"/agreements/{agreement['id']}/versions/{version['id']}"
    for url in (f"/agreements/{agreement['id']}", base):
        html = (await client.get(url)).text
        assert f'href="{base}/print"' in html and f'href="{base}/print.pdf" download' in html
        assert "Tulosta" in html and "Lataa PDF" in html
    plan = await demo_plan(client, TAMPERE_REGION, 2025)
    html = (await client.get(f"/costs/plans/{plan['id']}")).text
    assert f'href="/costs/plans/{plan["id"]}/annex"' in html and f'href="/costs/plans/{plan["id"]}/annex.pdf" download' in html


async def test_the_version_pdf_downloads_with_its_parties_in_the_page_s_language(client: httpx.AsyncClient) -> None:
    agreement, version = await tampere_version(client)
    url = f"/agreements/{agreement['id']}/versions/{version['id']}/print.pdf"
    response = await client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert filename_of(response) == f"{agreement['title']}, versio {version['number']}.pdf"
    text = pdf_text(response.content)
    for name in TAMPERE_PARTIES:
        assert name in text, name
    assert "Sopimusteksti" in text and "Allekirjoitukset" in text and "Osapuolten päätökset" in text
    assert "Kaupunginhallitus" in text and "16.12.2024" in text
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.metadata and reader.metadata.title.startswith(agreement["title"])
    assert reader.trailer["/Root"].get("/Lang") == "fi", "the PDF names its language for screen readers"

    client.cookies.set("sopimo_lang", "sv")
    swedish = await client.get(url)
    assert filename_of(swedish) == f"{agreement['title']}, version {version['number']}.pdf"
    text = pdf_text(swedish.content)
    assert "Avtalstext" in text and "Underteckningar" in text and "Parternas beslut" in text
    assert "Tammerfors" in text and "Birkala" in text


async def test_the_cost_plan_prints_as_its_cost_sharing_annex(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, ESR_AREA, 2021)
    page = await client.get(f"/costs/plans/{plan['id']}/annex")
    assert page.status_code == 200
    document = plain(html.unescape(document_of(page.text)))
    assert "Kustannustenjakoliite" in document and plan["name"] in document and "2021" in document
    assert "Tasajako" in document, "the key in words"
    assert "Miten osuus laskettiin" in document and "25 348,00 € × 7,6923 % (1 / 13)" in document
    for name in ESR_CENT_SHARES:
        assert f"<th scope=\"row\">{name}</th>" in document, name
    assert document.count("1 949,85 €") >= 8 and "1 949,84 €" in document and "25 348,00 €" in document
    for tag in ("<form", "<nav", "<button"):
        assert tag not in document


async def test_the_cost_annex_pdf_has_the_shares_as_finns_write_money(client: httpx.AsyncClient) -> None:
    plan = await demo_plan(client, ESR_AREA, 2021)
    response = await client.get(f"/costs/plans/{plan['id']}/annex.pdf")
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"] == "application/pdf"
    assert filename_of(response) == f"Kustannustenjakoliite, {plan['name']}.pdf"
    text = pdf_text(response.content)
    for name in ESR_CENT_SHARES:
        assert name in text, name
    assert "1 949,85 €" in text and "1 949,84 €" in text and "126 740,00 €" in text and "Tasajako" in text

    tampere = await demo_plan(client, TAMPERE_REGION, 2025)
    client.cookies.set("sopimo_lang", "sv")
    swedish = await client.get(f"/costs/plans/{tampere['id']}/annex.pdf")
    assert filename_of(swedish) == f"Bilaga om kostnadsfördelning, {tampere['name']}.pdf"
    text = pdf_text(swedish.content)
    assert "Bilaga om kostnadsfördelning" in text and "Andelar per kommun" in text and "Hur andelen räknades ut" in text
    assert "Tammerfors" in text and "Invånarantal" in text


def limited(**changes: object) -> Settings:
    return get_settings().model_copy(update=changes)


async def test_a_pdf_that_takes_too_long_is_a_coded_error_page(client: httpx.AsyncClient,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    agreement, version = await tampere_version(client)
    monkeypatch.setattr(printing, "get_settings", lambda: limited(pdf_timeout_seconds=0.01))
    response = await client.get(f"/agreements/{agreement['id']}/versions/{version['id']}/print.pdf")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "PDF-tiedoston tekeminen kesti yli" in response.text and "Tulosta sivu sen sijaan selaimesta" in response.text


async def test_a_pdf_beyond_its_pages_or_size_is_refused_with_a_coded_error_page(client: httpx.AsyncClient,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    agreement, version = await tampere_version(client)
    url = f"/agreements/{agreement['id']}/versions/{version['id']}/print.pdf"
    monkeypatch.setattr(printing, "get_settings", lambda: limited(pdf_max_pages=2))
    pages = await client.get(url)
    assert pages.status_code == 413
    assert re.search(r"PDF-tiedostoon tulisi \d+ sivua; enintään 2 sivua tehdään", pages.text)
    plan = await demo_plan(client, ESR_AREA, 2021)
    client.cookies.set("sopimo_lang", "sv")
    monkeypatch.setattr(printing, "get_settings", lambda: limited(pdf_max_mb=0))
    size = await client.get(f"/costs/plans/{plan['id']}/annex.pdf")
    assert size.status_code == 413 and "PDF-filen skulle bli större än 0 MB" in size.text


async def test_a_published_version_prints_for_anyone_and_a_plan_for_those_logged_in(client: httpx.AsyncClient,
                                                                       anonymous: httpx.AsyncClient) -> None:
    agreement, version = await tampere_version(client)
    for suffix in ("print", "print.pdf"):
        assert (await anonymous.get(f"/agreements/{agreement['id']}/versions/{version['id']}/{suffix}")).status_code == 200
    plan = await demo_plan(client, ESR_AREA, 2021)
    for suffix in ("annex", "annex.pdf"):
        response = await anonymous.get(f"/costs/plans/{plan['id']}/{suffix}")
        assert response.status_code == 303 and response.headers["location"].startswith("/login")

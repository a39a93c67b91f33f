"""In a browser: the agreement's "Lataa PDF" downloads the version as a board's annex with its parties; printed, a
page shows its content alone, without navigation, forms or buttons."""

import io
import re
from pathlib import Path

import pypdf
from playwright.sync_api import Page, expect

TAMPERE_AGREEMENT = "Sopimus työllisyys- ja elinvoimatehtävien yhteensovittamisesta Tampereen seudun työllisyysalueella"
PARTIES = ["Tampere", "Akaa", "Juupajoki", "Kangasala", "Lempäälä", "Nokia", "Orivesi", "Pirkkala", "Pälkäne",
           "Ruovesi", "Urjala", "Valkeakoski", "Vesilahti", "Virrat", "Ylöjärvi"]


def open_the_agreement(page: Page) -> None:
    page.goto("/agreements?q=yhteensovittamisesta")
    page.get_by_role("link", name=TAMPERE_AGREEMENT).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TAMPERE_AGREEMENT)


def test_the_agreement_s_pdf_downloads_with_its_parties(anonymous_page: Page, tmp_path: Path) -> None:
    page = anonymous_page  # a published agreement is a public document
    open_the_agreement(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lataa PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Sopimus työllisyys- ja elinvoimatehtävien")
    assert re.search(r", versio \d+\.pdf$", download.suggested_filename)
    target = tmp_path / "versio.pdf"
    download.save_as(target)
    content = target.read_bytes()
    assert content.startswith(b"%PDF-")
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages))
    for name in PARTIES:
        assert name in text, name
    assert "Allekirjoitukset" in text and "Osapuolten päätökset" in text


def test_printed_a_page_shows_its_content_without_navigation_forms_or_buttons(page: Page) -> None:
    open_the_agreement(page)
    header, on_form, buttons = page.locator(".site-header"), page.locator("form.on-date"), page.locator(".actions").first
    expect(header).to_be_visible()
    expect(on_form).to_be_visible()
    page.emulate_media(media="print")
    expect(header).to_be_hidden()
    expect(page.get_by_role("navigation", name="Päävalikko")).to_be_hidden()
    expect(on_form).to_be_hidden()
    expect(buttons).to_be_hidden()
    expect(page.locator(".skip-link")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".parties-table")).to_be_visible()

    page.emulate_media(media="screen")
    page.get_by_role("link", name="Tulosta").click()
    document = page.locator("article.print-document")
    expect(document.get_by_role("heading", name="Allekirjoitukset")).to_be_visible()
    expect(page.locator(".print-toolbar")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".print-toolbar")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".breadcrumb")).to_be_hidden()
    expect(document).to_be_visible()
    for name in ("Tampere", "Ylöjärvi"):
        expect(document.locator(".signature-party", has_text=name)).to_be_visible()
    assert document.locator("form, nav, button").count() == 0

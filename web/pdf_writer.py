"""WeasyPrint's side of the PDF files, run in a worker process (web/printing.py), never in the pages' process.

The document is laid out from what it holds and its stylesheet only: nothing is fetched, neither from the
network nor from files, so a link in an agreement's text stays a link and no address leads the server anywhere.
"""

from pathlib import Path

import weasyprint
from weasyprint.urls import URLFetcher

from api.errors import PdfTooLarge, PdfTooManyPages

STYLESHEET = Path(__file__).parent / "static" / "document.css"


class NothingFetched(URLFetcher):
    """Refuses every address: WeasyPrint leaves out what it would have loaded."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> None:
        raise ValueError(f"{url} is not fetched")


def write(html: str, max_pages: int, max_mb: int) -> bytes:
    """The document on A4 pages as document.css lays it out, tagged for screen readers (PDF/UA, in the language
    of its <html lang>); refused beyond `max_pages` pages or `max_mb` MB."""
    fetcher = NothingFetched()
    stylesheet = weasyprint.CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(stylesheets=[stylesheet])
    if len(document.pages) > max_pages:
        raise PdfTooManyPages(pages=len(document.pages), limit=max_pages)
    content: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    if len(content) > max_mb * 2**20:
        raise PdfTooLarge(limit_mb=max_mb)
    return content

"""The print documents as PDF files: the HTML of a print page, laid out by WeasyPrint on the server.

Laying out a long agreement takes seconds of CPU, so it never runs on the event loop: each file is made in a
worker process of the upload readers (api/uploads.py), with a time limit, a memory limit, at most
`pdf_max_pages` pages and `pdf_max_mb` MB. WeasyPrint is loaded by the workers' fork server only
(web/pdf_writer.py), never by the process that serves the pages.
"""

from fastapi.responses import Response

from api.errors import PdfMakersBusy, PdfTooComplex, PdfTookTooLong
from api.settings import Settings, get_settings
from api.uploads import WorkerLimits, WorkerRefusals, attachment, run_in_worker

MEDIA_TYPE = "application/pdf"
#: What the fork server of the workers imports, so that each PDF file starts with WeasyPrint loaded.
WRITER_MODULE = "web.pdf_writer"

MAKING_PDF = WorkerRefusals(busy=lambda seconds: PdfMakersBusy(seconds=seconds),
                            took_too_long=lambda seconds: PdfTookTooLong(limit_seconds=seconds),
                            too_complex=lambda mb: PdfTooComplex(limit_mb=mb))


def pdf_limits(settings: Settings) -> WorkerLimits:
    return WorkerLimits(seconds=settings.pdf_timeout_seconds, memory_bytes=settings.parse_memory_mb * 2**20,
                        workers=settings.parse_workers)


async def pdf_of(html: str, settings: Settings | None = None) -> bytes:
    """The PDF file of a print document's HTML, made in a worker within the limits of `settings`."""
    settings = settings or get_settings()
    return await run_in_worker(write_pdf, html, settings.pdf_max_pages, settings.pdf_max_mb,
                               limits=pdf_limits(settings), refusals=MAKING_PDF)


def write_pdf(html: str, max_pages: int, max_mb: int) -> bytes:
    """In the worker (the name travels to it, the code is imported there)."""
    from web.pdf_writer import write  # loaded by the worker, not by the pages' process

    return write(html, max_pages, max_mb)


def pdf_response(content: bytes, filename: str) -> Response:
    """The file as a download named in the page's language (RFC 6266, as every download of the service)."""
    return Response(content, media_type=MEDIA_TYPE, headers={"Content-Disposition": attachment(filename)})

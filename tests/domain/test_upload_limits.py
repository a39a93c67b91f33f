"""What an upload may be before reading it stops: a document's size unpacked, its parts, pages and text; CSV
line endings and NUL bytes; file names fit to store and to send back."""

import io
import pickle
import time

import pytest
from pypdf import PdfWriter

from domain.agreements import (
    DamagedDocument,
    DocumentLimits,
    DocumentTooComplex,
    DocumentTooLarge,
    Paragraph,
    Section,
    UndecodableDocument,
    import_document,
    import_text,
)
from domain.agreements.errors import (
    ParagraphTooLong,
    TextTooLong,
    TooManyBlocks,
    TooManyPages,
    TooManyParts,
    TooManySections,
    UnpackedTooLarge,
)
from domain.agreements.importing import check_size
from domain.costs.statistics_file import read_statistics_bytes
from domain.files import FileNotText, RowsWithErrors, ascii_filename, clean_filename
from domain.reference_data import CodeAlreadyOnLine, read_reference_bytes
from tests import hostile_files


def test_a_zip_bomb_is_refused_from_the_zips_directory_before_anything_is_unpacked() -> None:
    bomb = hostile_files.zip_bomb_docx(unpacked_mb=300)
    assert len(bomb) < 1_000_000
    started = time.monotonic()
    with pytest.raises(UnpackedTooLarge) as refused:
        import_document(bomb, filename="pommi.docx")
    assert time.monotonic() - started < 1
    assert refused.value.params == {"limit_mb": 30}
    assert isinstance(refused.value, DocumentTooLarge)


def test_a_docx_of_thousands_of_parts_or_nested_too_deep_is_refused() -> None:
    with pytest.raises(TooManyParts) as refused:
        import_document(hostile_files.many_parts_docx(5000), filename="osat.docx")
    assert refused.value.params == {"limit": 1000} and isinstance(refused.value, DocumentTooComplex)
    with pytest.raises(DamagedDocument):
        import_document(hostile_files.deeply_nested_docx(100_000), filename="syva.docx")


def test_the_limits_are_parameters() -> None:
    small = DocumentLimits(unpacked_bytes=2**20, parts=50)
    with pytest.raises(UnpackedTooLarge):
        import_document(hostile_files.zip_bomb_docx(unpacked_mb=2), filename="a.docx", limits=small)
    with pytest.raises(TooManyParts):
        import_document(hostile_files.many_parts_docx(60), filename="a.docx", limits=small)
    preview = import_document(hostile_files.docx_with(repeat=3), filename="a.docx")
    assert preview.kind == "docx"


def test_a_huge_text_is_refused_by_its_length_not_read() -> None:
    text = hostile_files.huge_text(9.5)
    with pytest.raises(TextTooLong) as refused:
        import_document(text, filename="sopimus.txt")
    assert refused.value.params == {"limit": 2_000_000}
    with pytest.raises(TextTooLong):
        import_text("1. Kohta\n\nTeksti.\n", limits=DocumentLimits(text_chars=10))


def test_a_text_beyond_what_a_version_holds_is_refused_with_the_limit() -> None:
    with pytest.raises(ParagraphTooLong) as refused:
        import_text("1. Kohta\n\n" + "sana " * 12_000 + "\n")
    assert refused.value.params == {"limit": 50_000}
    with pytest.raises(TooManyBlocks) as refused:
        import_text("1. Kohta\n\n" + "Kappale.\n\n" * 1001)
    assert refused.value.params == {"limit": 1000}
    with pytest.raises(TooManySections):
        check_size((), tuple(Section(str(n), "Kohta", (Paragraph("Teksti."),)) for n in range(1001)))


def test_a_pdf_of_more_pages_than_allowed_is_refused_before_its_text_is_read() -> None:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(TooManyPages) as refused:
        import_document(buffer.getvalue(), filename="sivut.pdf", limits=DocumentLimits(pages=2))
    assert refused.value.params == {"limit": 2}


def test_a_nul_in_a_text_document_is_refused() -> None:
    with pytest.raises(UndecodableDocument):
        import_document(b"1. Kohta\n\nTeks\x00ti.\n", filename="nul.txt")


def test_csv_files_with_cr_only_line_endings_are_read_line_by_line() -> None:
    reference = read_reference_bytes(hostile_files.cr_only_municipalities_csv(250_000))
    assert [(row.line, row.municipality_code, row.values["population"]) for row in reference.rows] == [
        (2, "837", 250_000)]
    rows = read_statistics_bytes(hostile_files.cr_only_statistics_csv(21_350))
    assert [(row.line, row.municipality_code, row.value) for row in rows] == [(2, "837", 21_350), (3, "536", 2_135)]
    crlf = read_statistics_bytes(b"code;statistic;reference_date;value\r\n837;jobseekers;31.12.2024;5\r\n")
    assert [row.value for row in crlf] == [5]


def test_a_duplicate_in_a_cr_only_csv_names_the_right_line() -> None:
    content = hostile_files.cr_only_municipalities_csv(1).decode()
    line = content.split("\r")[1]
    reference = read_reference_bytes((content + line + "\r").encode())
    assert [type(error) for error in reference.rows[1].errors] == [CodeAlreadyOnLine]
    assert reference.rows[1].errors[0].params["line"] == 2


def test_a_nul_byte_in_a_csv_is_refused_before_it_reaches_the_database() -> None:
    with pytest.raises(FileNotText):
        read_reference_bytes(hostile_files.cr_only_municipalities_csv(1).replace(b"Tampere", b"Tamp\x00ere"))
    with pytest.raises(FileNotText):
        read_statistics_bytes(b"code;statistic;reference_date;value\n837;jobseekers;31.12.2024;5\x00\n")


def test_an_error_with_rows_travels_back_from_a_worker_whole() -> None:
    error = RowsWithErrors([(3, [CodeAlreadyOnLine("code", municipality_code="837", line=2)])])
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.params, copy.detail) == (error.code, error.params, error.detail)
    assert [(p.field, p.code, p.params) for p in copy.field_problems] == [
        (p.field, p.code, p.params) for p in error.field_problems]


def test_file_names_are_stored_without_control_characters_and_sent_in_ascii_too() -> None:
    assert clean_filename("C:\\Users\\me\\Liite – kustannukset €.pdf") == "Liite – kustannukset €.pdf"
    assert clean_filename("liite\x00\r\nx.pdf") == "liitex.pdf"
    assert clean_filename("\x00\x01") == "liite"
    long = clean_filename("a" * 400 + ".pdf")
    assert len(long) == 300 and long.endswith(".pdf")
    assert ascii_filename("Liite – kustannukset € ä.pdf") == "Liite _ kustannukset _ a.pdf"
    assert ascii_filename('a"b\\c.pdf') == "a_b_c.pdf"

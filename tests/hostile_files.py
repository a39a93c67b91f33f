"""Files made to hurt whoever reads them, built in the tests themselves: a zip bomb, a .docx of too many
parts, one nested too deep, one slow to read, a huge text, CSV files with CR-only line endings."""

import io
import zipfile

WORD_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCUMENT_XML = "word/document.xml"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PARAGRAPH = "<w:p><w:r><w:t>Sopimus</w:t></w:r></w:p>"


def plain_docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def docx_with(document_chunks: "list[str] | None" = None, *, repeat: int = 1, extra_parts: int = 0) -> bytes:
    """A .docx whose word/document.xml is the chunks' middle part written `repeat` times (streamed, so that a
    part of hundreds of MB is never in memory at once), with `extra_parts` more small parts."""
    head, middle, tail = document_chunks or [f"<w:document {WORD_NS}><w:body>", PARAGRAPH, "</w:body></w:document>"]
    template = zipfile.ZipFile(io.BytesIO(plain_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in template.infolist():
            if info.filename != DOCUMENT_XML:
                archive.writestr(info.filename, template.read(info.filename))
        with archive.open(DOCUMENT_XML, "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{head}'.encode())
            block = (middle * 10_000).encode()
            for _ in range(repeat // 10_000):
                part.write(block)
            part.write((middle * (repeat % 10_000)).encode())
            part.write(tail.encode())
        for number in range(extra_parts):
            archive.writestr(f"customXml/extra{number}.xml", "<a/>")
    return out.getvalue()


def zip_bomb_docx(unpacked_mb: int = 300) -> bytes:
    """Some 450 KB that inflate to `unpacked_mb` MB of empty paragraphs: 50 million XML elements if read."""
    return docx_with([f"<w:document {WORD_NS}><w:body>", "<w:p/>", "</w:body></w:document>"],
                     repeat=unpacked_mb * 2**20 // len("<w:p/>"))


def many_parts_docx(parts: int = 5000) -> bytes:
    return docx_with(extra_parts=parts)


def deeply_nested_docx(depth: int = 100_000) -> bytes:
    """A document.xml nested `depth` elements deep (an XML parser that follows it recurses that far)."""
    return docx_with([f"<w:document {WORD_NS}><w:body>" + "<w:sdt><w:sdtContent>" * depth, "",
                      "</w:sdtContent></w:sdt>" * depth + "</w:body></w:document>"])


def slow_docx(rows: int = 100_000) -> bytes:
    """About 200 KB, within every size limit, that takes python-docx well over a minute: one long table."""
    row = "<w:tr>" + "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>" * 5 + "</w:tr>"
    grid = "<w:tblGrid>" + "<w:gridCol/>" * 5 + "</w:tblGrid>"
    return docx_with([f"<w:document {WORD_NS}><w:body><w:tbl>{grid}", row, "</w:tbl></w:body></w:document>"],
                     repeat=rows)


def huge_text(mb: float = 9.5) -> bytes:
    """A plain-text agreement of `mb` MB: numbered sections, each with a paragraph."""
    section = "{n}. Kohta\n\nTämä kohta on osa hyvin pitkää sopimusta, jonka kukaan ei lue loppuun.\n\n"
    chunks, size, n = [], 0, 0
    while size < mb * 2**20:
        n += 1
        chunk = section.format(n=n).encode()
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


MUNICIPALITY_HEADER = ("code,name_fi,name_sv,kind,region_code,region_fi,region_sv,wellbeing_county_fi,"
                       "wellbeing_county_sv,population_2020")


def cr_only_municipalities_csv(population: int) -> bytes:
    """Excel for Mac's CSV: lines end in a lone CR."""
    return "\r".join([
        MUNICIPALITY_HEADER,
        f"837,Tampere,Tammerfors,city,06,Pirkanmaa,Birkaland,Pirkanmaan hyvinvointialue,Birkalands välfärdsområde,"
        f"{population}", ""]).encode("utf-8")


def cr_only_statistics_csv(value: int) -> bytes:
    return "\r".join(["code;statistic;reference_date;value", f"837;jobseekers;31.12.2024;{value}",
                      f"536;jobseekers;31.12.2024;{value // 10}", ""]).encode("utf-8")

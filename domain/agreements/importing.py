"""Import of an agreement text (sopimustekstin tuonti) into sections.

Given the bytes of a .txt, .docx or .pdf file, :func:`import_document` returns
an :class:`ImportPreview` — title, preamble and numbered sections — without
saving anything. The steps are public too:

* :func:`extract_text` — bytes → text (UTF-8 text, python-docx, pypdf);
* :func:`repair_text` — undo the damage of PDF extraction: the ligatures
  ``Ɵ`` → ``ti``, ``Ʃ`` → ``tt``, ``ƫ`` → ``tti`` (and ``ﬁ``, ``ﬂ`` …), soft
  hyphens, words hyphenated at a line end where that is clear, form feeds,
  page-number lines and headers/footers repeated on every page;
* :func:`split_sections` — text → numbered sections (``1. Sopijaosapuolet``,
  ``3.2 Otsikko``, ``5 § Otsikko``), each with its paragraphs and bullet
  lists.

A version's own text goes both ways: :func:`write_sections_text` writes its
preamble and sections out for editing, and :func:`read_sections_text` reads
that text (as edited) back into the same preamble and sections.

Section numbers must run in order (1, 2, 3 …; 3.1, 3.2 under 3), which keeps
a sentence that happens to start with "2. luvussa" from being taken as a
heading.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from .errors import (
    DamagedDocument,
    DocumentError,
    EmptyDocument,
    EmptyFile,
    EncryptedPdf,
    ImportWarning,
    ListTooLong,
    NoSectionsFound,
    OldWordDocument,
    ParagraphTooLong,
    PdfWithoutText,
    SectionWithoutText,
    TextTooLong,
    TooManyBlocks,
    TooManyPages,
    TooManyParts,
    TooManySections,
    UndecodableDocument,
    UnnumberedHeadings,
    UnpackedTooLarge,
    UnreadableDocx,
    UnreadablePdf,
    UnsupportedDocument,
    ZipNotWord,
)
from .proposals import parties_text, proposed_effective_date, proposed_notice_months
from .sections import (
    MAX_BLOCKS,
    MAX_ITEM_CHARS,
    MAX_LIST_ITEMS,
    MAX_PARAGRAPH_CHARS,
    MAX_SECTIONS,
    Block,
    BulletList,
    Paragraph,
    Section,
)


class DocumentKind(StrEnum):
    """The kind of a document handed in for import."""

    TXT = "txt"
    DOCX = "docx"
    PDF = "pdf"


@dataclass(frozen=True)
class DocumentLimits:
    """How much of a document an import reads before it refuses (tuontirajat): a .docx's unpacked bytes
    and parts (checked from the zip's directory before anything is unpacked), a PDF's pages and the
    characters of the text read out of any document."""

    unpacked_bytes: int = 30 * 2**20
    parts: int = 1000
    pages: int = 500
    text_chars: int = 2_000_000


@dataclass(frozen=True)
class Repairs:
    """What :func:`repair_text` changed (shown in the import preview)."""

    ligatures: int = 0
    soft_hyphens: int = 0
    hyphenations: int = 0
    page_lines: int = 0
    form_feeds: int = 0

    @property
    def total(self) -> int:
        return (
            self.ligatures
            + self.soft_hyphens
            + self.hyphenations
            + self.page_lines
            + self.form_feeds
        )


@dataclass(frozen=True)
class ImportPreview:
    """The result of an import, for showing before anything is saved.

    ``title`` is the document's heading before the first section (if any),
    ``preamble`` the other text before it, ``sections`` the numbered sections.
    """

    kind: DocumentKind
    title: str | None
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    repairs: Repairs = field(default_factory=Repairs)
    warnings: tuple[ImportWarning, ...] = ()
    notice_months: int | None = None
    """The notice period the text gives, proposed ("6 kuukauden irtisanomisajalla" → 6)."""
    effective_date: date | None = None
    """The day the text says the agreement comes into force, proposed."""
    parties_text: str = ""
    """The text that names the parties, for proposing them among the organisations of an area."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "title": self.title,
            "proposed_notice_months": self.notice_months,
            "proposed_effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "preamble": [b.to_dict() for b in self.preamble],
            "sections": [s.to_dict() for s in self.sections],
            "repairs": {
                "ligatures": self.repairs.ligatures,
                "soft_hyphens": self.repairs.soft_hyphens,
                "hyphenations": self.repairs.hyphenations,
                "page_lines": self.repairs.page_lines,
                "form_feeds": self.repairs.form_feeds,
            },
            "warnings": [{"code": w.code, "params": w.params, "message": w.detail} for w in self.warnings],
        }


# --- the whole import ---------------------------------------------------------


def import_document(
    data: bytes, *, filename: str | None = None, media_type: str | None = None,
    limits: DocumentLimits = DocumentLimits(),
) -> ImportPreview:
    """Read a .txt, .docx or .pdf document (kind from its content, else from
    ``filename`` / ``media_type``) and split it into sections."""
    kind = detect_kind(data, filename=filename, media_type=media_type)
    return import_text(extract_text(data, kind, limits), kind=kind, limits=limits)


def import_text(
    text: str, *, kind: DocumentKind = DocumentKind.TXT, limits: DocumentLimits = DocumentLimits()
) -> ImportPreview:
    """Repair ``text`` and split it into sections, refusing a text beyond what a version can hold."""
    if len(text) > limits.text_chars:
        raise TextTooLong(limit=limits.text_chars)
    repaired, repairs = repair_text(text)
    if not repaired.strip():
        raise EmptyDocument()
    title, preamble, sections, warnings = split_sections(repaired)
    check_size(preamble, sections)
    return ImportPreview(
        kind=kind,
        title=title,
        preamble=preamble,
        sections=sections,
        repairs=repairs,
        warnings=warnings,
        notice_months=proposed_notice_months(repaired),
        effective_date=proposed_effective_date(repaired),
        parties_text=parties_text(preamble, sections),
    )


def check_size(preamble: Sequence[Block], sections: Sequence[Section]) -> None:
    """Refuse a text with more sections, blocks or list items, or longer paragraphs, than a version holds."""
    if len(sections) > MAX_SECTIONS:
        raise TooManySections(limit=MAX_SECTIONS)
    for blocks in (preamble, *(section.blocks for section in sections)):
        if len(blocks) > MAX_BLOCKS:
            raise TooManyBlocks(limit=MAX_BLOCKS)
        for block in blocks:
            if isinstance(block, BulletList):
                if len(block.items) > MAX_LIST_ITEMS:
                    raise ListTooLong(limit=MAX_LIST_ITEMS)
                if any(len(item) > MAX_ITEM_CHARS for item in block.items):
                    raise ParagraphTooLong(limit=MAX_ITEM_CHARS)
            elif len(block.text) > MAX_PARAGRAPH_CHARS:
                raise ParagraphTooLong(limit=MAX_PARAGRAPH_CHARS)


# --- bytes → text --------------------------------------------------------------

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"


def detect_kind(
    data: bytes, *, filename: str | None = None, media_type: str | None = None
) -> DocumentKind:
    """The document kind, from its first bytes (``%PDF-``; a zip is taken for
    .docx), else from the file name's extension or the media type; text
    otherwise. A legacy .doc (or another zip) is refused."""
    name = (filename or "").lower()
    media = (media_type or "").lower()
    if data.lstrip()[:5] == _PDF_MAGIC or data[:1024].find(_PDF_MAGIC) != -1:
        return DocumentKind.PDF
    if data.startswith(_ZIP_MAGIC):
        if name.endswith((".docx", ".docm")) or "wordprocessingml" in media or not name:
            return DocumentKind.DOCX
        raise ZipNotWord(filename=filename or "")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise OldWordDocument()
    if name.endswith(".pdf") or media == "application/pdf":
        raise DamagedDocument(filename=filename or "", kind="PDF")
    if name.endswith(".docx") or "wordprocessingml" in media:
        raise DamagedDocument(filename=filename or "", kind=".docx")
    return DocumentKind.TXT


def extract_text(data: bytes, kind: DocumentKind, limits: DocumentLimits = DocumentLimits()) -> str:
    """The text of a document. Raises :class:`EmptyDocument` when there is no
    text, :class:`UndecodableDocument` for text that is not UTF-8,
    :class:`DamagedDocument` for a .docx/.pdf that cannot be parsed, and
    :class:`DocumentTooLarge` / :class:`DocumentTooComplex` for one beyond
    ``limits``."""
    if not data:
        raise EmptyFile()
    if kind is DocumentKind.TXT:
        text = _text_from_txt(data)
    elif kind is DocumentKind.DOCX:
        text = _text_from_docx(data, limits)
    elif kind is DocumentKind.PDF:
        text = _text_from_pdf(data, limits)
    else:  # pragma: no cover - exhaustive
        raise UnsupportedDocument()
    if len(text) > limits.text_chars:
        raise TextTooLong(limit=limits.text_chars)
    if not text.strip():
        if kind is DocumentKind.PDF:
            raise PdfWithoutText()
        raise EmptyDocument()
    return text


def _text_from_txt(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UndecodableDocument(exc.start, exc.reason) from None
    if "\x00" in text:
        raise UndecodableDocument(text.index("\x00"), "NUL byte; not a text file")
    return text


_HEADING_STYLE = re.compile(r"^(heading|otsikko)\s*(\d)$", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*\.?|\d{1,3}\s*§|§\s*\d{1,3})\s")


def check_docx_archive(data: bytes, limits: DocumentLimits) -> None:
    """Refuse a .docx (a zip) with too many parts or unpacking to too many bytes, from the zip's directory
    alone, before anything is unpacked. The sizes the directory declares bind: zipfile stops reading a
    part at its declared size, so a part cannot inflate beyond what was checked here."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise UnreadableDocx(reason=str(exc)) from None
    if len(parts) > limits.parts:
        raise TooManyParts(limit=limits.parts)
    if sum(part.file_size for part in parts) > limits.unpacked_bytes:
        raise UnpackedTooLarge(limit_mb=limits.unpacked_bytes // 2**20)


def _text_from_docx(data: bytes, limits: DocumentLimits = DocumentLimits()) -> str:
    """Paragraph by paragraph, blank lines between; list paragraphs as ``• ``
    items; top-level headings (style "Heading 1" / "Otsikko 1") without a
    written number get their displayed number in order ("1. ", "2. " …), as
    Word's automatic heading numbering shows them; tables row by row."""
    check_docx_archive(data, limits)
    try:
        import docx  # python-docx

        return _docx_text(docx.Document(io.BytesIO(data)), limits)
    except DocumentError:
        raise
    except Exception as exc:  # zipfile.BadZipFile, KeyError, lxml errors, a part python-docx does not expect …
        raise UnreadableDocx(reason=str(exc)) from None


def _docx_text(document: Any, limits: DocumentLimits) -> str:
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    out: list[str] = []
    heading_number = 0
    for count, item in enumerate(document.iter_inner_content(), start=1):
        if count % 500 == 0 and sum(map(len, out)) > limits.text_chars:
            raise TextTooLong(limit=limits.text_chars)  # stop reading early; the whole text is checked after
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    out.append(" | ".join(cells))
                    out.append("")
            continue
        assert isinstance(item, DocxParagraph)
        text = item.text.replace("\t", " ").strip()
        if not text:
            continue
        style = (item.style.name if item.style is not None else "") or ""
        heading = _HEADING_STYLE.match(style)
        if heading:
            if heading.group(2) == "1":
                heading_number += 1
                if not _LEADING_NUMBER.match(text + " "):
                    text = f"{heading_number}. {text}"
            out.append(text)
        elif _is_docx_list(item, style):
            out.append(f"• {text}")
        else:
            out.append(text)
        out.append("")
    return "\n".join(out)


def _is_docx_list(paragraph: Any, style: str) -> bool:
    if style.lower().startswith(("list", "luettelo")):
        return True
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def _text_from_pdf(data: bytes, limits: DocumentLimits = DocumentLimits()) -> str:
    """Page texts joined with form feeds (so page furniture can be found); a NUL that extraction leaves
    behind is dropped."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedPdf()
        if len(reader.pages) > limits.pages:
            raise TooManyPages(limit=limits.pages)
        pages: list[str] = []
        length = 0
        for page in reader.pages:
            pages.append((page.extract_text() or "").replace("\x00", ""))
            length += len(pages[-1]) + 1
            if length > limits.text_chars:
                raise TextTooLong(limit=limits.text_chars)
    except DocumentError:
        raise
    except Exception as exc:  # pypdf.errors.PdfReadError and friends
        raise UnreadablePdf(reason=str(exc)) from None
    return "\f".join(pages)


# --- repairs ---------------------------------------------------------------------

LIGATURES = {
    "Ɵ": "ti",
    "Ʃ": "tt",
    "ƫ": "tti",
    "ﬁ": "fi",
    "ﬂ": "fl",
    "ﬀ": "ff",
    "ﬃ": "ffi",
    "ﬄ": "ffl",
    "ﬅ": "st",
    "ﬆ": "st",
}
_LIGATURE_RE = re.compile("|".join(map(re.escape, LIGATURES)))
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = {
    ord(c): " "
    for c in "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
}
_PRIVATE_BULLET = re.compile(r"^(\s*)[\ue000-\uf8ff]\s*", re.MULTILINE)
_PAGE_NUMBER = re.compile(
    r"""^(?:
        \d{1,3}
      | [-–—]\s*\d{1,3}\s*[-–—]
      | (?:sivu|sida|page|s\.)\s*\d{1,3}(?:\s*(?:/|\(|of|\s)\s*\d{1,3}\)?)?
      | \d{1,3}\s*\(\s*\d{1,3}\s*\)
      | \d{1,3}\s*/\s*\d{1,3}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Words that follow a hyphen ending a compound's first part: "työllisyys- ja".
_CONNECTORS = {"ja", "tai", "sekä", "eli", "että", "kuin", "ynnä", "och", "eller", "and", "or"}
_VOWELS = set("aeiouyåäö")
_LINE_END_HYPHEN = re.compile(r"(?<=[a-zåäöü])-$")


def repair_text(text: str, *, pages: bool = True) -> tuple[str, Repairs]:
    """The text with PDF-extraction damage undone, and what was changed.

    ``pages=False`` for a text that was never laid out on pages (a version's
    text as written out for editing): a line that looks like a page number or
    a running header is then the agreement's own and stays."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text, ligatures = _LIGATURE_RE.subn(lambda m: LIGATURES[m.group(0)], text)

    soft = text.count("\u00ad")
    text = re.sub("\u00ad[ \t]*\n[ \t]*", "", text)  # hyphenation by a soft hyphen
    text = text.replace("\u00ad", "")
    text = text.translate(_INVISIBLE).translate(_SPACES)
    text = _PRIVATE_BULLET.sub(r"\1• ", text)  # Symbol-font bullets (U+F0B7 …)

    form_feeds = text.count("\f") + text.count("\v")
    paged = [page.split("\n") for page in re.split("[\f\v]", text)]
    page_lines = 0
    if pages:
        paged, page_lines = _drop_page_furniture(paged)
    lines = [line.rstrip() for page in paged for line in page]

    lines, hyphenations = _join_hyphenated(lines)
    repaired = "\n".join(lines).strip("\n") + "\n"
    return repaired, Repairs(
        ligatures=ligatures,
        soft_hyphens=soft,
        hyphenations=hyphenations,
        page_lines=page_lines,
        form_feeds=form_feeds,
    )


def _drop_page_furniture(pages: list[list[str]]) -> tuple[list[list[str]], int]:
    """Drop page-number lines, then a header or footer line repeated (digits
    aside) as the first or last line of most pages when there are three or
    more pages."""
    dropped = 0
    numbered: list[list[str]] = []
    for page in pages:
        kept = [line for line in page if not _PAGE_NUMBER.match(" ".join(line.split()))]
        dropped += len(page) - len(kept)
        numbered.append(kept)
    if len(numbered) < 3:
        return numbered, dropped

    def edges(page: list[str]) -> set[int]:
        content = [i for i, line in enumerate(page) if line.strip()]
        return {content[0], content[-1]} if content else set()

    counts: Counter[str] = Counter()
    for page in numbered:
        counts.update({_furniture_key(page[i]) for i in edges(page)})
    need = max(3, (len(numbered) * 6 + 9) // 10)
    repeated = {key for key, count in counts.items() if count >= need}
    result = []
    for page in numbered:
        at_edge = edges(page)
        kept = [
            line
            for i, line in enumerate(page)
            if not (i in at_edge and _furniture_key(line) in repeated)
        ]
        dropped += len(page) - len(kept)
        result.append(kept)
    return result, dropped


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _join_hyphenated(lines: list[str]) -> tuple[list[str], int]:
    """Join a word split at a line end ("aiesopi-" + "muksen") where that is
    clear: a lowercase letter before the hyphen and a lowercase word after it.
    A connector after it ("työllisyys-" + "ja") keeps the hyphen and a space;
    the same vowel on both sides ("työnhakija-" + "asiakkaiden") keeps the
    hyphen, as Finnish spelling requires."""
    out: list[str] = []
    joins = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        while i + 1 < len(lines) and _LINE_END_HYPHEN.search(line.rstrip()):
            nxt = lines[i + 1].strip()
            if not nxt or not nxt[0].islower():
                break
            first_word = re.split(r"[\s,.;:]", nxt, maxsplit=1)[0]
            head = line.rstrip()
            if first_word in _CONNECTORS:
                line = head + " " + nxt
            elif head[-2].lower() == nxt[0] and nxt[0] in _VOWELS:
                line = head + nxt
            else:
                line = head[:-1] + nxt
            joins += 1
            i += 1
        out.append(line)
        i += 1
    return out, joins


# --- text → sections ------------------------------------------------------------

_UPPER_START = re.compile(r"^[\"”“'(]?[A-ZÅÄÖÜ]")
_DOTTED_HEADING = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<title>\S.*)$")
_PARAGRAPH_HEADING = re.compile(
    r"^(?:(?P<num>\d{1,3})\s*§|§\s*(?P<num2>\d{1,3}))\.?\s+(?P<title>\S.*)$"
)
_EXPLICIT_BULLET = re.compile(
    r"^(?:[•·▪◦‣∙●○■□►➢➤✓✔*]|[-–—](?=\s)|o(?=\s+[A-ZÅÄÖ0-9(\"”]))\s*(?P<text>.*)$"
)
_ENUMERATED = re.compile(r"^(?:\d{1,2}|[a-zåäö])\)\s+\S")
_TERMINAL = tuple(".!?")


@dataclass
class _Line:
    indent: int
    text: str  # stripped, spaces collapsed


@dataclass
class _Block:
    kind: str  # "p" or "list"
    parts: list[list[str]]  # paragraph: [lines]; list: one [lines] per item

    def last_line(self) -> str:
        return self.parts[-1][-1]

    def add_line(self, text: str) -> None:
        self.parts[-1].append(text)


@dataclass
class _Section:
    number: str | None
    title: str
    blocks: list[_Block] = field(default_factory=list)


def split_sections(
    text: str,
) -> tuple[str | None, tuple[Block, ...], tuple[Section, ...], tuple[ImportWarning, ...]]:
    """Split repaired text into (title, preamble blocks, sections, warnings).

    A heading is a line "N. Otsikko", "N.M Otsikko" or "N § Otsikko" whose
    number is the next in order and whose title starts with a capital and is
    short; a heading's title continues on the following lines up to a blank
    line when they start in lowercase. Paragraphs are separated by blank lines;
    a lowercase line after a blank line that follows an unfinished sentence
    continues it (a page break) when that line is a long, wrapped one. Bullets
    are lines starting with a bullet sign ("•", "-", "o", "") or, where
    extraction lost the sign and left one space, a line of one leading space
    and a capital that follows a lead-in ("…:") or another item.

    Without any numbered heading, headings are found by layout (a short line
    on its own, see :func:`_plain_heading`) and have no number; without those
    either, the whole text is one section.
    """
    raw_lines = text.split("\n")
    lines = [
        None if not raw.strip() else _Line(len(raw) - len(raw.lstrip(" ")), " ".join(raw.split()))
        for raw in raw_lines
    ]
    sparse = _is_sparse(lines)
    warnings: list[ImportWarning] = []
    preamble, sections = _assemble(lines, numbered=True)
    if not sections:
        preamble, sections = _assemble(lines, numbered=False)
        if sections:
            warnings.append(UnnumberedHeadings())

    title: str | None = None
    pre_blocks = _finish(preamble.blocks, sparse)
    if pre_blocks and isinstance(pre_blocks[0], Paragraph) and len(pre_blocks[0].text) <= 200:
        title = pre_blocks[0].text
        pre_blocks = pre_blocks[1:]

    if not sections:
        warnings.append(NoSectionsFound())
        return title, (), (Section(None, "", pre_blocks),), tuple(warnings)

    result = tuple(Section(s.number, s.title, _finish(s.blocks, sparse)) for s in sections)
    for section in result:
        if not section.blocks:
            warnings.append(SectionWithoutText(number=section.number, title=section.title))
    return title, pre_blocks, result, tuple(warnings)


def write_sections_text(preamble: Sequence[Block], sections: Sequence[Section]) -> str:
    """A version's text written out for editing (and as :func:`read_sections_text`
    reads it back): the preamble's blocks, then each section's heading on a line
    of its own ("3. Otsikko", "3.2. Otsikko"), then its blocks; a blank line
    between any two of them, a list's items on lines of their own starting with
    "• "."""
    parts = [_block_text(block) for block in preamble]
    for section in sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(_block_text(block) for block in section.blocks)
    return "\n\n".join(parts) + "\n" if parts else ""


def _block_text(block: Block) -> str:
    if isinstance(block, BulletList):
        return "\n".join(f"• {item}" for item in block.items)
    return block.text


def read_sections_text(text: str) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    """A version's text as written by :func:`write_sections_text` and edited by a
    person → (preamble, sections).

    The same reading as an import's, for a text that is the agreement's own
    rather than a document's: everything before the first section is the
    preamble (no title is taken off it), the numbering may start at any number,
    a blank line always separates paragraphs, and lines that look like page
    numbers stay. A text without numbered headings is read by layout, and
    without those either it is one section.
    """
    repaired, _ = repair_text(text, pages=False)
    if not repaired.strip():
        return (), ()
    lines = [
        None if not raw.strip() else _Line(len(raw) - len(raw.lstrip(" ")), " ".join(raw.split()))
        for raw in repaired.split("\n")
    ]
    preamble, sections = _assemble(lines, numbered=True, written=True)
    if not sections:
        preamble, sections = _assemble(lines, numbered=False, written=True)
    pre_blocks = _finish(preamble.blocks, sparse=False)
    if not sections:
        return (), (Section(None, "", pre_blocks),)
    return pre_blocks, tuple(Section(s.number, s.title, _finish(s.blocks, sparse=False)) for s in sections)


def _assemble(
    lines: list[_Line | None], *, numbered: bool, written: bool = False
) -> tuple[_Section, list[_Section]]:
    """Group lines into the preamble and sections of paragraph/list blocks.

    ``written``: the text is a version's own as written out for editing, not a
    document's extraction: the first numbered heading may have any number (an
    amendment may hold only sections 5 to 7), a blank line always ends a
    paragraph (no page breaks to mend), and in the layout fallback the first
    line may be a heading (the title is not part of the text)."""
    preamble = _Section(None, "")
    sections: list[_Section] = []
    current = preamble
    top, sub = 0, 0
    blank_before = True
    i = 0
    while i < len(lines):
        line = lines[i]
        if line is None:
            blank_before = True
            i += 1
            continue
        blank_after = i + 1 >= len(lines) or lines[i + 1] is None
        heading: tuple[str | None, str, int, int] | None
        if numbered:
            heading = _heading(line.text, top, sub, blank_before and blank_after, any_first=written)
        elif current is preamble and not preamble.blocks and not written:
            heading = None  # the first line is the document's title
        else:
            plain = _plain_heading(lines, i, blank_before and blank_after)
            heading = None if plain is None else (None, plain, 0, 0)
        if heading is not None:
            number, title, top, sub = heading
            while i + 1 < len(lines):
                following = lines[i + 1]
                if (
                    following is None
                    or title.endswith((".", ":"))
                    or not following.text[:1].islower()
                    or len(title) + len(following.text) >= 150
                ):
                    break
                i += 1
                title = f"{title} {following.text}"
            current = _Section(number, title)
            sections.append(current)
            blank_before = False
            i += 1
            continue

        last = current.blocks[-1] if current.blocks else None
        bullet = _EXPLICIT_BULLET.match(line.text)
        if bullet and bullet.group("text"):
            item = bullet.group("text")
            if last is not None and last.kind == "list":
                last.parts.append([item])
            else:
                current.blocks.append(_Block("list", [[item]]))
        elif _ENUMERATED.match(line.text) and (
            (last is not None and last.kind == "list") or _is_lead_in(last)
        ):
            if last is not None and last.kind == "list":
                last.parts.append([line.text])
            else:
                current.blocks.append(_Block("list", [[line.text]]))
        elif (
            line.indent == 1
            and _UPPER_START.match(line.text)
            and last is not None
            and (last.kind == "list" or _is_lead_in(last))
        ):
            # The bullet sign was lost in extraction, one space left behind.
            if last.kind == "list":
                last.parts.append([line.text])
            else:
                current.blocks.append(_Block("list", [[line.text]]))
        elif last is not None and not blank_before:
            last.add_line(line.text)
        elif (
            not written
            and last is not None
            and line.text[:1].islower()
            and len(last.last_line()) >= 50
            and not last.last_line().endswith((*_TERMINAL, ":"))
        ):
            last.add_line(line.text)  # a sentence broken by a page break
        else:
            current.blocks.append(_Block("p", [[line.text]]))
        blank_before = False
        i += 1
    return preamble, sections


def _plain_heading(lines: list[_Line | None], i: int, isolated: bool) -> str | None:
    """An unnumbered heading: a short line on its own between blank lines,
    starting with a capital, without a closing punctuation mark, followed by
    a longer line of text."""
    line = lines[i]
    assert line is not None, "only a line with text can be a heading"
    text = line.text
    if (
        not isolated
        or not _UPPER_START.match(text)
        or len(text) > 80
        or len(text.split()) > 8
        or text.endswith((*_TERMINAL, ":", ",", ";", "-"))
        or _EXPLICIT_BULLET.match(text)
    ):
        return None
    following = next((line for line in lines[i + 1 :] if line is not None), None)
    if (
        following is None
        or len(following.text) <= len(text)
        or _EXPLICIT_BULLET.match(following.text)
    ):
        return None
    return text


def _heading(
    text: str, top: int, sub: int, isolated: bool, *, any_first: bool = False
) -> tuple[str, str, int, int] | None:
    """(number, title, new top, new sub) when ``text`` is the next heading;
    with ``any_first``, a heading on a line of its own before any other may
    have any number."""
    match = _PARAGRAPH_HEADING.match(text) or _DOTTED_HEADING.match(text)
    if match is None:
        return None
    number = match.group("num") or match.groupdict().get("num2")
    assert number is not None  # each pattern has a number in every alternative
    title = match.group("title").strip()
    if (
        not _UPPER_START.match(title)
        or len(title) > 120
        or len(title.split()) > 15
        or title.endswith((",", ";"))
    ):
        return None
    parts = [int(p) for p in number.split(".")]
    if any_first and top == 0 and isolated and len(parts) <= 2:
        written = str(parts[0]) if len(parts) == 1 else str(number)
        return written, title, parts[0], parts[1] if len(parts) == 2 else 0
    if len(parts) == 1:
        n = parts[0]
        if n == top + 1 or (isolated and top < n <= top + 3):
            return str(n), title, n, 0
        return None
    if len(parts) == 2 and parts[0] == top and parts[1] == sub + 1:
        return number, title, top, parts[1]
    return None


def _is_lead_in(block: _Block | None) -> bool:
    """A paragraph ending in ':' or without a full stop introduces a list."""
    return (
        block is not None
        and block.kind == "p"
        and not block.last_line().endswith(_TERMINAL)
    )


def _is_sparse(lines: list[_Line | None]) -> bool:
    """True when blank lines hardly separate paragraphs (typical of PDF text)."""
    content = sum(1 for line in lines if line is not None)
    blanks = len(lines) - content
    return content >= 10 and blanks * 20 < content


def _finish(blocks: list[_Block], sparse: bool) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in blocks:
        if block.kind == "list":
            out.append(BulletList(tuple(_join(item) for item in block.parts)))
        elif sparse:
            out.extend(Paragraph(_join(part)) for part in _soft_paragraphs(block.parts[0]))
        else:
            out.append(Paragraph(_join(block.parts[0])))
    return tuple(out)


def _soft_paragraphs(lines: list[str]) -> list[list[str]]:
    """Where blank lines are missing, end a paragraph after a clearly short
    line that ends a sentence."""
    longest = max(len(line) for line in lines)
    if len(lines) < 3 or longest < 50:
        return [lines]
    parts: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        parts[-1].append(line)
        if (
            index < len(lines) - 1
            and line.endswith((*_TERMINAL, ":"))
            and len(line) < 0.6 * longest
        ):
            parts.append([])
    return parts


def _join(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())

"""What makes an uploaded CSV file unreadable as a whole, shared by every reader of such files."""

import csv
import io
import unicodedata

from domain.errors import FieldProblem, InvalidValue


class UnreadableFile(InvalidValue):
    """The file as a whole cannot be read (422 on the field `file`)."""

    code = "file.unreadable"
    message = "The file cannot be read."

    def __init__(self, **params: object) -> None:
        super().__init__("file", **params)


class FileNotText(UnreadableFile):
    code = "file.not_text"
    message = "The file is not text in UTF-8."


class FileEmpty(UnreadableFile):
    code = "file.empty"
    message = "The file is empty."


class FileNotCsv(UnreadableFile):
    code = "file.not_csv"
    message = "The file is not valid CSV: {reason}."


class FileWithoutRows(UnreadableFile):
    code = "file.no_rows"
    message = "The file has a header but no rows."


class FileTooLarge(UnreadableFile):
    code = "file.too_large"
    message = "The file is larger than {limit_mb} MB."


class FileTookTooLong(UnreadableFile):
    """Reading the file took longer than the time allowed for reading one (422)."""

    code = "file.took_too_long"
    message = "Reading the file took longer than {limit_seconds} seconds; it was stopped."


class FileTooComplex(UnreadableFile):
    """Reading the file needed more memory than allowed for reading one (422)."""

    code = "file.too_complex"
    message = "The file is too complex to read within {limit_mb} MB of memory."


def decode(content: bytes) -> str:
    """UTF-8 (with or without a byte-order mark); Excel's Windows-1252 exports are read too. A NUL is
    refused: no text file holds one, and no database text column takes it."""
    if b"\x00" in content:
        raise FileNotText()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileNotText()


def clean_filename(name: str, default: str = "liite") -> str:
    """A file name as sent by a browser, fit to store and to show: the last part of a path, composed (NFC),
    without control characters (a NUL, a line break); `default` when nothing is left. At most 300 characters,
    the extension kept."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = " ".join("".join(c for c in name if unicodedata.category(c)[0] != "C" or c == " ").split())
    if len(name) > 300:
        stem, dot, extension = name.rpartition(".")
        name = (stem[: 299 - len(extension)] + dot + extension) if dot and len(extension) <= 10 else name[:300]
    return name or default


def ascii_filename(name: str, default: str = "liite") -> str:
    """The name in ASCII for clients that do not read RFC 6266's filename*: accents dropped (ä → a), other
    characters outside printable ASCII and quotes and backslashes as "_"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in plain).strip()
    return out or default


def csv_lines(text: str) -> io.StringIO:
    """The text for csv.reader: lines may end in CR LF, LF or a lone CR (Excel for Mac)."""
    return io.StringIO(text, newline="")


def csv_header(reader: "csv.DictReader[str]") -> list[str]:
    """The column names of the first line; a first line that is not CSV is the file's fault (422)."""
    try:
        return list(reader.fieldnames or [])
    except csv.Error as error:
        raise FileNotCsv(reason=str(error)) from None


class RowsWithErrors(UnreadableFile):
    """An import with any row in error saves nothing (422, each row's problems listed)."""

    code = "import.rows_with_errors"
    message = "{count} rows with errors; nothing was saved."

    def __init__(self, rows: "list[tuple[int, list[InvalidValue]]]") -> None:
        self.rows = rows
        super().__init__(count=len(rows))

    @property
    def field_problems(self) -> list[FieldProblem]:
        return [FieldProblem(f"line {line}", problem.code, {**problem.params, "column": problem.field}, problem.detail)
                for line, problems in self.rows for problem in problems]

"""What makes an uploaded CSV file unreadable as a whole, shared by every reader of such files."""

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


def decode(content: bytes) -> str:
    """UTF-8 (with or without a byte-order mark); Excel's Windows-1252 exports are read too."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileNotText()


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

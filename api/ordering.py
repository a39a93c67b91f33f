"""Orders the same on every database: text by code point, as Python sorts it and keyset cursors compare it (Å, Ä
and Ö after Z, as the Finnish and Swedish alphabets have them); codes in the order of what they mean."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, String, case
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class bytewise(FunctionElement[str]):  # noqa: N801 (reads as a SQL function)
    """`column` under the database's binary collation: SQLite compares text byte by byte already; PostgreSQL's
    default collation follows the locale, so it is asked for "C", whose UTF-8 byte order is code-point order."""

    type = String()
    name = "bytewise"
    inherit_cache = True


@compiles(bytewise)
def _compile_default(element: bytewise, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(bytewise, "postgresql")
def _compile_postgresql(element: bytewise, compiler: SQLCompiler, **kw: Any) -> str:
    return f'({compiler.process(element.clauses, **kw)}) COLLATE "C"'


def in_order_of(column: Any, values: Iterable[Any]) -> ColumnElement[int]:
    """`column`'s position among `values` (an enum in its declared order: a status in its lifecycle's), for sorting
    by what a code means rather than by how it is spelt; any other value after them."""
    positions = {str(value): position for position, value in enumerate(values)}
    return case(positions, value=column, else_=len(positions))

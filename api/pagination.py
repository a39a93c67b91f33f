"""Sorted lists, a page at a time: each list names the columns it sorts by, and pages by keyset on (the chosen
column, what breaks ties, the id). A cursor holds the last row's values with the sort it was made for, so it is
refused under another."""

import base64
import binascii
import inspect
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum, StrEnum
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import Boolean, ColumnElement, Integer, Select, String, TypeDecorator, and_, cast, or_, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from api.errors import UnknownCursor
from api.ordering import bytewise

Item = TypeVar("Item")

MAX_LIMIT = 500
# A cursor holds the sorted column's value and the tie-breakers' (an area's name and an agreement's title of 500
# letters, each up to four bytes in UTF-8), in base64.
MAX_CURSOR = 4096


class Page(BaseModel, Generic[Item]):
    """One page of a list and the cursor of the next page (null on the last)."""

    items: list[Item]
    next_cursor: str | None = Field(None, description="Pass as `cursor` to get the next page.")


class SortOrder(StrEnum):
    """Ascending or descending; rows without a value come last either way."""

    ASC = "asc"
    DESC = "desc"


class SortParams(BaseModel):
    """The sort asked for; None: the list's own."""

    sort: str | None = None
    order: SortOrder | None = None


class PageParams(SortParams):
    limit: int
    cursor: str | None


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many items at most.")] = 50,
    cursor: Annotated[str | None, Query(max_length=MAX_CURSOR, description="From the previous page's `next_cursor`.")]
    = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


@dataclass(frozen=True)
class SortKey:
    """A column a list sorts by: an SQL expression of the list's statement (a column, a joined column, a
    correlated subquery), and whether it can be NULL (those rows come last, ascending and descending)."""

    expression: ColumnElement[Any]
    nullable: bool = False


def sort_key(key: "SortKey | InstrumentedAttribute[Any] | ColumnElement[Any]") -> SortKey:
    """A key as given, a mapped column taking its nullability from the column; text compares by code point on every
    database (api.ordering.bytewise), so that SQLite and PostgreSQL order it alike and the cursor compares as sorted;
    false comes before true."""
    if not isinstance(key, SortKey):
        expression: ColumnElement[Any] = key.expression if isinstance(key, InstrumentedAttribute) else key
        key = SortKey(expression, nullable=bool(getattr(expression, "nullable", False)))
    if isinstance(key.expression.type, String) and not isinstance(key.expression, bytewise):
        key = SortKey(bytewise(key.expression), key.nullable)
    if isinstance(key.expression.type, Boolean):  # SQL compares no truth values by < and >: false is 0, true 1
        key = SortKey(cast(key.expression, Integer), key.nullable)
    return key


class Sorting:
    """The columns one list sorts by, its default sort, and the query parameters that choose one (`sort`, an
    enum named `name` in the OpenAPI document, and `order`). Rows alike in the column come in the order of the keys
    named in `then` (a list's natural order: decisions by meeting date) and of their id, in the same direction."""

    def __init__(self, name: str, keys: Mapping[str, Any], *, default: str, order: SortOrder = SortOrder.ASC,
                 description: str = "", then: Sequence[str] = ()) -> None:
        self.keys = {key: sort_key(value) for key, value in keys.items()}
        self.then = list(then)
        if any(key not in self.keys or self.keys[key].nullable for key in self.then):
            raise ValueError(f"{name}: what breaks ties must be one of its keys, with a value in every row")
        if default not in self.keys:
            raise ValueError(f"{name}: the default {default!r} is not one of its keys")
        self.name = name
        self.default = default
        self.default_order = order
        self.description = description or "The column to sort by; ties by id."
        self.choices: type[Enum] = StrEnum(name, [(key, key) for key in self.keys])  # type: ignore[misc]
        self.choices.__doc__ = "The columns the list sorts by."
        self.page_params = self.dependency(paged=True)
        self.sort_params = self.dependency(paged=False)

    def dependency(self, *, paged: bool) -> Callable[..., Any]:
        """A FastAPI dependency reading `sort` and `order` (and, `paged`, `limit` and `cursor`)."""

        def chosen(sort: Enum, order: SortOrder, page: PageParams | None = None) -> SortParams:
            if page is None:
                return SortParams(sort=str(sort.value), order=order)
            return page.model_copy(update={"sort": str(sort.value), "order": order})

        parameters = [
            inspect.Parameter("sort", inspect.Parameter.KEYWORD_ONLY, default=self.choices(self.default),
                              annotation=Annotated[self.choices, Query(description=self.description)]),
            inspect.Parameter("order", inspect.Parameter.KEYWORD_ONLY, default=self.default_order,
                              annotation=Annotated[SortOrder, Query(description="`asc` or `desc`; rows without a "
                                                                    "value in the column come last either way.")]),
        ]
        if paged:
            parameters.insert(0, inspect.Parameter("page", inspect.Parameter.KEYWORD_ONLY,
                                                   annotation=Annotated[PageParams, Depends(page_params)]))
        chosen.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        return chosen

    def chosen(self, params: SortParams) -> tuple[str, SortKey, SortOrder]:
        name = params.sort if params.sort is not None and params.sort in self.keys else self.default
        return name, self.keys[name], params.order or self.default_order

    def ties(self, params: SortParams, last: Sequence[Any]) -> list[Any]:
        """What orders the rows alike in the chosen column: the columns of `then` but that one, and `last` (the id)."""
        chosen, _, _ = self.chosen(params)
        return [self.keys[key].expression for key in self.then if key != chosen] + \
            [getattr(tie, "expression", tie) for tie in last]

    def order_by(self, params: SortParams, ties: Sequence[Any]) -> list[Any]:
        _, key, order = self.chosen(params)
        descending = order is SortOrder.DESC
        first = key.expression.desc() if descending else key.expression.asc()
        return [first.nulls_last() if key.nullable else first,
                *(tie.desc() if descending else tie.asc() for tie in ties)]

    def after(self, params: SortParams, cursor: str, ties: Sequence[Any]) -> ColumnElement[bool]:
        """The rows after the cursor's in the chosen sort; a cursor of another sort or order is refused."""
        name, key, order = self.chosen(params)
        value, tie_values = decode_cursor(cursor, name, order, key, ties)

        def beyond(left: Any, right: Any) -> ColumnElement[bool]:
            return left < right if order is SortOrder.DESC else left > right

        tie_beyond = beyond(tuple_(*ties), tuple_(*tie_values)) if len(ties) > 1 else beyond(ties[0], tie_values[0])
        expression = key.expression
        if value is None:  # among the rows without a value, which come last
            return and_(expression.is_(None), tie_beyond)
        condition = or_(beyond(expression, value), and_(expression == value, tie_beyond))
        return or_(condition, expression.is_(None)) if key.nullable else condition

    def cursor_of(self, params: SortParams, value: Any, tie_values: Sequence[Any]) -> str:
        name, _, order = self.chosen(params)
        return encode_cursor([name, order.value, plain(value), [plain(tie) for tie in tie_values]])


def plain(value: Any) -> Any:
    """A value as JSON carries it: dates in ISO 8601, decimals and ids as text."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def parsed(value: Any, expression: ColumnElement[Any]) -> Any:
    """A cursor's value back as the expression's type; anything a cursor of ours never holds raises ValueError."""
    sql_type = expression.type
    if isinstance(sql_type, TypeDecorator):  # a column type of ours: the type it stores as
        sql_type = sql_type.impl_instance
    try:
        kind = sql_type.python_type
    except NotImplementedError:  # SQLAlchemy's way of saying a type has no Python type: only the checks below apply
        kind = object
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError(value)
        return value
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(value)
        return value
    if kind is str:
        if not isinstance(value, str):
            raise ValueError(value)
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is Decimal:
        try:
            return Decimal(value)
        except InvalidOperation:
            raise ValueError(value) from None
    if kind is uuid.UUID:
        return uuid.UUID(value)
    raise ValueError(value)


def encode_cursor(content: Any) -> str:
    raw = json.dumps(content, ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, name: str, order: SortOrder, key: SortKey, ties: Sequence[Any]
                  ) -> tuple[Any, list[Any]]:
    """The sort value and the tie values of a cursor made for the sort `name` in `order`; else UnknownCursor."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        made_for, made_in, value, tie_values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if made_for != name or made_in != order.value or not isinstance(tie_values, list) \
                or len(tie_values) != len(ties):
            raise ValueError(cursor)
        if value is None and not key.nullable:
            raise ValueError(cursor)
        return (None if value is None else parsed(value, key.expression),
                [parsed(tie_value, tie) for tie_value, tie in zip(tie_values, ties)])
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        raise UnknownCursor() from None


SORT_VALUE = "sort_value"


async def page_rows(session: AsyncSession, statement: Select[*tuple[Any, ...]], *, sorting: Sorting,
                    params: PageParams, ties: Sequence[Any], unique: bool = False) -> tuple[list[Any], str | None]:
    """The rows of one page of `statement`, each with its sort value and tie values as its last columns, and the
    next page's cursor: ordered, filtered by the cursor and limited in SQL, one statement."""
    _, key, _ = sorting.chosen(params)
    ties = sorting.ties(params, ties)
    statement = statement.add_columns(key.expression.label(SORT_VALUE),
                                      *(tie.label(f"sort_tie_{n}") for n, tie in enumerate(ties)))
    if params.cursor:
        statement = statement.where(sorting.after(params, params.cursor, ties))
    result = await session.execute(statement.order_by(*sorting.order_by(params, ties)).limit(params.limit + 1))
    rows = list(result.unique() if unique else result)
    if len(rows) <= params.limit:
        return rows, None
    rows = rows[: params.limit]
    last = rows[-1]
    return rows, sorting.cursor_of(params, last[-1 - len(ties)], list(last[len(last) - len(ties):]))


async def paginate(
    session: AsyncSession,
    statement: Select[Any],
    *,
    sorting: Sorting,
    id_column: InstrumentedAttribute[Any],
    params: PageParams,
) -> tuple[list[Any], str | None]:
    """The entities of one page of `statement` (a select of one model) in the sort asked for, by keyset on
    (sort column, id): stable under inserts; and the next cursor."""
    rows, next_cursor = await page_rows(session, statement, sorting=sorting, params=params, ties=[id_column],
                                        unique=True)
    return [row[0] for row in rows], next_cursor


async def sorted_rows(session: AsyncSession, statement: Select[Any], *, sorting: Sorting, params: SortParams,
                      id_column: InstrumentedAttribute[Any]) -> list[Any]:
    """Every entity of `statement` in the sort asked for, for a list short enough to come whole."""
    return list(await session.scalars(statement.order_by(*sorting.order_by(params, sorting.ties(params, [id_column])))))

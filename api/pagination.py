"""Cursor pagination: lists are ordered by a key and the id, and a cursor is the last row's pair."""

import base64
import binascii
import json
import uuid
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field
from sqlalchemy import Select, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from api.errors import UnknownCursor

Item = TypeVar("Item")

MAX_LIMIT = 500


class Page(BaseModel, Generic[Item]):
    """One page of a list and the cursor of the next page (null on the last)."""

    items: list[Item]
    next_cursor: str | None = Field(None, description="Pass as `cursor` to get the next page.")


class PageParams(BaseModel):
    limit: int
    cursor: str | None


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many items at most.")] = 50,
    cursor: Annotated[str | None, Query(max_length=500, description="From the previous page's `next_cursor`.")] = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


def encode_cursor(sort_value: Any, row_id: uuid.UUID) -> str:
    raw = json.dumps([sort_value, str(row_id)], ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, uuid.UUID]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        sort_value, row_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return sort_value, uuid.UUID(row_id)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        raise UnknownCursor() from None


async def paginate(
    session: AsyncSession,
    statement: Select[Any],
    *,
    sort_column: InstrumentedAttribute[Any],
    id_column: InstrumentedAttribute[Any],
    params: PageParams,
    descending: bool = False,
    parse_sort_value: Any = None,
) -> tuple[list[Any], str | None]:
    """Rows of one page and the next cursor, by keyset on (sort_column, id): stable under inserts."""
    if params.cursor:
        sort_value, row_id = decode_cursor(params.cursor)
        if parse_sort_value is not None:
            try:
                sort_value = parse_sort_value(sort_value)
            except (TypeError, ValueError):
                decode_cursor("")
        if descending:
            after = or_(sort_column < sort_value, and_(sort_column == sort_value, id_column < row_id))
        else:
            after = or_(sort_column > sort_value, and_(sort_column == sort_value, id_column > row_id))
        statement = statement.where(after)
    order = (sort_column.desc(), id_column.desc()) if descending else (sort_column, id_column)
    statement = statement.order_by(*order).limit(params.limit + 1)
    rows = list((await session.scalars(statement)).unique())
    if len(rows) <= params.limit:
        return rows, None
    rows = rows[: params.limit]
    last = rows[-1]
    sort_value = getattr(last, sort_column.key)
    if hasattr(sort_value, "isoformat"):
        sort_value = sort_value.isoformat()
    return rows, encode_cursor(sort_value, getattr(last, id_column.key))

"""The base every feature's repository stands on: all SQL lives in repositories, none in handlers."""

import uuid
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.orm.interfaces import ORMOption

from api.pagination import PageParams, paginate

Model = TypeVar("Model")


class Repository(Generic[Model]):
    """Get one, get many by id, add, delete and page through rows of one model.

    `load` names what `get` loads with the row (relationships are `lazy="raise"`, so whatever a caller
    reads must be loaded here); `sort_column` orders `paginate` (and the id breaks ties).
    """

    model: ClassVar[type[Any]]
    load: ClassVar[tuple[ORMOption, ...]] = ()
    sort_column: ClassVar[InstrumentedAttribute[Any] | None] = None

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, row_id: uuid.UUID) -> Model | None:
        """The row with everything `load` names, read afresh (not a stale copy of this session)."""
        return await self.session.scalar(
            select(self.model)
            .where(self.model.id == row_id)
            .options(*self.load)
            .execution_options(populate_existing=True)
        )

    async def by_ids(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Model]:
        """The rows with these ids (those that exist), in one statement."""
        wanted = set(ids)
        if not wanted:
            return {}
        rows = await self.session.scalars(select(self.model).where(self.model.id.in_(wanted)))
        return {row.id: row for row in rows}

    def add(self, row: Any) -> None:
        self.session.add(row)

    async def delete(self, row: Any) -> None:
        await self.session.delete(row)

    async def flush(self) -> None:
        await self.session.flush()

    async def paginate(
        self,
        statement: Select[Any],
        params: PageParams,
        *,
        sort_column: InstrumentedAttribute[Any] | None = None,
        descending: bool = False,
        parse_sort_value: Callable[[Any], Any] | None = None,
    ) -> tuple[list[Model], str | None]:
        """One page of `statement` by keyset on (sort column, id), and the cursor of the next page."""
        column = sort_column if sort_column is not None else type(self).sort_column  # the class, not a mapped instance
        if column is None:
            raise TypeError(f"{type(self).__name__} names no sort column")
        return await paginate(self.session, statement, sort_column=column, id_column=self.model.id, params=params,
                              descending=descending, parse_sort_value=parse_sort_value)

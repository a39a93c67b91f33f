"""The base every feature's repository stands on: all SQL lives in repositories, none in handlers."""

import uuid
from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.interfaces import ORMOption

from api.pagination import PageParams, Sorting, SortParams, paginate, sorted_rows

Model = TypeVar("Model")


class Repository(Generic[Model]):
    """Get one, get many by id, add, delete and page through rows of one model.

    `load` names what `get` loads with the row (relationships are `lazy="raise"`, so whatever a caller
    reads must be loaded here); `sorting` names the columns the model's list sorts by (the id breaks ties).
    """

    model: ClassVar[type[Any]]
    load: ClassVar[tuple[ORMOption, ...]] = ()
    sorting: ClassVar[Sorting | None] = None

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

    async def paginate(self, statement: Select[Any], params: PageParams) -> tuple[list[Model], str | None]:
        """One page of `statement` in the sort asked for, by keyset on (sort column, id), and the next page's cursor."""
        return await paginate(self.session, statement, sorting=self.sorting_of(), id_column=self.model.id, params=params)

    async def in_order(self, statement: Select[Any], params: SortParams) -> list[Model]:
        """Every row of `statement` in the sort asked for: a list short enough to come whole."""
        return await sorted_rows(self.session, statement, sorting=self.sorting_of(), params=params,
                                 id_column=self.model.id)

    def sorting_of(self) -> Sorting:
        sorting = type(self).sorting  # the class's, not a mapped instance's
        if sorting is None:
            raise TypeError(f"{type(self).__name__} names no sorting")
        return sorting

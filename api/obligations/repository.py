"""All SQL about obligations (velvoitteet), their instances and the marks on them."""

import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, delete, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload, undefer

from api.obligations.models import Obligation, ObligationHolder, ObligationInstance, ObligationMark
from api.ordering import in_order_of
from api.organisations.models import Organisation
from api.pagination import PageParams, Sorting, SortKey
from api.repository import Repository
from domain.obligations import InstanceStatus, ObligationKind
from domain.obligations.instances import DUE_SOON_DAYS


def status_column(on: date) -> ColumnElement[str]:
    """An instance's status on `on` in SQL: domain.obligations.stored_status, written so that a list filters and
    counts by it (tests/api/test_obligations.py holds the two to the same answers)."""
    return case(
        (and_(ObligationInstance.state.is_not(None), ObligationInstance.state_on <= on), ObligationInstance.state),
        (ObligationInstance.due_on < on, literal(InstanceStatus.OVERDUE.value)),
        else_=literal(InstanceStatus.OPEN.value),
    )


HOLDER = aliased(Organisation)
OBLIGATION_SORTING = Sorting("ObligationSort", {
    "title": Obligation.title_fi, "section": Obligation.section_number,
    "kind": SortKey(in_order_of(Obligation.kind, ObligationKind)),
}, default="title", then=["title"], description="The column to sort by; duties alike in it by title, then by id.")
INSTANCE_SORTING = Sorting("ObligationInstanceSort", {
    "due_on": ObligationInstance.due_on,
    "holder": SortKey(select(HOLDER.name_fi).where(HOLDER.id == ObligationInstance.holder_id).scalar_subquery(),
                      nullable=True),
    "obligation": SortKey(select(Obligation.title_fi).where(Obligation.id == ObligationInstance.obligation_id)
                          .scalar_subquery()),
}, default="due_on", then=["due_on"], description="The column to sort by; duties alike in it by due date, then by id.")


class ObligationRepository(Repository[Obligation]):
    model = Obligation
    load = (selectinload(Obligation.holders),)
    sorting = OBLIGATION_SORTING

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.instances = InstanceRepository(session)

    async def page(
        self, params: PageParams, *, areas: set[uuid.UUID] | None, area_id: uuid.UUID | None = None,
        agreement_id: uuid.UUID | None = None, version_id: uuid.UUID | None = None, kind: str | None = None,
    ) -> tuple[list[Obligation], str | None]:
        statement = select(Obligation).options(*self.load)
        if areas is not None:
            statement = statement.where(Obligation.area_id.in_(areas))
        for column, value in ((Obligation.area_id, area_id), (Obligation.agreement_id, agreement_id),
                              (Obligation.version_id, version_id), (Obligation.kind, kind)):
            if value:
                statement = statement.where(column == value)
        return await self.paginate(statement, params)

    async def of_version(self, version_id: uuid.UUID) -> list[Obligation]:
        rows = await self.session.scalars(
            select(Obligation).where(Obligation.version_id == version_id).options(*self.load)
            .order_by(Obligation.section_number, Obligation.title_fi, Obligation.id)
        )
        return list(rows)

    async def of_versions(self, version_ids: Iterable[uuid.UUID]) -> list[Obligation]:
        """The duties of the versions, each version's in its order (section, title)."""
        rows = await self.session.scalars(
            select(Obligation).where(Obligation.version_id.in_(set(version_ids))).options(*self.load)
            .order_by(Obligation.section_number, Obligation.title_fi, Obligation.id)
        )
        return list(rows)

    async def of_agreement(self, agreement_id: uuid.UUID) -> list[Obligation]:
        rows = await self.session.scalars(
            select(Obligation).where(Obligation.agreement_id == agreement_id).options(*self.load)
            .order_by(Obligation.id)
        )
        return list(rows)

    async def organisations(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Organisation]:
        wanted = set(ids)
        if not wanted:
            return {}
        rows = await self.session.scalars(select(Organisation).where(Organisation.id.in_(wanted)))
        return {row.id: row for row in rows}

    async def replace_holders(self, obligation: Obligation, rows: list[ObligationHolder]) -> None:
        await self.session.execute(delete(ObligationHolder).where(ObligationHolder.obligation_id == obligation.id))
        obligation.holders = rows


class InstanceRepository(Repository[ObligationInstance]):
    model = ObligationInstance
    load = (selectinload(ObligationInstance.holder), selectinload(ObligationInstance.obligation))
    sorting = INSTANCE_SORTING

    async def of_obligation(self, obligation_id: uuid.UUID) -> list[ObligationInstance]:
        return list(await self.session.scalars(
            select(ObligationInstance).where(ObligationInstance.obligation_id == obligation_id)))

    async def of_agreement(self, agreement_id: uuid.UUID) -> list[ObligationInstance]:
        """Every instance of the agreement's duties, of all its versions, lapsed ones too."""
        return list(await self.session.scalars(
            select(ObligationInstance).where(ObligationInstance.agreement_id == agreement_id)
            .order_by(ObligationInstance.id)))

    async def marked(self, instance_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        """Those of the instances that carry a mark (their history is kept)."""
        wanted = set(instance_ids)
        if not wanted:
            return set()
        rows = await self.session.scalars(
            select(ObligationMark.instance_id).where(ObligationMark.instance_id.in_(wanted)).distinct())
        return set(rows)

    async def page(
        self, params: PageParams, *, on: date, areas: set[uuid.UUID] | None, area_id: uuid.UUID | None = None,
        agreement_id: uuid.UUID | None = None, obligation_id: uuid.UUID | None = None,
        holder_id: uuid.UUID | None = None, statuses: list[str] | None = None, due_after: date | None = None,
        due_before: date | None = None,
    ) -> tuple[list[ObligationInstance], str | None]:
        statement = self.filtered(on=on, areas=areas, area_id=area_id, agreement_id=agreement_id,
                                  obligation_id=obligation_id, holder_id=holder_id, statuses=statuses,
                                  due_after=due_after, due_before=due_before).options(*self.load)
        return await self.paginate(statement, params)

    def filtered(
        self, *, on: date, areas: set[uuid.UUID] | None, area_id: uuid.UUID | None = None,
        agreement_id: uuid.UUID | None = None, obligation_id: uuid.UUID | None = None,
        holder_id: uuid.UUID | None = None, statuses: list[str] | None = None, due_after: date | None = None,
        due_before: date | None = None,
    ) -> Select[Any]:
        statement = select(ObligationInstance).where(ObligationInstance.lapsed.is_(False))
        if areas is not None:
            statement = statement.where(ObligationInstance.area_id.in_(areas))
        for column, value in ((ObligationInstance.area_id, area_id), (ObligationInstance.agreement_id, agreement_id),
                              (ObligationInstance.obligation_id, obligation_id),
                              (ObligationInstance.holder_id, holder_id)):
            if value:
                statement = statement.where(column == value)
        if statuses:
            statement = statement.where(status_column(on).in_(statuses))
        if due_after:
            statement = statement.where(ObligationInstance.due_on >= due_after)
        if due_before:
            statement = statement.where(ObligationInstance.due_on <= due_before)
        return statement

    def needing_attention(self, on: date) -> ColumnElement[bool]:
        """Overdue, or open and due within DUE_SOON_DAYS: domain.obligations.due_soon, in SQL."""
        status = status_column(on)
        return or_(status == InstanceStatus.OVERDUE.value,
                   and_(status == InstanceStatus.OPEN.value, ObligationInstance.due_on <= on + timedelta(days=DUE_SOON_DAYS)))

    async def attention(self, on: date, *, areas: set[uuid.UUID] | frozenset[uuid.UUID] | None,
                        holder_id: uuid.UUID | None, limit: int) -> list[ObligationInstance]:
        statement = self.filtered(on=on, areas=set(areas) if areas is not None else None, holder_id=holder_id)
        return list(await self.session.scalars(
            statement.where(self.needing_attention(on)).options(*self.load)
            .order_by(ObligationInstance.due_on, ObligationInstance.id).limit(limit)))

    async def attention_by_holder(self, on: date, *, areas: set[uuid.UUID] | frozenset[uuid.UUID] | None
                                  ) -> list[tuple[uuid.UUID, int, int]]:
        """(holder, overdue, due soon) for each organisation with duties needing attention, by its count."""
        status = status_column(on)
        overdue = func.sum(case((status == InstanceStatus.OVERDUE.value, 1), else_=0))
        statement = (self.filtered(on=on, areas=set(areas) if areas is not None else None)
                     .where(self.needing_attention(on), ObligationInstance.holder_id.is_not(None))
                     .with_only_columns(ObligationInstance.holder_id, overdue, func.count())
                     .group_by(ObligationInstance.holder_id).order_by(overdue.desc(), func.count().desc()))
        return [(holder, int(late), int(count) - int(late)) for holder, late, count in await self.session.execute(statement)]

    async def in_year(self, obligation_ids: Iterable[uuid.UUID], year: int) -> list[ObligationInstance]:
        """The instances due in the year, and those of earlier years not yet marked."""
        wanted = set(obligation_ids)
        if not wanted:
            return []
        return list(await self.session.scalars(
            select(ObligationInstance).where(
                ObligationInstance.obligation_id.in_(wanted), ObligationInstance.lapsed.is_(False),
                ObligationInstance.due_on <= date(year, 12, 31),
                # an earlier year's duty left undone is still owed in this one
                or_(ObligationInstance.due_on >= date(year, 1, 1), ObligationInstance.state.is_(None)),
            ).order_by(ObligationInstance.due_on)
        ))

    async def marks_of(self, instance_id: uuid.UUID) -> list[ObligationMark]:
        return list(await self.session.scalars(
            select(ObligationMark).where(ObligationMark.instance_id == instance_id)
            .order_by(ObligationMark.marked_at, ObligationMark.id)))

    async def mark(self, mark_id: uuid.UUID) -> ObligationMark | None:
        return await self.session.scalar(
            select(ObligationMark).where(ObligationMark.id == mark_id)
            .options(undefer(ObligationMark.file_content)))

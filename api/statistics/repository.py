import uuid
from collections.abc import Iterable
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from api.areas.models import AreaMember
from api.organisations.models import Organisation
from api.organisations.repository import OrganisationRepository
from api.pagination import PageParams, Sorting, SortKey
from api.repository import Repository
from api.statistics.models import StatisticValue
from domain.costs.statistics_file import MAX_DECIMALS

HOLDER = aliased(Organisation)
# A value in millionths, exact in a 64-bit integer: below 10¹² with at most six decimals (domain.costs.statistics_file).
MILLIONTHS = StatisticValue.value_units * case({places: 10 ** (MAX_DECIMALS - places) for places in range(MAX_DECIMALS + 1)},
                                               value=StatisticValue.decimals)
SORTING = Sorting("StatisticSort", {
    "name": StatisticValue.name, "reference_date": StatisticValue.reference_date,
    "organisation": SortKey(select(HOLDER.name_fi).where(HOLDER.id == StatisticValue.organisation_id).scalar_subquery()),
    "municipality_code": SortKey(select(HOLDER.municipality_code).where(HOLDER.id == StatisticValue.organisation_id)
                                 .scalar_subquery(), nullable=True),
    "value": SortKey(MILLIONTHS), "source": StatisticValue.source,
}, default="name")


class StatisticRepository(Repository[StatisticValue]):
    """All SQL about statistics of organisations."""

    model = StatisticValue
    load = (selectinload(StatisticValue.organisation),)
    sorting = SORTING

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.organisations = OrganisationRepository(session)

    async def list_page(
        self,
        params: PageParams,
        *,
        name: str | None = None,
        reference_date: date | None = None,
        organisation_id: uuid.UUID | None = None,
        area_id: uuid.UUID | None = None,
    ) -> tuple[list[StatisticValue], str | None]:
        statement = select(StatisticValue).options(selectinload(StatisticValue.organisation))
        if name:
            statement = statement.where(StatisticValue.name == name)
        if reference_date:
            statement = statement.where(StatisticValue.reference_date == reference_date)
        if organisation_id:
            statement = statement.where(StatisticValue.organisation_id == organisation_id)
        if area_id:
            statement = statement.where(
                StatisticValue.organisation_id.in_(select(AreaMember.organisation_id).where(AreaMember.area_id == area_id))
            )
        return await self.paginate(statement, params)

    async def series(self, *, name: str | None = None, area_id: uuid.UUID | None = None) -> list[tuple]:
        """(name, reference date, count, sum of units by decimals) of every statistic on every date."""
        statement = select(
            StatisticValue.name, StatisticValue.reference_date, StatisticValue.decimals,
            func.count(), func.sum(StatisticValue.value_units),
        ).group_by(StatisticValue.name, StatisticValue.reference_date, StatisticValue.decimals)
        if name:
            statement = statement.where(StatisticValue.name == name)
        if area_id:
            statement = statement.where(
                StatisticValue.organisation_id.in_(select(AreaMember.organisation_id).where(AreaMember.area_id == area_id))
            )
        return list((await self.session.execute(statement)).all())

    async def find(
        self, organisation_ids: Iterable[uuid.UUID], names: Iterable[str], dates: Iterable[date]
    ) -> dict[tuple[uuid.UUID, str, date], StatisticValue]:
        """The stored values among these organisations, names and dates, by (organisation, name, date)."""
        ids, names, dates = set(organisation_ids), set(names), set(dates)
        if not (ids and names and dates):
            return {}
        rows = await self.session.scalars(
            select(StatisticValue).where(
                StatisticValue.organisation_id.in_(ids),
                StatisticValue.name.in_(names),
                StatisticValue.reference_date.in_(dates),
            )
        )
        return {(row.organisation_id, row.name, row.reference_date): row for row in rows}

    async def organisations_by_code(self, codes: Iterable[str]) -> dict[str, Organisation]:
        wanted = set(codes)
        if not wanted:
            return {}
        rows = await self.session.scalars(select(Organisation).where(Organisation.municipality_code.in_(wanted)))
        return {row.municipality_code: row for row in rows if row.municipality_code}

    async def member_areas(self, organisation_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, set[uuid.UUID]]:
        """The areas each organisation is or was a member of."""
        wanted = set(organisation_ids)
        areas: dict[uuid.UUID, set[uuid.UUID]] = {organisation_id: set() for organisation_id in wanted}
        if wanted:
            rows = await self.session.execute(
                select(AreaMember.organisation_id, AreaMember.area_id).where(AreaMember.organisation_id.in_(wanted))
            )
            for organisation_id, area_id in rows:
                areas[organisation_id].add(area_id)
        return areas

    async def values_on(
        self, names: Iterable[str], on: date, organisation_ids: Iterable[uuid.UUID]
    ) -> list[StatisticValue]:
        """The values of these statistics on the reference date `on`, of these organisations."""
        names, ids = set(names), set(organisation_ids)
        if not names or not ids:
            return []
        rows = await self.session.scalars(
            select(StatisticValue).where(
                StatisticValue.name.in_(names),
                StatisticValue.reference_date == on,
                StatisticValue.organisation_id.in_(ids),
            )
        )
        return list(rows)

import uuid
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, defer, selectinload

from api.agreements.models import Agreement, AgreementNotice, AgreementParty, AgreementVersion
from api.areas.models import Area, AreaMember
from api.cost_plans.models import CostPlan, CostPlanParticipant, CostPool
from api.decisions.models import Decision
from api.ordering import in_order_of
from api.organisations.models import Organisation
from api.organisations.repository import OrganisationRepository
from api.pagination import PageParams, Sorting, SortKey, SortOrder, page_rows
from api.repository import Repository
from domain.costs.plans import PlanStatus

WHOLE_PLAN = (
    selectinload(CostPlan.participants).selectinload(CostPlanParticipant.organisation),
    selectinload(CostPlan.pools),
)


PLAN_AREA = aliased(Area)
SORTING = Sorting("CostPlanSort", {
    "year": CostPlan.year, "name": CostPlan.name,
    "area": SortKey(select(PLAN_AREA.name).where(PLAN_AREA.id == CostPlan.area_id).scalar_subquery()),
    "status": SortKey(in_order_of(CostPlan.status, PlanStatus)),
    "reference_date": CostPlan.reference_date,
    "pool_count": SortKey(select(func.count()).where(CostPool.plan_id == CostPlan.id).scalar_subquery()),
}, default="year", order=SortOrder.DESC, description="The column to sort by; ties by id. Newest year first unless asked.")
BASES_SORTING = Sorting("PlanBasisSort", {"agreement_title": Agreement.title, "area_name": Area.name},
                        default="agreement_title", description="The column to sort by; ties by agreement and version.")
BASES_TIES = (Agreement.id, AgreementVersion.number)


class CostPlanRepository(Repository[CostPlan]):
    """All SQL about cost plans, their pools, and what a plan reads (agreement versions, members)."""

    model = CostPlan
    load = WHOLE_PLAN
    sorting = SORTING

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.organisations = OrganisationRepository(session)

    async def plan_bases(self, areas: set[uuid.UUID] | None, area_id: uuid.UUID | None, params: PageParams
                         ) -> tuple[list[tuple[AgreementVersion, Agreement, str]], str | None]:
        """One page of the versions of the areas' agreements with their area's name, by agreement title (or as
        asked), then agreement and version number: keyset in SQL, one statement."""
        statement = (
            select(AgreementVersion, Agreement, Area.name)
            .join(Agreement, Agreement.id == AgreementVersion.agreement_id)
            .join(Area, Area.id == Agreement.area_id)
            .options(defer(AgreementVersion.sections, raiseload=True), defer(AgreementVersion.preamble, raiseload=True))
        )
        if areas is not None:
            statement = statement.where(Agreement.area_id.in_(areas))
        if area_id is not None:
            statement = statement.where(Agreement.area_id == area_id)
        rows, next_cursor = await page_rows(self.session, statement, sorting=BASES_SORTING, params=params,
                                            ties=BASES_TIES)
        return [(version, agreement, name) for version, agreement, name, *_ in rows], next_cursor

    async def area_of(self, plan_id: uuid.UUID) -> uuid.UUID | None:
        return await self.session.scalar(select(CostPlan.area_id).where(CostPlan.id == plan_id))

    async def list_page(
        self,
        params: PageParams,
        *,
        area_id: uuid.UUID | None = None,
        year: int | None = None,
        status: str | None = None,
        agreement_version_id: uuid.UUID | None = None,
        visible: set[uuid.UUID] | None = None,
    ) -> tuple[list[CostPlan], str | None, dict[uuid.UUID, int], dict[uuid.UUID, str]]:
        statement = select(CostPlan)
        if visible is not None:
            statement = statement.where(CostPlan.area_id.in_(visible))
        if area_id:
            statement = statement.where(CostPlan.area_id == area_id)
        if year:
            statement = statement.where(CostPlan.year == year)
        if status:
            statement = statement.where(CostPlan.status == status)
        if agreement_version_id:
            statement = statement.where(CostPlan.agreement_version_id == agreement_version_id)
        rows, next_cursor = await self.paginate(statement, params)
        ids = [row.id for row in rows]
        counts: dict[uuid.UUID, int] = {}
        if ids:
            result = await self.session.execute(
                select(CostPool.plan_id, func.count()).where(CostPool.plan_id.in_(ids)).group_by(CostPool.plan_id)
            )
            counts = dict(result.all())
        return rows, next_cursor, counts, await self.area_names({row.area_id for row in rows})

    async def of_year(self, year: int, *, visible: set[uuid.UUID] | None,
                      area_ids: Iterable[uuid.UUID] | None = None) -> list[CostPlan]:
        """The plans of a year in the areas given (None: every area), in name order, with their parts."""
        statement = select(CostPlan).where(CostPlan.year == year).options(*WHOLE_PLAN).order_by(CostPlan.name, CostPlan.id)
        if visible is not None:
            statement = statement.where(CostPlan.area_id.in_(visible))
        if area_ids is not None:
            statement = statement.where(CostPlan.area_id.in_(set(area_ids)))
        return list(await self.session.scalars(statement))

    async def area_names(self, area_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not area_ids:
            return {}
        return dict((await self.session.execute(select(Area.id, Area.name).where(Area.id.in_(area_ids)))).all())

    async def area(self, area_id: uuid.UUID) -> Area | None:
        return await self.session.get(Area, area_id)

    async def agreement_version(self, version_id: uuid.UUID) -> tuple[AgreementVersion, Agreement] | None:
        row = (await self.session.execute(
            select(AgreementVersion, Agreement)
            .join(Agreement, Agreement.id == AgreementVersion.agreement_id)
            .where(AgreementVersion.id == version_id)
        )).first()
        return None if row is None else (row[0], row[1])

    async def version_parties(self, version_id: uuid.UUID) -> list[Organisation]:
        rows = await self.session.scalars(
            select(Organisation)
            .join(AgreementParty, AgreementParty.organisation_id == Organisation.id)
            .where(AgreementParty.version_id == version_id)
            .order_by(AgreementParty.position)
        )
        return list(rows)

    async def commitments_on(self, version_id: uuid.UUID) -> list[Decision]:
        """The decisions on the version that commit an amount of money "at most" (sitoumus), in one statement."""
        return list(await self.session.scalars(
            select(Decision).where(Decision.version_id == version_id, Decision.commitment_cap.is_not(None))
        ))

    async def notices_of_version(self, version_id: uuid.UUID) -> list[AgreementNotice]:
        """The notices given on the agreement the version belongs to."""
        rows = await self.session.scalars(
            select(AgreementNotice)
            .join(AgreementVersion, AgreementVersion.agreement_id == AgreementNotice.agreement_id)
            .where(AgreementVersion.id == version_id)
        )
        return list(rows)

    async def members_during(self, area_id: uuid.UUID, year: int) -> list[Organisation]:
        """The area's members at some time during the year."""
        rows = await self.session.scalars(
            select(Organisation)
            .join(AreaMember, AreaMember.organisation_id == Organisation.id)
            .where(
                AreaMember.area_id == area_id,
                AreaMember.from_date <= date(year, 12, 31),
                (AreaMember.to_date.is_(None)) | (AreaMember.to_date >= date(year, 1, 1)),
            )
            .order_by(Organisation.name_fi)
        )
        return list(dict.fromkeys(rows))

    async def previous_approved(self, area_id: uuid.UUID, year: int) -> CostPlan | None:
        """The area's approved plan of the year (the latest changed, if there are several)."""
        return await self.session.scalar(
            select(CostPlan)
            .where(CostPlan.area_id == area_id, CostPlan.year == year, CostPlan.status == "approved")
            .order_by(CostPlan.updated_at.desc())
            .limit(1)
        )

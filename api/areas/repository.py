import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from api.areas.models import Area, AreaMember, SubRegion, SubRegionMunicipality
from api.ordering import in_order_of
from api.organisations.models import Organisation
from api.organisations.repository import OrganisationRepository, contains
from api.pagination import PageParams, Sorting, SortKey
from api.repository import Repository
from domain.areas import AreaKind
from domain.organisations import search_text

WHOLE_AREA = (
    selectinload(Area.lead),
    selectinload(Area.members).selectinload(AreaMember.organisation),
    selectinload(Area.sub_regions)
    .selectinload(SubRegion.municipalities)
    .selectinload(SubRegionMunicipality.organisation),
)


LEAD = aliased(Organisation)  # its own alias: a list narrowed by its lead's region joins the organisations too
SORTING = Sorting("AreaSort", {
    "name": Area.name,
    "kind": SortKey(in_order_of(Area.kind, AreaKind)),
    "lead": SortKey(select(LEAD.name_fi).where(LEAD.id == Area.lead_organisation_id).scalar_subquery()),
    "member_count": SortKey(select(func.count()).where(AreaMember.area_id == Area.id).scalar_subquery()),
}, default="name", then=["name"], description="The column to sort by; areas alike in it by name, then by id.")


class AreaRepository(Repository[Area]):
    """All SQL about cooperation areas."""

    model = Area
    load = WHOLE_AREA
    sorting = SORTING

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.organisations = OrganisationRepository(session)

    async def list_page(
        self,
        params: PageParams,
        *,
        kind: str | None = None,
        query: str | None = None,
        region: str | None = None,
        organisation_id: uuid.UUID | None = None,
        visible: set[uuid.UUID] | None = None,
    ) -> tuple[list[Area], str | None, dict[uuid.UUID, int]]:
        statement = select(Area).options(selectinload(Area.lead))
        if visible is not None:
            statement = statement.where(Area.id.in_(visible))
        if kind:
            statement = statement.where(Area.kind == kind)
        if query:
            statement = statement.where(contains(Area.search_text, search_text(query)))
        if region:
            statement = statement.join(Organisation, Area.lead_organisation_id == Organisation.id).where(
                func.lower(Organisation.region) == region.casefold()
            )
        if organisation_id:
            statement = statement.where(
                Area.id.in_(select(AreaMember.area_id).where(AreaMember.organisation_id == organisation_id))
            )
        rows, next_cursor = await self.paginate(statement, params)
        return rows, next_cursor, await self.member_counts([row.id for row in rows])

    async def member_counts(self, area_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        if not area_ids:
            return {}
        rows = await self.session.execute(
            select(AreaMember.area_id, func.count()).where(AreaMember.area_id.in_(area_ids)).group_by(AreaMember.area_id)
        )
        return dict(rows.all())

import uuid
from typing import Any

from sqlalchemy import func, select

import api.tables  # noqa: F401 - every table must be known to find every reference
from api.areas.models import AreaMember
from api.ordering import in_order_of
from api.organisations.models import Organisation
from api.pagination import PageParams, Sorting, SortKey
from api.repository import Repository
from domain.organisations import OrganisationKind, search_text

OWNED_BY_ORGANISATION = frozenset({"statistic_values"})


SORTING = Sorting("OrganisationSort", {
    "name_fi": Organisation.name_fi, "name_sv": Organisation.name_sv,
    "kind": SortKey(in_order_of(Organisation.kind, OrganisationKind)),
    "municipality_code": Organisation.municipality_code, "business_id": Organisation.business_id,
    "region": Organisation.region, "population": Organisation.population,
}, default="name_fi", then=["name_fi"],
    description="The column to sort by; organisations alike in it by Finnish name, then by id.")


class OrganisationRepository(Repository[Organisation]):
    """All SQL about organisations."""

    model = Organisation
    sorting = SORTING

    async def list_page(
        self,
        params: PageParams,
        *,
        kind: str | None = None,
        region: str | None = None,
        query: str | None = None,
    ) -> tuple[list[Organisation], str | None]:
        statement = select(Organisation)
        if kind:
            statement = statement.where(Organisation.kind == kind)
        if region:
            statement = statement.where(func.lower(Organisation.region) == region.casefold())
        if query:
            statement = statement.where(contains(Organisation.search_text, search_text(query)))
        return await self.paginate(statement, params)

    async def by_municipality_code(self) -> dict[str, Organisation]:
        rows = await self.session.scalars(select(Organisation).where(Organisation.municipality_code.is_not(None)))
        return {row.municipality_code: row for row in rows if row.municipality_code}

    async def find_by(self, **criteria: Any) -> Organisation | None:
        return await self.session.scalar(select(Organisation).filter_by(**criteria))

    async def references(self, organisation_id: uuid.UUID) -> dict[str, int]:
        """What refers to the organisation, by table: every foreign key of the schema is looked at, so a
        feature added later is covered without changes here. Its own statistics are its data, not references."""
        found: dict[str, int] = {}
        for table in Organisation.metadata.sorted_tables:
            if table.name in OWNED_BY_ORGANISATION:
                continue
            for key in table.foreign_keys:
                if key.column.table is Organisation.__table__:
                    count = await self.session.scalar(
                        select(func.count()).select_from(table).where(key.parent == organisation_id)
                    )
                    if count:
                        found[table.name] = found.get(table.name, 0) + count
        return found

    async def member_of(self, organisation_id: uuid.UUID) -> set[uuid.UUID]:
        """The areas the organisation is or was a member of."""
        return set(await self.session.scalars(select(AreaMember.area_id).where(AreaMember.organisation_id == organisation_id)))


def contains(column: Any, text: str) -> Any:
    """A LIKE that treats % and _ in the user's text literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")

"""All SQL about decisions (päätökset)."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, selectinload

from api.decisions.models import Decision
from api.decisions.schemas import DecisionBody
from api.ordering import in_order_of
from api.organisations.models import Organisation
from api.pagination import PageParams, Sorting, SortKey
from api.repository import Repository
from domain.agreements import DecisionOutcome

DECIDER = aliased(Organisation)
SORTING = Sorting("DecisionSort", {
    "meeting_date": Decision.meeting_date,
    "organisation": SortKey(select(DECIDER.name_fi).where(DECIDER.id == Decision.organisation_id).scalar_subquery()),
    "body": SortKey(in_order_of(Decision.body, DecisionBody)),
    "case_number": Decision.case_number,
    "outcome": SortKey(in_order_of(Decision.outcome, DecisionOutcome)),
    "commitment_cap": Decision.commitment_cap,
}, default="meeting_date", then=["meeting_date"],
    description="The column to sort by; decisions alike in it by meeting date, then by id.")


class DecisionRepository(Repository[Decision]):
    model = Decision
    load = (selectinload(Decision.organisation),)
    sorting = SORTING

    async def with_organisations(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Decision]:
        """These decisions with their organisations, read afresh in one statement (after they were written)."""
        rows = await self.session.scalars(
            select(Decision).where(Decision.id.in_(set(ids))).options(*self.load)
            .execution_options(populate_existing=True)
        )
        return {row.id: row for row in rows}

    async def of_agreements(self, agreement_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[Decision]]:
        """The decisions on each agreement's versions, in meeting order."""
        ids = set(agreement_ids)
        grouped: dict[uuid.UUID, list[Decision]] = defaultdict(list)
        if not ids:
            return grouped
        rows = await self.session.scalars(
            select(Decision).where(Decision.agreement_id.in_(ids)).order_by(Decision.meeting_date, Decision.section)
        )
        for row in rows:
            assert row.agreement_id is not None  # only decisions on these agreements were selected
            grouped[row.agreement_id].append(row)
        return grouped

    async def page(
        self,
        params: PageParams,
        *,
        area_id: uuid.UUID | None = None,
        organisation_id: uuid.UUID | None = None,
        agreement_id: uuid.UUID | None = None,
        version_id: uuid.UUID | None = None,
        case_number: str | None = None,
        since: date | None = None,
        until: date | None = None,
        body: str | None = None,
    ) -> tuple[list[Decision], str | None]:
        statement = select(Decision).options(*self.load)
        if body:
            statement = statement.where(Decision.body == body)
        for column, value in ((Decision.area_id, area_id), (Decision.organisation_id, organisation_id),
                              (Decision.agreement_id, agreement_id), (Decision.version_id, version_id)):
            if value:
                statement = statement.where(column == value)
        if case_number:
            statement = statement.where(func.lower(Decision.case_number) == case_number.casefold())
        if since:
            statement = statement.where(Decision.meeting_date >= since)
        if until:
            statement = statement.where(Decision.meeting_date <= until)
        return await self.paginate(statement, params)

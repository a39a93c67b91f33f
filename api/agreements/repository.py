"""All SQL about agreements, their versions and decisions."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, undefer

from api.agreements.models import (
    Agreement,
    AgreementAnnex,
    AgreementLink,
    AgreementNotice,
    AgreementParty,
    AgreementVersion,
    Decision,
)
from api.areas.models import Area, AreaMember
from api.organisations.models import Organisation
from api.organisations.repository import contains
from api.pagination import PageParams, paginate

WHOLE_AGREEMENT = (
    selectinload(Agreement.versions).selectinload(AgreementVersion.parties).selectinload(AgreementParty.organisation),
    selectinload(Agreement.versions).selectinload(AgreementVersion.annexes),
    selectinload(Agreement.versions).selectinload(AgreementVersion.signatures),
    selectinload(Agreement.links).selectinload(AgreementLink.target),
    selectinload(Agreement.notices).selectinload(AgreementNotice.organisation),
)


class AgreementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- agreements ---------------------------------------------------------------------------

    async def get(self, agreement_id: uuid.UUID) -> Agreement | None:
        return await self.session.scalar(
            select(Agreement)
            .where(Agreement.id == agreement_id)
            .options(*WHOLE_AGREEMENT)
            .execution_options(populate_existing=True)
        )

    async def area_id_of(self, agreement_id: uuid.UUID) -> uuid.UUID | None:
        return await self.session.scalar(select(Agreement.area_id).where(Agreement.id == agreement_id))

    async def incoming_links(self, agreement_id: uuid.UUID) -> list[tuple[AgreementLink, Agreement]]:
        rows = await self.session.execute(
            select(AgreementLink, Agreement)
            .join(Agreement, Agreement.id == AgreementLink.agreement_id)
            .where(AgreementLink.target_id == agreement_id)
        )
        return [(link, source) for link, source in rows]

    def filtered(
        self,
        *,
        visible: set[uuid.UUID] | None,
        published_only_outside: bool,
        area_id: uuid.UUID | None = None,
        kind: str | None = None,
        party_id: uuid.UUID | None = None,
        query: str | None = None,
    ) -> Select[Any]:
        """Agreements matching the filters that the caller may see: all of its readable areas, and elsewhere
        only those with a published (sent) version."""
        statement = select(Agreement).options(*WHOLE_AGREEMENT)
        published = exists().where(
            AgreementVersion.agreement_id == Agreement.id, AgreementVersion.status != "draft"
        )
        if visible is not None:
            statement = statement.where(or_(Agreement.area_id.in_(visible), published) if published_only_outside
                                        else Agreement.area_id.in_(visible))
        if area_id:
            statement = statement.where(Agreement.area_id == area_id)
        if kind:
            statement = statement.where(Agreement.kind == kind)
        if party_id:
            statement = statement.where(
                exists().where(AgreementParty.agreement_id == Agreement.id, AgreementParty.organisation_id == party_id)
            )
        if query:
            statement = statement.where(contains(Agreement.search_text, query.casefold()))
        return statement

    async def page(self, statement: Select[Any], params: PageParams) -> tuple[list[Agreement], str | None]:
        return await paginate(self.session, statement, sort_column=Agreement.title, id_column=Agreement.id,
                              params=params)

    async def all(self, statement: Select[Any]) -> list[Agreement]:
        return list((await self.session.scalars(statement.order_by(Agreement.title, Agreement.id))).unique())

    async def find_by_title(self, area_id: uuid.UUID, title: str) -> Agreement | None:
        return await self.session.scalar(
            select(Agreement).where(Agreement.area_id == area_id, Agreement.title == title)
        )

    def add(self, row: Any) -> None:
        self.session.add(row)

    async def delete(self, row: Any) -> None:
        await self.session.delete(row)

    async def has_decisions(self, agreement_id: uuid.UUID) -> bool:
        return bool(await self.session.scalar(select(exists().where(Decision.agreement_id == agreement_id))))

    async def annex_content(self, annex_id: uuid.UUID) -> AgreementAnnex | None:
        return await self.session.scalar(
            select(AgreementAnnex).where(AgreementAnnex.id == annex_id).options(undefer(AgreementAnnex.content))
        )

    # --- areas and organisations ------------------------------------------------------------------

    async def areas(self, area_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Area]:
        ids = set(area_ids)
        if not ids:
            return {}
        return {row.id: row for row in await self.session.scalars(select(Area).where(Area.id.in_(ids)))}

    async def organisations(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Organisation]:
        wanted = set(ids)
        if not wanted:
            return {}
        rows = await self.session.scalars(select(Organisation).where(Organisation.id.in_(wanted)))
        return {row.id: row for row in rows}

    async def area_members(self, area_id: uuid.UUID) -> set[uuid.UUID]:
        return set(await self.session.scalars(select(AreaMember.organisation_id).where(AreaMember.area_id == area_id)))

    async def agreements(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Agreement]:
        wanted = set(ids)
        if not wanted:
            return {}
        return {row.id: row for row in await self.session.scalars(select(Agreement).where(Agreement.id.in_(wanted)))}

    # --- decisions ---------------------------------------------------------------------------------

    async def decisions_of(self, agreement_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[Decision]]:
        ids = set(agreement_ids)
        grouped: dict[uuid.UUID, list[Decision]] = defaultdict(list)
        if not ids:
            return grouped
        rows = await self.session.scalars(
            select(Decision).where(Decision.agreement_id.in_(ids)).order_by(Decision.meeting_date, Decision.section)
        )
        for row in rows:
            grouped[row.agreement_id].append(row)  # type: ignore[index]
        return grouped

    async def notices_of(self, agreement_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[AgreementNotice]]:
        ids = set(agreement_ids)
        grouped: dict[uuid.UUID, list[AgreementNotice]] = defaultdict(list)
        if not ids:
            return grouped
        for row in await self.session.scalars(select(AgreementNotice).where(AgreementNotice.agreement_id.in_(ids))):
            grouped[row.agreement_id].append(row)
        return grouped

    async def get_decision(self, decision_id: uuid.UUID) -> Decision | None:
        return await self.session.scalar(
            select(Decision)
            .where(Decision.id == decision_id)
            .options(selectinload(Decision.organisation))
            .execution_options(populate_existing=True)
        )

    async def decision_page(
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
    ) -> tuple[list[Decision], str | None]:
        statement = select(Decision).options(selectinload(Decision.organisation))
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
        return await paginate(self.session, statement, sort_column=Decision.meeting_date, id_column=Decision.id,
                              params=params, parse_sort_value=date.fromisoformat)

    async def versions(self, version_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, AgreementVersion]:
        ids = set(version_ids)
        if not ids:
            return {}
        rows = await self.session.scalars(select(AgreementVersion).where(AgreementVersion.id.in_(ids)))
        return {row.id: row for row in rows}

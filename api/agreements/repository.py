"""All SQL about agreements, their versions and decisions."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, undefer

from api.agreements.models import (
    Agreement,
    AgreementAnnex,
    AgreementLink,
    AgreementNotice,
    AgreementParty,
    AgreementVersion,
)
from api.areas.models import AreaMember
from api.areas.repository import AreaRepository
from api.decisions.models import Decision
from api.decisions.repository import DecisionRepository
from api.ordering import bytewise
from api.organisations.repository import OrganisationRepository, contains
from api.repository import Repository
from domain.organisations import search_text

# Many-to-one rows come joined to their parent's statement, so an agreement loads in six statements whatever its size.
WHOLE_AGREEMENT = (
    selectinload(Agreement.versions).selectinload(AgreementVersion.parties).joinedload(AgreementParty.organisation),
    selectinload(Agreement.versions).selectinload(AgreementVersion.annexes),
    selectinload(Agreement.versions).selectinload(AgreementVersion.signatures),
    selectinload(Agreement.links).joinedload(AgreementLink.target),
    selectinload(Agreement.notices).joinedload(AgreementNotice.organisation),
)

TITLE_ORDER = (bytewise(Agreement.title), Agreement.id)


class AgreementRepository(Repository[Agreement]):
    """All SQL about agreements, their versions, parties, annexes and notices, and the decisions on them."""

    model = Agreement
    load = WHOLE_AGREEMENT

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.organisations = OrganisationRepository(session)
        self.areas = AreaRepository(session)
        self.decisions = DecisionRepository(session)

    # --- agreements ---------------------------------------------------------------------------

    async def lock_version(self, version_id: uuid.UUID) -> None:
        """Hold the version's row until the transaction ends, so that the parties' decisions on it are checked and
        written one request at a time (PostgreSQL; SQLite writes one transaction at a time anyway)."""
        await self.session.execute(
            select(AgreementVersion.id).where(AgreementVersion.id == version_id).with_for_update()
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
        area_ids: Iterable[uuid.UUID] | None = None,
        kind: str | None = None,
        party_id: uuid.UUID | None = None,
        query: str | None = None,
    ) -> Select[Any]:
        """Agreements matching the filters that the caller may see: all of its readable areas, and elsewhere
        only those with a published (sent) version."""
        statement = select(Agreement)
        published = exists().where(
            AgreementVersion.agreement_id == Agreement.id, AgreementVersion.status != "draft"
        )
        if visible is not None:
            statement = statement.where(or_(Agreement.area_id.in_(visible), published) if published_only_outside
                                        else Agreement.area_id.in_(visible))
        if area_id:
            statement = statement.where(Agreement.area_id == area_id)
        if area_ids is not None:
            statement = statement.where(Agreement.area_id.in_(set(area_ids)))
        if kind:
            statement = statement.where(Agreement.kind == kind)
        if party_id:
            statement = statement.where(
                exists().where(AgreementParty.agreement_id == Agreement.id, AgreementParty.organisation_id == party_id)
            )
        if query:
            statement = statement.where(contains(Agreement.search_text, search_text(query)))
        return statement

    async def find_by_title(self, area_id: uuid.UUID, title: str) -> Agreement | None:
        return await self.session.scalar(
            select(Agreement).where(Agreement.area_id == area_id, Agreement.title == title)
        )

    async def has_decisions(self, agreement_id: uuid.UUID) -> bool:
        return bool(await self.session.scalar(select(exists().where(Decision.agreement_id == agreement_id))))

    async def annex_content(self, annex_id: uuid.UUID) -> AgreementAnnex | None:
        return await self.session.scalar(
            select(AgreementAnnex).where(AgreementAnnex.id == annex_id).options(undefer(AgreementAnnex.content))
        )

    async def area_members(self, area_id: uuid.UUID) -> set[uuid.UUID]:
        return set(await self.session.scalars(select(AreaMember.organisation_id).where(AreaMember.area_id == area_id)))

    # --- decisions ---------------------------------------------------------------------------------

    async def notices_of(self, agreement_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[AgreementNotice]]:
        ids = set(agreement_ids)
        grouped: dict[uuid.UUID, list[AgreementNotice]] = defaultdict(list)
        if not ids:
            return grouped
        for row in await self.session.scalars(select(AgreementNotice).where(AgreementNotice.agreement_id.in_(ids))):
            grouped[row.agreement_id].append(row)
        return grouped

    async def titles(self, agreement_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """The titles of the agreements `agreement_ids` (those that exist), in one statement."""
        ids = set(agreement_ids)
        if not ids:
            return {}
        rows = await self.session.execute(select(Agreement.id, Agreement.title).where(Agreement.id.in_(ids)))
        return dict(rows.all())  # a Result has keys(): dict() would read it as a mapping

    async def version_numbers(self, version_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
        """The numbers of the versions `version_ids` (those that exist), without their texts, in one statement."""
        ids = set(version_ids)
        if not ids:
            return {}
        rows = await self.session.execute(select(AgreementVersion.id, AgreementVersion.number)
                                          .where(AgreementVersion.id.in_(ids)))
        return dict(rows.all())  # a Result has keys(): dict() would read it as a mapping

    async def versions(self, version_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, AgreementVersion]:
        ids = set(version_ids)
        if not ids:
            return {}
        rows = await self.session.scalars(select(AgreementVersion).where(AgreementVersion.id.in_(ids)))
        return {row.id: row for row in rows}

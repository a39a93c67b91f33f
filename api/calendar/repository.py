"""All SQL about calendar feeds: the secrets of people's addresses, and the duties a feed holds."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from api.agreements.models import Agreement
from api.areas.models import Area, AreaMember
from api.auth.models import User, UserRole
from api.calendar.models import CalendarSecret
from api.models import utc_now
from api.obligations.models import Obligation, ObligationInstance
from api.obligations.repository import InstanceRepository, status_column
from api.organisations.models import Organisation
from domain.obligations import InstanceStatus
from domain.obligations.calendar import FeedFilter


@dataclass(frozen=True)
class FeedEntry:
    """One instance as a feed shows it, with its duty, holder and agreement's title, read in the same statement."""

    instance: ObligationInstance
    obligation: Obligation
    holder: Organisation | None
    agreement_title: str


class CalendarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- secrets ----------------------------------------------------------------------------------------------

    async def secret_of(self, user_id: uuid.UUID) -> CalendarSecret | None:
        return await self.session.get(CalendarSecret, user_id, populate_existing=True)

    async def keep_secret(self, user_id: uuid.UUID, salt: str, secret_hash: str, *, replace: bool) -> CalendarSecret:
        """Store the person's secret: a first one only where none is stored yet (of two requests at once, the first
        one's stays, and both read it), or, with `replace`, instead of the one stored."""
        if replace:
            await self.session.execute(
                update(CalendarSecret).where(CalendarSecret.user_id == user_id)
                .values(salt=salt, secret_hash=secret_hash, created_at=utc_now())
                .execution_options(synchronize_session=False))
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        await self.session.execute(
            dialect.insert(CalendarSecret)
            .values(user_id=user_id, salt=salt, secret_hash=secret_hash, created_at=utc_now())
            .on_conflict_do_nothing(index_elements=[CalendarSecret.user_id]))
        stored = await self.secret_of(user_id)
        assert stored is not None
        return stored

    async def holder_of(self, secret_hash: str) -> tuple[User, list[tuple[uuid.UUID, str]]] | None:
        """The person whose secret has this hash, with their roles (area, role), in one statement."""
        rows = (await self.session.execute(
            select(User, UserRole.area_id, UserRole.role)
            .join(CalendarSecret, CalendarSecret.user_id == User.id)
            .outerjoin(UserRole, UserRole.user_id == User.id)
            .where(CalendarSecret.secret_hash == secret_hash)
        )).all()
        if not rows:
            return None
        return rows[0][0], [(area_id, role) for _, area_id, role in rows if area_id is not None]

    # --- what a person's feeds are about ----------------------------------------------------------------------

    async def areas(self, ids: set[uuid.UUID] | None) -> list[Area]:
        """The areas (all of them for None), in name order."""
        statement = select(Area).order_by(Area.name, Area.id)
        if ids is not None:
            if not ids:
                return []
            statement = statement.where(Area.id.in_(ids))
        return list(await self.session.scalars(statement))

    async def members(self, area_ids: Iterable[uuid.UUID], since: date) -> list[Organisation]:
        """The organisations that are members of these areas on `since` or after, each once, in name order."""
        wanted = set(area_ids)
        if not wanted:
            return []
        belongs = exists().where(AreaMember.organisation_id == Organisation.id, AreaMember.area_id.in_(wanted),
                                 or_(AreaMember.to_date.is_(None), AreaMember.to_date >= since))
        return list(await self.session.scalars(
            select(Organisation).where(belongs).order_by(Organisation.name_fi, Organisation.id)))

    async def area(self, area_id: uuid.UUID) -> Area | None:
        return await self.session.get(Area, area_id)

    async def organisation_in(self, organisation_id: uuid.UUID, areas: frozenset[uuid.UUID] | None) -> Organisation | None:
        """The organisation, where it has been a member of one of these areas (None: any organisation)."""
        statement = select(Organisation).where(Organisation.id == organisation_id)
        if areas is not None:
            statement = statement.where(exists().where(
                AreaMember.organisation_id == Organisation.id, AreaMember.area_id.in_(areas)))
        return await self.session.scalar(statement)

    # --- the duties of a feed ---------------------------------------------------------------------------------

    async def entries(self, found: FeedFilter, *, on: date, since: date) -> list[FeedEntry]:
        """The instances the feed holds on `on`, by due date: those due on `since` or later, and those still overdue
        however old; never a lapsed one. One statement, however many there are."""
        areas = set(found.areas) if found.areas is not None else None
        if areas is not None and not areas:
            return []
        statement = (
            InstanceRepository(self.session).filtered(on=on, areas=areas, holder_id=found.holder_id)
            .where(or_(ObligationInstance.due_on >= since, status_column(on) == InstanceStatus.OVERDUE.value))
            .join(Obligation, Obligation.id == ObligationInstance.obligation_id)
            .join(Agreement, Agreement.id == ObligationInstance.agreement_id)
            .outerjoin(Organisation, Organisation.id == ObligationInstance.holder_id)
            .add_columns(Obligation, Organisation, Agreement.title)
            .order_by(ObligationInstance.due_on, ObligationInstance.id)
        )
        return [FeedEntry(instance, obligation, holder, title)
                for instance, obligation, holder, title in (await self.session.execute(statement)).all()]

"""All SQL about the audit trail (muutoshistoria): reading it; the recorder writes it in every flush."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select

from api.areas.models import SubRegion
from api.audit.models import AuditEntry
from api.pagination import PageParams, Sorting, SortOrder
from api.repository import Repository
from domain.access import ACCOUNT_RECORDS, AREA_ADMIN_RECORDS, CHANGES, SHARED_RECORDS, AuditScope


def entry_area() -> ColumnElement[uuid.UUID | None]:
    """The area an entry belongs to: its own area_id; for an area itself, its id (older entries have no area_id);
    for a sub-region's municipality, the sub-region's area."""
    sub_region_area = select(SubRegion.area_id).where(SubRegion.id == AuditEntry.parent_id).scalar_subquery()
    return func.coalesce(
        AuditEntry.area_id,
        case((AuditEntry.resource_type == "areas", AuditEntry.resource_id),
             (AuditEntry.resource_type == "sub_region_municipalities", sub_region_area)),
    )


def visible_to(scope: AuditScope) -> ColumnElement[bool]:
    """The rule of domain.access.AuditScope as SQL, so that the database filters and pages the trail."""
    area = entry_area()
    conditions: list[ColumnElement[bool]] = [
        and_(AuditEntry.area_id.is_(None), AuditEntry.resource_type.in_(SHARED_RECORDS), AuditEntry.action.in_(CHANGES)),
    ]
    if scope.read_areas:
        conditions.append(and_(area.in_(scope.read_areas), AuditEntry.action.in_(CHANGES),
                               AuditEntry.resource_type.not_in(AREA_ADMIN_RECORDS | ACCOUNT_RECORDS)))
    if scope.admin_areas:
        conditions.append(and_(area.in_(scope.admin_areas), AuditEntry.resource_type.not_in(ACCOUNT_RECORDS)))
    return or_(false(), *conditions)


SORTING = Sorting("AuditSort", {
    "occurred_at": AuditEntry.occurred_at, "actor_label": AuditEntry.actor_label, "action": AuditEntry.action,
    "resource_type": AuditEntry.resource_type,
}, default="occurred_at", order=SortOrder.DESC, description="The column to sort by; ties by id. Newest first unless asked.")


class AuditRepository(Repository[AuditEntry]):
    model = AuditEntry
    sorting = SORTING

    async def page(
        self,
        params: PageParams,
        *,
        scope: AuditScope | None,
        resource_id: uuid.UUID | None = None,
        resource_type: str | None = None,
        area_id: uuid.UUID | None = None,
        actor_id: uuid.UUID | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> tuple[list[AuditEntry], str | None]:
        """Entries newest first (or as asked); `scope` None: every entry, else those it shows (see visible_to)."""
        statement = select(AuditEntry)
        if scope is not None:
            statement = statement.where(visible_to(scope))
        if resource_id:
            statement = statement.where(or_(AuditEntry.resource_id == resource_id, AuditEntry.parent_id == resource_id))
        filters: tuple[tuple[Any, Any], ...] = ((AuditEntry.resource_type, resource_type), (AuditEntry.area_id, area_id),
                                                (AuditEntry.actor_id, actor_id), (AuditEntry.action, action))
        for column, value in filters:
            if value:
                statement = statement.where(column == value)
        if since:
            statement = statement.where(AuditEntry.occurred_at >= since)
        if until:
            statement = statement.where(AuditEntry.occurred_at < until)
        return await self.paginate(statement, params)

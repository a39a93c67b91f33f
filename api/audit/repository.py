"""All SQL about the audit trail (muutoshistoria): reading it; the recorder writes it in every flush."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from api.audit.models import AuditEntry
from api.pagination import PageParams
from api.repository import Repository

# Entries about people and keys carry contact details and key names: installation admins only.
ADMIN_ONLY_TYPES = ("users", "user_roles", "api_keys")


class AuditRepository(Repository[AuditEntry]):
    model = AuditEntry
    sort_column = AuditEntry.occurred_at

    async def page(
        self,
        params: PageParams,
        *,
        readable_areas: set[uuid.UUID] | None,
        resource_id: uuid.UUID | None = None,
        resource_type: str | None = None,
        area_id: uuid.UUID | None = None,
        actor_id: uuid.UUID | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> tuple[list[AuditEntry], str | None]:
        """Entries newest first. `readable_areas` None: every entry; else those of these areas and the changes
        of shared reference data (never the entries about people and keys)."""
        statement = select(AuditEntry)
        if readable_areas is not None:
            statement = statement.where(or_(
                AuditEntry.area_id.in_(readable_areas),
                AuditEntry.area_id.is_(None) & AuditEntry.resource_type.not_in(ADMIN_ONLY_TYPES)
                & AuditEntry.action.in_(("create", "update", "delete")),
            ))
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
        return await self.paginate(statement, params, descending=True, parse_sort_value=datetime.fromisoformat)

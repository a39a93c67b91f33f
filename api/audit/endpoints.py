"""Reading the audit trail: newest first, filtered; nobody can change it."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy import or_, select

from api.audit.models import AuditEntry
from api.auth.dependencies import CurrentActor, Forbidden
from api.db import SessionDep
from api.pagination import Page, PageParams, page_params, paginate
from api.problems import Problem
from domain.access import Actor, ActorKind

router = APIRouter(prefix="/audit", tags=["Audit trail"])

# Entries about people and keys carry contact details and key names: installation admins only.
ADMIN_ONLY_TYPES = ("users", "user_roles", "api_keys")


class AuditEntryRead(BaseModel):
    id: uuid.UUID
    occurred_at: datetime
    action: str
    resource_type: str
    resource_id: uuid.UUID | None
    parent_id: uuid.UUID | None
    area_id: uuid.UUID | None
    actor_type: str | None
    actor_id: uuid.UUID | None
    actor_label: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    request_id: str | None
    detail: str | None


def parse_moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def visible_to(actor: Actor) -> Any:
    """Which entries an actor may read: all for admins; else those of the areas they may read."""
    if actor.is_admin:
        return None
    if actor.kind is ActorKind.API_KEY:
        raise Forbidden("API keys cannot read the audit trail.")
    areas = actor.visible_areas or set()
    return or_(
        AuditEntry.area_id.in_(areas),
        (AuditEntry.area_id.is_(None) & AuditEntry.resource_type.not_in(ADMIN_ONLY_TYPES) & AuditEntry.action.in_(
            ("create", "update", "delete"))),
    )


@router.get("", summary="Read the audit trail", response_model=Page[AuditEntryRead],
            responses={403: {"model": Problem}})
async def list_audit_entries(
    actor: CurrentActor,
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    resource_id: Annotated[uuid.UUID | None, Query(description="Changes of this resource or of its parts.")] = None,
    resource_type: Annotated[str | None, Query(max_length=60, description="e.g. organisations, areas")] = None,
    area_id: Annotated[uuid.UUID | None, Query()] = None,
    actor_id: Annotated[uuid.UUID | None, Query(description="Changes made by this person or key.")] = None,
    action: Annotated[str | None, Query(max_length=30, description="create, update, delete, login_failed, forbidden")] = None,
    since: Annotated[datetime | None, Query(description="From this moment (UTC unless a zone is given).")] = None,
    until: Annotated[datetime | None, Query(description="Before this moment.")] = None,
) -> Page[AuditEntryRead]:
    """Who changed what and when, with the values before and after and the request id; newest first."""
    statement = select(AuditEntry)
    restriction = visible_to(actor)
    if restriction is not None:
        statement = statement.where(restriction)
    if resource_id:
        statement = statement.where(or_(AuditEntry.resource_id == resource_id, AuditEntry.parent_id == resource_id))
    for column, value in ((AuditEntry.resource_type, resource_type), (AuditEntry.area_id, area_id),
                          (AuditEntry.actor_id, actor_id), (AuditEntry.action, action)):
        if value:
            statement = statement.where(column == value)
    if since:
        statement = statement.where(AuditEntry.occurred_at >= (since if since.tzinfo else since.replace(tzinfo=UTC)))
    if until:
        statement = statement.where(AuditEntry.occurred_at < (until if until.tzinfo else until.replace(tzinfo=UTC)))
    rows, next_cursor = await paginate(
        session, statement, sort_column=AuditEntry.occurred_at, id_column=AuditEntry.id, params=params,
        descending=True, parse_sort_value=parse_moment,
    )
    return Page(items=[AuditEntryRead.model_validate(row, from_attributes=True) for row in rows], next_cursor=next_cursor)

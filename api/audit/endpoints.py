"""Reading the audit trail: newest first, filtered; nobody can change it."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from api.audit.repository import AuditRepository
from api.auth.dependencies import CurrentActor
from api.db import SessionDep
from api.errors import KeysCannotReadAudit
from api.pagination import Page, PageParams, page_params
from api.schemas import IsoDateTime
from domain.access import Actor, ActorKind

router = APIRouter(prefix="/audit", tags=["Audit trail"])

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


def readable_areas(actor: Actor) -> set[uuid.UUID] | None:
    """Which areas' entries an actor may read: all for admins (None); else the areas they may read."""
    if actor.is_admin:
        return None
    if actor.kind is ActorKind.API_KEY:
        raise KeysCannotReadAudit()
    return actor.visible_areas or set()


@router.get("", summary="Read the audit trail", response_model=Page[AuditEntryRead])
async def list_audit_entries(
    actor: CurrentActor,
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    resource_id: Annotated[uuid.UUID | None, Query(description="Changes of this resource or of its parts.")] = None,
    resource_type: Annotated[str | None, Query(max_length=60, description="e.g. organisations, areas")] = None,
    area_id: Annotated[uuid.UUID | None, Query()] = None,
    actor_id: Annotated[uuid.UUID | None, Query(description="Changes made by this person or key.")] = None,
    action: Annotated[str | None, Query(max_length=30, description="create, update, delete, login_failed, forbidden")] = None,
    since: Annotated[IsoDateTime | None, Query(description="From this moment (UTC unless a zone is given).")] = None,
    until: Annotated[IsoDateTime | None, Query(description="Before this moment.")] = None,
) -> Page[AuditEntryRead]:
    """Who changed what and when, with the values before and after and the request id; newest first."""
    rows, next_cursor = await AuditRepository(session).page(
        params, readable_areas=readable_areas(actor), resource_id=resource_id, resource_type=resource_type,
        area_id=area_id, actor_id=actor_id, action=action, since=since, until=until,
    )
    return Page(items=[AuditEntryRead.model_validate(row, from_attributes=True) for row in rows], next_cursor=next_cursor)

"""Reading the audit trail: newest first, filtered; nobody can change it."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from api.audit.repository import SORTING, AuditRepository
from api.auth.dependencies import CurrentActor
from api.db import SessionDep
from api.errors import KeysCannotReadAudit
from api.pagination import Page, PageParams
from api.schemas import IsoDateTime
from domain.access import Actor, ActorKind, AuditScope, audit_scope

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
    client_address: str | None
    detail: str | None


def readable_scope(actor: Actor) -> AuditScope | None:
    """What of the trail the actor reads (None: all); a system's key reads none of it."""
    if actor.kind is ActorKind.API_KEY and not actor.is_admin:
        raise KeysCannotReadAudit()
    return audit_scope(actor)


@router.get("", summary="Read the audit trail", response_model=Page[AuditEntryRead])
async def list_audit_entries(
    actor: CurrentActor,
    session: SessionDep,
    params: Annotated[PageParams, Depends(SORTING.page_params)],
    resource_id: Annotated[uuid.UUID | None, Query(description="Changes of this resource or of its parts.")] = None,
    resource_type: Annotated[str | None, Query(max_length=60, description="e.g. organisations, areas")] = None,
    area_id: Annotated[uuid.UUID | None, Query()] = None,
    actor_id: Annotated[uuid.UUID | None, Query(description="Changes made by this person or key.")] = None,
    action: Annotated[str | None, Query(max_length=30, description="create, update, delete, login_failed, forbidden")] = None,
    since: Annotated[IsoDateTime | None, Query(description="From this moment (UTC unless a zone is given).")] = None,
    until: Annotated[IsoDateTime | None, Query(description="Before this moment.")] = None,
) -> Page[AuditEntryRead]:
    """Who changed what and when, with the values before and after, the request id and the client's address;
    newest first. A person reads the changes of the areas they have a role in (an area admin also its role
    grants, API keys and refused attempts) and of shared data; the installation's admins read everything."""
    rows, next_cursor = await AuditRepository(session).page(
        params, scope=readable_scope(actor), resource_id=resource_id, resource_type=resource_type,
        area_id=area_id, actor_id=actor_id, action=action, since=since, until=until,
    )
    return Page(items=[AuditEntryRead.model_validate(row, from_attributes=True) for row in rows], next_cursor=next_cursor)

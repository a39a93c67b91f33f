"""The mail the service sent (reminders of duties): for the installation's admins, and an area's admins for their
area. Where no SMTP server is set this is where development mail is read."""

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy import select

from api.auth.dependencies import CurrentActor
from api.db import SessionDep
from api.errors import Forbidden
from api.jobs.models import OutgoingMail
from api.pagination import Page, PageParams, Sorting, SortOrder, paginate
from domain.access import ActorKind

router = APIRouter(tags=["Mail"])
SORTING = Sorting("MailSort", {"sent_at": OutgoingMail.sent_at, "to_address": OutgoingMail.to_address,
                               "subject": OutgoingMail.subject}, default="sent_at", order=SortOrder.DESC,
                  description="The column to sort by; ties by id. Newest first unless asked.")


class MailRead(BaseModel):
    id: uuid.UUID
    area_id: uuid.UUID | None
    instance_id: uuid.UUID | None
    reminder: str | None
    to_address: str
    language: str
    subject: str
    body: str
    message_id: str
    transport: str
    sent_at: datetime


@router.get("/mail", summary="List the mail sent", response_model=Page[MailRead])
async def list_mail(actor: CurrentActor, session: SessionDep, params: Annotated[PageParams, Depends(SORTING.page_params)],
                    area_id: Annotated[uuid.UUID | None, Query()] = None,
                    instance_id: Annotated[uuid.UUID | None, Query(description="The reminders of one duty.")] = None,
                    ) -> Page[MailRead]:
    """Newest first. The installation's admins read all of it; an area's admins the mail of their areas."""
    statement = select(OutgoingMail)
    if not actor.is_admin:
        areas = actor.administered_areas if actor.kind is ActorKind.USER else set()
        if not areas:
            raise Forbidden(resource_type="outgoing_mail")
        statement = statement.where(OutgoingMail.area_id.in_(areas))
    if area_id:
        statement = statement.where(OutgoingMail.area_id == area_id)
    if instance_id:
        statement = statement.where(OutgoingMail.instance_id == instance_id)
    rows, next_cursor = await paginate(session, statement, sorting=SORTING, id_column=OutgoingMail.id, params=params)
    return Page(items=[MailRead.model_validate(row, from_attributes=True) for row in rows], next_cursor=next_cursor)

"""The directory of contact persons, and who is responsible for which duty. Contact details are shown only to the
people and keys of an area the person's organisation belongs to."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status
from sqlalchemy import Select, delete, select
from sqlalchemy.orm import aliased, selectinload

from api.agreements.access import authorize_act_for
from api.areas.models import AreaMember
from api.auth.dependencies import CurrentActor, requires
from api.concurrency import IfMatch, require_current, set_etag
from api.db import SessionDep
from api.errors import Forbidden
from api.obligations.models import Obligation
from api.organisations.models import Organisation
from api.organisations.schemas import OrganisationSummary
from api.pagination import Page, PageParams, Sorting, SortKey, paginate
from api.people.models import ContactPerson, ObligationResponsible
from api.people.schemas import ContactCreate, ContactRead, ContactUpdate, ResponsiblesRead, ResponsiblesUpdate
from domain.access import Actor, Permission, may_edit_organisation
from domain.errors import NotFound, UnknownReference

TAG = "Contact persons"
EMPLOYER = aliased(Organisation)
SORTING = Sorting("ContactSort", {
    "name": ContactPerson.name,
    "organisation": SortKey(select(EMPLOYER.name_fi).where(EMPLOYER.id == ContactPerson.organisation_id)
                            .scalar_subquery()),
    "title": ContactPerson.title,
}, default="name", then=["name"], description="The column to sort by; people alike in it by name, then by id.")
router = APIRouter(tags=[TAG])
writes = APIRouter(tags=[TAG], dependencies=[requires(Permission.WRITE)])


async def areas_of(session: SessionDep, organisation_id: uuid.UUID) -> set[uuid.UUID]:
    return set(await session.scalars(select(AreaMember.area_id).where(AreaMember.organisation_id == organisation_id)))


def visible_organisations(actor: Actor) -> Select[uuid.UUID] | None:
    """The organisations whose people the actor sees: members of the areas the actor reads (None: all)."""
    areas = actor.visible_areas
    if areas is None:
        return None
    return select(AreaMember.organisation_id).where(AreaMember.area_id.in_(areas))


def read(contact: ContactPerson, actor: Actor, member_of: set[uuid.UUID]) -> ContactRead:
    actions = ["update", "delete"] if may_edit_organisation(actor, contact.organisation_id, member_of) else []
    return ContactRead(id=contact.id, organisation=OrganisationSummary.model_validate(contact.organisation),
                       name=contact.name, title=contact.title, email=contact.email, phone=contact.phone,
                       language=contact.language, user_id=contact.user_id,
                       version=contact.version, allowed_actions=actions)


async def contact_or_404(session: SessionDep, contact_id: uuid.UUID, actor: Actor) -> ContactPerson:
    statement = select(ContactPerson).where(ContactPerson.id == contact_id)
    visible = visible_organisations(actor)
    if visible is not None:
        statement = statement.where(ContactPerson.organisation_id.in_(visible))
    contact = await session.scalar(statement.options(selectinload(ContactPerson.organisation))
                                   .execution_options(populate_existing=True))
    if contact is None:
        raise NotFound("person", contact_id)
    return contact


def authorize_edit(actor: Actor, organisation_id: uuid.UUID, member_of: set[uuid.UUID]) -> None:
    if not may_edit_organisation(actor, organisation_id, member_of):
        raise Forbidden(resource_type="contact_persons", resource_id=organisation_id)


@router.get("/contacts", summary="List contact persons", response_model=Page[ContactRead])
async def list_contacts(actor: CurrentActor, session: SessionDep, params: Annotated[PageParams, Depends(SORTING.page_params)],
                        organisation_id: Annotated[uuid.UUID | None, Query()] = None,
                        area_id: Annotated[uuid.UUID | None, Query(description="People of the area's members.")]
                        = None) -> Page[ContactRead]:
    """In name order; only the people of organisations in the areas the caller reads."""
    statement = select(ContactPerson).options(selectinload(ContactPerson.organisation))
    visible = visible_organisations(actor)
    if visible is not None:
        statement = statement.where(ContactPerson.organisation_id.in_(visible))
    if organisation_id:
        statement = statement.where(ContactPerson.organisation_id == organisation_id)
    if area_id:
        statement = statement.where(ContactPerson.organisation_id.in_(
            select(AreaMember.organisation_id).where(AreaMember.area_id == area_id)))
    rows, next_cursor = await paginate(session, statement, sorting=SORTING, id_column=ContactPerson.id, params=params)
    memberships: dict[uuid.UUID, set[uuid.UUID]] = {}
    for area, organisation in await session.execute(select(AreaMember.area_id, AreaMember.organisation_id).where(
            AreaMember.organisation_id.in_({row.organisation_id for row in rows}))):
        memberships.setdefault(organisation, set()).add(area)
    return Page(items=[read(row, actor, memberships.get(row.organisation_id, set())) for row in rows],
                next_cursor=next_cursor)


@writes.post("/contacts", summary="Add a contact person", status_code=status.HTTP_201_CREATED,
             response_model=ContactRead)
async def create_contact(data: ContactCreate, actor: CurrentActor, session: SessionDep, response: Response
                         ) -> ContactRead:
    """By the organisation's own coordinators, the admins of its areas, or the installation's admins."""
    if await session.get(Organisation, data.organisation_id) is None:
        raise UnknownReference("organisation_id", "organisation", data.organisation_id)
    member_of = await areas_of(session, data.organisation_id)
    authorize_edit(actor, data.organisation_id, member_of)
    contact = ContactPerson(**data.model_dump())
    session.add(contact)
    await session.flush()
    contact = await contact_or_404(session, contact.id, actor)
    set_etag(response, contact.version)
    response.headers["Location"] = f"/api/v1/contacts/{contact.id}"
    return read(contact, actor, member_of)


@router.get("/contacts/{contact_id}", summary="Get a contact person", response_model=ContactRead)
async def get_contact(contact_id: uuid.UUID, actor: CurrentActor, session: SessionDep, response: Response
                      ) -> ContactRead:
    contact = await contact_or_404(session, contact_id, actor)
    set_etag(response, contact.version)
    return read(contact, actor, await areas_of(session, contact.organisation_id))


@writes.patch("/contacts/{contact_id}", summary="Change a contact person", response_model=ContactRead)
async def update_contact(contact_id: uuid.UUID, data: ContactUpdate, actor: CurrentActor, session: SessionDep,
                         if_match: IfMatch, response: Response) -> ContactRead:
    contact = await contact_or_404(session, contact_id, actor)
    member_of = await areas_of(session, contact.organisation_id)
    authorize_edit(actor, contact.organisation_id, member_of)
    require_current(if_match, contact.version)
    for name, value in data.model_dump(exclude_unset=True).items():
        if name == "name" and not value:
            continue
        setattr(contact, name, value)
    await session.flush()
    contact = await contact_or_404(session, contact_id, actor)
    set_etag(response, contact.version)
    return read(contact, actor, member_of)


@writes.delete("/contacts/{contact_id}", summary="Remove a contact person", status_code=status.HTTP_204_NO_CONTENT)
async def delete_contact(contact_id: uuid.UUID, actor: CurrentActor, session: SessionDep, if_match: IfMatch
                         ) -> Response:
    """Needs `If-Match`; the duties the person was responsible for fall back to the area's admins."""
    contact = await contact_or_404(session, contact_id, actor)
    authorize_edit(actor, contact.organisation_id, await areas_of(session, contact.organisation_id))
    require_current(if_match, contact.version)
    await session.delete(contact)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def responsibles_read(session: SessionDep, obligation_id: uuid.UUID, organisation_id: uuid.UUID,
                            actor: Actor) -> ResponsiblesRead:
    contacts = list(await session.scalars(
        select(ContactPerson).join(ObligationResponsible, ObligationResponsible.contact_id == ContactPerson.id)
        .where(ObligationResponsible.obligation_id == obligation_id,
               ObligationResponsible.organisation_id == organisation_id)
        .options(selectinload(ContactPerson.organisation)).order_by(ContactPerson.name)))
    member_of = await areas_of(session, organisation_id)
    return ResponsiblesRead(obligation_id=obligation_id, organisation_id=organisation_id,
                            contacts=[read(c, actor, member_of) for c in contacts])


async def readable_obligation(session: SessionDep, obligation_id: uuid.UUID, actor: Actor) -> Obligation:
    obligation = await session.get(Obligation, obligation_id)
    areas = actor.visible_areas
    if obligation is None or (areas is not None and obligation.area_id not in areas):
        raise NotFound("obligation", obligation_id)
    return obligation


@router.get("/obligations/{obligation_id}/responsibles/{organisation_id}", summary="Who is responsible for a duty",
            response_model=ResponsiblesRead, tags=["Obligations"])
async def get_responsibles(obligation_id: uuid.UUID, organisation_id: uuid.UUID, actor: CurrentActor,
                           session: SessionDep) -> ResponsiblesRead:
    """The persons of the holder organisation who get the duty's reminders; none named: the area's admins do."""
    await readable_obligation(session, obligation_id, actor)
    return await responsibles_read(session, obligation_id, organisation_id, actor)


@writes.put("/obligations/{obligation_id}/responsibles/{organisation_id}", summary="Name who is responsible",
            response_model=ResponsiblesRead, tags=["Obligations"])
async def set_responsibles(obligation_id: uuid.UUID, organisation_id: uuid.UUID, data: ResponsiblesUpdate,
                           actor: CurrentActor, session: SessionDep) -> ResponsiblesRead:
    """By the holder's own coordinators or the area's admins; the persons must be the holder's own."""
    obligation = await readable_obligation(session, obligation_id, actor)
    authorize_act_for(actor, obligation.area_id, organisation_id, "obligations", obligation_id)
    wanted = set(data.contact_ids)
    own = set(await session.scalars(select(ContactPerson.id).where(
        ContactPerson.id.in_(wanted), ContactPerson.organisation_id == organisation_id))) if wanted else set()
    for contact_id in data.contact_ids:
        if contact_id not in own:
            raise UnknownReference("contact_ids", "person", contact_id)
    await session.execute(delete(ObligationResponsible).where(
        ObligationResponsible.obligation_id == obligation_id, ObligationResponsible.organisation_id == organisation_id))
    session.add_all([ObligationResponsible(obligation_id=obligation_id, organisation_id=organisation_id,
                                           contact_id=contact_id) for contact_id in dict.fromkeys(data.contact_ids)])
    await session.flush()
    return await responsibles_read(session, obligation_id, organisation_id, actor)

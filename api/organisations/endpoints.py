import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.auth.dependencies import CurrentActor
from api.concurrency import IfMatch, set_etag
from api.db import SessionDep
from api.errors import OrganisationCreatorsOnly, OrganisationNotYours
from api.organisations import service
from api.organisations.models import Organisation
from api.organisations.repository import SORTING, OrganisationRepository
from api.organisations.schemas import (
    OrganisationCreate,
    OrganisationRead,
    OrganisationUpdate,
)
from api.pagination import Page, PageParams
from domain.access import Actor, may_create_organisation, may_edit_organisation, organisation_actions
from domain.errors import NotFound
from domain.organisations import OrganisationKind

router = APIRouter(prefix="/organisations", tags=["Organisations"])



def repository(session: SessionDep) -> OrganisationRepository:
    return OrganisationRepository(session)


RepositoryDep = Annotated[OrganisationRepository, Depends(repository)]


async def valid_organisation(organisation_id: uuid.UUID, repo: RepositoryDep) -> Organisation:
    organisation = await repo.get(organisation_id)
    if organisation is None:
        raise NotFound("organisation", organisation_id)
    return organisation


OrganisationDep = Annotated[Organisation, Depends(valid_organisation)]


async def editable_organisation(organisation: OrganisationDep, actor: CurrentActor, repo: RepositoryDep) -> Organisation:
    if not may_edit_organisation(actor, organisation.id, await repo.member_of(organisation.id)):
        raise OrganisationNotYours(resource_type="organisations", resource_id=organisation.id)
    return organisation


async def organisation_creator(actor: CurrentActor) -> None:
    if not may_create_organisation(actor):
        raise OrganisationCreatorsOnly()


EditableOrganisation = Annotated[Organisation, Depends(editable_organisation)]


async def readable(organisation: Organisation, actor: Actor, repo: OrganisationRepository) -> OrganisationRead:
    """The organisation with what the caller may do to it, so that pages show only the buttons that work."""
    allowed = organisation_actions(actor, organisation.id, await repo.member_of(organisation.id))
    return OrganisationRead.model_validate(organisation).model_copy(update={"allowed_actions": allowed})


@router.get("", summary="List organisations", response_model=Page[OrganisationRead])
async def list_organisations(
    _: CurrentActor,
    repo: RepositoryDep,
    params: Annotated[PageParams, Depends(SORTING.page_params)],
    kind: Annotated[OrganisationKind | None, Query(description="Only this kind.")] = None,
    region: Annotated[str | None, Query(max_length=100, description="Only this region (maakunta), e.g. Pirkanmaa.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the Finnish or Swedish name.")] = None,
) -> Page[OrganisationRead]:
    """Organisations in alphabetical order of their Finnish names (or as `sort` and `order` ask), a page at a time.
    Names sort by code point, as Finnish and Swedish alphabets have it: Å, Ä and Ö after Z."""
    rows, next_cursor = await repo.list_page(params, kind=kind, region=region, query=q)
    return Page(items=[OrganisationRead.model_validate(row) for row in rows], next_cursor=next_cursor)


@router.get("/{organisation_id}", summary="Get an organisation", response_model=OrganisationRead)
async def get_organisation(
    organisation: OrganisationDep, actor: CurrentActor, repo: RepositoryDep, response: Response
) -> OrganisationRead:
    """One organisation; its `ETag` is what an update sends back in `If-Match`."""
    set_etag(response, organisation.version)
    return await readable(organisation, actor, repo)


@router.post("", summary="Create an organisation", status_code=status.HTTP_201_CREATED,
             response_model=OrganisationRead)
async def create_organisation(
    _: Annotated[None, Depends(organisation_creator)], data: OrganisationCreate, repo: RepositoryDep,
    actor: CurrentActor, response: Response,
) -> OrganisationRead:
    """A new organisation. A municipality needs its code; a Y-tunnus must have a valid check digit."""
    organisation = await service.create_organisation(repo, data)
    set_etag(response, organisation.version)
    response.headers["Location"] = f"/api/v1/organisations/{organisation.id}"
    return await readable(organisation, actor, repo)


@router.patch("/{organisation_id}", summary="Update an organisation", response_model=OrganisationRead)
async def update_organisation(
    organisation: EditableOrganisation, changes: OrganisationUpdate, repo: RepositoryDep, if_match: IfMatch,
    actor: CurrentActor, response: Response,
) -> OrganisationRead:
    """Change the fields given; needs `If-Match` with the ETag of the version you read."""
    updated = await service.update_organisation(repo, organisation, changes, if_match)
    set_etag(response, updated.version)
    return await readable(updated, actor, repo)


@router.delete("/{organisation_id}", summary="Delete an organisation", status_code=status.HTTP_204_NO_CONTENT)
async def delete_organisation(organisation: EditableOrganisation, repo: RepositoryDep, if_match: IfMatch) -> Response:
    """Only an organisation nothing refers to can be deleted; otherwise 409 says what refers to it."""
    await service.delete_organisation(repo, organisation, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

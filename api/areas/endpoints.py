import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.areas import service
from api.areas.models import Area
from api.areas.permissions import AreaForRead, AreaForWrite
from api.areas.repository import SORTING, AreaRepository
from api.areas.schemas import (
    AreaCreate,
    AreaRead,
    AreaSummary,
    AreaUpdate,
    MemberCreate,
    MemberRead,
    MemberUpdate,
    SubRegionFields,
    SubRegionRead,
    SubRegionUpdate,
)
from api.auth.dependencies import AdminActor, CurrentActor
from api.concurrency import IfMatch, require_current, set_etag
from api.db import SessionDep
from api.organisations.schemas import OrganisationSummary
from api.pagination import Page, PageParams
from domain.access import Actor, area_actions
from domain.areas import AreaKind

router = APIRouter(prefix="/areas", tags=["Cooperation areas"])



def repository(session: SessionDep) -> AreaRepository:
    return AreaRepository(session)


RepositoryDep = Annotated[AreaRepository, Depends(repository)]


AreaDep = Annotated[Area, AreaForRead]
WritableArea = Annotated[Area, AreaForWrite]


def area_read(area: Area) -> AreaRead:
    return AreaRead(
        id=area.id,
        name=area.name,
        kind=AreaKind(area.kind),
        description=area.description,
        lead=OrganisationSummary.model_validate(area.lead),
        members=sorted(
            (MemberRead.model_validate(member) for member in area.members),
            key=lambda m: (m.organisation.name_fi, m.from_date),
        ),
        sub_regions=sorted(
            (
                SubRegionRead(
                    id=sub.id,
                    name=sub.name,
                    coordinator_name=sub.coordinator_name,
                    coordinator_email=sub.coordinator_email,
                    municipalities=sorted(
                        (OrganisationSummary.model_validate(link.organisation) for link in sub.municipalities),
                        key=lambda o: o.name_fi,
                    ),
                )
                for sub in area.sub_regions
            ),
            key=lambda s: s.name,
        ),
        version=area.version,
        created_at=area.created_at,
        updated_at=area.updated_at,
    )


def allowed_actions(area: Area, actor: Actor) -> list[str]:
    return area_actions(actor, area.id)


def respond(area: Area, response: Response, actor: Actor) -> AreaRead:
    set_etag(response, area.version)
    return area_read(area).model_copy(update={"allowed_actions": allowed_actions(area, actor)})


@router.get("", summary="List cooperation areas", response_model=Page[AreaSummary])
async def list_areas(
    actor: CurrentActor,
    repo: RepositoryDep,
    params: Annotated[PageParams, Depends(SORTING.page_params)],
    kind: Annotated[AreaKind | None, Query(description="Only this kind.")] = None,
    region: Annotated[str | None, Query(max_length=100, description="Only areas whose lead is in this region.")] = None,
    organisation_id: Annotated[uuid.UUID | None, Query(description="Only areas this organisation is a member of.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the area's name.")] = None,
) -> Page[AreaSummary]:
    """The areas the caller may see, in alphabetical order (or as `sort` and `order` ask), with their lead and how
    many members they have."""
    rows, next_cursor, counts = await repo.list_page(
        params, kind=kind, query=q, region=region, organisation_id=organisation_id, visible=actor.visible_areas
    )
    items = [
        AreaSummary(
            id=row.id,
            name=row.name,
            kind=AreaKind(row.kind),
            lead=OrganisationSummary.model_validate(row.lead),
            member_count=counts.get(row.id, 0),
            version=row.version,
        )
        for row in rows
    ]
    return Page(items=items, next_cursor=next_cursor)


@router.get("/{area_id}", summary="Get a cooperation area", response_model=AreaRead)
async def get_area(area: AreaDep, actor: CurrentActor, response: Response) -> AreaRead:
    """The area with its lead, members over time and sub-regions."""
    return respond(area, response, actor)


@router.post("", summary="Create a cooperation area", status_code=status.HTTP_201_CREATED, response_model=AreaRead)
async def create_area(actor: AdminActor, data: AreaCreate, repo: RepositoryDep, response: Response) -> AreaRead:
    """A new area with its lead and, optionally, its first members."""
    area = await service.create_area(repo, data)
    response.headers["Location"] = f"/api/v1/areas/{area.id}"
    return respond(area, response, actor)


@router.patch("/{area_id}", summary="Update a cooperation area", response_model=AreaRead)
async def update_area(
    area: WritableArea, changes: AreaUpdate, repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor,
    response: Response,
) -> AreaRead:
    """Change the name, kind, description or lead; needs `If-Match`."""
    return respond(await service.update_area(repo, area, changes, if_match), response, actor)


@router.delete("/{area_id}", summary="Delete a cooperation area", status_code=status.HTTP_204_NO_CONTENT)
async def delete_area(_: AdminActor, area: AreaDep, repo: RepositoryDep, if_match: IfMatch) -> Response:
    """Deletes the area with its memberships and sub-regions."""
    await service.delete_area(repo, area, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{area_id}/members", summary="Add a member", status_code=status.HTTP_201_CREATED,
             response_model=AreaRead)
async def add_member(
    area: WritableArea, data: MemberCreate, repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor,
    response: Response,
) -> AreaRead:
    """An organisation joins the area from a date; `If-Match` is checked when given."""
    require_current(if_match, area.version, required=False)
    await service.add_member(repo, area, data)
    return respond(await service.reload(repo, area.id), response, actor)


@router.patch("/{area_id}/members/{member_id}", summary="Change a membership", response_model=AreaRead)
async def update_member(
    area: WritableArea, member_id: uuid.UUID, data: MemberUpdate, repo: RepositoryDep, if_match: IfMatch,
    actor: CurrentActor, response: Response,
) -> AreaRead:
    """Change a membership's dates, e.g. end it on the day the organisation leaves."""
    require_current(if_match, area.version, required=False)
    await service.update_member(repo, area, member_id, data)
    return respond(await service.reload(repo, area.id), response, actor)


@router.delete("/{area_id}/members/{member_id}", summary="Remove a member", response_model=AreaRead)
async def remove_member(
    area: WritableArea, member_id: uuid.UUID, repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor,
    response: Response,
) -> AreaRead:
    """Removes a membership record (to record that a member left, end it instead)."""
    require_current(if_match, area.version, required=False)
    await service.remove_member(repo, area, member_id)
    return respond(await service.reload(repo, area.id), response, actor)


@router.post("/{area_id}/sub-regions", summary="Add a sub-region", status_code=status.HTTP_201_CREATED,
             response_model=AreaRead)
async def add_sub_region(
    area: WritableArea, data: SubRegionFields, repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor,
    response: Response,
) -> AreaRead:
    """A sub-region with its municipalities (members of the area) and regional coordinator."""
    require_current(if_match, area.version, required=False)
    await service.add_sub_region(repo, area, data)
    return respond(await service.reload(repo, area.id), response, actor)


@router.patch("/{area_id}/sub-regions/{sub_region_id}", summary="Change a sub-region", response_model=AreaRead)
async def update_sub_region(
    area: WritableArea, sub_region_id: uuid.UUID, data: SubRegionUpdate, repo: RepositoryDep, if_match: IfMatch,
    actor: CurrentActor, response: Response,
) -> AreaRead:
    """Rename a sub-region, change its coordinator or its municipalities."""
    require_current(if_match, area.version, required=False)
    await service.update_sub_region(repo, area, sub_region_id, data)
    return respond(await service.reload(repo, area.id), response, actor)


@router.delete("/{area_id}/sub-regions/{sub_region_id}", summary="Remove a sub-region", response_model=AreaRead)
async def remove_sub_region(
    area: WritableArea, sub_region_id: uuid.UUID, repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor,
    response: Response,
) -> AreaRead:
    """Removes the sub-region; its municipalities stay members of the area."""
    require_current(if_match, area.version, required=False)
    await service.remove_sub_region(repo, area, sub_region_id)
    return respond(await service.reload(repo, area.id), response, actor)

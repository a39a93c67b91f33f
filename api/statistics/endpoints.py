"""Statistics of organisations (asukasluku, työnhakijat, asiakasmäärä…) by name and reference date."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile, status

from api.auth.dependencies import CurrentActor, requires
from api.concurrency import IfMatch, set_etag
from api.db import SessionDep
from api.organisations.schemas import OrganisationSummary
from api.pagination import Page, PageParams
from api.schemas import IsoDate
from api.settings import get_settings
from api.statistics import service
from api.statistics.models import StatisticValue
from api.statistics.repository import SORTING, StatisticRepository
from api.statistics.schemas import (
    SeriesRead,
    StatisticCreate,
    StatisticImportReport,
    StatisticRead,
    StatisticsBatch,
    StatisticUpdate,
)
from api.uploads import read_upload
from domain.access import Permission
from domain.errors import NotFound

router = APIRouter(prefix="/statistics", tags=["Statistics"])

FINANCE = [requires(Permission.FINANCE)]
NAME_QUERY = Query(max_length=60, description="Only this statistic, e.g. population.")
IMPORT_PROBLEMS: dict[int | str, dict[str, Any]] = {
    413: {"description": "The file is larger than 5 MB."},
    422: {"description": "An unreadable file, or rows with errors (nothing saved)."},
}


def repository(session: SessionDep) -> StatisticRepository:
    return StatisticRepository(session)


RepositoryDep = Annotated[StatisticRepository, Depends(repository)]


async def valid_statistic(statistic_id: uuid.UUID, repo: RepositoryDep) -> StatisticValue:
    value = await repo.get(statistic_id)
    if value is None:
        raise NotFound("statistic", statistic_id)
    return value


StatisticDep = Annotated[StatisticValue, Depends(valid_statistic)]


def statistic_read(value: StatisticValue) -> StatisticRead:
    return StatisticRead(
        id=value.id, organisation=OrganisationSummary.model_validate(value.organisation), name=value.name,
        reference_date=value.reference_date, value=value.value, source=value.source, version=value.version,
        updated_at=value.updated_at,
    )


def respond(value: StatisticValue, response: Response) -> StatisticRead:
    set_etag(response, value.version)
    return statistic_read(value)


@router.get("", summary="List statistic values", response_model=Page[StatisticRead])
async def list_statistics(
    _: CurrentActor,
    repo: RepositoryDep,
    params: Annotated[PageParams, Depends(SORTING.page_params)],
    name: Annotated[str | None, NAME_QUERY] = None,
    reference_date: Annotated[IsoDate | None, Query(description="Only values on this date.")] = None,
    organisation_id: Annotated[uuid.UUID | None, Query(description="Only this organisation's values.")] = None,
    area_id: Annotated[uuid.UUID | None, Query(description="Only values of the area's members (past or present).")] = None,
) -> Page[StatisticRead]:
    """Statistics are facts shared by every area; every logged-in caller reads them."""
    rows, next_cursor = await repo.list_page(
        params, name=name, reference_date=reference_date, organisation_id=organisation_id, area_id=area_id
    )
    return Page(items=[statistic_read(row) for row in rows], next_cursor=next_cursor)


@router.get("/series", summary="List the statistics and their dates", response_model=Page[SeriesRead])
async def list_series(
    _: CurrentActor,
    repo: RepositoryDep,
    name: Annotated[str | None, NAME_QUERY] = None,
    area_id: Annotated[uuid.UUID | None, Query(description="Count only the area's members.")] = None,
) -> Page[SeriesRead]:
    """Which statistic is there on which date, for how many organisations: what a key can split by."""
    totals: dict[tuple[str, date], tuple[int, Decimal]] = {}
    for stat_name, on, decimals, count, units in await repo.series(name=name, area_id=area_id):
        before_count, before_total = totals.get((stat_name, on), (0, Decimal(0)))
        totals[(stat_name, on)] = (before_count + count, before_total + Decimal(str(units or 0)).scaleb(-decimals))
    items = [
        SeriesRead(name=stat_name, reference_date=on, count=count, total=total)
        for (stat_name, on), (count, total) in sorted(totals.items(), key=lambda item: (item[0][0], item[0][1]))
    ]
    return Page(items=items, next_cursor=None)


@router.post("", summary="Add a statistic value", status_code=status.HTTP_201_CREATED, response_model=StatisticRead,
             dependencies=FINANCE)
async def create_statistic(
    actor: CurrentActor, data: StatisticCreate, repo: RepositoryDep, response: Response
) -> StatisticRead:
    """One organisation's value of a statistic on a date. Needs the finance role (or area admin) in an area
    the organisation belongs to; a value that exists already is changed with PATCH instead (409)."""
    value = await service.create_statistic(repo, actor, data)
    response.headers["Location"] = f"/api/v1/statistics/{value.id}"
    return respond(value, response)


@router.post("/batch", summary="Add or change many statistic values", response_model=StatisticImportReport,
             dependencies=FINANCE, responses={422: IMPORT_PROBLEMS[422]})
async def batch_statistics(
    actor: CurrentActor,
    data: StatisticsBatch,
    repo: RepositoryDep,
    apply: Annotated[bool, Query(description="false: only preview; true: save (all items or none).")] = False,
) -> StatisticImportReport:
    """Values by organisation id or municipality code; each is created, updated or left unchanged.
    Without `apply=true` nothing is saved: the answer is the preview."""
    return await service.import_values(repo, actor, service.from_batch(data), apply)


@router.post("/imports", summary="Import statistics from a CSV file", response_model=StatisticImportReport,
             dependencies=FINANCE, responses=IMPORT_PROBLEMS)
async def import_statistics(
    actor: CurrentActor,
    repo: RepositoryDep,
    file: Annotated[UploadFile, File(description=(
        "CSV, `code;statistic;reference_date;value` a line, or `code` and a column per statistic named "
        "`<statistic>_<year>` (the value on 31.12. of that year), e.g. the municipality list's population_2020."
    ))],
    apply: Annotated[bool, Query(description="false: only preview; true: import (all rows or none).")] = False,
) -> StatisticImportReport:
    """A preview of what the file would create and change, with each row's errors; with `apply=true` the rows
    are saved, all or none. Numbers may be written 241 009 or 62,35; dates 31.12.2020 or 2020-12-31."""
    content = await read_upload(file, get_settings().csv_max_mb)
    return await service.import_file(repo, actor, content, file.filename, apply)


@router.get("/{statistic_id}", summary="Get a statistic value", response_model=StatisticRead)
async def get_statistic(_: CurrentActor, value: StatisticDep, response: Response) -> StatisticRead:
    """One value; its `ETag` is what a change sends back in `If-Match`."""
    return respond(value, response)


@router.patch("/{statistic_id}", summary="Change a statistic value", response_model=StatisticRead,
              dependencies=FINANCE)
async def update_statistic(
    actor: CurrentActor, value: StatisticDep, changes: StatisticUpdate, repo: RepositoryDep, if_match: IfMatch,
    response: Response,
) -> StatisticRead:
    """A corrected value or source; needs `If-Match`."""
    return respond(await service.update_statistic(repo, actor, value, changes, if_match), response)


@router.delete("/{statistic_id}", summary="Delete a statistic value", status_code=status.HTTP_204_NO_CONTENT,
               dependencies=FINANCE)
async def delete_statistic(actor: CurrentActor, value: StatisticDep, repo: RepositoryDep, if_match: IfMatch) -> Response:
    """A plan that splits by this value then reports it missing, never reads it as zero."""
    await service.delete_statistic(repo, actor, value, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

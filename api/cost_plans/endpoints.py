"""Cost plans (kustannustenjakoliitteet) and their pools: create, read, change, delete."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.auth.dependencies import CurrentActor, requires
from api.concurrency import IfMatch, set_etag
from api.cost_plans import service
from api.cost_plans.dependencies import PlanForFinance, PlanForRead, allowed_actions
from api.cost_plans.models import CostPlan
from api.cost_plans.pool_specs import pool_read
from api.cost_plans.repository import BASES_SORTING, SORTING, CostPlanRepository
from api.cost_plans.schemas import (
    ActualCostsUpdate,
    AgreementVersionRef,
    CostPlanCopy,
    CostPlanCreate,
    CostPlanRead,
    CostPlanRevision,
    CostPlanSummary,
    CostPlanUpdate,
    PlanBasis,
    PlanRef,
    PlanStatus,
    PoolCreate,
    PoolUpdate,
)
from api.db import SessionDep
from api.organisations.schemas import OrganisationSummary
from api.pagination import Page, PageParams
from domain.access import Actor, Permission, cost_areas

router = APIRouter(prefix="/cost-plans", tags=["Cost sharing"])

FINANCE = [requires(Permission.FINANCE)]


def repository(session: SessionDep) -> CostPlanRepository:
    return CostPlanRepository(session)


RepositoryDep = Annotated[CostPlanRepository, Depends(repository)]
ReadablePlan = Annotated[CostPlan, PlanForRead]
FinancePlan = Annotated[CostPlan, PlanForFinance]


async def plan_read(repo: CostPlanRepository, plan: CostPlan, actor: Actor) -> CostPlanRead:
    found = await repo.agreement_version(plan.agreement_version_id)
    assert found is not None
    version, agreement = found
    names = await repo.area_names({plan.area_id})
    lead = (await repo.organisations.by_ids([plan.lead_organisation_id])).get(plan.lead_organisation_id) \
        if plan.lead_organisation_id else None
    previous = await repo.get(plan.previous_plan_id) if plan.previous_plan_id else None
    participants = sorted(
        (OrganisationSummary.model_validate(link.organisation) for link in plan.participants),
        key=lambda o: (o.municipality_code or "~", o.name_fi),
    )
    return CostPlanRead(
        id=plan.id,
        area_id=plan.area_id,
        area_name=names.get(plan.area_id, ""),
        agreement=AgreementVersionRef(agreement_id=agreement.id, agreement_title=agreement.title, version_id=version.id,
                               version_number=version.number, version_title=version.title),
        year=plan.year,
        name=plan.name,
        status=plan.status,
        reference_date=plan.reference_date,
        description=plan.description,
        participants=participants,
        lead=OrganisationSummary.model_validate(lead) if lead else None,
        previous_plan=PlanRef(id=previous.id, name=previous.name, year=previous.year, status=previous.status)
        if previous else None,
        instalment_dates=plan.instalment_dates or [],
        pools=[pool_read(pool, plan.reference_date) for pool in plan.pools],
        version=plan.version,
        created_at=plan.created_at,
        updated_at=plan.updated_at,
        allowed_actions=allowed_actions(plan, actor),
    )


async def respond(repo: CostPlanRepository, plan: CostPlan, actor: Actor, response: Response) -> CostPlanRead:
    set_etag(response, plan.version)
    return await plan_read(repo, plan, actor)


@router.get("/bases", summary="List the agreement versions a new plan may be based on",
            response_model=Page[PlanBasis])
async def list_plan_bases(
    actor: CurrentActor,
    repo: RepositoryDep,
    params: Annotated[PageParams, Depends(BASES_SORTING.page_params)],
    area_id: Annotated[uuid.UUID | None, Query(description="Only this area's versions.")] = None,
) -> Page[PlanBasis]:
    """The versions (drafts included) of the agreements in the areas where the caller may make cost plans, by agreement title
    and version number: the choices of a new plan."""
    rows, next_cursor = await repo.plan_bases(cost_areas(actor), area_id, params)
    items = [
        PlanBasis(agreement_id=agreement.id, agreement_title=agreement.title, version_id=version.id,
                  version_number=version.number, version_title=version.title, area_id=agreement.area_id,
                  area_name=area_name)
        for version, agreement, area_name in rows
    ]
    return Page(items=items, next_cursor=next_cursor)


@router.get("", summary="List cost plans", response_model=Page[CostPlanSummary])
async def list_cost_plans(
    actor: CurrentActor,
    repo: RepositoryDep,
    params: Annotated[PageParams, Depends(SORTING.page_params)],
    area_id: Annotated[uuid.UUID | None, Query(description="Only this area's plans.")] = None,
    year: Annotated[int | None, Query(ge=1990, le=2100, description="Only plans of this year.")] = None,
    status: Annotated[PlanStatus | None, Query(description="Only drafts or approved plans.")] = None,
    agreement_version_id: Annotated[uuid.UUID | None, Query(description="Only plans of this agreement version.")] = None,
) -> Page[CostPlanSummary]:
    """The plans of the areas the caller may see, newest year first (or as `sort` and `order` ask)."""
    rows, next_cursor, counts, names = await repo.list_page(
        params, area_id=area_id, year=year, status=status, agreement_version_id=agreement_version_id,
        visible=actor.visible_areas,
    )
    items = [
        CostPlanSummary(
            id=row.id, area_id=row.area_id, area_name=names.get(row.area_id, ""),
            agreement_version_id=row.agreement_version_id, year=row.year, name=row.name,
            status=row.status, reference_date=row.reference_date,
            pool_count=counts.get(row.id, 0), version=row.version,
        )
        for row in rows
    ]
    return Page(items=items, next_cursor=next_cursor)


@router.post("", summary="Create a cost plan", status_code=status.HTTP_201_CREATED, response_model=CostPlanRead,
             dependencies=FINANCE)
async def create_cost_plan(
    actor: CurrentActor, data: CostPlanCreate, repo: RepositoryDep, response: Response
) -> CostPlanRead:
    """A plan of an agreement version for a year (the plan's area is the agreement's), optionally with its
    pools. Needs the finance role or area admin in that area. Participants default to the version's
    municipalities, the lead to the area's lead, the previous plan to the area's approved plan of the
    year before, and the instalments to the ends of the quarters."""
    plan = await service.create_plan(repo, actor, data)
    response.headers["Location"] = f"/api/v1/cost-plans/{plan.id}"
    return await respond(repo, plan, actor, response)


@router.get("/{plan_id}", summary="Get a cost plan", response_model=CostPlanRead)
async def get_cost_plan(plan: ReadablePlan, actor: CurrentActor, repo: RepositoryDep, response: Response) -> CostPlanRead:
    """The plan with its participants and pools; its `ETag` guards every change to it and its pools."""
    return await respond(repo, plan, actor, response)


@router.patch("/{plan_id}", summary="Update a cost plan", response_model=CostPlanRead, dependencies=FINANCE)
async def update_cost_plan(
    plan: FinancePlan, changes: CostPlanUpdate, repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor,
    response: Response,
) -> CostPlanRead:
    """Change the name, year, status, reference date, participants, lead, previous plan or instalment dates of a
    draft; needs `If-Match`. An approved plan is read-only (409): start a change with `POST …/revisions`."""
    return await respond(repo, await service.update_plan(repo, plan, changes, if_match), actor, response)


@router.delete("/{plan_id}", summary="Delete a cost plan", status_code=status.HTTP_204_NO_CONTENT,
               dependencies=FINANCE)
async def delete_cost_plan(plan: FinancePlan, repo: RepositoryDep, if_match: IfMatch) -> Response:
    """Deletes the plan with its pools; plans that compared themselves with it no longer do. An approved plan
    (e.g. one approved by mistake) is deleted only with its current ETag in `If-Match`."""
    await service.delete_plan(repo, plan, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{plan_id}/revisions", summary="Start a change to an approved plan", status_code=status.HTTP_201_CREATED,
             response_model=CostPlanRead, dependencies=FINANCE)
async def revise_cost_plan(
    plan: FinancePlan, repo: RepositoryDep, actor: CurrentActor, response: Response,
    data: CostPlanRevision | None = None,
) -> CostPlanRead:
    """An approved plan's budget is frozen; a change starts here, as a new draft copied from it (the same year,
    pools, participants, instalment dates and actual costs) with the approved plan as its `previous_plan`. The
    approved plan stays as it was. A draft is changed directly instead (409)."""
    created = await service.revise_plan(repo, plan, data or CostPlanRevision())
    response.headers["Location"] = f"/api/v1/cost-plans/{created.id}"
    return await respond(repo, created, actor, response)


@router.post("/{plan_id}/copies", summary="Start next year's plan as a copy", status_code=status.HTTP_201_CREATED,
             response_model=CostPlanRead, dependencies=FINANCE)
async def copy_cost_plan(
    plan: FinancePlan, repo: RepositoryDep, actor: CurrentActor, response: Response, data: CostPlanCopy | None = None,
) -> CostPlanRead:
    """Next year's plan starts as a copy of this year's: a draft (for `year`, the next one by default) with the same
    participants — but those whose notice ended before that year —, pools, lead and reference date, the instalment
    dates moved to its year, compared with the area's approved plan of the year before. Actual costs are copied only
    into a draft of the same year. With `pools`, those instead (a what-if saved as a draft)."""
    created = await service.copy_plan(repo, plan, data or CostPlanCopy())
    response.headers["Location"] = f"/api/v1/cost-plans/{created.id}"
    return await respond(repo, created, actor, response)


@router.post("/{plan_id}/pools", summary="Add a pool", status_code=status.HTTP_201_CREATED,
             response_model=CostPlanRead, dependencies=FINANCE)
async def add_pool(
    plan: FinancePlan, data: PoolCreate, repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor,
    response: Response,
) -> CostPlanRead:
    """A cost pool with its amount and key, on a draft (409 on an approved plan); `If-Match` (the plan's ETag) is
    checked when given."""
    await service.add_pool(repo, plan, data, if_match)
    return await respond(repo, await service.reload(repo, plan.id), actor, response)


@router.patch("/{plan_id}/pools/{pool_id}", summary="Change a pool", response_model=CostPlanRead,
              dependencies=FINANCE)
async def update_pool(
    plan: FinancePlan, pool_id: uuid.UUID, changes: PoolUpdate, repo: RepositoryDep, if_match: IfMatch,
    actor: CurrentActor, response: Response,
) -> CostPlanRead:
    """Change a pool's amount, key, participants, caps, rounding or actual cost; needs `If-Match` with the
    plan's ETag. On an approved plan only the actual cost can still be changed (409 otherwise)."""
    await service.update_pool(repo, plan, pool_id, changes, if_match)
    return await respond(repo, await service.reload(repo, plan.id), actor, response)


@router.delete("/{plan_id}/pools/{pool_id}", summary="Remove a pool", response_model=CostPlanRead,
               dependencies=FINANCE)
async def delete_pool(
    plan: FinancePlan, pool_id: uuid.UUID, repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor,
    response: Response,
) -> CostPlanRead:
    """Removes the pool from a draft (409 on an approved plan); `If-Match` is checked when given."""
    await service.delete_pool(repo, plan, pool_id, if_match)
    return await respond(repo, await service.reload(repo, plan.id), actor, response)


@router.put("/{plan_id}/actual-costs", summary="Record the actual costs", response_model=CostPlanRead,
            dependencies=FINANCE)
async def set_actual_costs(
    plan: FinancePlan, data: ActualCostsUpdate, repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor,
    response: Response,
) -> CostPlanRead:
    """The year's actual cost of each pool named (null clears one), for the reconciliation; needs `If-Match`.
    Recorded on an approved plan too: that is the year-end flow, and the budget itself stays as approved."""
    await service.set_actual_costs(repo, plan, data, if_match)
    return await respond(repo, await service.reload(repo, plan.id), actor, response)

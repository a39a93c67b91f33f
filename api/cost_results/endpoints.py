"""What a cost plan computes: the allocation with explanations, what-ifs, instalments, reconciliation, exports.

All of these save nothing. Reading them needs any role in the plan's area;
a what-if too (it changes nothing, and tells nothing a reader of the plan
could not work out).
"""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from api.cost_plans.endpoints import ReadablePlan, RepositoryDep
from api.cost_results import exports
from api.cost_results import service as calculations
from api.cost_results.schemas import (
    AllocationRead,
    InstalmentsRead,
    ReconciliationRead,
    ShareRead,
    WhatIfRead,
    WhatIfRequest,
)
from api.schemas import IsoDate
from domain.errors import NotFound

router = APIRouter(prefix="/cost-plans", tags=["Cost sharing"])

COMPUTE_PROBLEMS: dict[int | str, dict[str, Any]] = {
    409: {"description": "The plan cannot be computed: a statistic is missing, or weights add up to 0."},
}


@router.get("/{plan_id}/allocation", summary="Compute a plan's allocation", response_model=AllocationRead,
            responses=COMPUTE_PROBLEMS)
async def get_allocation(plan: ReadablePlan, repo: RepositoryDep) -> AllocationRead:
    """Every pool split among its participants, exactly (largest remainder to the cent, or whole euros with
    the difference shown), each share with its explanation; each participant's totals with its share and the
    change from the previous plan. A missing statistic is a 409 naming the participant, never a zero."""
    return await calculations.allocation_of(repo, plan)


@router.get("/{plan_id}/allocation/explanation", summary="Explain one share", response_model=ShareRead,
            responses=COMPUTE_PROBLEMS)
async def get_explanation(
    plan: ReadablePlan,
    repo: RepositoryDep,
    pool_id: Annotated[uuid.UUID, Query(description="The pool.")],
    organisation_id: Annotated[uuid.UUID, Query(description="The participant.")],
) -> ShareRead:
    """One participant's share of one pool with how it was computed: statistic, date, values, formula."""
    allocation = await calculations.allocation_of(repo, plan)
    for pool in allocation.pools:
        if pool.pool_id == pool_id:
            for share in pool.shares:
                if share.participant.id == organisation_id:
                    return share
            raise NotFound("share", organisation_id)
    raise NotFound("pool", pool_id)


@router.post("/{plan_id}/what-if", summary="Try changes without saving", response_model=WhatIfRead,
             responses=COMPUTE_PROBLEMS)
async def what_if(plan: ReadablePlan, data: WhatIfRequest, repo: RepositoryDep) -> WhatIfRead:
    """The plan computed with other pools (keys, weights, amounts…), another reference date or other
    participants, and each participant's difference from the saved plan. Nothing is saved: this is a
    computation, so a reader of the area may run it (to keep a variant, create a plan with those pools)."""
    return await calculations.what_if(repo, plan, data)


@router.get("/{plan_id}/instalments", summary="Advance instalments", response_model=InstalmentsRead,
            responses=COMPUTE_PROBLEMS)
async def get_instalments(
    plan: ReadablePlan,
    repo: RepositoryDep,
    dates: Annotated[list[IsoDate] | None, Query(
        description="Nominal due dates in ascending order; the plan's instalment dates by default.")] = None,
) -> InstalmentsRead:
    """Each participant's budgeted euro total split into instalments that differ by at most a cent and add up
    exactly; a due date on a weekend or a Finnish public holiday moves to the next working day."""
    return await calculations.instalments_of(repo, plan, dates)


@router.get("/{plan_id}/reconciliation", summary="Year-end reconciliation", response_model=ReconciliationRead,
            responses=COMPUTE_PROBLEMS)
async def get_reconciliation(plan: ReadablePlan, repo: RepositoryDep) -> ReconciliationRead:
    """The pools allocated again with their actual costs (same keys, caps and rounding) against the budget:
    what each participant is refunded or charged, to the cent. `complete` is false until every pool has its
    actual cost (PUT /cost-plans/{plan_id}/actual-costs)."""
    return await calculations.reconciliation_of(repo, plan)


@router.get(
    "/{plan_id}/export",
    summary="Export the results as CSV or XLSX",
    response_class=Response,
    responses={
        **COMPUTE_PROBLEMS,
        200: {"content": {exports.MEDIA_TYPES["csv"]: {}, exports.MEDIA_TYPES["xlsx"]: {}},
              "description": "The file."},
    },
)
async def export_results(
    plan: ReadablePlan,
    repo: RepositoryDep,
    part: Annotated[exports.Part, Query(description="Which table; `all` (XLSX only) is every table, a sheet each.")]
    = "all",
    format: Annotated[exports.Format, Query(description="csv or xlsx.")] = "xlsx",
    language: Annotated[exports.Language, Query(description="Language of the column headings.")] = "fi",
) -> Response:
    """The allocation by municipality, the shares with their explanations, the instalments and the
    reconciliation. CSV: semicolons, decimal commas, dates as 5.6.2023, UTF-8 with a BOM. XLSX: numbers
    as numbers with Finnish formats."""
    if format == "csv" and part == "all":
        part = "allocation"
    tables: list[exports.Table] = []
    if part in ("totals", "allocation", "all"):
        allocation = await calculations.allocation_of(repo, plan)
        if part in ("totals", "all"):
            tables.append(exports.totals_table(allocation, language))
        if part in ("allocation", "all"):
            tables.append(exports.allocation_table(allocation, language))
    if part in ("instalments", "all"):
        instalments = await calculations.instalments_of(repo, plan, None)
        if instalments.participants or part == "instalments":
            tables.append(exports.instalments_table(instalments, language))
    if part in ("reconciliation", "all"):
        tables.append(exports.reconciliation_table(await calculations.reconciliation_of(repo, plan), language))
    extension = format
    content = exports.to_csv(tables[0]) if format == "csv" else exports.to_xlsx(tables, plan.name)
    name = exports.file_name(plan.name, plan.year, part, extension, language)
    return Response(content, media_type=exports.MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


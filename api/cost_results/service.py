"""Computations on a plan: its allocation, a what-if, the advance instalments and the reconciliation.

Each loads what the engine needs (parties, pools, statistics on the reference
date), calls domain.costs, and shapes the result; none of them saves anything.
"""

import uuid
from collections.abc import Sequence
from datetime import date

from api.cost_plans.models import CostPlan
from api.cost_plans.pool_specs import (
    PoolSpec,
    build_plan,
    engine_errors,
    spec_from_input,
    spec_from_model,
)
from api.cost_plans.repository import CostPlanRepository
from api.cost_plans.schemas import PlanRef
from api.cost_plans.service import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_INSTALMENTS,
    check_lead,
    chosen_parties,
    load_statistics,
    parties_of,
)
from api.cost_results.responses import (
    allocation_read,
    differences_read,
    participant_ref,
)
from api.cost_results.schemas import (
    AllocationRead,
    InstalmentRead,
    InstalmentsRead,
    ParticipantInstalmentsRead,
    PoolReconciliationRead,
    ReconciliationLineRead,
    ReconciliationRead,
    ReconciliationTotalRead,
    WhatIfRead,
    WhatIfRequest,
)
from api.organisations.models import Organisation
from api.problems import ErrorBrief
from domain.costs import (
    CostPlan as DomainPlan,
)
from domain.costs import (
    PlanAllocation,
    Statistics,
    allocate_plan,
    invoice_schedule,
    reconcile,
)
from domain.costs.errors import CostSharingError, InstalmentYearsOutOfRange, TooManyInstalments
from domain.costs.rounding import from_minor
from domain.errors import InvalidField

UNITS = ("eur", "person_year")


async def compute(
    repository: CostPlanRepository,
    plan: CostPlan,
    *,
    specs: Sequence[PoolSpec] | None = None,
    parties: Sequence[Organisation] | None = None,
    reference_date: date | None = None,
    lead: uuid.UUID | None = None,
    input_given: bool = False,
) -> tuple[DomainPlan, Statistics, PlanAllocation]:
    """The engine's plan, the statistics it reads, and its allocation (a missing statistic is a 409)."""
    specs = [spec_from_model(pool) for pool in plan.pools] if specs is None else specs
    parties = parties_of(plan) if parties is None else parties
    reference_date = reference_date or plan.reference_date
    lead = plan.lead_organisation_id if lead is None else lead
    domain_plan = build_plan(plan.year, reference_date, parties, specs, lead, input_given=input_given)
    statistics = await load_statistics(repository, specs, reference_date, parties)
    with engine_errors(input_given=input_given):
        allocation = allocate_plan(domain_plan, statistics)
    return domain_plan, statistics, allocation


def plan_ref(plan: CostPlan) -> PlanRef:
    return PlanRef(id=plan.id, name=plan.name, year=plan.year, status=plan.status)


async def previous_allocation(
    repository: CostPlanRepository, plan: CostPlan
) -> tuple[PlanAllocation | None, PlanRef | None, ErrorBrief | None]:
    if plan.previous_plan_id is None:
        return None, None, None
    previous = await repository.get(plan.previous_plan_id)
    if previous is None:
        return None, None, None
    try:
        _, _, allocation = await compute(repository, previous)
    except CostSharingError as error:
        return None, plan_ref(previous), ErrorBrief.of(error)
    return allocation, plan_ref(previous), None


async def allocation_of(repository: CostPlanRepository, plan: CostPlan) -> AllocationRead:
    specs = [spec_from_model(pool) for pool in plan.pools]
    _, _, allocation = await compute(repository, plan, specs=specs)
    previous, ref, error = await previous_allocation(repository, plan)
    commitments = await repository.commitments_on(plan.agreement_version_id)
    return allocation_read(plan_id=plan.id, plan_version=plan.version, allocation=allocation, specs=specs,
                           previous=previous, previous_plan=ref, previous_error=error, commitments=commitments)


async def what_if(repository: CostPlanRepository, plan: CostPlan, request: WhatIfRequest) -> WhatIfRead:
    """The plan with the changes asked, against the saved plan; nothing is saved."""
    if request.pools is not None:
        specs = [spec_from_input(pool, f"pools.{index}.", pool.id) for index, pool in enumerate(request.pools)]
    else:
        specs = [spec_from_model(pool) for pool in plan.pools]
    parties = parties_of(plan)
    if request.participant_ids is not None:
        parties = await chosen_parties(repository, request.participant_ids)
    lead = check_lead(request.lead_organisation_id or plan.lead_organisation_id, parties,
                      request.lead_organisation_id is not None)
    _, _, allocation = await compute(repository, plan, specs=specs, parties=parties,
                                     reference_date=request.reference_date, lead=lead, input_given=True)
    saved, saved_error = None, None
    try:
        _, _, saved = await compute(repository, plan)
    except CostSharingError as error:
        saved_error = ErrorBrief.of(error)
    previous, ref, previous_error = await previous_allocation(repository, plan)
    result = allocation_read(plan_id=plan.id, plan_version=plan.version, allocation=allocation, specs=specs,
                             previous=previous, previous_plan=ref, previous_error=previous_error, what_if=True)
    return WhatIfRead(allocation=result, differences=differences_read(allocation, saved) if saved else [],
                      saved_error=saved_error)


def plan_dates(plan: CostPlan) -> list[date]:
    return [date.fromisoformat(day) for day in plan.instalment_dates or []]


async def instalments_of(repository: CostPlanRepository, plan: CostPlan, dates: list[date] | None) -> InstalmentsRead:
    """The budgeted euro totals split into instalments due on Finnish working days, exact to the cent."""
    _, _, allocation = await compute(repository, plan)
    nominal = dates or plan_dates(plan)
    if len(nominal) > MAX_INSTALMENTS:
        raise InvalidField("dates", TooManyInstalments(maximum=MAX_INSTALMENTS))
    if any(not FIRST_YEAR <= day.year <= LAST_YEAR for day in nominal):
        raise InvalidField("dates", InstalmentYearsOutOfRange(first_year=FIRST_YEAR, last_year=LAST_YEAR))
    with engine_errors("dates"):
        schedule = invoice_schedule(allocation, nominal, "eur")
    sums: dict[int, int] = {}
    for row in schedule:
        for instalment in row.instalments:
            sums[instalment.number] = sums.get(instalment.number, 0) + instalment.minor
    first = schedule[0].instalments if schedule else ()
    return InstalmentsRead(
        plan_id=plan.id,
        unit="eur",
        total=from_minor(sum(row.minor for row in schedule), "eur"),
        participants=[
            ParticipantInstalmentsRead(
                participant=participant_ref(row.participant),
                total=from_minor(row.minor, "eur"),
                instalments=[
                    InstalmentRead(number=i.number, nominal_date=i.nominal_date, due_date=i.due_date, amount=i.amount)
                    for i in row.instalments
                ],
            )
            for row in schedule
        ],
        totals=[
            InstalmentRead(number=i.number, nominal_date=i.nominal_date, due_date=i.due_date,
                           amount=from_minor(sums[i.number], "eur"))
            for i in first
        ],
    )


async def reconciliation_of(repository: CostPlanRepository, plan: CostPlan) -> ReconciliationRead:
    """Year-end reconciliation (tasaus) against each pool's actual cost; incomplete until every pool has one."""
    domain_plan, statistics, budget = await compute(repository, plan)
    by_name = {result.name: result for result in budget.pools}
    pools = [
        PoolReconciliationRead(
            pool_id=pool.id, name=pool.name, unit=pool.unit,
            budgeted=from_minor(by_name[pool.name].pool.amount_minor, pool.unit),
            actual=None if pool.actual_minor is None else from_minor(pool.actual_minor, pool.unit),
        )
        for pool in plan.pools
    ]
    missing = [pool.name for pool in plan.pools if pool.actual_minor is None]
    if missing or not plan.pools:
        return ReconciliationRead(plan_id=plan.id, complete=False, missing_pools=missing, pools=pools, lines=[],
                                  totals=[])
    # Every pool has its actual cost by now (missing is empty).
    actual_costs = {pool.name: from_minor(pool.actual_minor, pool.unit) for pool in plan.pools if pool.actual_minor is not None}
    with engine_errors(input_given=False):
        result = reconcile(domain_plan, actual_costs, statistics, budget=budget)
    lines = [
        ReconciliationLineRead(
            participant=participant_ref(line.participant), unit=line.unit,
            budgeted=line.budgeted, actual=line.actual, difference=line.difference, refund=line.refund,
            charge=line.charge,
        )
        for line in result.lines
    ]
    totals = []
    for unit in UNITS:
        mine = [line for line in result.lines if line.unit == unit]
        if mine:
            totals.append(ReconciliationTotalRead(
                unit=unit,
                budgeted=from_minor(sum(line.budgeted_minor for line in mine), unit),
                actual=from_minor(sum(line.actual_minor for line in mine), unit),
                refunds=from_minor(sum(max(line.difference_minor, 0) for line in mine), unit),
                charges=from_minor(sum(max(-line.difference_minor, 0) for line in mine), unit),
                difference=from_minor(sum(line.difference_minor for line in mine), unit),
            ))
    return ReconciliationRead(plan_id=plan.id, complete=True, missing_pools=[], pools=pools, lines=lines,
                              totals=totals)

"""Loading a cost plan together with the check that the actor may do the thing asked.

Cost data belongs to the plan's area: any role in the area (or a key of the
area) reads it; changing it needs Permission.FINANCE (the finance role or the
area admin; a key with the finance scope). A what-if saves nothing, so reading
the area is enough for it.
"""

import uuid

from fastapi import Depends, params

from api.auth.dependencies import CurrentActor, authorize
from api.cost_plans.models import CostPlan
from api.cost_plans.repository import CostPlanRepository
from api.db import SessionDep
from domain.access import Actor, Permission, cost_plan_actions
from domain.costs.plans import PlanStatus
from domain.errors import NotFound


async def plan_or_404(plan_id: uuid.UUID, session: SessionDep) -> CostPlan:
    plan = await CostPlanRepository(session).get(plan_id)
    if plan is None:
        raise NotFound("cost_plan", plan_id)
    return plan


def plan_with(permission: Permission) -> params.Depends:
    async def load(plan_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> CostPlan:
        area_id = await CostPlanRepository(session).area_of(plan_id)
        if area_id is None:
            raise NotFound("cost_plan", plan_id)
        authorize(actor, permission, area_id=area_id, resource_type="cost_plans", resource_id=plan_id)
        return await plan_or_404(plan_id, session)

    return Depends(load)


def allowed_actions(plan: CostPlan, actor: Actor) -> list[str]:
    return cost_plan_actions(actor, plan.area_id, approved=plan.status == PlanStatus.APPROVED)


PlanForRead = plan_with(Permission.READ)
PlanForFinance = plan_with(Permission.FINANCE)

"""The front page's one read: what needs the caller now."""

from fastapi import APIRouter

from api.agreements.dependencies import OnDate, RepositoryDep
from api.auth.dependencies import CurrentActor
from api.cost_plans.endpoints import RepositoryDep as CostPlanRepositoryDep
from api.overview import service
from api.overview.schemas import OverviewRead

router = APIRouter(prefix="/overview", tags=["Overview"])


@router.get("", summary="What needs me now", response_model=OverviewRead)
async def get_overview(actor: CurrentActor, agreements: RepositoryDep, plans: CostPlanRepositoryDep,
                       on: OnDate) -> OverviewRead:
    """For a coordinator (or finance officer, or viewer): the decisions awaited from their organisation, its
    agreements in force and its cost shares of the year. For an area admin the same for the areas they run as a
    whole, by municipality; for an installation admin, every area."""
    return await service.overview(agreements, plans, actor, on)

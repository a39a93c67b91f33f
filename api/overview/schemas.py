"""The front page's answer to "what needs me now", as one read."""

import uuid
from datetime import date

from pydantic import BaseModel, Field

from api.agreements.schemas import AgreementSummary
from api.cost_plans.schemas import CostPlanSummary
from api.cost_results.schemas import TotalRead
from api.obligations.schemas import InstanceRead
from api.organisations.schemas import OrganisationSummary
from api.problems import ErrorBrief


class AwaitedVersion(BaseModel):
    """A version sent to the parties whose decisions are still awaited."""

    agreement_id: uuid.UUID
    agreement_title: str
    version_id: uuid.UUID
    version_number: int
    sent_on: date | None
    waiting: list[OrganisationSummary] = Field(description="The parties whose decision is still awaited.")
    blocking: list[OrganisationSummary] = Field(description="The parties whose decision rejects the version.")


class CostShare(BaseModel):
    """A cost plan of the year and the shares in it: the organisation's own, or every participant's."""

    plan: CostPlanSummary
    totals: list[TotalRead]
    problem: ErrorBrief | None = Field(None, description="Why the plan cannot be computed yet, if it cannot.")


class DutiesOfOrganisation(BaseModel):
    """How many of an organisation's duties are overdue or fall due within 30 days."""

    organisation: OrganisationSummary
    overdue: int
    due_soon: int


class OverviewRead(BaseModel):
    on: date = Field(description="The date the states are computed for (today in Finland by default).")
    year: int = Field(description="The year of the cost shares: that of `on`.")
    whole_area: bool = Field(description="True: the areas as a whole, by municipality; false: one organisation.")
    organisation: OrganisationSummary | None = Field(None, description="The organisation looked at, if one.")
    awaited: list[AwaitedVersion] = Field(description="The first 20 versions awaiting decisions, in title order.")
    awaited_more: bool = Field(False, description="More versions await decisions than are listed: the agreements "
                               "list with `awaiting=true` has them.")
    in_force: list[AgreementSummary] = Field(description="The organisation's agreements in force on `on`.")
    cost_shares: list[CostShare]
    duties: list[InstanceRead] = Field(default_factory=list, description=(
        "The organisation's first 20 obligation instances that are overdue or fall due within 30 days, by due date."))
    duties_more: bool = Field(False, description="More duties need attention than are listed.")
    duties_by_organisation: list[DutiesOfOrganisation] = Field(default_factory=list, description=(
        "For the areas as a whole: each municipality's duties overdue and falling due within 30 days."))

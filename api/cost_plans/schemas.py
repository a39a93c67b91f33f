"""Cost plans and pools as the API takes and gives them; amounts are decimal strings ("1949.85")."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from api.organisations.schemas import OrganisationSummary
from api.schemas import Amount, Input, Percentage, Rate
from api.statistics.schemas import StatisticName

Unit = Literal["eur", "person_year"]
RoundingRule = Literal["cents", "euros"]
ExcessRule = Literal["share_among_uncapped", "to_lead"]
PlanStatus = Literal["draft", "approved"]
PlanName = Annotated[str, Field(min_length=1, max_length=200)]
Description = Annotated[str | None, Field(max_length=5000)]
Year = Annotated[int, Field(ge=1990, le=2100, description="The budget year.")]


class EqualKey(Input):
    """Tasajako: equal shares."""


    kind: Literal["equal"]


class StatisticKey(Input):
    """In proportion to a statistic of each participant on the plan's reference date."""


    kind: Literal["statistic"]
    statistic: StatisticName


class FixedKey(Input):
    """Fixed percentages by organisation id; they add up to exactly 100."""


    kind: Literal["fixed"]
    percentages: Annotated[dict[uuid.UUID, Percentage], Field(max_length=1000)]


SimpleKey = Annotated[EqualKey | StatisticKey | FixedKey, Field(discriminator="kind")]


class MixPart(Input):

    weight: Rate = Field(description="The key's coefficient αₖ, e.g. \"0.5\"; the coefficients add up to 1.")
    key: SimpleKey


class MixKey(Input):
    """A weighted mix Σ αₖ·keyₖ, e.g. 50 % population + 50 % jobseekers."""


    kind: Literal["mix"]
    parts: Annotated[list[MixPart], Field(min_length=1, max_length=6)]


KeyInput = Annotated[EqualKey | StatisticKey | FixedKey | MixKey, Field(discriminator="kind")]

POOL_EXAMPLE: JsonDict = {
    "name": "Tahtotilasta tulokseen",
    "unit": "eur",
    "amount": "126740.00",
    "key": {"kind": "equal"},
    "co_financing_rate": "0.80",
    "cap": "1950.00",
    "rounding": "euros",
}


class PoolFields(Input):
    """A cost pool (kustannuserä): its amount and how it is split."""

    model_config = ConfigDict(str_strip_whitespace=True, json_schema_extra={"examples": [POOL_EXAMPLE]})

    name: PlanName
    description: Description = None
    unit: Unit = Field("eur", description="eur, or person_year (htv) for staff resources.")
    amount: Amount = Field(description="In euros (two decimals at most) or person-years (one decimal at most).")
    key: KeyInput = Field(default_factory=lambda: EqualKey(kind="equal"))
    participant_ids: Annotated[list[uuid.UUID], Field(max_length=1000)] | None = Field(
        None, description="The parties that take part; null: every party of the plan.")
    excluded_ids: Annotated[list[uuid.UUID], Field(max_length=1000)] = Field(
        default_factory=list, description="Parties left out, e.g. Valkeakoski.")
    co_financing_rate: Rate | None = Field(
        None, description="Outside funding taken off first, e.g. \"0.80\" for ESR and state 80 %.")
    cap: Amount | None = Field(None, description="Every share at most this much (enintään 1 950 €).")
    caps: Annotated[dict[uuid.UUID, Amount], Field(max_length=1000)] = Field(
        default_factory=dict, description="Caps of single parties.")
    excess: ExcessRule = Field(
        "share_among_uncapped",
        description="What no one can take under the caps: left unallocated and reported, or charged to the lead.")
    rounding: RoundingRule = Field(
        "cents", description="cents: exact to the cent (tenths of a person-year); euros: whole euros, difference shown.")
    actual_amount: Amount | None = Field(None, description="The actual cost at year end, for the reconciliation.")


class PoolCreate(PoolFields):
    position: int | None = Field(None, ge=0, le=10_000, description="Place in the plan; last by default.")


class PoolUpdate(Input):
    """The fields to change; those left out keep their values."""

    model_config = ConfigDict(str_strip_whitespace=True,
                              json_schema_extra={"examples": [{"amount": "130000.00"}]})

    name: PlanName | None = None
    description: Description = None
    unit: Unit | None = None
    amount: Amount | None = None
    key: KeyInput | None = None
    participant_ids: Annotated[list[uuid.UUID], Field(max_length=1000)] | None = None
    excluded_ids: Annotated[list[uuid.UUID], Field(max_length=1000)] | None = None
    co_financing_rate: Rate | None = None
    cap: Amount | None = None
    caps: Annotated[dict[uuid.UUID, Amount], Field(max_length=1000)] | None = None
    excess: ExcessRule | None = None
    rounding: RoundingRule | None = None
    actual_amount: Amount | None = None
    position: int | None = Field(None, ge=0, le=10_000)


POOL_READ_EXAMPLE: dict[str, Any] = {
    **POOL_EXAMPLE, "id": "5d0c8e2a-7f41-4b9e-a6d3-1c2b3a4d5e6f", "position": 0, "key_description": "equal shares",
}


class PoolRead(PoolFields):
    model_config = ConfigDict(json_schema_extra={"examples": [POOL_READ_EXAMPLE]})

    id: uuid.UUID
    position: int
    key_description: str = Field(description="The key in words, e.g. \"population on 31.12.2020\".")


class CostPlanFields(Input):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: PlanName
    year: Year
    reference_date: date = Field(description="The date of the statistics the keys read (e.g. 2020-12-31).")
    status: PlanStatus = "draft"
    description: Description = None
    participant_ids: Annotated[list[uuid.UUID], Field(max_length=1000)] | None = Field(
        None, description="The paying parties; by default the agreement version's municipalities, "
        "or else the area's members during the year.")
    lead_organisation_id: uuid.UUID | None = Field(None, description="Vastuukunta; the area's lead by default.")
    previous_plan_id: uuid.UUID | None = Field(
        None, description="The plan changes are measured against; by default the area's approved plan of the year before.")
    instalment_dates: Annotated[list[date], Field(max_length=24)] | None = Field(
        None, description="Nominal due dates of the advance instalments; quarterly (31.3., 30.6., 30.9., 31.12.) by default.")


class CostPlanCreate(CostPlanFields):
    """A cost plan of an agreement version for a year, optionally with its pools."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "agreement_version_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "name": "Omarahoitusosuudet", "year": 2021, "reference_date": "2020-12-31", "pools": [POOL_EXAMPLE],
    }]})

    agreement_version_id: uuid.UUID
    pools: Annotated[list[PoolFields], Field(max_length=200)] = Field(default_factory=list)


class CostPlanUpdate(Input):
    """The fields to change; those left out keep their values."""

    model_config = ConfigDict(str_strip_whitespace=True,
                              json_schema_extra={"examples": [{"status": "approved"}]})

    name: PlanName | None = None
    year: Year | None = None
    reference_date: date | None = None
    status: PlanStatus | None = None
    description: Description = None
    participant_ids: Annotated[list[uuid.UUID], Field(max_length=1000)] | None = None
    lead_organisation_id: uuid.UUID | None = None
    previous_plan_id: uuid.UUID | None = None
    instalment_dates: Annotated[list[date], Field(max_length=24)] | None = None


class CostPlanRevision(BaseModel):
    """A change to an approved plan: a new draft from it, compared with it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              json_schema_extra={"examples": [{}, {"name": "Omarahoitusosuudet, muutos"}]})

    name: PlanName | None = Field(None, description="The draft's name; the plan's own by default.")


class CostPlanCopy(BaseModel):
    """A new draft that starts as a copy of this plan: next year's plan by default."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              json_schema_extra={"examples": [{"year": 2026}]})

    year: Year | None = Field(None, description="The draft's year; the year after the plan's by default.")
    name: PlanName | None = Field(None, description='The draft\'s name; by default the plan\'s with the year, "… (2026)".')
    reference_date: date | None = Field(None, description="The statistics' date; the plan's by default.")
    pools: Annotated[list[PoolFields], Field(max_length=200)] | None = Field(
        None, description="Other pools instead of the plan's (a what-if saved as a draft).")


class PlanRef(BaseModel):
    id: uuid.UUID
    name: str
    year: int
    status: str


class AgreementVersionRef(BaseModel):
    agreement_id: uuid.UUID
    agreement_title: str
    version_id: uuid.UUID
    version_number: int
    version_title: str


class PlanBasis(AgreementVersionRef):
    """An agreement version a new cost plan may be based on, with its area."""

    area_id: uuid.UUID
    area_name: str


class CostPlanSummary(BaseModel):
    id: uuid.UUID
    area_id: uuid.UUID
    area_name: str
    agreement_version_id: uuid.UUID
    year: int
    name: str
    status: PlanStatus
    reference_date: date
    pool_count: int
    version: int


class CostPlanRead(BaseModel):
    id: uuid.UUID
    area_id: uuid.UUID
    area_name: str
    agreement: AgreementVersionRef
    year: int
    name: str
    status: PlanStatus
    reference_date: date
    description: str | None
    participants: list[OrganisationSummary]
    lead: OrganisationSummary | None
    previous_plan: PlanRef | None
    instalment_dates: list[date]
    pools: list[PoolRead]
    version: int
    created_at: datetime
    updated_at: datetime
    allowed_actions: list[str] = Field(
        default_factory=list, description="What the caller may do: update (a draft), revise (an approved plan, whose "
        "budget is frozen), delete, copy, record_actual_costs, what_if.")


class ActualCost(Input):
    pool_id: uuid.UUID
    amount: Amount | None = Field(description="The actual cost in the pool's unit; null clears it.")


class ActualCostsUpdate(Input):
    """The actual costs of the year, pool by pool, for the reconciliation (tasaus)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "actual_costs": [{"pool_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "amount": "120500.00"}]}]})

    actual_costs: Annotated[list[ActualCost], Field(max_length=200)]

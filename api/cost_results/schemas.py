"""What a cost plan computes, as the API gives it: allocations with explanations, what-ifs, instalments,
the reconciliation; amounts are decimal strings ("1949.85")."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.cost_plans.schemas import (
    POOL_EXAMPLE,
    KeyInput,
    PlanRef,
    PoolFields,
    RoundingRule,
    Unit,
)
from api.problems import ErrorBrief
from api.schemas import Input


class WhatIfPool(PoolFields):
    id: uuid.UUID | None = Field(None, description="The saved pool this one changes; null for a new pool.")


class WhatIfRequest(Input):
    """Changes to try on a saved plan; nothing is saved."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "pools": [{**POOL_EXAMPLE, "amount": "130000.00", "rounding": "cents"}]}]})

    pools: Annotated[list[WhatIfPool], Field(max_length=200)] | None = Field(
        None, description="Every pool as it would be (replaces the saved ones); null keeps the saved pools.")
    reference_date: date | None = None
    participant_ids: Annotated[list[uuid.UUID], Field(max_length=1000)] | None = None
    lead_organisation_id: uuid.UUID | None = None


class ParticipantRef(BaseModel):
    id: uuid.UUID
    name: str
    municipality_code: str | None


class TermRead(BaseModel):
    """One key's part in a share: the participant's value against the total."""

    kind: Literal["equal", "statistic", "fixed"]
    coefficient: str = Field(description="αₖ in a mix as a fraction or decimal; 1 for a plain key.")
    statistic: str | None
    reference_date: date | None
    value: Decimal | None
    total: Decimal


class ExplanationRead(BaseModel):
    """How one share was computed: which statistic, which date, which values, which formula."""

    pool: str
    unit: Unit
    pool_amount: Decimal
    outside_share: Decimal
    split_amount: Decimal
    terms: list[TermRead]
    weight: str = Field(description="The share of 1 by the key, as an exact fraction, e.g. \"241009/438032\".")
    weight_percent: Decimal = Field(description="The same in percent, four decimals.")
    exact_share: str = Field(description="The exact share before rounding, as a fraction of euros (person-years).")
    exact_share_decimal: Decimal = Field(description="The exact share with six decimals (rounded half up).")
    cap: Decimal | None
    cap_applied: bool
    to_lead: Decimal
    amount: Decimal
    rounding_adjustment: str = Field(description="Rounded minus exact share, in cents (tenths), as a fraction.")
    rounding_adjustment_decimal: Decimal = Field(description="The same with four decimals (rounded half up).")
    formula: str


class ShareRead(BaseModel):
    participant: ParticipantRef
    amount: Decimal
    percent: Decimal = Field(description="Of what the pool allocated, two decimals.")
    capped: bool
    explanation: ExplanationRead


class BasisRead(BaseModel):
    kind: Literal["equal", "statistic", "fixed"]
    coefficient: str
    statistic: str | None
    reference_date: date | None
    total: Decimal


class PoolAllocationRead(BaseModel):
    pool_id: uuid.UUID | None
    name: str
    unit: Unit
    key: KeyInput
    key_description: str
    rounding: RoundingRule
    amount: Decimal
    outside_share: Decimal
    split_amount: Decimal
    allocated: Decimal
    unallocated: Decimal = Field(description="What no one could take under the caps (reported, not hidden).")
    rounding_difference: Decimal = Field(description="Whole-euro shares minus what was to be allocated.")
    to_lead: Decimal
    bases: list[BasisRead]
    shares: list[ShareRead]


class CommitmentRead(BaseModel):
    """The money the participant's body committed "at most" in its latest decision on the plan's agreement version
    that names an amount, and whether the participant's total share stays within it."""

    cap: Decimal
    within: bool
    headroom: Decimal = Field(description="The cap minus the share; negative when the share exceeds it.")
    decision_id: uuid.UUID
    body_name: str | None
    meeting_date: date
    section: int | None


class TotalRead(BaseModel):
    """A participant's shares added up across the pools of one unit, and the change from the previous plan."""

    participant: ParticipantRef
    unit: Unit
    amount: Decimal
    percent: Decimal = Field(description="Of everything allocated in this unit, two decimals.")
    previous_amount: Decimal | None
    change: Decimal | None
    change_percent: Decimal | None
    commitment: CommitmentRead | None = Field(None, description="In euros only: the participant's money commitment.")


class UnitTotalRead(BaseModel):
    unit: Unit
    amount: Decimal = Field(description="The pools' amounts added up.")
    outside_share: Decimal
    allocated: Decimal
    previous_allocated: Decimal | None


class AllocationRead(BaseModel):
    """The plan allocated: every pool's shares with their explanations, and each participant's totals."""

    plan_id: uuid.UUID
    plan_version: int
    year: int
    reference_date: date
    what_if: bool = False
    pools: list[PoolAllocationRead]
    totals: list[TotalRead]
    unit_totals: list[UnitTotalRead]
    previous_plan: PlanRef | None
    previous_error: ErrorBrief | None = Field(None, description="Why the previous plan could not be computed, if it could not.")


class DifferenceRead(BaseModel):
    participant: ParticipantRef
    unit: Unit
    saved_amount: Decimal
    what_if_amount: Decimal
    difference: Decimal
    percent_change: Decimal | None


class WhatIfRead(BaseModel):
    """The plan as it would be, and how each participant's total differs from the saved plan."""

    allocation: AllocationRead
    differences: list[DifferenceRead]
    saved_error: ErrorBrief | None = Field(None, description="Why the saved plan could not be computed, if it could not.")


class InstalmentRead(BaseModel):
    number: int
    nominal_date: date
    due_date: date = Field(description="The nominal date moved to the next Finnish working day where needed.")
    amount: Decimal


class ParticipantInstalmentsRead(BaseModel):
    participant: ParticipantRef
    total: Decimal
    instalments: list[InstalmentRead]


class InstalmentsRead(BaseModel):
    """Advance invoices (ennakkolaskutus) of the budgeted euro shares, exact to the cent."""

    plan_id: uuid.UUID
    unit: Unit
    total: Decimal
    participants: list[ParticipantInstalmentsRead]
    totals: list[InstalmentRead] = Field(description="Each instalment added up over the participants.")


class PoolReconciliationRead(BaseModel):
    pool_id: uuid.UUID
    name: str
    unit: Unit
    budgeted: Decimal
    actual: Decimal | None


class ReconciliationLineRead(BaseModel):
    participant: ParticipantRef
    unit: Unit
    budgeted: Decimal
    actual: Decimal
    difference: Decimal = Field(description="Budgeted − actual: positive is refunded, negative charged.")
    refund: Decimal
    charge: Decimal


class ReconciliationTotalRead(BaseModel):
    unit: Unit
    budgeted: Decimal
    actual: Decimal
    refunds: Decimal
    charges: Decimal
    difference: Decimal


class ReconciliationRead(BaseModel):
    """Year-end reconciliation (tasaus): what each participant is refunded or charged, to the cent."""

    plan_id: uuid.UUID
    complete: bool = Field(description="False until every pool has its actual cost.")
    missing_pools: list[str]
    pools: list[PoolReconciliationRead]
    lines: list[ReconciliationLineRead]
    totals: list[ReconciliationTotalRead]

"""Cost sharing (kustannustenjako) of an employment cooperation agreement.

A cost plan (kustannustenjakoliite) of an agreement version and a year has
pools, each split by a key: tasajako (equal shares), a statistic such as
asukasluku (population) or asiakasmäärä (customers) on the plan's reference
date, fixed percentages, or a weighted mix. Outside funding comes off first,
caps hold, and shares add up to the pool to the cent (largest remainder) or are
rounded to whole euros with the difference reported. Staff resources in
person-years (htv) are shared the same way, in tenths. Budgets are invoiced in
advance (ennakkolaskutus) and reconciled against actual costs at year end
(tasaus).

Pure: no I/O, no clock, exact arithmetic (integers of cents, Fractions, Decimals).
"""

from domain.costs.allocation import allocate_plan, allocate_pool, check_allocatable, compare
from domain.costs.errors import (
    CostSharingError,
    InvalidCostPlan,
    LeadRequired,
    MissingActualCost,
    MissingPercentage,
    MissingStatistic,
    MixWeightsDoNotSumTo1,
    PercentagesDoNotSumTo100,
    UnknownParticipant,
    ZeroTotalWeight,
)
from domain.costs.explain import Explanation, Term, explain, explain_pool
from domain.costs.invoicing import (
    Instalment,
    ParticipantInstalments,
    Reconciliation,
    ReconciliationLine,
    instalments,
    invoice_schedule,
    reconcile,
)
from domain.costs.keys import (
    Basis,
    ByStatistic,
    EqualShares,
    FixedPercentages,
    Key,
    WeightedMix,
)
from domain.costs.model import (
    CostPlan,
    ExcessRule,
    Participant,
    Pool,
    Rounding,
    Series,
    Statistics,
    StatisticValue,
    Unit,
)
from domain.costs.results import (
    Change,
    ParticipantTotal,
    PlanAllocation,
    PoolAllocation,
    Share,
    SplitContext,
)
from domain.costs.rounding import format_minor, format_number

__all__ = [
    "Basis",
    "ByStatistic",
    "Change",
    "CostPlan",
    "CostSharingError",
    "EqualShares",
    "ExcessRule",
    "Explanation",
    "FixedPercentages",
    "Instalment",
    "InvalidCostPlan",
    "Key",
    "LeadRequired",
    "MissingActualCost",
    "MissingPercentage",
    "MissingStatistic",
    "MixWeightsDoNotSumTo1",
    "Participant",
    "ParticipantInstalments",
    "ParticipantTotal",
    "PercentagesDoNotSumTo100",
    "PlanAllocation",
    "Pool",
    "PoolAllocation",
    "Reconciliation",
    "ReconciliationLine",
    "Rounding",
    "Series",
    "Share",
    "SplitContext",
    "StatisticValue",
    "Statistics",
    "Term",
    "Unit",
    "UnknownParticipant",
    "WeightedMix",
    "ZeroTotalWeight",
    "allocate_plan",
    "allocate_pool",
    "check_allocatable",
    "compare",
    "explain",
    "explain_pool",
    "format_minor",
    "format_number",
    "instalments",
    "invoice_schedule",
    "reconcile",
]

"""The cost engine's results (domain.costs) as the API's answers, figure by figure, adding nothing."""

import uuid
from collections.abc import Hashable, Sequence
from decimal import Decimal
from fractions import Fraction

from api.cost_plans.pool_specs import KEY_ADAPTER, UNITS, PoolSpec, describe_key
from api.cost_plans.schemas import PlanRef
from api.cost_results.schemas import (
    AllocationRead,
    BasisRead,
    CommitmentRead,
    DifferenceRead,
    ExplanationRead,
    ParticipantRef,
    PoolAllocationRead,
    ShareRead,
    TermRead,
    TotalRead,
    UnitTotalRead,
)
from api.decisions.models import Decision
from api.problems import ErrorBrief
from domain.costs import Explanation, Participant, PlanAllocation, compare
from domain.costs.commitments import Commitment, check_commitments
from domain.costs.results import percent
from domain.costs.rounding import from_minor, round_half_up


def fraction_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def rounded(value: Fraction, places: int) -> Decimal:
    return Decimal(round_half_up(value.numerator * 10**places, value.denominator)).scaleb(-places)


def participant_ref(item: Participant) -> ParticipantRef:
    return ParticipantRef(id=uuid.UUID(item.id), name=item.name, municipality_code=item.code)


def explanation_read(explanation: Explanation) -> ExplanationRead:
    return ExplanationRead(
        pool=explanation.pool,
        unit=explanation.unit,
        pool_amount=explanation.pool_amount,
        outside_share=explanation.outside_share,
        split_amount=explanation.split_amount,
        terms=[
            TermRead(kind=term.kind, coefficient=fraction_text(term.coefficient), statistic=term.statistic,
                     reference_date=term.on, value=term.value, total=term.total)
            for term in explanation.terms
        ],
        weight=fraction_text(explanation.weight),
        weight_percent=rounded(explanation.weight * 100, 4),
        exact_share=fraction_text(explanation.exact_share),
        exact_share_decimal=rounded(explanation.exact_share, 6),
        cap=explanation.cap,
        cap_applied=explanation.cap_applied,
        to_lead=explanation.to_lead,
        amount=explanation.amount,
        rounding_adjustment=fraction_text(explanation.rounding_adjustment),
        rounding_adjustment_decimal=rounded(explanation.rounding_adjustment, 4),
        formula=explanation.formula,
    )


def allocation_read(
    *,
    plan_id: uuid.UUID,
    plan_version: int,
    allocation: PlanAllocation,
    specs: Sequence[PoolSpec],
    previous: PlanAllocation | None = None,
    previous_plan: PlanRef | None = None,
    previous_error: ErrorBrief | None = None,
    what_if: bool = False,
    commitments: Sequence[Decision] = (),
) -> AllocationRead:
    plan = allocation.plan
    pools = []
    for spec, result in zip(specs, allocation.pools):
        explanations = result.explanations()
        pools.append(PoolAllocationRead(
            pool_id=spec.id,
            name=result.name,
            unit=result.unit,
            key=KEY_ADAPTER.validate_python(spec.key),
            key_description=describe_key(spec.key, plan.reference_date),
            rounding=spec.rounding,
            amount=result.amount,
            outside_share=result.outside_share,
            split_amount=result.split_amount,
            allocated=result.allocated,
            unallocated=result.unallocated,
            rounding_difference=result.rounding_difference,
            to_lead=from_minor(result.to_lead_minor, result.unit),
            bases=[
                BasisRead(kind=basis.kind, coefficient=fraction_text(basis.coefficient), statistic=basis.statistic,
                          reference_date=basis.on, total=basis.total)
                for basis in result.bases
            ],
            shares=[
                ShareRead(
                    participant=participant_ref(share.participant),
                    amount=share.amount,
                    percent=percent(share.minor, result.allocated_minor),
                    capped=share.capped,
                    explanation=explanation_read(explanation),
                )
                for share, explanation in zip(result.shares, explanations)
            ],
        ))
    return AllocationRead(
        plan_id=plan_id,
        plan_version=plan_version,
        year=plan.year,
        reference_date=plan.reference_date,
        what_if=what_if,
        pools=pools,
        totals=with_commitments(totals_read(allocation, previous), commitments),
        unit_totals=unit_totals_read(allocation, previous),
        previous_plan=previous_plan,
        previous_error=previous_error,
    )


def totals_read(allocation: PlanAllocation, previous: PlanAllocation | None) -> list[TotalRead]:
    current = {(total.unit, total.participant.id): total for total in allocation.totals}
    if previous is None:
        return [
            TotalRead(participant=participant_ref(total.participant), unit=total.unit, amount=total.amount,
                      percent=total.percent, previous_amount=None, change=None, change_percent=None)
            for total in allocation.totals
        ]
    rows = []
    for change in compare(allocation, previous):
        total = current.get((change.unit, change.participant.id))
        rows.append(TotalRead(
            participant=participant_ref(change.participant), unit=change.unit,
            amount=change.current, percent=total.percent if total else Decimal("0.00"),
            previous_amount=change.previous, change=change.difference, change_percent=change.percent_change,
        ))
    return rows


def with_commitments(rows: list[TotalRead], decisions: Sequence[Decision]) -> list[TotalRead]:
    """Each euro total beside the money its participant's body committed, checked by the cost rules."""
    if not decisions:
        return rows
    shares: dict[Hashable, Decimal] = {row.participant.id: row.amount for row in rows if row.unit == "eur"}
    checks = check_commitments(shares, [
        Commitment(d.organisation_id, d.commitment_cap, d.meeting_date, d.section, d.id)
        for d in decisions if d.commitment_cap is not None
    ])
    names = {d.id: d.body_name for d in decisions}
    for row in rows:
        check = checks.get(row.participant.id)
        if row.unit == "eur" and check is not None:
            decision_id = check.commitment.decision
            assert isinstance(decision_id, uuid.UUID)
            row.commitment = CommitmentRead(
                cap=check.commitment.cap, within=check.within, headroom=check.headroom, decision_id=decision_id,
                body_name=names[decision_id], meeting_date=check.commitment.meeting_date,
                section=check.commitment.section)
    return rows


def unit_totals_read(allocation: PlanAllocation, previous: PlanAllocation | None) -> list[UnitTotalRead]:
    rows = []
    for unit in UNITS:
        pools = [pool for pool in allocation.pools if pool.unit == unit]
        before = [pool for pool in previous.pools if pool.unit == unit] if previous else []
        if not pools and not before:
            continue
        rows.append(UnitTotalRead(
            unit=unit,
            amount=from_minor(sum(pool.pool.amount_minor for pool in pools), unit),
            outside_share=from_minor(sum(pool.pool.outside_minor for pool in pools), unit),
            allocated=from_minor(sum(pool.allocated_minor for pool in pools), unit),
            previous_allocated=from_minor(sum(pool.allocated_minor for pool in before), unit) if previous else None,
        ))
    return rows


def differences_read(what_if: PlanAllocation, saved: PlanAllocation) -> list[DifferenceRead]:
    return [
        DifferenceRead(
            participant=participant_ref(change.participant), unit=change.unit,
            saved_amount=change.previous, what_if_amount=change.current, difference=change.difference,
            percent_change=change.percent_change,
        )
        for change in compare(what_if, saved)
    ]



"""Allocation of cost pools (kustannustenjako), exactly as DOMAIN.md's normative rules say.

For one pool, in integer minor units (cents; tenths for person-years):

1. Outside funding first: the co-financing share round-half-up(amount × r) is
   taken off (see ``Pool``); the rest R is split.
2. Weights by the key (see ``keys``), as integers in proportion to the exact weights.
3. Exact shares qᵢ = R·wᵢ/Σw, kept as numerators over a common denominator.
4. Caps: a share above its cap is set to the cap and the excess is split among
   the uncapped participants by the same weights, repeated until none is above
   its cap. What no one can take goes to the lead (excess rule "to_lead") or
   stays unallocated and is reported ("share_among_uncapped").
5. Rounding: "cents" cuts each share down to whole cents and gives the cents
   left over one each to the largest cut-off remainders, equal remainders in
   ascending order of municipality code (``Participant.sort_key``), so the
   shares add up to R exactly; "euros" rounds each exact share half up to whole
   euros and reports the difference to R.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from itertools import repeat

from domain.costs.errors import DuplicateParticipant, NoValuesOfStatistic, PoolWithoutParticipants
from domain.costs.keys import key_weights, statistics_read_by
from domain.costs.model import CostPlan, Participant, Pool, Statistics
from domain.costs.results import (
    Change,
    ParticipantTotal,
    PlanAllocation,
    PoolAllocation,
    Share,
    SplitContext,
)
from domain.costs.rounding import MINOR_DECIMALS, largest_remainder, round_each_half_up


def _sort_key(participant: Participant) -> tuple[int, str]:
    return participant.sort_key


def _index(participants: Iterable[Participant]) -> dict[str, Participant]:
    by_id: dict[str, Participant] = {}
    for participant in participants:
        if participant.id in by_id:
            raise DuplicateParticipant(participant=participant.id)
        by_id[participant.id] = participant
    return by_id


def allocate_pool(
    pool: Pool,
    participants: Iterable[Participant],
    statistics: Statistics | None = None,
    reference_date: date | None = None,
    lead: str | None = None,
) -> PoolAllocation:
    """Split one pool among the participants that take part in it.

    ``participants`` are all the parties of the plan (the pool picks its own
    among them); ``statistics`` are read on ``reference_date``; ``lead`` is
    the lead municipality's id (vastuukunta), needed by the "to_lead" rule.
    Shares come in ascending order of ``Participant.sort_key``.
    """
    by_id = _index(participants)
    pool.check_participants(by_id, lead)
    ordered = sorted(by_id.values(), key=_sort_key)
    return _allocate(pool, ordered, by_id, statistics, reference_date, lead)


def allocate_plan(plan: CostPlan, statistics: Statistics | None = None) -> PlanAllocation:
    """Split every pool of a plan, and add each participant's shares up by unit."""
    by_id = {participant.id: participant for participant in plan.participants}
    ordered = sorted(plan.participants, key=_sort_key)
    pools = tuple(
        _allocate(pool, ordered, by_id, statistics, plan.reference_date, plan.lead) for pool in plan.pools
    )
    return PlanAllocation(plan, pools, _totals(ordered, pools))


def check_allocatable(plan: CostPlan, statistics: Statistics) -> None:
    """What makes a plan wrong as it is written, before anything is computed: a pool that no participant takes
    part in, and a pool split by a statistic that none of its participants has on the plan's reference date.

    A value missing for only some participants is not refused here: statistics may be imported after the plan
    is written, and computing names the participant that lacks one (MissingStatistic)."""
    ordered = sorted(plan.participants, key=_sort_key)
    for pool in plan.pools:
        members = _members(pool, ordered)
        if not members:
            raise PoolWithoutParticipants(pool=pool.name)
        for name in sorted(statistics_read_by(pool.key)):
            series = statistics.series(name, plan.reference_date)
            if series is None or not any(member.id in series.values for member in members):
                raise NoValuesOfStatistic(pool=pool.name, statistic=name, on=plan.reference_date)


def compare(current: PlanAllocation, previous: PlanAllocation) -> tuple[Change, ...]:
    """Each participant's total now against a previous plan, by unit (new or gone ones count 0)."""
    now = {(total.unit, total.participant.id): total for total in current.totals}
    before = {(total.unit, total.participant.id): total for total in previous.totals}
    changes = []
    for unit, pid in now.keys() | before.keys():
        current_total, previous_total = now.get((unit, pid)), before.get((unit, pid))
        participant = (current_total or before[(unit, pid)]).participant
        changes.append(
            Change(
                participant,
                unit,
                previous_total.minor if previous_total else 0,
                current_total.minor if current_total else 0,
            )
        )
    changes.sort(key=lambda change: (change.unit, change.participant.sort_key))
    return tuple(changes)


def _members(pool: Pool, ordered: Sequence[Participant]) -> list[Participant]:
    chosen, excluded = pool.participants, pool.excluded
    if chosen is None and not excluded:
        return list(ordered)
    if chosen is None:
        return [p for p in ordered if p.id not in excluded]
    return [p for p in ordered if p.id in chosen and p.id not in excluded]


def _allocate(
    pool: Pool,
    ordered: Sequence[Participant],
    by_id: Mapping[str, Participant],
    statistics: Statistics | None,
    reference_date: date | None,
    lead: str | None,
) -> PoolAllocation:
    members = _members(pool, ordered)
    if not members:
        raise PoolWithoutParticipants(pool=pool.name)
    weights, weight_total, bases = key_weights(pool.key, members, statistics, reference_date, pool.name)
    split = pool.split_minor

    rest, rest_weight = split, weight_total
    capped: list[bool] | None = None
    if pool.has_caps:
        caps, capped, rest, rest_weight = _apply_caps(pool, members, weights, split, weight_total)
        denominator = rest_weight or 1
        numerators = [
            # Only a member with a cap is ever capped; rest_weight 0: uncapped weigh 0.
            cap * denominator if is_capped and cap is not None else rest * weight
            for cap, is_capped, weight in zip(caps, capped, weights)
        ]
    else:
        denominator = weight_total
        numerators = [split * weight for weight in weights]

    residual = 0 if rest_weight else rest
    unallocated = to_lead = 0
    lead_outside_key = False
    if residual and pool.excess == "to_lead":
        to_lead = residual
        index = next((i for i, member in enumerate(members) if member.id == lead), None)
        if index is None:
            assert lead is not None  # Pool.check_participants refuses "to_lead" without a lead
            lead_outside_key = True
            members, weights, numerators, capped = _add_outsider(
                by_id[lead], members, weights, numerators, capped
            )
            index = members.index(by_id[lead])
        numerators[index] += residual * denominator
    else:
        unallocated = residual

    target = split - unallocated
    if pool.rounding == "cents":
        minors = largest_remainder(numerators, denominator, target)
        allocated = target
    else:
        minors = round_each_half_up(numerators, denominator, 10 ** MINOR_DECIMALS[pool.unit])
        allocated = sum(minors)

    context = SplitContext(
        pool, bases, weight_total, rest, rest_weight, denominator, lead, to_lead, lead_outside_key
    )
    shares = tuple(
        map(Share, members, minors, numerators, weights, capped or repeat(False), repeat(context))
    )
    return PoolAllocation(pool, shares, context, allocated, unallocated, allocated - target)


def _apply_caps(
    pool: Pool, members: Sequence[Participant], weights: Sequence[int], split: int, weight_total: int
) -> tuple[list[int | None], list[bool], int, int]:
    """Cap the shares above their caps, repeatedly.

    Returns each member's cap, whether it was capped, and what is left for the
    uncapped members with their total weight (0 when no one can take more).
    """
    caps = [pool.caps_minor.get(member.id, pool.cap_minor) for member in members]
    capped = [False] * len(members)
    rest, rest_weight = split, weight_total
    while rest_weight:
        # rest·w/W > cap, compared without division
        over = [
            (i, cap)
            for i, (cap, weight) in enumerate(zip(caps, weights))
            if cap is not None and not capped[i] and rest * weight > cap * rest_weight
        ]
        if not over:
            break
        for i, cap in over:
            capped[i] = True
            rest -= cap
            rest_weight -= weights[i]
    return caps, capped, rest, rest_weight


def _add_outsider(
    lead: Participant,
    members: list[Participant],
    weights: list[int],
    numerators: list[int],
    capped: list[bool] | None,
) -> tuple[list[Participant], list[int], list[int], list[bool]]:
    """Put a lead that is not in the pool among its members, with weight 0, in sort order."""
    rows = list(zip(members, weights, numerators, capped or repeat(False)))
    insort(rows, (lead, 0, 0, False), key=lambda row: row[0].sort_key)
    new_members, new_weights, new_numerators, new_capped = map(list, zip(*rows))
    return new_members, new_weights, new_numerators, new_capped


def _totals(ordered: Sequence[Participant], pools: Sequence[PoolAllocation]) -> tuple[ParticipantTotal, ...]:
    units = sorted({allocation.unit for allocation in pools}, key=list(MINOR_DECIMALS).index)
    totals = []
    for unit in units:
        sums = dict.fromkeys((participant.id for participant in ordered), 0)
        for allocation in pools:
            if allocation.unit == unit:
                for share in allocation.shares:
                    sums[share.participant.id] += share.minor
        grand = sum(sums.values())
        for participant in ordered:
            minor = sums[participant.id]
            totals.append(ParticipantTotal(participant, unit, minor, Fraction(minor, grand) if grand else Fraction(0)))
    return tuple(totals)

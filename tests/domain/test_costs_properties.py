"""Properties of cost sharing that hold for every input (hypothesis)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from domain.costs import (
    ByStatistic,
    EqualShares,
    FixedPercentages,
    MissingStatistic,
    Participant,
    PercentagesDoNotSumTo100,
    Pool,
    Statistics,
    WeightedMix,
    allocate_pool,
)

ON = date(2024, 12, 31)


@st.composite
def parties(draw, min_size=1, max_size=15):
    codes = draw(st.lists(st.integers(0, 999), min_size=min_size, max_size=max_size, unique=True))
    bodies = draw(st.integers(0, 2))
    result = [Participant(f"id-{code}", f"Kunta {code}", f"{code:03d}") for code in codes]
    result += [Participant(f"body-{n}", f"Body {n}") for n in range(bodies)]
    return draw(st.permutations(result))


cents = st.integers(min_value=0, max_value=10**11)
values = st.one_of(
    st.integers(min_value=0, max_value=10**7),
    st.decimals(min_value=0, max_value=10**5, places=3, allow_nan=False, allow_infinity=False),
)
rates = st.one_of(st.none(), st.integers(0, 100).map(lambda n: Decimal(n).scaleb(-2)))


def statistic(name, members, data) -> Statistics:
    return Statistics.of(name, ON, {member.id: data.draw(values) for member in members})


def amount(minor: int) -> Decimal:
    return Decimal(minor).scaleb(-2)


def reference(split: int, weights: list[Fraction], caps: list[int | None]) -> tuple[list[int], int]:
    """DOMAIN.md's rules 3-5 written plainly with Fractions: (cents per member, unallocated)."""
    capped = [False] * len(weights)
    while True:
        rest = split - sum(cap for cap, is_capped in zip(caps, capped) if is_capped)
        rest_weight = sum(weight for weight, is_capped in zip(weights, capped) if not is_capped)
        exact = [
            Fraction(cap) if is_capped else (rest * weight / rest_weight if rest_weight else Fraction(0))
            for weight, cap, is_capped in zip(weights, caps, capped)
        ]
        over = [i for i, q in enumerate(exact) if caps[i] is not None and not capped[i] and q > caps[i]]
        if not over:
            break
        for i in over:
            capped[i] = True
    unallocated = rest if not rest_weight else 0
    floors = [q.numerator // q.denominator for q in exact]
    leftover = split - unallocated - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: -(exact[i] - floors[i]))  # stable: ties keep sort_key order
    for i in order[:leftover]:
        floors[i] += 1
    return floors, unallocated


def by_id(allocation) -> dict[str, int]:
    return {share.participant.id: share.minor for share in allocation.shares}


@st.composite
def keyed_pools(draw):
    """Parties, a pool of mixed kind (equal, statistic, fixed, mix) and its statistics."""
    members = draw(parties())
    kind = draw(st.sampled_from(["equal", "statistic", "fixed", "mix"]))
    stats = Statistics()
    if kind == "equal":
        key = EqualShares()
    elif kind in ("statistic", "mix"):
        stats = Statistics.of("population", ON, {m.id: draw(values) for m in members})
        stats += Statistics.of("jobseekers", ON, {m.id: draw(values) for m in members})
        key = ByStatistic("population")
        if kind == "mix":
            alpha = Fraction(draw(st.integers(0, 100)), 100)
            key = WeightedMix(((alpha, key), (1 - alpha, ByStatistic("jobseekers"))))
    else:
        units = [draw(st.integers(0, 1000)) for _ in members]
        assume(sum(units))
        percents = [Fraction(100 * unit, sum(units)) for unit in units]
        # percentages with two decimals adding up to exactly 100
        hundredths = [int(p * 100) for p in percents]
        hundredths[0] += 10_000 - sum(hundredths)
        key = FixedPercentages({m.id: Decimal(h).scaleb(-2) for m, h in zip(members, hundredths)})
    pool = Pool("Pool", amount(draw(cents)), key, co_financing_rate=draw(rates))
    return members, pool, stats


def nonzero(pool: Pool, stats: Statistics, members) -> bool:
    weights = exact_weights(pool.key, members, stats)
    return sum(weights) > 0


def exact_weights(key, members, stats) -> list[Fraction]:
    if isinstance(key, EqualShares):
        return [Fraction(1)] * len(members)
    if isinstance(key, ByStatistic):
        return [Fraction(stats.value(key.statistic, m.id, ON)) for m in members]
    if isinstance(key, FixedPercentages):
        return [Fraction(key.percentages[m.id]) for m in members]
    mixed = [Fraction(0)] * len(members)
    for alpha, part in key.parts:
        weights = exact_weights(part, members, stats)
        if alpha:
            assume(sum(weights))
            mixed = [x + Fraction(alpha) * w / sum(weights) for x, w in zip(mixed, weights)]
    return mixed


@given(keyed_pools())
def test_shares_add_up_exactly_to_the_split_amount(case):
    members, pool, stats = case
    assume(nonzero(pool, stats, members))

    allocation = allocate_pool(pool, members, stats, ON)

    assert sum(share.minor for share in allocation.shares) == pool.split_minor
    assert pool.outside_minor + allocation.allocated_minor == pool.amount_minor
    for share in allocation.shares:
        assert abs(share.rounding_adjustment) < 1


@given(keyed_pools(), st.data())
def test_matches_the_rules_written_plainly(case, data):
    members, pool, stats = case
    assume(nonzero(pool, stats, members))
    caps = {m.id: data.draw(st.one_of(st.none(), cents.map(lambda c: c % 10**7))) for m in members}
    pool = replace(pool, caps={pid: amount(cap) for pid, cap in caps.items() if cap is not None})

    allocation = allocate_pool(pool, members, stats, ON)

    ordered = sorted(members, key=lambda m: m.sort_key)
    weights = exact_weights(pool.key, ordered, stats)
    expected, unallocated = reference(pool.split_minor, weights, [caps[m.id] for m in ordered])
    assert [share.participant for share in allocation.shares] == ordered
    assert [share.minor for share in allocation.shares] == expected
    assert allocation.unallocated_minor == unallocated


@given(keyed_pools(), st.randoms(use_true_random=False))
def test_reordering_or_renaming_participants_changes_nothing(case, random):
    members, pool, stats = case
    assume(nonzero(pool, stats, members))
    shuffled = list(members)
    random.shuffle(shuffled)
    renamed = [replace(m, name=f"Renamed {n}") for n, m in enumerate(shuffled)]

    assert by_id(allocate_pool(pool, renamed, stats, ON)) == by_id(allocate_pool(pool, members, stats, ON))


@given(parties(min_size=2), st.data(), cents, st.booleans())
def test_a_larger_statistic_never_gets_a_smaller_share(members, data, split, with_cap):
    stats = statistic("customers", members, data)
    assume(sum(stats.value("customers", m.id, ON) for m in members) > 0)
    cap = amount(split // (2 * len(members))) if with_cap else None

    allocation = allocate_pool(Pool("Pool", amount(split), ByStatistic("customers"), cap=cap), members, stats, ON)

    shares = [(stats.value("customers", s.participant.id, ON), s.minor) for s in allocation.shares]
    for value, minor in shares:
        for other_value, other_minor in shares:
            if value > other_value:
                assert minor >= other_minor
            if value == other_value:
                assert abs(minor - other_minor) <= 1


@given(
    keyed_pools(),
    st.data(),
    st.sampled_from(["cents", "euros"]),
    st.sampled_from(["share_among_uncapped", "to_lead"]),
)
def test_caps_hold_and_nothing_is_lost(case, data, rounding, excess):
    members, pool, stats = case
    assume(nonzero(pool, stats, members))
    whole = 100 if rounding == "euros" else 1
    cap = data.draw(st.one_of(st.none(), st.integers(0, 10**9)))
    caps = {m.id: data.draw(st.integers(0, 10**9)) // whole * whole for m in members[: len(members) // 2]}
    lead = data.draw(st.sampled_from(members)).id
    pool = replace(
        pool,
        cap=None if cap is None else amount(cap // whole * whole),
        caps={pid: amount(value) for pid, value in caps.items()},
        rounding=rounding,
        excess=excess,
    )

    allocation = allocate_pool(pool, members, stats, ON, lead=lead)

    assert (
        allocation.allocated_minor
        + allocation.unallocated_minor
        - allocation.rounding_difference_minor
        + pool.outside_minor
        == pool.amount_minor
    )
    assert allocation.allocated_minor == sum(share.minor for share in allocation.shares)
    if rounding == "cents":
        assert allocation.rounding_difference_minor == 0
    else:
        assert all(share.minor % 100 == 0 for share in allocation.shares)
        assert abs(allocation.rounding_difference_minor) <= 50 * len(members)
    for share in allocation.shares:
        limit = share.cap_minor
        if limit is not None and not (excess == "to_lead" and share.participant.id == lead):
            assert share.minor <= limit
    if excess == "to_lead":
        assert allocation.unallocated_minor == 0


@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=10))
def test_fixed_percentages_not_summing_to_100_are_an_error(hundredths):
    assume(sum(hundredths) != 10_000)

    with pytest.raises(PercentagesDoNotSumTo100):
        FixedPercentages({f"id-{n}": Decimal(h).scaleb(-2) for n, h in enumerate(hundredths)})


@given(parties(min_size=2), st.data())
def test_a_missing_statistic_is_an_error_naming_the_participant(members, data):
    missing = data.draw(st.sampled_from(members))
    stats = Statistics.of("population", ON, {m.id: data.draw(values) for m in members if m is not missing})

    with pytest.raises(MissingStatistic) as error:
        allocate_pool(Pool("Pool", Decimal("100"), ByStatistic("population")), members, stats, ON)

    assert error.value.participant == missing
    assert missing.name in str(error.value)

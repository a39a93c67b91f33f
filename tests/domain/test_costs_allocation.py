"""Cost sharing: keys, caps, rounding, errors and comparisons, by example."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from domain.costs import (
    ByStatistic,
    CostPlan,
    EqualShares,
    FixedPercentages,
    InvalidCostPlan,
    LeadRequired,
    MissingPercentage,
    MissingStatistic,
    MixWeightsDoNotSumTo1,
    Participant,
    PercentagesDoNotSumTo100,
    Pool,
    Statistics,
    StatisticValue,
    UnknownParticipant,
    WeightedMix,
    ZeroTotalWeight,
    allocate_plan,
    allocate_pool,
    compare,
)

ON = date(2023, 12, 31)
A = Participant("a", "Akaa", "020")
K = Participant("k", "Kangasala", "211")
T = Participant("t", "Tampere", "837")
BODY = Participant("z-body", "Tredu")  # a body without a municipality code
PARTIES = (T, A, K)


def minors(allocation) -> dict[str, int]:
    return {share.participant.id: share.minor for share in allocation.shares}


def stats(name: str, **values) -> Statistics:
    return Statistics.of(name, ON, values)


# Keys


def test_statistic_key_is_proportional():
    pool = Pool("ICT", Decimal("1000"), ByStatistic("population"))

    allocation = allocate_pool(pool, PARTIES, stats("population", t=600, a=300, k=100), ON)

    assert minors(allocation) == {"a": 30_000, "k": 10_000, "t": 60_000}
    assert allocation.share_of("t").weight == Fraction(3, 5)


def test_statistic_values_may_have_decimals():
    pool = Pool("ICT", Decimal("100"), ByStatistic("share"))
    values = stats("share", t=Decimal("0.5"), a=Decimal("0.25"), k=Decimal("0.25"))

    allocation = allocate_pool(pool, PARTIES, values, ON)

    assert minors(allocation) == {"a": 2_500, "k": 2_500, "t": 5_000}
    assert allocation.share_of("a").explanation.value == Decimal("0.25")
    assert allocation.share_of("a").explanation.total == Decimal("1.00")


def test_statistics_are_read_on_the_reference_date_only():
    values = Statistics(
        (
            StatisticValue("population", "t", date(2022, 12, 31), Decimal(1)),
            StatisticValue("population", "a", ON, Decimal(1)),
        )
    )
    pool = Pool("ICT", Decimal("100"), ByStatistic("population"), participants=frozenset({"t", "a"}))

    with pytest.raises(MissingStatistic) as error:
        allocate_pool(pool, PARTIES, values, ON)

    assert error.value.participant == T
    assert "Tampere (837)" in str(error.value) and "31.12.2023" in str(error.value)


def test_missing_statistic_is_an_error_naming_the_participant_never_zero():
    pool = Pool("ICT", Decimal("1000"), ByStatistic("jobseekers"))

    with pytest.raises(MissingStatistic) as error:
        allocate_pool(pool, PARTIES, stats("jobseekers", t=10, a=5), ON)

    assert error.value.participant == K
    assert str(error.value) == (
        "Kangasala (211) has no jobseekers value on 31.12.2023; a missing value is not read as zero."
    )


def test_a_statistic_without_any_values_names_the_first_participant():
    with pytest.raises(MissingStatistic, match="Akaa"):
        allocate_pool(Pool("ICT", Decimal("1"), ByStatistic("customers")), PARTIES, Statistics(), ON)


def test_fixed_percentages():
    key = FixedPercentages({"t": Decimal("62.5"), "a": Decimal("25"), "k": Decimal("12.5")})

    allocation = allocate_pool(Pool("Rent", Decimal("8000"), key), PARTIES)

    assert minors(allocation) == {"a": 200_000, "k": 100_000, "t": 500_000}
    assert allocation.share_of("k").explanation.formula == "8 000,00 € × 12,5 %"


@pytest.mark.parametrize("percentages", [{"t": 60, "a": 30}, {"t": Decimal("60"), "a": Decimal("40.01")}])
def test_fixed_percentages_must_sum_to_100(percentages):
    with pytest.raises(PercentagesDoNotSumTo100, match="not 100"):
        FixedPercentages(percentages)


def test_fixed_percentages_cover_every_participant_of_the_pool():
    key = FixedPercentages({"t": 80, "a": 20})

    with pytest.raises(MissingPercentage, match="Kangasala"):
        allocate_pool(Pool("Rent", Decimal("100"), key), PARTIES)


def test_fixed_percentages_of_someone_outside_the_pool_do_not_add_up():
    key = FixedPercentages({"t": 80, "a": 10, "k": 10})

    with pytest.raises(PercentagesDoNotSumTo100, match="90"):
        allocate_pool(Pool("Rent", Decimal("100"), key, excluded=frozenset({"k"})), PARTIES)


def test_weighted_mix_normalises_each_key_first():
    mix = WeightedMix(((Decimal("0.5"), ByStatistic("population")), (Decimal("0.5"), ByStatistic("jobseekers"))))
    values = stats("population", t=800, a=100, k=100) + stats("jobseekers", t=10, a=20, k=20)

    allocation = allocate_pool(Pool("Services", Decimal("1000"), mix), PARTIES, values, ON)

    # Tampere: ½ × 0,8 + ½ × 0,2 = 0,5; Akaa and Kangasala: ½ × 0,1 + ½ × 0,4 = 0,25.
    assert minors(allocation) == {"a": 25_000, "k": 25_000, "t": 50_000}
    explanation = allocation.share_of("t").explanation
    assert explanation.weight == Fraction(1, 2)
    assert [(term.statistic, term.value, term.total, term.coefficient) for term in explanation.terms] == [
        ("population", 800, 1000, Fraction(1, 2)),
        ("jobseekers", 10, 50, Fraction(1, 2)),
    ]
    assert explanation.statistic is None
    assert explanation.formula == (
        "1 000,00 € × (0,5 × 800/1 000 (population 31.12.2023) + 0,5 × 10/50 (jobseekers 31.12.2023))"
    )


def test_weighted_mix_with_equal_shares_and_thirds():
    mix = WeightedMix(((Fraction(1, 3), EqualShares()), (Fraction(2, 3), ByStatistic("population"))))

    allocation = allocate_pool(Pool("Services", Decimal("900"), mix), PARTIES, stats("population", t=2, a=1, k=0), ON)

    # ⅓ × ⅓ + ⅔ × (2/3, 1/3, 0) = 5/9, 3/9, 1/9 of 900 €
    assert minors(allocation) == {"a": 30_000, "k": 10_000, "t": 50_000}


def test_mix_coefficients_must_sum_to_1():
    with pytest.raises(MixWeightsDoNotSumTo1, match=r"0\.9"):
        WeightedMix(((Decimal("0.5"), EqualShares()), (Decimal("0.4"), ByStatistic("population"))))


def test_total_weight_zero_is_an_error():
    with pytest.raises(ZeroTotalWeight, match="'ICT' cannot be split by population"):
        pool = Pool("ICT", Decimal("1"), ByStatistic("population"))
        allocate_pool(pool, PARTIES, stats("population", t=0, a=0, k=0), ON)


def test_a_part_of_a_mix_with_total_weight_zero_is_an_error():
    mix = WeightedMix(((Decimal("0.5"), EqualShares()), (Decimal("0.5"), ByStatistic("immigrants"))))

    with pytest.raises(ZeroTotalWeight, match="immigrants"):
        allocate_pool(Pool("ICT", Decimal("1"), mix), PARTIES, stats("immigrants", t=0, a=0, k=0), ON)


# Participants


def test_exclusions_and_subsets():
    pool = Pool("Youth", Decimal("100"), EqualShares(), participants=frozenset({"t", "a", "k"}), excluded={"k"})

    assert minors(allocate_pool(pool, PARTIES)) == {"a": 5_000, "t": 5_000}


def test_bodies_without_a_code_come_after_municipalities_in_ties():
    allocation = allocate_pool(Pool("Project", Decimal("0.02"), EqualShares()), (BODY, T, A))

    assert [share.participant.id for share in allocation.shares] == ["a", "t", "z-body"]
    assert minors(allocation) == {"a": 1, "t": 1, "z-body": 0}


def test_unknown_participants_are_errors():
    with pytest.raises(UnknownParticipant, match="'x'"):
        allocate_pool(Pool("Youth", Decimal("100"), excluded={"x"}), PARTIES)
    with pytest.raises(UnknownParticipant, match="'x'"):
        CostPlan(2025, ON, PARTIES, (Pool("Youth", Decimal("1"), caps={"x": Decimal(1)}),))


def test_a_pool_without_participants_is_an_error():
    with pytest.raises(InvalidCostPlan, match="no participants"):
        allocate_pool(Pool("Youth", Decimal("100"), participants=frozenset()), PARTIES)


# Amounts and validation


@pytest.mark.parametrize(
    "options, message",
    [
        ({"amount": 100.0}, "not float"),
        ({"amount": Decimal("1.001")}, "finer than whole cents"),
        ({"amount": Decimal("-1")}, "negative"),
        ({"amount": Decimal("NaN")}, "finite"),
        ({"unit": "usd"}, "unit"),
        ({"rounding": "up"}, "rounding"),
        ({"co_financing_rate": Decimal("1.2")}, "between 0 and 1"),
        ({"co_financing_rate": 0.8}, "not float"),
        ({"cap": Decimal("10.5"), "rounding": "euros"}, "whole"),
        ({"excess": "nobody"}, "excess"),
        ({"key": "equal"}, "not a key"),
    ],
)
def test_invalid_pools_are_refused_with_a_message(options, message):
    arguments = {"name": "ICT", "amount": Decimal("100")} | options

    with pytest.raises(InvalidCostPlan, match=message):
        Pool(**arguments)


def test_person_years_are_kept_in_tenths():
    with pytest.raises(InvalidCostPlan, match="tenths"):
        Pool("Staff", Decimal("1.25"), unit="person_year")


def test_co_financing_rounds_half_up_to_the_cent():
    pool = Pool("Project", Decimal("0.05"), co_financing_rate=Decimal("0.5"))

    assert (pool.outside_minor, pool.split_minor) == (3, 2)  # 2,5 cents → 3


def test_duplicate_participants_and_pools_are_refused():
    with pytest.raises(InvalidCostPlan, match="twice"):
        allocate_pool(Pool("ICT", Decimal("1")), (T, T))
    with pytest.raises(InvalidCostPlan, match="Two pools"):
        CostPlan(2025, ON, PARTIES, (Pool("ICT", Decimal("1")), Pool("ICT", Decimal("2"))))


def test_statistics_refuse_floats_negatives_and_contradictions():
    with pytest.raises(InvalidCostPlan, match="float"):
        stats("population", t=1.5)
    with pytest.raises(InvalidCostPlan, match="negative"):
        stats("population", t=-1)
    with pytest.raises(InvalidCostPlan, match="twice"):
        stats("population", t=1) + stats("population", t=2)


# Caps


def test_excess_over_a_cap_is_shared_by_the_same_weights_until_none_exceeds():
    pool = Pool("ICT", Decimal("1000"), ByStatistic("population"), caps={"t": Decimal("500")}, cap=Decimal("300"))

    allocation = allocate_pool(pool, PARTIES, stats("population", t=70, a=20, k=10), ON)

    # 700 > 500 → Tampere capped; 500 left by 20:10 → Akaa 333,33 > 300 → capped; Kangasala takes 200.
    assert minors(allocation) == {"t": 50_000, "a": 30_000, "k": 20_000}
    assert {share.participant.id for share in allocation.shares if share.capped} == {"t", "a"}
    kangasala = allocation.share_of("k").explanation
    assert kangasala.formula == "(1 000,00 € − 800,00 € to capped shares) × 1"
    assert allocation.share_of("t").explanation.formula == (
        "500,00 €, the cap (by the key: 1 000,00 € × 70/100 (population 31.12.2023))"
    )


def test_what_no_one_can_take_is_reported_as_unallocated():
    pool = Pool("ICT", Decimal("1000"), EqualShares(), cap=Decimal("200"))

    allocation = allocate_pool(pool, PARTIES)

    assert set(minors(allocation).values()) == {20_000}
    assert allocation.unallocated == Decimal("400.00")
    assert allocation.allocated_minor + allocation.unallocated_minor == 100_000


def test_what_no_one_can_take_can_go_to_the_lead():
    pool = Pool("ICT", Decimal("1000"), EqualShares(), cap=Decimal("200"), excess="to_lead")

    allocation = allocate_pool(pool, PARTIES, lead="t")

    assert minors(allocation) == {"a": 20_000, "k": 20_000, "t": 60_000}
    assert allocation.unallocated == 0
    assert allocation.to_lead_minor == 40_000
    tampere = allocation.share_of("t").explanation
    assert tampere.to_lead == Decimal("400.00")
    assert tampere.formula.endswith("+ 400,00 € that no one else could take under the caps")


def test_a_lead_outside_the_pool_still_takes_what_no_one_can():
    pool = Pool("ICT", Decimal("100"), EqualShares(), cap=Decimal("20"), excess="to_lead", excluded={"t"})

    allocation = allocate_pool(pool, PARTIES, lead="t")

    assert minors(allocation) == {"a": 2_000, "k": 2_000, "t": 6_000}
    assert [share.participant.id for share in allocation.shares] == ["a", "k", "t"]
    tampere = allocation.share_of("t").explanation
    assert tampere.terms[0].value is None
    assert tampere.formula == "100,00 € × 0 (not in the pool) + 60,00 € that no one else could take under the caps"


def test_the_to_lead_rule_needs_a_lead():
    with pytest.raises(LeadRequired, match="no lead"):
        allocate_pool(Pool("ICT", Decimal("1"), excess="to_lead"), PARTIES)
    with pytest.raises(LeadRequired):
        CostPlan(2025, ON, PARTIES, (Pool("ICT", Decimal("1"), excess="to_lead"),))


def test_zero_weight_participants_cannot_take_excess():
    pool = Pool("ICT", Decimal("100"), ByStatistic("population"), cap=Decimal("10"))

    allocation = allocate_pool(pool, PARTIES, stats("population", t=1, a=1, k=0), ON)

    assert minors(allocation) == {"a": 1_000, "k": 0, "t": 1_000}
    assert allocation.unallocated == Decimal("80.00")


# Plans and comparisons


def test_plan_totals_by_unit_and_comparison_with_the_previous_plan():
    previous = CostPlan(2024, ON, PARTIES[:2], (Pool("ICT", Decimal("100")),))
    current = CostPlan(
        2025,
        ON,
        PARTIES,
        (Pool("ICT", Decimal("150")), Pool("Staff", Decimal("3"), unit="person_year")),
    )

    now, before = allocate_plan(current), allocate_plan(previous)
    changes = compare(now, before)

    assert [(total.participant.id, total.unit, total.amount) for total in now.totals] == [
        ("a", "eur", Decimal("50.00")),
        ("k", "eur", Decimal("50.00")),
        ("t", "eur", Decimal("50.00")),
        ("a", "person_year", Decimal("1.0")),
        ("k", "person_year", Decimal("1.0")),
        ("t", "person_year", Decimal("1.0")),
    ]
    assert now.total_of("a").percent == Decimal("33.33")
    eur = [(change.participant.id, change.previous, change.current, change.difference, change.percent_change)
           for change in changes if change.unit == "eur"]  # fmt: skip
    assert eur == [
        ("a", Decimal("50.00"), Decimal("50.00"), Decimal("0.00"), Decimal("0.00")),
        ("k", Decimal("0.00"), Decimal("50.00"), Decimal("50.00"), None),
        ("t", Decimal("50.00"), Decimal("50.00"), Decimal("0.00"), Decimal("0.00")),
    ]
    assert [change.difference_minor for change in changes if change.unit == "person_year"] == [10, 10, 10]


def test_a_smaller_total_shows_a_negative_change():
    before = allocate_plan(CostPlan(2024, ON, PARTIES, (Pool("ICT", Decimal("300")),)))
    now = allocate_plan(CostPlan(2025, ON, PARTIES, (Pool("ICT", Decimal("150")),)))

    change = compare(now, before)[0]

    assert change.difference == Decimal("-50.00")
    assert change.percent_change == Decimal("-50.00")

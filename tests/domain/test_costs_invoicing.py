"""Advance invoicing (ennakkolaskutus) and year-end reconciliation (tasaus)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.costs import (
    ByStatistic,
    CostPlan,
    EqualShares,
    InvalidCostPlan,
    MissingActualCost,
    Participant,
    Pool,
    Statistics,
    allocate_plan,
    instalments,
    invoice_schedule,
    reconcile,
)
from domain.working_days import is_working_day

ON = date(2023, 12, 31)
PARTIES = (Participant("t", "Tampere", "837"), Participant("a", "Akaa", "020"), Participant("k", "Kangasala", "211"))
QUARTERS_2025 = [date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1)]


def test_quarterly_instalments_to_the_cent():
    plan = instalments(Decimal("1949.85"), QUARTERS_2025)

    assert [item.minor for item in plan] == [48_747, 48_746, 48_746, 48_746]
    assert plan[0].amount == Decimal("487.47")
    assert [item.due_date for item in plan] == [date(2025, 1, 2), date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1)]
    assert [item.number for item in plan] == [1, 2, 3, 4]
    assert plan[0].nominal_date == date(2025, 1, 1)


def test_a_refund_is_split_with_its_sign():
    assert [item.minor for item in instalments(Decimal("-0.05"), QUARTERS_2025)] == [-2, -1, -1, -1]


def test_instalments_need_ascending_dates_and_cents():
    with pytest.raises(InvalidCostPlan, match="ascending"):
        instalments(Decimal("10"), [date(2025, 4, 1), date(2025, 1, 1)])
    with pytest.raises(InvalidCostPlan, match="at least one"):
        instalments(Decimal("10"), [])
    with pytest.raises(InvalidCostPlan, match="finer than whole cents"):
        instalments(Decimal("0.001"), QUARTERS_2025)


@given(
    cents=st.integers(min_value=-10**10, max_value=10**10),
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    gaps=st.lists(st.integers(min_value=1, max_value=120), min_size=0, max_size=11),
)
def test_instalments_add_up_and_fall_on_working_days(cents, start, gaps):
    dates = [start]
    for gap in gaps:
        dates.append(dates[-1] + timedelta(days=gap))

    plan = instalments(Decimal(cents).scaleb(-2), dates)

    assert sum(item.minor for item in plan) == cents
    assert max(item.minor for item in plan) - min(item.minor for item in plan) <= 1
    for item in plan:
        assert is_working_day(item.due_date)
        assert item.due_date >= item.nominal_date
        assert all(not is_working_day(day) for day in _days(item.nominal_date, item.due_date))


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days)]


def test_invoice_schedule_for_every_participant():
    allocation = allocate_plan(CostPlan(2025, ON, PARTIES, (Pool("ICT", Decimal("1000")),)))

    schedule = invoice_schedule(allocation, QUARTERS_2025)

    assert [(item.participant.id, item.minor) for item in schedule] == [("a", 33_334), ("k", 33_333), ("t", 33_333)]
    assert [sum(i.minor for i in item.instalments) for item in schedule] == [33_334, 33_333, 33_333]


def reconciliation_plan() -> tuple[CostPlan, Statistics]:
    population = Statistics.of("population", ON, {"t": 241009, "a": 16391, "k": 32214})
    plan = CostPlan(
        2025,
        ON,
        PARTIES,
        (
            Pool("Management", Decimal("90000"), EqualShares()),
            Pool("ICT", Decimal("250000"), ByStatistic("population")),
            Pool("Project", Decimal("126740"), EqualShares(), co_financing_rate=Decimal("0.80")),
        ),
        lead="t",
    )
    return plan, population


def test_year_end_reconciliation_refunds_and_charges_the_difference():
    plan, population = reconciliation_plan()

    actual = {"Management": Decimal("87000"), "ICT": Decimal("262500.50"), "Project": Decimal("126740")}

    result = reconcile(plan, actual, population)

    lines = {line.participant.id: line for line in result.lines}
    assert lines["a"].difference == lines["a"].budgeted - lines["a"].actual
    assert result.actual.pool("ICT").allocated == Decimal("262500.50")
    # Management: 1 000 € less each; ICT: 12 500,50 € more by population.
    assert result.total_difference_minor() == 300_000 - 1_250_050
    tampere = lines["t"]
    assert tampere.charge > 0 and tampere.refund == 0
    assert tampere.difference_minor == (
        result.budget.total_of("t").minor - result.actual.total_of("t").minor
    )


def test_reconciliation_needs_every_pool_and_only_pools():
    plan, population = reconciliation_plan()

    with pytest.raises(MissingActualCost, match="'Project'"):
        reconcile(plan, {"Management": Decimal("1"), "ICT": Decimal("1")}, population)
    with pytest.raises(InvalidCostPlan, match="'Rent'"):
        reconcile(plan, {"Management": 1, "ICT": 1, "Project": 1, "Rent": 1}, population)


@given(
    actual=st.tuples(*[st.integers(min_value=0, max_value=10**9)] * 3),
)
def test_reconciliation_differences_sum_to_budget_minus_actual(actual):
    plan, population = reconciliation_plan()
    costs = dict(zip(["Management", "ICT", "Project"], (Decimal(c).scaleb(-2) for c in actual)))

    result = reconcile(plan, costs, population)

    budget_paid = sum(pool.allocated_minor for pool in result.budget.pools)
    actual_paid = sum(pool.allocated_minor for pool in result.actual.pools)
    assert result.total_difference_minor() == budget_paid - actual_paid
    # Without co-financing, what the municipalities pay is the pool itself.
    ict = result.budget.pool("ICT").allocated_minor - result.actual.pool("ICT").allocated_minor
    assert ict == 25_000_000 - actual[1]
    for line in result.lines:
        assert line.refund - line.charge == line.difference

"""Cost sharing (kustannustenjako) against the seed documents, to the cent."""

import csv
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from domain.costs import (
    ByStatistic,
    CostPlan,
    EqualShares,
    Participant,
    Pool,
    Statistics,
    allocate_plan,
    allocate_pool,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "municipalities.csv"
END_OF_2020 = date(2020, 12, 31)

with DATA.open(encoding="utf-8") as _file:
    MUNICIPALITIES = {row["name_fi"]: row for row in csv.DictReader(_file)}


def municipality(name: str) -> Participant:
    row = MUNICIPALITIES[name]
    return Participant(id=f"org-{row['code']}", name=name, code=row["code"])


# Seed 004: Tahtotilasta tulokseen, an ESR project of 13 municipalities south of Oulu.
SEED_004 = [
    "Haapavesi", "Ylivieska", "Kalajoki", "Oulainen", "Nivala", "Haapajärvi", "Reisjärvi",
    "Pyhäntä", "Alavieska", "Sievi", "Kärsämäki", "Siikalatva", "Merijärvi",
]  # fmt: skip
# Seed 001: Tampereen seudun työllisyysalue, lead Tampere.
TAMPERE_REGION = [
    "Tampere", "Akaa", "Juupajoki", "Kangasala", "Lempäälä", "Nokia", "Orivesi", "Pirkkala",
    "Pälkäne", "Ruovesi", "Urjala", "Valkeakoski", "Vesilahti", "Virrat", "Ylöjärvi",
]  # fmt: skip


def esr_pool(**options) -> Pool:
    return Pool(
        "Tahtotilasta tulokseen", Decimal("126740"), EqualShares(), co_financing_rate=Decimal("0.80"), **options
    )


def by_name(allocation) -> dict[str, Decimal]:
    return {share.participant.name: share.amount for share in allocation.shares}


def test_seed_004_outside_funding_comes_off_first():
    allocation = allocate_pool(esr_pool(), [municipality(name) for name in SEED_004])

    assert allocation.amount == Decimal("126740.00")
    assert allocation.outside_share == Decimal("101392.00")
    assert allocation.split_amount == Decimal("25348.00")


def test_seed_004_equal_shares_to_the_cent_leftover_cents_by_ascending_code():
    allocation = allocate_pool(esr_pool(), [municipality(name) for name in SEED_004])

    shares = by_name(allocation)
    # Every exact share is 1 949,846…; the 8 leftover cents go to the 8 lowest codes.
    assert sorted(shares, key=lambda name: MUNICIPALITIES[name]["code"])[:8] == [
        "Alavieska", "Haapajärvi", "Haapavesi", "Kalajoki", "Kärsämäki", "Merijärvi", "Nivala", "Oulainen",
    ]  # fmt: skip
    assert {name for name, amount in shares.items() if amount == Decimal("1949.85")} == {
        "Alavieska", "Haapajärvi", "Haapavesi", "Kalajoki", "Kärsämäki", "Merijärvi", "Nivala", "Oulainen",
    }  # fmt: skip
    assert {name for name, amount in shares.items() if amount == Decimal("1949.84")} == {
        "Pyhäntä", "Reisjärvi", "Sievi", "Siikalatva", "Ylivieska",
    }  # fmt: skip
    assert sum(shares.values()) == Decimal("25348.00")
    assert allocation.unallocated == 0
    assert allocation.rounding_difference == 0


def test_seed_004_the_order_of_the_list_does_not_change_who_gets_a_cent():
    listed = [municipality(name) for name in SEED_004]

    forward = by_name(allocate_pool(esr_pool(), listed))
    backward = by_name(allocate_pool(esr_pool(), list(reversed(listed))))

    assert forward == backward


def test_seed_004_whole_euros_reports_the_difference_and_the_cap_holds():
    allocation = allocate_pool(
        esr_pool(rounding="euros", cap=Decimal("1950")), [municipality(name) for name in SEED_004]
    )

    assert set(by_name(allocation).values()) == {Decimal("1950.00")}
    assert allocation.allocated == Decimal("25350.00")
    assert allocation.rounding_difference == Decimal("2.00")  # 13 × 1 950 − 25 348, shown, not hidden
    assert not any(share.capped for share in allocation.shares)  # "enintään 1 950 euroa" holds


def test_seed_004_explanation():
    allocation = allocate_pool(esr_pool(), [municipality(name) for name in SEED_004])
    haapavesi = allocation.share_of("org-071")

    explanation = haapavesi.explanation

    assert explanation.formula == "25 348,00 € × 1/13"
    assert explanation.weight == Fraction(1, 13)
    assert explanation.exact_share == Fraction(25348, 13)
    assert explanation.rounding_adjustment == Fraction(5, 13)  # 194 985 − 194 984 8/13 cents
    assert explanation.split_amount == Decimal("25348.00")
    assert explanation.outside_share == Decimal("101392.00")
    assert explanation.terms[0].kind == "equal" and explanation.total == 13
    assert not explanation.cap_applied
    assert allocation.share_of("org-977").explanation.rounding_adjustment == Fraction(-8, 13)


def test_seed_004_with_a_cap_below_the_share_leaves_the_rest_unallocated():
    allocation = allocate_pool(esr_pool(cap=Decimal("1900")), [municipality(name) for name in SEED_004])

    assert set(by_name(allocation).values()) == {Decimal("1900.00")}
    assert allocation.unallocated == Decimal("648.00")  # 25 348 − 13 × 1 900, reported
    assert all(share.explanation.cap_applied for share in allocation.shares)


TAMPERE_INTEGRATION = {  # 1 000 000 € by population 31.12.2020, Valkeakoski excluded
    "Akaa": "37419.64", "Juupajoki": "4109.29", "Kangasala": "73542.57", "Lempäälä": "54397.85",
    "Nokia": "78706.58", "Orivesi": "20564.71", "Pirkkala": "45209.03", "Pälkäne": "14645.05",
    "Ruovesi": "9622.58", "Tampere": "550208.66", "Urjala": "10601.96", "Vesilahti": "9969.59",
    "Virrat": "14861.93", "Ylöjärvi": "76140.56",
}  # fmt: skip


def tampere_plan() -> tuple[CostPlan, Statistics]:
    parties = tuple(municipality(name) for name in TAMPERE_REGION)
    population = Statistics.of(
        "population", END_OF_2020, {party.id: int(MUNICIPALITIES[party.name]["population_2020"]) for party in parties}
    )
    plan = CostPlan(
        year=2025,
        reference_date=END_OF_2020,
        participants=parties,
        pools=(
            Pool("Management and coordination", Decimal("450000"), EqualShares()),
            Pool(
                "Integration services for non-jobseekers",
                Decimal("1000000"),
                ByStatistic("population"),
                excluded=frozenset({"org-908"}),
            ),
        ),
        lead="org-837",
    )
    return plan, population


def test_tampere_region_population_key_with_valkeakoski_excluded():
    plan, population = tampere_plan()

    allocation = allocate_plan(plan, population).pool("Integration services for non-jobseekers")

    assert by_name(allocation) == {name: Decimal(amount) for name, amount in TAMPERE_INTEGRATION.items()}
    assert allocation.allocated == Decimal("1000000.00")
    tampere = allocation.share_of("org-837").explanation
    assert tampere.statistic == "population"
    assert tampere.value == 241009
    assert tampere.total == 438032  # 458 797 people in the region, less Valkeakoski's 20 765
    assert tampere.terms[0].on == END_OF_2020
    assert tampere.formula == "1 000 000,00 € × 241 009/438 032 (population 31.12.2020)"


def test_tampere_region_totals_across_pools():
    plan, population = tampere_plan()

    allocation = allocate_plan(plan, population)

    totals = {total.participant.name: total for total in allocation.totals}
    assert totals["Valkeakoski"].amount == Decimal("30000.00")  # only its equal share
    assert totals["Tampere"].amount == Decimal("580208.66")
    assert sum(total.minor for total in totals.values()) == 145_000_000
    assert sum(total.share for total in totals.values()) == 1
    assert totals["Tampere"].percent == Decimal("40.01")
    assert [share.pool.name for share in (s.context for s in allocation.shares_of("org-908"))] == [
        "Management and coordination"
    ]


def test_seed_002_person_years_are_shared_by_customers_in_tenths():
    parties = [municipality(name) for name in ("Tampere", "Nokia", "Ylöjärvi")]
    customers = Statistics.of("customers", END_OF_2020, {"org-837": 21000, "org-536": 3000, "org-980": 3000})
    pool = Pool("Staff moved to the municipalities", Decimal("172"), ByStatistic("customers"), unit="person_year")

    allocation = allocate_pool(pool, parties, customers, END_OF_2020)

    # 172 × 7/9 = 133,77…, 172 × 1/9 = 19,11… twice; the leftover tenth goes to the largest remainder.
    assert by_name(allocation) == {"Tampere": Decimal("133.8"), "Nokia": Decimal("19.1"), "Ylöjärvi": Decimal("19.1")}
    assert allocation.allocated == Decimal("172.0")
    assert allocation.share_of("org-837").explanation.formula.startswith("172,0 htv × 21 000/27 000")


def test_person_years_equal_remainders_go_by_ascending_code():
    parties = [municipality(name) for name in ("Ylöjärvi", "Tampere", "Nokia")]
    pool = Pool("Coordinators", Decimal("17.2"), EqualShares(), unit="person_year")

    allocation = allocate_pool(pool, parties)

    # 5,733… each; the one leftover tenth goes to Nokia (536) before Tampere (837) and Ylöjärvi (980).
    assert by_name(allocation) == {"Nokia": Decimal("5.8"), "Tampere": Decimal("5.7"), "Ylöjärvi": Decimal("5.7")}
    assert [share.participant.code for share in allocation.shares] == ["536", "837", "980"]


@pytest.mark.parametrize("name", SEED_004)
def test_seed_004_codes_come_from_the_reference_data(name):
    assert municipality(name).code == MUNICIPALITIES[name]["code"]

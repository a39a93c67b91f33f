"""Benchmark of the cost-sharing engine: 309 municipalities × 50 pools of mixed keys.

Run: .venv/bin/python bench/costs.py [--repeats N]

Builds one plan of every Finnish municipality (data/municipalities.csv) with
equal, statistic, fixed-percentage and mixed keys, exclusions, caps,
co-financing, whole-euro rounding and person-years, then times
``allocate_plan`` (best and median of several runs) and measures its peak
memory with tracemalloc. Target: under 50 ms for the whole allocation with its
explanations. It times the allocation alone; the allocation with every share's
explanation made (``PoolAllocation.explanations()``, each figure worked out when
read); and the allocation with every explanation spelt out (every formula
string), which is what an export of the whole plan does.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics as stats
import sys
import time
import tracemalloc
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.costs import (  # noqa: E402
    ByStatistic,
    CostPlan,
    EqualShares,
    FixedPercentages,
    Participant,
    Pool,
    Statistics,
    WeightedMix,
    allocate_plan,
)

REFERENCE_DATE = date(2020, 12, 31)
TARGET_MS = 50.0


def load_municipalities() -> list[tuple[Participant, int, str]]:
    with open(ROOT / "data" / "municipalities.csv", encoding="utf-8") as file:
        return [
            (
                Participant(f"m{row['code']}", row["name_fi"], row["code"]),
                int(row["population_2020"]),
                row["region_code"],
            )
            for row in csv.DictReader(file)
        ]


def build(rng: random.Random) -> tuple[CostPlan, Statistics]:
    rows = load_municipalities()
    participants = [participant for participant, _, _ in rows]
    ids = [participant.id for participant in participants]
    population = {participant.id: people for participant, people, _ in rows}
    jobseekers = {pid: people * rng.randint(40, 140) // 1000 for pid, people in population.items()}
    customers = {pid: people * rng.randint(20, 90) // 1000 for pid, people in population.items()}
    statistics = (
        Statistics.of("population", REFERENCE_DATE, population)
        + Statistics.of("jobseekers", REFERENCE_DATE, jobseekers)
        + Statistics.of("customers", REFERENCE_DATE, customers)
        + Statistics.of(
            "working_age_share",
            REFERENCE_DATE,
            {pid: Decimal(rng.randint(5000, 6800)) / 100 for pid in ids},
        )
    )
    units = [rng.randint(1, 6000) for _ in ids]  # fixed percentages in 0,0001 %, adding up to 100
    units[-1] += 1_000_000 - sum(units)
    fixed = FixedPercentages({pid: Decimal(unit) / 10_000 for pid, unit in zip(ids, units)})
    keys = [
        EqualShares(),
        ByStatistic("population"),
        ByStatistic("jobseekers"),
        fixed,
        WeightedMix(((Decimal("0.5"), ByStatistic("population")), (Decimal("0.5"), ByStatistic("jobseekers")))),
        WeightedMix(
            (
                (Decimal("0.4"), ByStatistic("population")),
                (Decimal("0.4"), ByStatistic("customers")),
                (Decimal("0.2"), EqualShares()),
            )
        ),
        ByStatistic("working_age_share"),
    ]
    regions = sorted({region for _, _, region in rows})
    pools = []
    for number in range(50):
        key = keys[number % len(keys)]
        amount = Decimal(rng.randint(1_000_000, 500_000_000)) / 100
        options: dict = {}
        if number % 5 == 1:
            options["excluded"] = frozenset(rng.sample(ids, 10))
        if number % 6 == 2 and not isinstance(key, FixedPercentages):
            region = regions[number % len(regions)]
            options["participants"] = frozenset(p.id for p, _, r in rows if r == region)
        if number % 4 == 3:
            options["co_financing_rate"] = Decimal("0.80")
        if number % 8 == 5:
            options["cap"] = (amount / 309 * Decimal("1.5")).quantize(Decimal(1))
            options["rounding"] = "euros" if number % 16 == 5 else "cents"
        if number % 9 == 4:
            options["caps"] = {pid: Decimal(rng.randint(100, 5000)) for pid in rng.sample(ids, 30)}
        if number % 10 == 7:
            options["unit"] = "person_year"
            amount = Decimal(rng.randint(100, 2000)) / 10
            options.pop("cap", None)
            options.pop("caps", None)
        if isinstance(key, FixedPercentages):
            options.pop("participants", None)
            options.pop("excluded", None)
        pools.append(Pool(f"Pool {number + 1}", amount, key, **options))
    plan = CostPlan(2025, REFERENCE_DATE, tuple(participants), tuple(pools), lead="m837")
    return plan, statistics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()

    plan, statistics = build(random.Random(2025))
    allocation = allocate_plan(plan, statistics)  # warm up (and holidays, imports)
    shares = sum(len(pool.shares) for pool in allocation.pools)
    capped = sum(share.capped for pool in allocation.pools for share in pool.shares)

    timings = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        allocate_plan(plan, statistics)
        timings.append((time.perf_counter() - start) * 1000)

    tracemalloc.start()
    allocate_plan(plan, statistics)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    explained = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        result = allocate_plan(plan, statistics)
        explanations = [explanation for pool in result.pools for explanation in pool.explanations()]
        explained.append((time.perf_counter() - start) * 1000)

    spelt = []
    for _ in range(args.repeats):
        plan, statistics = build(random.Random(2025))  # fresh statistics: no number is written out beforehand
        start = time.perf_counter()
        result = allocate_plan(plan, statistics)
        formulas = [explanation.formula for pool in result.pools for explanation in pool.explanations()]
        spelt.append((time.perf_counter() - start) * 1000)

    best, median = min(timings), stats.median(timings)
    print(
        f"cost plan: {len(plan.participants)} participants × {len(plan.pools)} pools "
        f"= {shares} shares ({capped} capped)"
    )
    print(
        f"allocate_plan: best {best:.1f} ms, median {median:.1f} ms over {args.repeats} runs "
        f"(target < {TARGET_MS:.0f} ms)"
    )
    print(f"peak memory (tracemalloc): {peak / 1024 / 1024:.1f} MiB")
    with_explanations = stats.median(explained)
    print(
        f"allocate_plan + every share's explanation ({len(explanations)} explanations): "
        f"best {min(explained):.1f} ms, median {with_explanations:.1f} ms (target < {TARGET_MS:.0f} ms)"
    )
    print(
        f"allocate_plan + every explanation spelt out ({len(formulas)} formula strings): "
        f"best {min(spelt):.1f} ms, median {stats.median(spelt):.1f} ms"
    )
    print("example:", formulas[0])
    print("result:", "OK" if median < TARGET_MS and with_explanations < TARGET_MS else "SLOWER THAN TARGET")


if __name__ == "__main__":
    main()

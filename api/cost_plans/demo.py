"""Demo cost sharing from the seeds, loaded through the services; running it twice adds nothing.

- Population on 31.12.2020 of every municipality, from data/municipalities.csv.
- Seed 004: the ESR project Tahtotilasta tulokseen, 126 740 €; ESR and state fund 80 %; the municipalities'
  20 % is split equally among the 13 to the cent (8 × 1 949,85 € and 5 × 1 949,84 €), at most 1 950 € each as
  each municipality's decision commits.
- Seed 001: the Tampere region's centralised services split by population among its 15 municipalities,
  Valkeakoski left out of the integration services pool (amounts and actual costs are illustrative);
  2025 approved with its actual costs, 2026 a draft compared with it.
- Seed 002: the 172 person-years moved to the Pirkanmaa pilot's municipalities, shared by customer counts
  (the customer counts are made up, and say so in their source).

A plan needs its agreement version from the agreements demo; where that is missing, no plan is made for it.
"""

import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.agreements.models import Agreement, AgreementVersion
from api.areas.models import Area
from api.cost_plans import service
from api.cost_plans.models import CostPlan
from api.cost_plans.repository import CostPlanRepository
from api.cost_plans.schemas import ActualCostsUpdate, CostPlanCreate, PoolFields
from api.demo_data import PIRKANMAA_PILOT, TAMPERE_REGION
from api.organisations.models import Organisation
from api.statistics import service as statistics_service
from api.statistics.repository import StatisticRepository
from api.statistics.service import Incoming
from domain.access import Actor, ActorKind

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
LOADER = Actor(kind=ActorKind.USER, id=uuid.UUID(int=0), label="demo data", is_admin=True)
END_OF_2020 = date(2020, 12, 31)
POPULATION_SOURCE = "Tilastokeskus: väkiluku 31.12.2020 (data/municipalities.csv)"
ILLUSTRATIVE = "Esimerkkiaineistoa (keksitty luku, ei lähdeasiakirjoista)"

TAMPERE_AREA = "Tampereen seudun työllisyysalue"
PILOT_AREA = "Pirkanmaan työllisyyden kuntakokeilu"
ESR_AREA = "Tahtotilasta tulokseen (ESR-hanke)"
ESR_TITLE = "Tahtotilasta tulokseen -ESR-hankkeen kuntien omarahoitusosuus"

# Tampere region pools 2025 (illustrative amounts): name, amount, actual cost, excluded municipalities
TAMPERE_POOLS = [
    ("Johto ja koordinaatio", "450000", "441230.55", []),
    ("ICT- ja tietopalvelut", "320000", "334870.10", []),
    ("Koulutus ja viestintä", "180000", "176402.00", []),
    ("Kotoutumispalvelut työvoiman ulkopuolisille", "1000000", "1012345.67", ["Valkeakoski"]),
]


async def load_costs_demo(session: AsyncSession) -> dict[str, int]:
    counts = {"statistics": await load_statistics(session), "cost_plans": 0}
    loader = PlanLoader(session)
    await loader.prepare()
    for step in (loader.esr_project, loader.tampere_2025, loader.tampere_2026, loader.pilot_person_years):
        counts["cost_plans"] += await step()
    await session.flush()
    return counts


async def load_statistics(session: AsyncSession) -> int:
    repository = StatisticRepository(session)
    content = (DATA_DIR / "municipalities.csv").read_bytes()
    report = await statistics_service.import_file(repository, LOADER, content, POPULATION_SOURCE, apply=False)
    added = report.created
    if report.created or report.updated:
        await statistics_service.import_file(repository, LOADER, content, POPULATION_SOURCE, apply=True)
    population = {
        row.organisation_name: int(row.value) for row in report.rows if row.name == "population" and row.value is not None
    }
    illustrative = []
    for name in PIRKANMAA_PILOT:
        # About 30 000 jobseekers in the pilot, 19 000 of them in Tampere (seed 002); the split of the rest is made up.
        customers = 19000 if name == "Tampere" else population.get(name, 0) * 38 // 1000
        illustrative.append(("customers", name, customers))
    for name in TAMPERE_REGION:
        illustrative.append(("jobseekers", name, 21000 if name == "Tampere" else population.get(name, 0) * 52 // 1000))
    codes = dict((await session.execute(select(Organisation.name_fi, Organisation.municipality_code)
                                        .where(Organisation.kind == "municipality"))).all())
    incoming = [
        Incoming(number, codes.get(name), None, statistic, END_OF_2020, Decimal(value), ILLUSTRATIVE)
        for number, (statistic, name, value) in enumerate(illustrative, start=1) if codes.get(name)
    ]
    report = await statistics_service.import_values(repository, LOADER, incoming, apply=False)
    if report.created or report.updated:
        await statistics_service.import_values(repository, LOADER, incoming, apply=True)
    return added + report.created


class PlanLoader:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repository = CostPlanRepository(session)
        self.areas: dict[str, uuid.UUID] = {}
        self.municipalities: dict[str, uuid.UUID] = {}

    async def prepare(self) -> None:
        self.areas = dict((await self.session.execute(select(Area.name, Area.id))).all())
        self.municipalities = dict((await self.session.execute(
            select(Organisation.name_fi, Organisation.id).where(Organisation.kind == "municipality"))).all())

    async def version(self, area: str, *, title: str | None = None, kind: str | None = None,
                      number: int | None = None) -> AgreementVersion | None:
        """The demo agreement's version (the latest, or the numbered one), looked up by area and title or kind."""
        area_id = self.areas.get(area)
        if area_id is None:
            return None
        statement = (select(AgreementVersion).join(Agreement, Agreement.id == AgreementVersion.agreement_id)
                     .where(Agreement.area_id == area_id))
        if title:
            statement = statement.where(Agreement.title == title)
        if kind:
            statement = statement.where(Agreement.kind == kind)
        if number is not None:
            statement = statement.where(AgreementVersion.number == number)
        return await self.session.scalar(statement.order_by(AgreementVersion.number.desc()).limit(1))

    async def exists(self, area: str, name: str, year: int) -> bool:
        return await self.session.scalar(select(CostPlan.id).where(
            CostPlan.area_id == self.areas[area], CostPlan.name == name, CostPlan.year == year)) is not None

    def ids(self, names: list[str]) -> list[uuid.UUID]:
        return [self.municipalities[name] for name in names]

    async def create(self, version: AgreementVersion, participants: list[str] | None, **fields: Any) -> CostPlan:
        return await service.create_plan(self.repository, LOADER, CostPlanCreate(
            agreement_version_id=version.id,
            participant_ids=self.ids(participants) if participants else None,
            **fields,
        ))

    async def esr_project(self) -> int:
        name = "Tahtotilasta tulokseen: kuntien omarahoitusosuus"
        version = await self.version(ESR_AREA, title=ESR_TITLE)
        if version is None or await self.exists(ESR_AREA, name, 2021):
            return 0
        await self.create(
            version, None, name=name, year=2021, reference_date=END_OF_2020, status="approved",
            description="Seed 004: hankkeen kokonaisbudjetti 126 740 €, ESR- ja valtion rahoitus 80 %; kuntien "
            "20 % (25 348 €) jaetaan tasan 13 kunnan kesken, enintään 1 950 € kunnalta.",
            pools=[PoolFields(name="Tahtotilasta tulokseen -ESR-hanke", amount=Decimal("126740"),
                              co_financing_rate=Decimal("0.80"), cap=Decimal("1950"), rounding="cents",
                              description="Kuntien omarahoitusosuus koko hankkeen ajalle 1.10.2020–31.12.2021.")],
        )
        return 1

    def tampere_pools(self, factor: Decimal, ict_key: dict | None = None) -> list[PoolFields]:
        pools = []
        for name, amount, _, excluded in TAMPERE_POOLS:
            key: dict = {"kind": "statistic", "statistic": "population"}
            if ict_key and name.startswith("ICT"):
                key = ict_key
            pools.append(PoolFields.model_validate({
                "name": name, "amount": (Decimal(amount) * factor).quantize(Decimal("0.01")), "key": key,
                "excluded_ids": self.ids(excluded),
            }))
        return pools

    async def tampere_2025(self) -> int:
        name = "Keskitetyt palvelut 2025"
        version = await self.version(TAMPERE_AREA, kind="cooperation_agreement")
        if version is None or await self.exists(TAMPERE_AREA, name, 2025):
            return 0
        plan = await self.create(
            version, TAMPERE_REGION, name=name, year=2025, reference_date=END_OF_2020, status="approved",
            description="Seed 001: Tampereelle keskitettyjen palvelujen kustannukset jaetaan asukasluvun mukaan; "
            "Valkeakoski ei osallistu työvoiman ulkopuolisten kotoutumispalvelujen kustannuksiin. "
            "Määrät ja toteutuneet kustannukset ovat esimerkkiaineistoa.",
            pools=self.tampere_pools(Decimal(1)),
        )
        actual = {pool_name: Decimal(cost) for pool_name, _, cost, _ in TAMPERE_POOLS}
        await service.set_actual_costs(self.repository, plan, ActualCostsUpdate.model_validate({"actual_costs": [
            {"pool_id": pool.id, "amount": actual[pool.name]} for pool in plan.pools]}), f'"{plan.version}"')
        return 1

    async def tampere_2026(self) -> int:
        name = "Keskitetyt palvelut 2026 (luonnos)"
        version = await self.version(TAMPERE_AREA, kind="cooperation_agreement")
        if version is None or await self.exists(TAMPERE_AREA, name, 2026):
            return 0
        mix = {"kind": "mix", "parts": [
            {"weight": "0.5", "key": {"kind": "statistic", "statistic": "population"}},
            {"weight": "0.5", "key": {"kind": "statistic", "statistic": "jobseekers"}},
        ]}
        await self.create(
            version, TAMPERE_REGION, name=name, year=2026, reference_date=END_OF_2020, status="draft",
            description="Luonnos: määrät +3 %, ICT- ja tietopalvelut 50 % asukasluvun ja 50 % työnhakijamäärän "
            "mukaan (työnhakijamäärät ovat esimerkkiaineistoa).",
            pools=self.tampere_pools(Decimal("1.03"), mix),
        )
        return 1

    async def pilot_person_years(self) -> int:
        name = "TE-toimistosta siirtynyt henkilöstö"
        version = await self.version(PILOT_AREA, number=1)
        if version is None or await self.exists(PILOT_AREA, name, 2021):
            return 0
        await self.create(
            version, PIRKANMAA_PILOT, name=name, year=2021, reference_date=END_OF_2020, status="approved",
            description="Seed 002: valtiolta siirtyi kuntien työnjohdon alle 172 htv, jaettuna asiakasmäärien "
            "mukaan. Asiakasmäärät ovat esimerkkiaineistoa.",
            pools=[PoolFields.model_validate({
                "name": "Henkilöstö (htv)", "unit": "person_year", "amount": "172",
                "key": {"kind": "statistic", "statistic": "customers"},
            })],
        )
        return 1

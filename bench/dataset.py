"""A national dataset: every employment area of Finland with its agreements, versions, parties and decisions.

On top of the demo data (its people, areas, agreements and cost plans), the municipalities not yet in an area are
grouped into new areas until there are 45, and each area gets agreements of 2-3 versions: the first adopted by all
its parties and superseded by the second, in force; a third of them have a third version still circulating, half of
its parties having decided. Rows go in with bulk inserts that keep every constraint of the schema.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from alembic import command
from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.agreements import periods
from api.agreements.models import Agreement, AgreementNotice, AgreementParty, AgreementVersion
from api.areas.models import Area, AreaMember
from api.auth.models import AuthToken, User
from api.auth.tokens import digest, new_token
from api.cli import alembic_config
from api.cost_plans.models import CostPlan
from api.db import create_engine
from api.decisions.models import Decision
from api.demo import load_demo
from api.models import utc_now
from api.organisations.models import Organisation
from domain.organisations import search_text

AREAS = 45
AGREEMENTS = 2000
PARTIES = 15
ADMIN = "paakayttaja@sopimo.example"

SECTION_TITLES = (
    "Sopimuksen tarkoitus", "Sopijaosapuolet", "Yhteistyön muodot", "Työnantajapalvelut", "Nuorten palvelut",
    "Maahanmuuttajien palvelut", "Viestintä", "Kustannusten jakaminen", "Tietosuoja", "Voimassaolo",
    "Sopimuksen muuttaminen",
)
SENTENCES = (
    "Kukin sopijakunta nimeää yhteistyölle vastuuhenkilön ja ilmoittaa tämän yhteystiedot.",
    "Osapuolet sitoutuvat muodostamaan yhteistyöverkoston, joka kokoontuu säännöllisesti.",
    "Kunta osoittaa paikallisella tasolla tilat työllisyyspalveluiden järjestämiseen.",
    "Suunnitelmat päivitetään vuosittain ja niiden toteutumista seurataan yhdessä.",
    "Jokainen asiakastietojen luovutus on arvioitava etukäteen.",
)


@dataclass(frozen=True)
class Dataset:
    """What the routes of the benchmark ask for: a token of the installation's administrator and typical ids."""

    token: str
    agreement_id: uuid.UUID
    area_id: uuid.UUID
    organisation_id: uuid.UUID
    plan_id: uuid.UUID
    agreements: int
    decisions: int


def sections(rng: random.Random) -> list[dict[str, Any]]:
    return [{"number": str(number), "title": title, "blocks": [
        {"type": "paragraph", "text": " ".join(rng.sample(SENTENCES, 3))} for _ in range(2)]}
        for number, title in enumerate(SECTION_TITLES, start=1)]


def generate(database_url: str, scale: float = 1.0, seed: int = 1) -> Dataset:
    """Migrate the empty database at `database_url`, load the demo and add the national rows; `scale` scales the
    number of agreements (1.0: 2 000; 0.1: 200)."""
    command.upgrade(alembic_config(database_url), "head")  # before our loop: the migrations run one of their own
    return asyncio.run(fill(database_url, scale, seed))


async def fill(database_url: str, scale: float, seed: int) -> Dataset:
    engine = create_engine(database_url)
    rng = random.Random(seed)
    try:
        async with AsyncSession(engine) as session, session.begin():
            await load_demo(session)
            dataset = await add_national_rows(session, rng, max(1, round(AGREEMENTS * scale)))
        async with engine.connect() as connection:
            # The planner's statistics, as a database that grew to this size would have them (autovacuum).
            await connection.execute(text("ANALYZE"))
            await connection.commit()
    finally:
        await engine.dispose()
    return dataset


async def add_national_rows(session: AsyncSession, rng: random.Random, agreement_count: int) -> Dataset:
    municipalities = list((await session.execute(
        select(Organisation.id, Organisation.name_fi).where(Organisation.kind == "municipality")
        .order_by(Organisation.municipality_code))).all())
    members: dict[uuid.UUID, list[uuid.UUID]] = {}
    for area_id, organisation_id in await session.execute(select(AreaMember.area_id, AreaMember.organisation_id)):
        members.setdefault(area_id, []).append(organisation_id)
    placed = {o for group in members.values() for o in group}
    free = [m for m in municipalities if m[0] not in placed]
    new_areas = AREAS - len(members)
    area_rows, member_rows = [], []
    for index in range(new_areas):
        group = free[index::new_areas]
        if not group:
            continue
        area_id = uuid.uuid4()
        name = f"{group[0][1]}n työllisyysalue"
        area_rows.append({"id": area_id, "name": name, "kind": "employment_area", "lead_organisation_id": group[0][0],
                          "search_text": search_text(name), "description": None})
        member_rows += [{"id": uuid.uuid4(), "area_id": area_id, "organisation_id": o, "from_date": date(2025, 1, 1),
                         "to_date": None} for o, _ in group]
        members[area_id] = [o for o, _ in group]
    if area_rows:
        await session.execute(insert(Area), area_rows)
        await session.execute(insert(AreaMember), member_rows)
    everyone = [o for o, _ in municipalities]
    areas = sorted(members, key=str)
    rows: dict[type, list[dict[str, Any]]] = {model: [] for model in (Agreement, AgreementVersion, AgreementParty,
                                                                       Decision, AgreementNotice)}
    typical = None
    for number in range(agreement_count):
        area_id = areas[number % len(areas)]
        own = members[area_id]
        start = everyone.index(own[0])
        parties = list(dict.fromkeys([*own, *everyone[start:], *everyone]))[:PARTIES]
        agreement_id = add_agreement(rows, rng, area_id, parties, number)
        if typical is None and len(rows[AgreementVersion]) >= 3:
            typical = agreement_id
    for model, model_rows in rows.items():
        for start in range(0, len(model_rows), 5000):
            await session.execute(insert(model), model_rows[start:start + 5000])
    # Bulk inserts pass by the unit of work that keeps the status periods: they are worked out here, as on migrate.
    await (await session.connection()).run_sync(periods.refresh_outdated)
    token = new_token()
    now = utc_now()
    admin_id = await session.scalar(select(User.id).where(User.email == ADMIN))
    session.add(AuthToken(token_hash=digest(token), user_id=admin_id, created_at=now, last_used_at=now,
                          expires_at=now + timedelta(days=7)))
    plan_id = await session.scalar(select(CostPlan.id).order_by(CostPlan.year.desc(), CostPlan.id).limit(1))
    assert typical is not None and plan_id is not None
    return Dataset(token=token, agreement_id=typical, area_id=areas[0], organisation_id=everyone[0], plan_id=plan_id,
                   agreements=agreement_count, decisions=len(rows[Decision]))


def add_agreement(rows: dict[type, list[dict[str, Any]]], rng: random.Random, area_id: uuid.UUID,
                  parties: list[uuid.UUID], number: int) -> uuid.UUID:
    agreement_id = uuid.uuid4()
    title = f"{rng.choice(('Yhteistyösopimus', 'Sopimus työllisyyspalveluista', 'Puitesopimus'))} {number + 1}"
    rows[Agreement].append({"id": agreement_id, "area_id": area_id, "title": title, "kind": "cooperation_agreement",
                            "description": None, "statutes": [{"name": "Laki työvoimapalveluiden järjestämisestä",
                                                               "number": "380/2023"}],
                            "search_text": search_text(title)})
    text = sections(rng)
    count = 3 if number % 3 == 0 else 2
    previous = None
    for index in range(count):
        version_id = uuid.uuid4()
        year = 2023 + index
        sent_on = date(year, 1, 10) + timedelta(days=number % 200)
        rows[AgreementVersion].append({
            "id": version_id, "agreement_id": agreement_id, "area_id": area_id, "number": index + 1, "title": title,
            "status": "circulating", "sent_on": sent_on, "effective_date": date(year + 1, 1, 1),
            "rule": "all_parties_approve", "notice_months": 6, "reasons": "Palvelut muuttuvat." if index else "",
            "amends_id": previous, "preamble": [], "sections": text,
        })
        for position, organisation_id in enumerate(parties):
            rows[AgreementParty].append({"id": uuid.uuid4(), "version_id": version_id, "agreement_id": agreement_id,
                                         "area_id": area_id, "organisation_id": organisation_id,
                                         "role": "lead" if position == 0 else "member", "position": position})
            if index == 2 and position % 2:
                continue  # the newest version circulates: half of its parties have not decided yet
            meeting = sent_on + timedelta(days=14 + position)
            rows[Decision].append({
                "id": uuid.uuid4(), "area_id": area_id, "organisation_id": organisation_id,
                "agreement_id": agreement_id, "version_id": version_id, "body": "municipal_board",
                "body_name": "kaupunginhallitus", "meeting_date": meeting, "section": 100 + position,
                "case_number": f"{meeting.year}/{number}", "title": title, "proposal": None, "outcome": "approved",
                "decision_text": "Kaupunginhallitus hyväksyy sopimuksen.", "commitment_cap": None,
                "commitment_note": None,
            })
        previous = version_id
    if number % 10 == 0:
        rows[AgreementNotice].append({"id": uuid.uuid4(), "agreement_id": agreement_id, "area_id": area_id,
                                      "organisation_id": parties[-1], "given_on": date(2026, 8, 31),
                                      "notice_months": 6, "ends_agreement": False, "note": None})
    return agreement_id

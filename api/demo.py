"""Loads the demo data once: running it again adds nothing twice."""

import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.agreements.demo import load_agreements_demo
from api.areas.models import Area
from api.areas.repository import AreaRepository
from api.areas.schemas import AreaCreate, MemberCreate, SubRegionFields
from api.areas.service import add_sub_region, create_area
from api.auth.context import change_origin_var
from api.auth.models import User, UserRole
from api.auth.passwords import hash_password
from api.cost_plans.demo import load_costs_demo
from api.demo_data import AREAS, DEMO_PASSWORD, DEMO_USERS, OTHER_BODIES
from api.obligations.demo import load_obligations_demo
from api.organisations.imports import import_reference_file
from api.organisations.models import Organisation
from api.organisations.repository import OrganisationRepository
from api.organisations.schemas import OrganisationCreate
from api.organisations.service import create_organisation

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
REFERENCE_FILES = ("municipalities.csv", "business_ids.csv")


async def load_demo(session: AsyncSession) -> dict[str, int]:
    """Reference municipalities, the other bodies of the seeds, and the seeds' cooperation areas; the change
    history names the demo data as their author."""
    origin = change_origin_var.set("demo")
    try:
        return await load_demo_data(session)
    finally:
        change_origin_var.reset(origin)


async def load_demo_data(session: AsyncSession) -> dict[str, int]:
    organisations = OrganisationRepository(session)
    counts = {"organisations": 0, "areas": 0}
    for name in REFERENCE_FILES:
        report = await import_reference_file(organisations, (DATA_DIR / name).read_bytes(), apply=True)
        counts["organisations"] += report.created
    for kind, name_fi, name_sv, region in OTHER_BODIES:
        if await organisations.find_by(name_fi=name_fi) is None:
            await create_organisation(
                organisations, OrganisationCreate(kind=kind, name_fi=name_fi, name_sv=name_sv, region=region)
            )
            counts["organisations"] += 1
    by_name = {
        row.name_fi: row.id
        for row in await session.scalars(select(Organisation).where(Organisation.kind == "municipality"))
    }
    areas = AreaRepository(session)
    for spec in AREAS:
        if await session.scalar(select(Area.id).where(Area.name == spec["name"])) is not None:
            continue
        area = await create_area(
            areas,
            AreaCreate(
                name=spec["name"],
                kind=spec["kind"],
                description=spec["description"],
                lead_organisation_id=by_name[spec["lead"]],
                members=[
                    MemberCreate(organisation_id=by_name[name], from_date=spec["from"], to_date=spec["to"])
                    for name in spec["members"]
                ],
            ),
        )
        for sub_name, coordinator, municipalities in spec["sub_regions"]:
            await add_sub_region(
                areas,
                area,
                SubRegionFields(
                    name=sub_name,
                    coordinator_name=coordinator,
                    municipality_ids=[by_name[name] for name in municipalities],
                ),
            )
        counts["areas"] += 1
    counts["users"] = await load_demo_users(session, by_name)
    counts.update(await load_agreements_demo(session))
    counts.update(await load_costs_demo(session))
    counts.update(await load_obligations_demo(session))
    return counts


async def load_demo_users(session: AsyncSession, municipality_ids: dict[str, uuid.UUID]) -> int:
    """The demo people of the README, marked as demo users (the app refuses them in production)."""
    area_ids = dict((await session.execute(select(Area.name, Area.id))).all())
    added = 0
    password_hash = None
    for email, name, organisation, is_admin, roles in DEMO_USERS:
        if await session.scalar(select(User.id).where(User.email == email)) is not None:
            continue
        password_hash = password_hash or await hash_password(DEMO_PASSWORD)
        session.add(User(
            email=email, name=name, organisation_id=municipality_ids[organisation], is_admin=is_admin, is_demo=True,
            password_hash=password_hash,
            roles=[UserRole(area_id=area_ids[area], role=role) for area, role in roles],
        ))
        added += 1
    await session.flush()
    return added

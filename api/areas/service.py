"""Use cases on cooperation areas: they validate, change and flush; the request commits."""

import uuid
from typing import TypeVar

from api.areas.models import Area, AreaMember, SubRegion, SubRegionMunicipality
from api.areas.repository import AreaRepository
from api.areas.schemas import (
    AreaCreate,
    AreaUpdate,
    MemberCreate,
    MemberUpdate,
    SubRegionFields,
    SubRegionUpdate,
)
from api.concurrency import require_current
from api.models import utc_now
from api.organisations.models import Organisation
from domain.areas import MembershipPeriod, SubRegionNotMunicipality, SubRegionOutsideArea, check_no_overlap
from domain.errors import NotFound, Required, UnknownReference
from domain.organisations import OrganisationKind, search_text


async def existing_organisations(
    repository: AreaRepository, ids: set[uuid.UUID], field: str
) -> dict[uuid.UUID, Organisation]:
    found = await repository.organisations.by_ids(ids)
    missing = ids - found.keys()
    if missing:
        raise UnknownReference(field, "organisation", sorted(missing, key=str)[0])
    return found


async def reload(repository: AreaRepository, area_id: uuid.UUID) -> Area:
    area = await repository.get(area_id)
    if area is None:
        raise NotFound("area", area_id)
    return area


async def create_area(repository: AreaRepository, data: AreaCreate) -> Area:
    await existing_organisations(repository, {data.lead_organisation_id}, "lead_organisation_id")
    await existing_organisations(repository, {member.organisation_id for member in data.members}, "members")
    area = Area(
        name=data.name,
        kind=data.kind,
        description=data.description,
        lead_organisation_id=data.lead_organisation_id,
        search_text=search_text(data.name),
    )
    periods: dict[uuid.UUID, list[MembershipPeriod]] = {}
    for member in data.members:
        period = MembershipPeriod(member.from_date, member.to_date)
        check_no_overlap(period, periods.setdefault(member.organisation_id, []))
        periods[member.organisation_id].append(period)
        area.members.append(
            AreaMember(organisation_id=member.organisation_id, from_date=member.from_date, to_date=member.to_date)
        )
    repository.add(area)
    await repository.session.flush()
    return await reload(repository, area.id)


async def update_area(repository: AreaRepository, area: Area, changes: AreaUpdate, if_match: str | None) -> Area:
    require_current(if_match, area.version)
    values = changes.model_dump(exclude_unset=True)
    for field in ("name", "kind", "lead_organisation_id"):
        if field in values and values[field] is None:
            raise Required(field)
    if "lead_organisation_id" in values:
        await existing_organisations(repository, {values["lead_organisation_id"]}, "lead_organisation_id")
    for field, value in values.items():
        setattr(area, field, value)
    area.search_text = search_text(area.name)
    await repository.session.flush()
    return await reload(repository, area.id)


async def delete_area(repository: AreaRepository, area: Area, if_match: str | None) -> None:
    require_current(if_match, area.version, required=False)
    await repository.delete(area)
    await repository.session.flush()


def touch(area: Area) -> None:
    """A change to members or sub-regions is a change of the area: its version and ETag move on."""
    area.updated_at = utc_now()


async def add_member(repository: AreaRepository, area: Area, data: MemberCreate) -> AreaMember:
    await existing_organisations(repository, {data.organisation_id}, "organisation_id")
    period = MembershipPeriod(data.from_date, data.to_date)
    check_no_overlap(
        period,
        [MembershipPeriod(m.from_date, m.to_date) for m in area.members if m.organisation_id == data.organisation_id],
    )
    member = AreaMember(organisation_id=data.organisation_id, from_date=data.from_date, to_date=data.to_date)
    area.members.append(member)
    touch(area)
    await repository.session.flush()
    return member


Part = TypeVar("Part", AreaMember, SubRegion)


def find_part(parts: list[Part], part_id: uuid.UUID, what: str) -> Part:
    """A member or sub-region of the area by id; 404 when the area has none such."""
    for part in parts:
        if part.id == part_id:
            return part
    raise NotFound(what, part_id)


def find_member(area: Area, member_id: uuid.UUID) -> AreaMember:
    return find_part(area.members, member_id, "member")


async def update_member(repository: AreaRepository, area: Area, member_id: uuid.UUID, data: MemberUpdate) -> None:
    member = find_member(area, member_id)
    values = data.model_dump(exclude_unset=True)
    if "from_date" in values and values["from_date"] is None:
        raise Required("from_date")
    period = MembershipPeriod(values.get("from_date", member.from_date), values.get("to_date", member.to_date))
    others = [m for m in area.members if m.organisation_id == member.organisation_id and m.id != member.id]
    check_no_overlap(period, [MembershipPeriod(m.from_date, m.to_date) for m in others])
    member.from_date, member.to_date = period.from_date, period.to_date
    touch(area)
    await repository.session.flush()


async def remove_member(repository: AreaRepository, area: Area, member_id: uuid.UUID) -> None:
    member = find_member(area, member_id)
    still_member = any(m.organisation_id == member.organisation_id and m.id != member.id for m in area.members)
    if not still_member:
        for sub_region in area.sub_regions:
            sub_region.municipalities = [
                link for link in sub_region.municipalities if link.organisation_id != member.organisation_id
            ]
    area.members.remove(member)
    touch(area)
    await repository.session.flush()


def check_sub_region_municipalities(area: Area, organisation_ids: list[uuid.UUID]) -> None:
    members = {m.organisation_id: m.organisation for m in area.members}
    for organisation_id in organisation_ids:
        organisation = members.get(organisation_id)
        if organisation is None:
            raise SubRegionOutsideArea("municipality_ids")
        if organisation.kind != OrganisationKind.MUNICIPALITY:
            raise SubRegionNotMunicipality("municipality_ids", organisation=organisation.name_fi)


async def add_sub_region(repository: AreaRepository, area: Area, data: SubRegionFields) -> SubRegion:
    check_sub_region_municipalities(area, data.municipality_ids)
    sub_region = SubRegion(
        name=data.name,
        coordinator_name=data.coordinator_name,
        coordinator_email=data.coordinator_email,
        municipalities=[SubRegionMunicipality(organisation_id=i) for i in dict.fromkeys(data.municipality_ids)],
    )
    area.sub_regions.append(sub_region)
    touch(area)
    await repository.session.flush()
    return sub_region


def find_sub_region(area: Area, sub_region_id: uuid.UUID) -> SubRegion:
    return find_part(area.sub_regions, sub_region_id, "sub_region")


async def update_sub_region(
    repository: AreaRepository, area: Area, sub_region_id: uuid.UUID, data: SubRegionUpdate
) -> None:
    sub_region = find_sub_region(area, sub_region_id)
    values = data.model_dump(exclude_unset=True)
    if "name" in values and not values["name"]:
        raise Required("name")
    if "municipality_ids" in values:
        ids = values.pop("municipality_ids") or []
        check_sub_region_municipalities(area, ids)
        sub_region.municipalities = [SubRegionMunicipality(organisation_id=i) for i in dict.fromkeys(ids)]
    for field, value in values.items():
        setattr(sub_region, field, value)
    touch(area)
    await repository.session.flush()


async def remove_sub_region(repository: AreaRepository, area: Area, sub_region_id: uuid.UUID) -> None:
    area.sub_regions.remove(find_sub_region(area, sub_region_id))
    touch(area)
    await repository.session.flush()

"""Use cases on statistics: one value, a batch, or a CSV file; a preview first, then all rows or none.

Statistics are facts shared by every area (one population of Tampere on
31.12.2020 serves every plan). Every logged-in actor reads them. An actor may
change the figures of an organisation when it may handle costs (FINANCE) in an
area the organisation is or was a member of; the installation's admins change
any.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from api.concurrency import require_current
from api.errors import StatisticsNotYours
from api.organisations.models import Organisation
from api.problems import field_error
from api.statistics.models import StatisticValue
from api.statistics.repository import StatisticRepository
from api.statistics.schemas import (
    StatisticCreate,
    StatisticImportReport,
    StatisticImportRow,
    StatisticsBatch,
    StatisticUpdate,
)
from api.uploads import read_in_worker
from domain.access import Actor, Permission, may
from domain.costs.statistics_file import (
    ItemRepeated,
    OrganisationNotNamed,
    StatisticExists,
    StatisticRow,
    StatisticsOfOthers,
    UnknownMunicipalityCode,
    UnknownOrganisationId,
    check_statistic_name,
    check_value,
    read_statistics_bytes,
)
from domain.errors import InvalidValue, Required, UnknownReference
from domain.files import RowsWithErrors


def may_change_statistics(actor: Actor, member_of: set[uuid.UUID]) -> bool:
    return actor.is_admin or any(may(actor, Permission.FINANCE, area_id=area_id) for area_id in member_of)


async def check_may_change(repository: StatisticRepository, actor: Actor, organisation: Organisation) -> None:
    areas = (await repository.member_areas([organisation.id]))[organisation.id]
    if not may_change_statistics(actor, areas):
        raise StatisticsNotYours(organisation=organisation.name_fi, resource_type="statistic_values",
                                 resource_id=organisation.id)


async def create_statistic(repository: StatisticRepository, actor: Actor, data: StatisticCreate) -> StatisticValue:
    organisation = (await repository.organisations.by_ids([data.organisation_id])).get(data.organisation_id)
    if organisation is None:
        raise UnknownReference("organisation_id", "organisation", data.organisation_id)
    await check_may_change(repository, actor, organisation)
    existing = await repository.find([organisation.id], [data.name], [data.reference_date])
    if existing:
        raise StatisticExists(organisation.name_fi, data.name, data.reference_date)
    value = StatisticValue(organisation_id=organisation.id, name=data.name, reference_date=data.reference_date,
                           source=data.source)
    value.value = data.value
    repository.add(value)
    await repository.session.flush()
    return await reload(repository, value.id)


async def reload(repository: StatisticRepository, statistic_id: uuid.UUID) -> StatisticValue:
    value = await repository.get(statistic_id)
    assert value is not None
    return value


async def update_statistic(
    repository: StatisticRepository, actor: Actor, value: StatisticValue, changes: StatisticUpdate, if_match: str | None
) -> StatisticValue:
    await check_may_change(repository, actor, value.organisation)
    require_current(if_match, value.version)
    values = changes.model_dump(exclude_unset=True)
    if "value" in values:
        if values["value"] is None:
            raise Required("value")
        value.value = values["value"]
    if "source" in values:
        value.source = values["source"]
    await repository.session.flush()
    return await reload(repository, value.id)


async def delete_statistic(
    repository: StatisticRepository, actor: Actor, value: StatisticValue, if_match: str | None
) -> None:
    await check_may_change(repository, actor, value.organisation)
    require_current(if_match, value.version, required=False)
    await repository.delete(value)
    await repository.session.flush()


@dataclass
class Incoming:
    """One value to import, from a file line or a batch item."""

    line: int
    municipality_code: str | None
    organisation_id: uuid.UUID | None
    name: str | None
    reference_date: date | None
    value: Decimal | None
    source: str | None
    errors: list[InvalidValue] = field(default_factory=list)


def from_file_rows(rows: Sequence[StatisticRow], source: str | None) -> list[Incoming]:
    return [
        Incoming(row.line, row.municipality_code, None, row.statistic, row.reference_date, row.value,
                 row.source or source, list(row.errors))
        for row in rows
    ]


def from_batch(batch: StatisticsBatch) -> list[Incoming]:
    items = []
    seen: dict[tuple, int] = {}
    for number, item in enumerate(batch.items, start=1):
        incoming = Incoming(number, item.municipality_code, item.organisation_id, None, item.reference_date, None,
                            item.source)
        try:
            incoming.name = check_statistic_name(item.name)
        except InvalidValue as error:
            incoming.errors.append(error)
        try:
            incoming.value = check_value(item.value)
        except InvalidValue as error:
            incoming.errors.append(error)
        if item.organisation_id is None and not item.municipality_code:
            incoming.errors.append(OrganisationNotNamed("organisation_id"))
        key = (item.organisation_id or item.municipality_code, incoming.name, item.reference_date)
        if key in seen and not incoming.errors:
            incoming.errors.append(ItemRepeated("name", item=seen[key]))
        seen.setdefault(key, number)
        items.append(incoming)
    return items


async def import_values(
    repository: StatisticRepository, actor: Actor, incoming: list[Incoming], apply: bool
) -> StatisticImportReport:
    """Preview (apply=False) or save the values; with any row in error nothing is saved (422)."""
    by_code = await repository.organisations_by_code(i.municipality_code for i in incoming if i.municipality_code)
    by_id = await repository.organisations.by_ids(i.organisation_id for i in incoming if i.organisation_id)
    resolved: list[Organisation | None] = []
    for item in incoming:
        organisation = by_id.get(item.organisation_id) if item.organisation_id else by_code.get(item.municipality_code or "")
        if organisation is None and not item.errors:
            item.errors.append(UnknownOrganisationId("organisation_id", id=str(item.organisation_id)) if item.organisation_id
                               else UnknownMunicipalityCode("code", municipality_code=item.municipality_code))
        resolved.append(organisation)
    found = [organisation for organisation in resolved if organisation is not None]
    areas = await repository.member_areas(o.id for o in found)
    existing = await repository.find(
        (o.id for o in found), (i.name for i in incoming if i.name), (i.reference_date for i in incoming if i.reference_date)
    )
    rows = []
    changes: list[tuple[Incoming, Organisation, StatisticValue | None]] = []
    for item, organisation in zip(incoming, resolved):
        stored = None
        if organisation is not None and not may_change_statistics(actor, areas[organisation.id]):
            item.errors.append(StatisticsOfOthers("organisation_id", organisation=organisation.name_fi))
        if organisation is not None and item.name and item.reference_date:
            stored = existing.get((organisation.id, item.name, item.reference_date))
        if item.errors:
            action = "error"
        elif stored is None:
            action = "create"
        elif stored.value == item.value and (item.source is None or stored.source == item.source):
            action = "unchanged"
        else:
            action = "update"
        rows.append(StatisticImportRow(
            line=item.line, municipality_code=organisation.municipality_code if organisation else item.municipality_code,
            organisation_id=organisation.id if organisation else item.organisation_id,
            organisation_name=organisation.name_fi if organisation else None, name=item.name,
            reference_date=item.reference_date, value=item.value,
            previous_value=stored.value if stored is not None else None, action=action,
            errors=[field_error(problem, "file") for error in item.errors for problem in error.field_problems],
        ))
        if action in ("create", "update"):
            assert organisation is not None  # an unknown organisation is an error of its row
            changes.append((item, organisation, stored))
    counts = {action: sum(1 for row in rows if row.action == action) for action in ("create", "update", "unchanged", "error")}
    report = StatisticImportReport(applied=False, created=counts["create"], updated=counts["update"],
                                   unchanged=counts["unchanged"], errors=counts["error"], rows=rows)
    if not apply:
        return report
    if report.errors:
        raise RowsWithErrors([(item.line, item.errors) for item in incoming if item.errors])
    for item, organisation, stored in changes:
        if stored is None:
            stored = StatisticValue(organisation_id=organisation.id, name=item.name, reference_date=item.reference_date)
            repository.add(stored)
        assert item.value is not None  # a value that is missing or unreadable is an error of its row
        stored.value = item.value
        if item.source is not None:
            stored.source = item.source
    await repository.session.flush()
    return report.model_copy(update={"applied": True})


async def import_file(
    repository: StatisticRepository, actor: Actor, content: bytes, filename: str | None, apply: bool
) -> StatisticImportReport:
    rows = await read_in_worker(read_statistics_bytes, content)
    return await import_values(repository, actor, from_file_rows(rows, filename), apply)

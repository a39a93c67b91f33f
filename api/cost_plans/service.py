"""Use cases on cost plans and their pools: they validate (with the engine), change and flush; the request commits."""

import itertools
import uuid
from collections.abc import Callable, Sequence
from datetime import date

from dateutil.relativedelta import relativedelta

from api.agreements.state import domain_notice
from api.auth.dependencies import authorize
from api.concurrency import require_current
from api.cost_plans.models import CostPlan, CostPlanParticipant, CostPool
from api.cost_plans.pool_specs import (
    PoolSpec,
    build_plan,
    checked_minor,
    pool_read,
    spec_from_input,
    spec_from_model,
    statistics_needed,
)
from api.cost_plans.repository import CostPlanRepository
from api.cost_plans.schemas import (
    ActualCostsUpdate,
    CostPlanCopy,
    CostPlanCreate,
    CostPlanRevision,
    CostPlanUpdate,
    PoolCreate,
    PoolFields,
    PoolUpdate,
)
from api.models import utc_now
from api.organisations.models import Organisation
from api.statistics.repository import StatisticRepository
from api.validation import validate_as
from domain import agreements as rules
from domain.access import Actor, Permission
from domain.costs import CostPlan as DomainPlan
from domain.costs import Statistics, StatisticValue, check_allocatable, plans
from domain.costs.errors import (
    CostSharingError,
    InstalmentDatesOutOfOrder,
    InstalmentYearsOutOfRange,
    LeadNotAParticipant,
    NoDefaultParticipants,
    NoInstalmentDates,
    NoValuesOfStatistic,
    PlanWithoutParticipants,
    PoolWithoutParticipants,
    PreviousPlanElsewhere,
)
from domain.errors import InvalidField, NotFound, Required, UnknownReference
from domain.organisations import OrganisationKind

#: The years a plan's dates may fall in, and how many advance instalments a plan has at most.
FIRST_YEAR, LAST_YEAR = 1990, 2100
MAX_INSTALMENTS = 24


def quarterly(year: int) -> list[date]:
    """The default advance instalments: at the end of each quarter."""
    return [date(year, 3, 31), date(year, 6, 30), date(year, 9, 30), date(year, 12, 31)]


def checked_dates(dates: Sequence[date]) -> list[str]:
    if any(not FIRST_YEAR <= day.year <= LAST_YEAR for day in dates):
        raise InvalidField("instalment_dates", InstalmentYearsOutOfRange(first_year=FIRST_YEAR, last_year=LAST_YEAR))
    if not dates:
        raise InvalidField("instalment_dates", NoInstalmentDates())
    if any(earlier >= later for earlier, later in itertools.pairwise(dates)):
        raise InvalidField("instalment_dates", InstalmentDatesOutOfOrder())
    return [day.isoformat() for day in dates]


async def reload(repository: CostPlanRepository, plan_id: uuid.UUID) -> CostPlan:
    plan = await repository.get(plan_id)
    if plan is None:
        raise NotFound("cost_plan", plan_id)
    return plan


async def default_parties(repository: CostPlanRepository, version_id: uuid.UUID, area_id: uuid.UUID,
                          year: int) -> list[Organisation]:
    """The version's municipalities (or else all its parties) that are still parties during the year; the area's
    members that year for a version without parties."""
    listed = await repository.version_parties(version_id)
    if not listed:
        return await repository.members_during(area_id, year)
    notices = [domain_notice(n) for n in await repository.notices_of_version(version_id)]
    staying = set(rules.parties_in_year([o.id for o in listed], notices, year))
    parties = [o for o in listed if o.id in staying]
    municipalities = [o for o in parties if o.kind == OrganisationKind.MUNICIPALITY]
    return municipalities or parties


async def chosen_parties(repository: CostPlanRepository, ids: list[uuid.UUID]) -> list[Organisation]:
    unique = list(dict.fromkeys(ids))
    found = await repository.organisations.by_ids(unique)
    missing = [i for i in unique if i not in found]
    if missing:
        raise UnknownReference("participant_ids", "organisation", missing[0])
    if not unique:
        raise InvalidField("participant_ids", PlanWithoutParticipants())
    return [found[i] for i in unique]


async def checked_previous(
    repository: CostPlanRepository, previous_id: uuid.UUID, area_id: uuid.UUID, own_id: uuid.UUID | None
) -> uuid.UUID:
    previous = await repository.get(previous_id)
    if previous is None or previous.area_id != area_id or previous.id == own_id:
        raise InvalidField("previous_plan_id", PreviousPlanElsewhere())
    return previous.id


def check_lead(lead: uuid.UUID | None, parties: Sequence[Organisation], explicit: bool) -> uuid.UUID | None:
    if lead is None or any(o.id == lead for o in parties):
        return lead
    if explicit:
        raise InvalidField("lead_organisation_id", LeadNotAParticipant())
    return None


async def load_statistics(
    repository: CostPlanRepository, specs: Sequence[PoolSpec], on: date, parties: Sequence[Organisation]
) -> Statistics:
    """The values the pools' keys read: of these parties, on the reference date `on`."""
    rows = await StatisticRepository(repository.session).values_on(statistics_needed(specs), on, (o.id for o in parties))
    return Statistics(tuple(StatisticValue(row.name, str(row.organisation_id), row.reference_date, row.value)
                            for row in rows))


async def check_as_written(
    repository: CostPlanRepository, plan: DomainPlan, specs: Sequence[PoolSpec], parties: Sequence[Organisation],
    field_of_pool: Callable[[int, CostSharingError], str],
) -> None:
    """Refuse a plan that could never be allocated (a pool nobody takes part in, a statistic none of a pool's
    participants has), on the field that makes it so."""
    statistics = await load_statistics(repository, specs, plan.reference_date, parties)
    try:
        check_allocatable(plan, statistics)
    except (PoolWithoutParticipants, NoValuesOfStatistic) as error:
        index = next(i for i, pool in enumerate(plan.pools) if pool.name == error.params["pool"])
        raise InvalidField(field_of_pool(index, error), error) from None


def pool_field(prefix: str = "") -> Callable[[int, CostSharingError], str]:
    """The field of a pool's payload that a refusal concerns: who takes part, or the key."""
    def field(index: int, error: CostSharingError) -> str:
        name = "excluded_ids" if isinstance(error, PoolWithoutParticipants) else "key"
        return f"{prefix.format(index=index)}{name}"
    return field


def plan_field(_: int, error: CostSharingError) -> str:
    """The field of a plan's payload that a refusal of one of its saved pools concerns."""
    return "participant_ids" if isinstance(error, PoolWithoutParticipants) else "reference_date"


def pool_model(spec: PoolSpec, plan: CostPlan, position: int) -> CostPool:
    pool = CostPool(plan_id=plan.id, area_id=plan.area_id, position=position)
    spec.apply_to(pool)
    return pool


async def create_plan(repository: CostPlanRepository, actor: Actor, data: CostPlanCreate) -> CostPlan:
    found = await repository.agreement_version(data.agreement_version_id)
    if found is None:
        raise UnknownReference("agreement_version_id", "version", data.agreement_version_id)
    version, _ = found
    area_id = version.area_id
    authorize(actor, Permission.FINANCE, area_id=area_id, resource_type="cost_plans")
    area = await repository.area(area_id)
    assert area is not None
    if data.participant_ids is not None:
        parties = await chosen_parties(repository, data.participant_ids)
    else:
        parties = await default_parties(repository, version.id, area_id, data.year)
        if not parties:
            raise InvalidField("participant_ids", NoDefaultParticipants())
    lead = check_lead(data.lead_organisation_id or area.lead_organisation_id, parties,
                      data.lead_organisation_id is not None)
    if data.previous_plan_id is not None:
        previous_id: uuid.UUID | None = await checked_previous(repository, data.previous_plan_id, area_id, None)
    else:
        previous = await repository.previous_approved(area_id, data.year - 1)
        previous_id = previous.id if previous else None
    dates = checked_dates(data.instalment_dates if data.instalment_dates is not None else quarterly(data.year))
    specs = [spec_from_input(pool, f"pools.{index}.") for index, pool in enumerate(data.pools)]
    written = build_plan(data.year, data.reference_date, parties, specs, lead, input_given=True)
    await check_as_written(repository, written, specs, parties, pool_field("pools.{index}."))
    plan = CostPlan(
        id=uuid.uuid4(), area_id=area_id, agreement_version_id=version.id, year=data.year, name=data.name,
        status=data.status, reference_date=data.reference_date, lead_organisation_id=lead,
        previous_plan_id=previous_id, instalment_dates=dates, description=data.description,
    )
    plan.participants = [CostPlanParticipant(organisation_id=o.id, area_id=area_id) for o in parties]
    plan.pools = [pool_model(spec, plan, position) for position, spec in enumerate(specs)]
    repository.add(plan)
    await repository.session.flush()
    return await reload(repository, plan.id)


def parties_of(plan: CostPlan) -> list[Organisation]:
    return [link.organisation for link in plan.participants]


async def update_plan(
    repository: CostPlanRepository, plan: CostPlan, changes: CostPlanUpdate, if_match: str | None
) -> CostPlan:
    require_current(if_match, plan.version)
    plans.check_budget_editable(plan.status)
    values = changes.model_dump(exclude_unset=True)
    for name in ("name", "year", "reference_date", "status", "participant_ids", "instalment_dates"):
        if name in values and values[name] is None:
            raise Required(name)
    parties = parties_of(plan)
    if "participant_ids" in values:
        parties = await chosen_parties(repository, values["participant_ids"])
    lead = values.get("lead_organisation_id", plan.lead_organisation_id)
    lead = check_lead(lead, parties, "lead_organisation_id" in values)
    year = values.get("year", plan.year)
    reference_date = values.get("reference_date", plan.reference_date)
    specs = [spec_from_model(p) for p in plan.pools]
    written = build_plan(year, reference_date, parties, specs, lead, input_given=True)
    await check_as_written(repository, written, specs, parties, plan_field)
    if values.get("previous_plan_id") is not None:
        plan.previous_plan_id = await checked_previous(repository, values["previous_plan_id"], plan.area_id, plan.id)
    elif "previous_plan_id" in values:
        plan.previous_plan_id = None
    if "instalment_dates" in values:
        plan.instalment_dates = checked_dates(values["instalment_dates"])
    for name in ("name", "year", "reference_date", "status", "description"):
        if name in values:
            setattr(plan, name, values[name])
    plan.lead_organisation_id = lead
    if "participant_ids" in values:
        current = {link.organisation_id: link for link in plan.participants}
        plan.participants = [
            current.get(o.id) or CostPlanParticipant(organisation_id=o.id, area_id=plan.area_id) for o in parties
        ]
    plan.updated_at = utc_now()
    await repository.session.flush()
    return await reload(repository, plan.id)


async def delete_plan(repository: CostPlanRepository, plan: CostPlan, if_match: str | None) -> None:
    # Deleting is the one way back from an approval made by mistake (an approved plan is not edited or returned to
    # draft), so it stays possible, but never blindly: it takes the plan's current ETag.
    require_current(if_match, plan.version, required=plan.status == plans.PlanStatus.APPROVED)
    await repository.delete(plan)
    await repository.session.flush()


def find_pool(plan: CostPlan, pool_id: uuid.UUID) -> CostPool:
    for pool in plan.pools:
        if pool.id == pool_id:
            return pool
    raise NotFound("pool", pool_id)


async def check_whole_plan(repository: CostPlanRepository, plan: CostPlan, specs: list[PoolSpec], changed: int) -> None:
    """The plan with one pool added or changed (at index `changed`) as the engine would take it."""
    parties = parties_of(plan)
    written = build_plan(plan.year, plan.reference_date, parties, specs, plan.lead_organisation_id, input_given=True)
    own = pool_field()
    await check_as_written(repository, written, specs, parties,
                           lambda index, error: own(index, error) if index == changed else "pools")


def renumber(pools: list[CostPool]) -> None:
    for position, pool in enumerate(pools):
        if pool.position != position:
            pool.position = position


async def add_pool(repository: CostPlanRepository, plan: CostPlan, data: PoolCreate, if_match: str | None) -> CostPool:
    require_current(if_match, plan.version, required=False)
    plans.check_budget_editable(plan.status)
    spec = spec_from_input(data)
    specs = [spec_from_model(p) for p in plan.pools]
    position = len(specs) if data.position is None else min(data.position, len(specs))
    await check_whole_plan(repository, plan, [*specs[:position], spec, *specs[position:]], position)
    pool = pool_model(spec, plan, position)
    pools = list(plan.pools)
    pools.insert(position, pool)
    plan.pools = pools
    renumber(pools)
    plan.updated_at = utc_now()
    await repository.session.flush()
    return pool


async def update_pool(
    repository: CostPlanRepository, plan: CostPlan, pool_id: uuid.UUID, changes: PoolUpdate, if_match: str | None
) -> None:
    require_current(if_match, plan.version)
    pool = find_pool(plan, pool_id)
    values = changes.model_dump(exclude_unset=True)
    if set(values) - {"actual_amount"}:
        plans.check_budget_editable(plan.status)  # the actual cost alone is recorded after approval too
    position = values.pop("position", None)
    for name in ("name", "unit", "amount", "key", "excluded_ids", "caps", "excess", "rounding"):
        if name in values and values[name] is None:
            raise Required(name)
    current = pool_read(pool, plan.reference_date).model_dump(exclude={"id", "position", "key_description"})
    merged = validate_as(PoolFields, {**current, **values})
    spec = spec_from_input(merged, pool_id=pool.id)
    await check_whole_plan(repository, plan, [spec if p.id == pool.id else spec_from_model(p) for p in plan.pools],
                           next(i for i, p in enumerate(plan.pools) if p.id == pool.id))
    spec.apply_to(pool)
    if position is not None:
        pools = [p for p in plan.pools if p.id != pool.id]
        pools.insert(min(position, len(pools)), pool)
        plan.pools = pools
        renumber(pools)
    plan.updated_at = utc_now()
    await repository.session.flush()


async def delete_pool(repository: CostPlanRepository, plan: CostPlan, pool_id: uuid.UUID, if_match: str | None) -> None:
    require_current(if_match, plan.version, required=False)
    plans.check_budget_editable(plan.status)
    pool = find_pool(plan, pool_id)
    pools = [p for p in plan.pools if p.id != pool.id]
    plan.pools = pools
    renumber(pools)
    plan.updated_at = utc_now()
    await repository.session.flush()


# --- new drafts from a plan ---------------------------------------------------------------------------------------


def copied_pools(plan: CostPlan, *, keep_actuals: bool, gone: set[str]) -> list[PoolSpec]:
    """The plan's pools for a new draft: without the references to the participants that are gone, and without the
    actual costs unless the draft is for the same year (they belong to the year)."""
    specs = []
    for pool in plan.pools:
        spec = spec_from_model(pool)
        spec.id = None
        if not keep_actuals:
            spec.actual_minor = None
        if spec.participant_ids is not None:
            spec.participant_ids = [i for i in spec.participant_ids if i not in gone]
        spec.excluded_ids = [i for i in spec.excluded_ids if i not in gone]
        spec.caps = {i: cap for i, cap in spec.caps.items() if i not in gone}
        specs.append(spec)
    return specs


async def new_draft_from(
    repository: CostPlanRepository, source: CostPlan, *, year: int, name: str, reference_date: date,
    parties: list[Organisation], specs: list[PoolSpec], previous_id: uuid.UUID | None, instalment_dates: list[str],
    input_given: bool,
) -> CostPlan:
    lead = check_lead(source.lead_organisation_id, parties, False)
    build_plan(year, reference_date, parties, specs, lead, input_given=input_given)
    plan = CostPlan(
        id=uuid.uuid4(), area_id=source.area_id, agreement_version_id=source.agreement_version_id, year=year,
        name=name, status=plans.PlanStatus.DRAFT.value, reference_date=reference_date, lead_organisation_id=lead,
        previous_plan_id=previous_id, instalment_dates=instalment_dates, description=source.description,
    )
    plan.participants = [CostPlanParticipant(organisation_id=o.id, area_id=source.area_id) for o in parties]
    plan.pools = [pool_model(spec, plan, position) for position, spec in enumerate(specs)]
    repository.add(plan)
    await repository.session.flush()
    return await reload(repository, plan.id)


async def revise_plan(repository: CostPlanRepository, plan: CostPlan, data: CostPlanRevision) -> CostPlan:
    """A change to an approved plan starts as a draft copy of it (the same year, pools, participants, dates and
    actual costs), compared with it; the approved plan stays as it was."""
    plans.check_revisable(plan.status)
    return await new_draft_from(
        repository, plan, year=plan.year, name=data.name or plan.name, reference_date=plan.reference_date,
        parties=parties_of(plan), specs=copied_pools(plan, keep_actuals=True, gone=set()), previous_id=plan.id,
        instalment_dates=list(plan.instalment_dates or []), input_given=False,
    )


async def copy_plan(repository: CostPlanRepository, plan: CostPlan, data: CostPlanCopy) -> CostPlan:
    """Next year's plan starts as a copy of this one: a draft with its participants (but those no longer parties
    that year after a notice), its pools, lead and reference date, its instalment dates moved to the year, compared
    with the area's approved plan of the year before."""
    year = data.year or plan.year + 1
    notices = [domain_notice(n) for n in await repository.notices_of_version(plan.agreement_version_id)]
    participants = parties_of(plan)
    staying = set(rules.parties_in_year([o.id for o in participants], notices, year))
    gone = {str(o.id) for o in participants if o.id not in staying}
    if data.pools is not None:
        specs = [spec_from_input(pool, f"pools.{index}.") for index, pool in enumerate(data.pools)]
    else:
        specs = copied_pools(plan, keep_actuals=year == plan.year, gone=gone)
    moved = [date.fromisoformat(day) + relativedelta(years=year - plan.year) for day in plan.instalment_dates or []]
    previous = await repository.previous_approved(plan.area_id, year - 1)
    return await new_draft_from(
        repository, plan, year=year, name=data.name or f"{plan.name} ({year})",
        reference_date=data.reference_date or plan.reference_date,
        parties=[o for o in participants if o.id in staying], specs=specs,
        previous_id=previous.id if previous else None, instalment_dates=checked_dates(moved or quarterly(year)),
        input_given=data.pools is not None,
    )


async def set_actual_costs(
    repository: CostPlanRepository, plan: CostPlan, data: ActualCostsUpdate, if_match: str | None
) -> None:
    require_current(if_match, plan.version)
    for index, item in enumerate(data.actual_costs):
        pool = find_pool(plan, item.pool_id)
        if item.amount is None:
            pool.actual_minor = None
            continue
        pool.actual_minor = checked_minor(item.amount, pool.unit, f"actual_costs.{index}.amount", "actual_cost", pool.name)
    plan.updated_at = utc_now()
    await repository.session.flush()

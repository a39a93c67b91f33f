"""What needs a person now: decisions awaited, agreements in force, this year's cost shares (the front page)."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Select

from api.agreements import listing
from api.agreements.repository import AgreementRepository
from api.agreements.responses import organisation_summary
from api.agreements.service import listed_views
from api.agreements.state import stored_id
from api.cost_plans.repository import CostPlanRepository
from api.cost_plans.schemas import CostPlanSummary
from api.cost_results.service import allocation_of
from api.obligations import service as obligations
from api.obligations.repository import ObligationRepository
from api.obligations.schemas import InstanceRead
from api.overview.schemas import AwaitedVersion, CostShare, DutiesOfOrganisation, OverviewRead
from api.problems import ErrorBrief
from domain import agreements as rules
from domain.access import Actor, OverviewScope, overview_scope
from domain.costs import CostSharingError

#: How many of a coordinator's own duties the front page lists.
DUTIES = 20


def awaited_in(view: listing.ListedView, scope: OverviewScope
               ) -> list[tuple[listing.ListedView, listing.ListedVersion, list[uuid.UUID], list[uuid.UUID]]]:
    """The view's versions circulating on its date, each with the parties awaited and those blocking it; for one
    organisation only those awaiting its decision."""
    found = []
    for version in view.visible:
        state = view.state.of(version.id)
        if state.status is not rules.VersionStatus.CIRCULATING:
            continue
        present = view.present(version)
        waiting = [stored_id(s.party) for s in state.standings if s.standing is rules.Standing.PENDING and s.party in present]
        blocking = [stored_id(s.party) for s in state.standings if s.standing is rules.Standing.BLOCKING and s.party in present]
        if scope.organisation_id is not None:
            waiting = [party for party in waiting if party == scope.organisation_id]
            if not waiting:
                continue
        found.append((view, version, waiting, blocking))
    return found


AWAITED_SHOWN = 20  # the front page lists this many; the agreements list has them all


async def awaited_of(agreements: AgreementRepository, statement: Select[Any], actor: Actor, scope: OverviewScope,
                     on: date) -> tuple[list[AwaitedVersion], bool]:
    """The first versions in title order still awaiting decisions, and whether more do. Only the agreements whose
    status periods say they await are worked out, a batch at a time, until the list is full."""
    statement = listing.awaiting_on(statement, actor, on)
    found: list[tuple[listing.ListedView, listing.ListedVersion, list[uuid.UUID], list[uuid.UUID]]] = []
    after: tuple[str, uuid.UUID] | None = None
    while len(found) <= AWAITED_SHOWN:
        rows = await listing.in_title_order(agreements.session, statement, after, AWAITED_SHOWN + 1)
        for view in await listed_views(agreements, rows, actor, on):
            found += awaited_in(view, scope)
        if len(rows) <= AWAITED_SHOWN:
            break
        after = (rows[-1].title, rows[-1].id)
    shown = found[:AWAITED_SHOWN]
    organisations = await agreements.organisations.by_ids(
        {party for _, _, waiting, blocking in shown for party in waiting + blocking})
    return [
        AwaitedVersion(
            agreement_id=view.agreement.id, agreement_title=view.agreement.title, version_id=version.id,
            version_number=version.number, sent_on=version.sent_on,
            waiting=[organisation_summary(organisations[p]) for p in waiting],
            blocking=[organisation_summary(organisations[p]) for p in blocking],
        )
        for view, version, waiting, blocking in shown
    ], len(found) > AWAITED_SHOWN


async def overview(agreements: AgreementRepository, plans: CostPlanRepository, actor: Actor, on: date) -> OverviewRead:
    scope = overview_scope(actor)
    statement = agreements.filtered(visible=actor.visible_areas, published_only_outside=True,
                                    party_id=scope.organisation_id,
                                    area_ids=scope.area_ids if scope.organisation_id is None else None)
    awaited, more = await awaited_of(agreements, statement, actor, scope, on)
    in_force = []
    if scope.organisation_id is not None:
        rows = await listing.every(agreements.session, statement)
        in_force = [view.summary() for view in await listed_views(agreements, rows, actor, on)
                    if view.status is rules.VersionStatus.IN_FORCE and view.shown is not None
                    and scope.organisation_id in view.present(view.shown)]
    shares = []
    year_plans = await plans.of_year(on.year, visible=actor.visible_areas,
                                     area_ids=scope.area_ids if scope.organisation_id is None else None)
    names = await plans.area_names({plan.area_id for plan in year_plans})
    for plan in year_plans:
        summary = CostPlanSummary(
            id=plan.id, area_id=plan.area_id, area_name=names.get(plan.area_id, ""),
            agreement_version_id=plan.agreement_version_id, year=plan.year, name=plan.name,
            status=plan.status, reference_date=plan.reference_date, pool_count=len(plan.pools),
            version=plan.version,
        )
        try:
            allocation = await allocation_of(plans, plan)
        except CostSharingError as error:
            shares.append(CostShare(plan=summary, totals=[], problem=ErrorBrief.of(error)))
            continue
        totals = [t for t in allocation.totals
                  if scope.organisation_id is None or t.participant.id == scope.organisation_id]
        if totals or scope.whole_area:
            shares.append(CostShare(plan=summary, totals=totals))
    organisation = None
    if scope.organisation_id is not None:
        found = await agreements.organisations.by_ids([scope.organisation_id])
        organisation = organisation_summary(found[scope.organisation_id]) if scope.organisation_id in found else None
    duties, duties_more, by_organisation = await duties_of(ObligationRepository(agreements.session), actor, scope, on)
    return OverviewRead(on=on, year=on.year, whole_area=scope.whole_area, organisation=organisation, awaited=awaited,
                        awaited_more=more, in_force=in_force, cost_shares=shares, duties=duties,
                        duties_more=duties_more, duties_by_organisation=by_organisation)


async def duties_of(repo: ObligationRepository, actor: Actor, scope: OverviewScope, on: date
                    ) -> tuple[list[InstanceRead], bool, list[DutiesOfOrganisation]]:
    """A coordinator's own duties needing attention; for the areas as a whole, the counts by municipality."""
    areas = actor.visible_areas if scope.area_ids is None else (
        set(scope.area_ids) & actor.visible_areas if actor.visible_areas is not None else set(scope.area_ids))
    if scope.organisation_id is not None:
        rows = await repo.instances.attention(on, areas=areas, holder_id=scope.organisation_id, limit=DUTIES + 1)
        return [obligations.instance_read(row, actor, on) for row in rows[:DUTIES]], len(rows) > DUTIES, []
    counts = await repo.instances.attention_by_holder(on, areas=areas)
    names = await repo.organisations(holder for holder, _, _ in counts)
    return [], False, [DutiesOfOrganisation(organisation=obligations.summary(names[holder]), overdue=late, due_soon=soon)
                       for holder, late, soon in counts]

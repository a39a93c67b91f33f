"""Use cases on obligations (velvoitteet): write a duty, keep its instances in step with its holders and schedule,
mark an instance with evidence, propose duties from a version's text, and read them as a matrix."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import select

from api.agreements import access
from api.agreements.models import Agreement, AgreementNotice, AgreementParty, AgreementVersion
from api.agreements.repository import AgreementRepository
from api.agreements.state import agreement_state, domain_notice, domain_version, stored_id
from api.areas.models import Area
from api.auth.context import change_origin_var
from api.concurrency import require_current
from api.decisions.models import Decision
from api.obligations.models import Obligation, ObligationHolder, ObligationInstance, ObligationMark
from api.obligations.repository import ObligationRepository
from api.obligations.schemas import (
    DueDate,
    DutyChangeRead,
    EvidenceFile,
    HoldersIn,
    HoldersRead,
    InstanceDetail,
    InstanceRead,
    MarkCreate,
    MarkRead,
    ObligationBrief,
    ObligationChanges,
    ObligationCreate,
    ObligationMatrix,
    ObligationMatrixCell,
    ObligationMatrixRow,
    ObligationRead,
    ObligationUpdate,
    ScheduleIn,
    ScheduleRead,
    SuggestionRead,
)
from api.organisations.models import Organisation
from api.organisations.schemas import OrganisationSummary
from domain import access as access_rules
from domain import obligations as rules
from domain.access import Actor, ActorKind
from domain.agreements.sections import section_from_dict
from domain.errors import InvalidField, InvalidValue, NotFound, Required, UnknownReference
from domain.files import FileEmpty, clean_filename
from domain.obligations.errors import InstanceAlreadyMarked, InstanceNotMarked, ReasonRequired

#: The stand-in holder of a duty a group holds (groups of their own come later; the duty names the group).
GROUP = "group"
#: Who marked what the demo loader marked (the pages name it in their own language).
DEMO = "demo"
#: A matrix cell shows the most pressing of its instances.
SEVERITY = {rules.InstanceStatus.OVERDUE: 0, rules.InstanceStatus.OPEN: 1, rules.InstanceStatus.DONE: 2,
            rules.InstanceStatus.NOT_APPLICABLE: 3}


def horizon(today: date) -> date:
    """Instances are written ahead to the end of next year; every change of the duty, and each start of the
    service, moves the horizon on."""
    return date(today.year + 1, 12, 31)


@dataclass
class VersionContext:
    """What a version's duties are worked out from: its agreement, parties (in order), the area's lead and the
    parties' last days after a notice."""

    version: AgreementVersion
    area_id: uuid.UUID
    parties: list[uuid.UUID]
    lead: uuid.UUID | None
    last_days: dict[uuid.UUID, date]


async def version_context(repo: ObligationRepository, version_id: uuid.UUID, field: str = "version_id") -> VersionContext:
    session = repo.session
    version = await session.get(AgreementVersion, version_id)
    if version is None:
        raise UnknownReference(field, "version", version_id)
    parties = list(await session.scalars(
        select(AgreementParty.organisation_id).where(AgreementParty.version_id == version_id)
        .order_by(AgreementParty.position)))
    lead = await session.scalar(select(Area.lead_organisation_id).where(Area.id == version.area_id))
    notices = [domain_notice(row) for row in await session.scalars(
        select(AgreementNotice).where(AgreementNotice.agreement_id == version.agreement_id))]
    last_days: dict[uuid.UUID, date] = {}
    ending = [n.ends_on for n in notices if n.ends_agreement]
    for notice in notices:
        party = uuid.UUID(str(notice.party))
        last_days[party] = min(notice.ends_on, last_days.get(party, notice.ends_on))
    if ending:
        for party in parties:
            last_days[party] = min(min(ending), last_days.get(party, min(ending)))
    return VersionContext(version, version.area_id, parties, lead, last_days)


# --- the domain's values of stored rows -------------------------------------------------------------------------


def holder_rule(obligation: Obligation) -> rules.HolderRule:
    scope = rules.HolderScope(obligation.holder_scope)
    named: tuple[object, ...] = tuple(h.organisation_id for h in obligation.holders if h.role == "named")
    if scope is rules.HolderScope.GROUP:
        named = (GROUP,)
    exceptions = tuple(h.organisation_id for h in obligation.holders if h.role == "exception")
    return rules.HolderRule(scope, named, exceptions, obligation.exceptions_hold_themselves)


def schedule_of(obligation: Obligation) -> rules.Schedule:
    return rules.Schedule(rules.ScheduleKind(obligation.schedule_kind), due_on=obligation.due_on, rule=obligation.rule,
                          review_month=obligation.review_month, review_day=obligation.review_day)


def schedule_from(data: ScheduleIn) -> rules.Schedule:
    """The schedule a payload asks for, checked: presets in words become their RFC 5545 rule."""
    try:
        if data.kind is rules.ScheduleKind.ONE_OFF:
            if data.due_on is None:
                raise Required("due_on")
            schedule = rules.Schedule.one_off(data.due_on)
        elif data.kind is rules.ScheduleKind.RECURRING:
            if data.rule:
                schedule = rules.Schedule(rules.ScheduleKind.RECURRING, rule=data.rule)
            elif data.every is not None:
                schedule = rules.preset_schedule(rules.Preset(data.every, data.month, data.day))
            else:
                raise Required("every")
        else:
            schedule = rules.Schedule.continuous(data.review_month, data.review_day)
        rules.schedules.check(schedule)
    except InvalidValue as error:
        raise InvalidField(f"schedule.{error.field}", error) from None
    return schedule


def holder_rows(obligation: Obligation, holders: HoldersIn) -> list[ObligationHolder]:
    rows = [ObligationHolder(organisation_id=org, role="named", position=i, area_id=obligation.area_id)
            for i, org in enumerate(dict.fromkeys(holders.named))]
    rows += [ObligationHolder(organisation_id=org, role="exception", position=i, area_id=obligation.area_id)
             for i, org in enumerate(dict.fromkeys(holders.exceptions))]
    return rows


def check_holders(holders: HoldersIn, context: VersionContext) -> rules.HolderRule:
    named: tuple[object, ...] = (GROUP,) if holders.scope is rules.HolderScope.GROUP else tuple(holders.named)
    if holders.scope is rules.HolderScope.GROUP and not holders.group:
        raise Required("holders.group")
    rule = rules.HolderRule(holders.scope, named, tuple(holders.exceptions), holders.exceptions_hold_themselves)
    try:
        rules.holdings(rule, context.parties, context.lead)
    except InvalidValue as error:
        raise InvalidField("holders", error) from None
    return rule


# --- instances --------------------------------------------------------------------------------------------------


@dataclass
class Copy:
    """One version's copy of a duty, with what its instances are worked out from: the version's parties, lead and
    last days, and the window of periods the version holds (None: none, as on a draft)."""

    obligation: Obligation
    context: VersionContext
    window: rules.Window | None


def wanted_instances(copy: Copy, today: date) -> tuple[rules.Instance, ...]:
    """The instances the copy holds up to the horizon: its periods in its version's window, for the holders among
    the version's parties (a party left out of an amendment holds nothing of it)."""
    if copy.window is None:
        return ()
    obligation, context, window = copy.obligation, copy.context, copy.window
    periods = [period for period in rules.occurrences(schedule_of(obligation), obligation.starts_on, horizon(today))
               if window.holds(period.nominal)]
    return rules.instances(rules.held_by(holder_rule(obligation), context.parties, context.lead), periods,
                           context.last_days)


async def agreement_windows(repo: ObligationRepository, agreement_id: uuid.UUID, today: date
                            ) -> dict[uuid.UUID, rules.Window | None]:
    """The window of each version's duties from the agreement's chain state today: one period of a duty is held
    by one version's copy alone (domain.obligations.windows)."""
    agreements = AgreementRepository(repo.session)
    agreement = await agreements.get(agreement_id)
    if agreement is None:
        return {}
    decisions = (await agreements.decisions.of_agreements([agreement_id]))[agreement_id]
    state = agreement_state(agreement, decisions, agreement.notices, today)
    found = rules.windows([domain_version(v, with_text=False) for v in agreement.versions], state.states)
    return {stored_id(version_id): window for version_id, window in found.items()}


async def sync_instances(repo: ObligationRepository, obligation: Obligation, context: VersionContext,
                         today: date) -> None:
    """Write the instances one duty has up to the horizon, in its version's window; an instance no longer held is
    removed, or kept as lapsed where someone marked it (its evidence stays readable)."""
    window = (await agreement_windows(repo, obligation.agreement_id, today)).get(obligation.version_id)
    await write_instances(repo, [Copy(obligation, context, window)], await repo.instances.of_obligation(obligation.id),
                          today)


async def sync_agreement(repo: ObligationRepository, agreement_id: uuid.UUID, today: date) -> None:
    """After the agreement's state changes (a decision recorded, changed or removed, a version sent, signed or
    amended, a notice given or withdrawn): every copy of every duty holds the periods of its version's window, for
    its version's parties up to their last days.

    An instance moves to the copy of the version that now holds its period, with its marks: from the day an
    amendment comes into force its copy holds each holder's period, and the old version's copy until the day
    before; should the amendment's decision be removed, the instance moves back."""
    obligations = await repo.of_agreement(agreement_id)
    if not obligations:
        return
    windows = await agreement_windows(repo, agreement_id, today)
    contexts: dict[uuid.UUID, VersionContext] = {}
    for obligation in obligations:
        if obligation.version_id not in contexts:
            contexts[obligation.version_id] = await version_context(repo, obligation.version_id)
    copies = [Copy(o, contexts[o.version_id], windows.get(o.version_id)) for o in obligations]
    await write_instances(repo, copies, await repo.instances.of_agreement(agreement_id), today)


async def write_instances(repo: ObligationRepository, copies: Sequence[Copy], rows: Sequence[ObligationInstance],
                          today: date) -> None:
    """Make the stored `rows` (the instances of the copies' lineages) the instances the copies want: one per
    lineage, holder and period. A stored instance of the same lineage, holder and period is kept (moved to the copy
    that now holds it) rather than written anew; what is left over is removed, or lapsed where it was marked."""
    lineage_of = {copy.obligation.id: copy.obligation.lineage_id for copy in copies}
    pool: dict[tuple[uuid.UUID, str, date], list[ObligationInstance]] = {}
    for stored in rows:
        pool.setdefault((lineage_of[stored.obligation_id], stored.holder_key, stored.nominal), []).append(stored)
    for copy in copies:
        obligation = copy.obligation
        for instance in wanted_instances(copy, today):
            key = str(instance.holder)
            row = kept_row(pool.get((obligation.lineage_id, key, instance.nominal), []), obligation.id)
            on_behalf_of = [str(party) for party in instance.on_behalf_of]
            if row is None:
                repo.add(ObligationInstance(
                    area_id=obligation.area_id, agreement_id=obligation.agreement_id, obligation_id=obligation.id,
                    holder_key=key, holder_id=None if instance.holder == GROUP else instance.holder,
                    on_behalf_of=on_behalf_of, nominal=instance.nominal, due_on=instance.due_on,
                    period_start=instance.period_start, lapsed=False,
                ))
                continue
            if (row.obligation_id, row.due_on, row.period_start, row.on_behalf_of, row.lapsed) != (
                    obligation.id, instance.due_on, instance.period_start, on_behalf_of, False):
                row.obligation_id, row.due_on, row.period_start, row.on_behalf_of, row.lapsed = (
                    obligation.id, instance.due_on, instance.period_start, on_behalf_of, False)
    left = [row for candidates in pool.values() for row in candidates]
    marked = await repo.instances.marked(row.id for row in left)
    for row in left:
        if row.id in marked:
            row.lapsed = True
        else:
            await repo.delete(row)
    await repo.flush()


def kept_row(candidates: list[ObligationInstance], obligation_id: uuid.UUID) -> ObligationInstance | None:
    """The stored instance a wanted one keeps, taken from `candidates` (those of its lineage, holder and period):
    the copy's own, else one another copy holds; a lapsed one (marked, then no longer held) only where no other is.
    An instance moves into a copy only where that copy has none of the holder and period (one per copy)."""
    own = [row for row in candidates if row.obligation_id == obligation_id]
    others = [row for row in candidates if row.obligation_id != obligation_id]
    choices = own if own else others
    if not choices:
        return None
    row = min(choices, key=lambda r: (r.lapsed, str(r.id)))
    candidates.remove(row)
    return row


# --- obligations ------------------------------------------------------------------------------------------------


async def obligation_or_404(repo: ObligationRepository, obligation_id: uuid.UUID, actor: Actor) -> Obligation:
    obligation = await repo.get(obligation_id)
    if obligation is None or not access_rules.may_read_area(actor, obligation.area_id):
        raise NotFound("obligation", obligation_id)
    return obligation


async def create_obligation(repo: ObligationRepository, actor: Actor, data: ObligationCreate, today: date
                            ) -> Obligation:
    context = await version_context(repo, data.version_id)
    access.authorize_manage(actor, context.area_id)
    check_holders(data.holders, context)
    schedule = schedule_from(data.schedule)
    obligation = Obligation(
        id=uuid.uuid4(), area_id=context.area_id, agreement_id=context.version.agreement_id, version_id=context.version.id,
        lineage_id=uuid.uuid4(), section_number=data.section_number, quote=data.quote, title_fi=data.title_fi,
        title_sv=data.title_sv, description=data.description, kind=data.kind.value, holder_scope=data.holders.scope.value,
        holder_group=data.holders.group if data.holders.scope is rules.HolderScope.GROUP else None,
        exceptions_hold_themselves=data.holders.exceptions_hold_themselves, schedule_kind=schedule.kind.value,
        due_on=schedule.due_on, rule=schedule.rule, review_month=schedule.review_month,
        review_day=schedule.review_day, starts_on=data.starts_on or context.version.effective_date or today,
    )
    obligation.holders = holder_rows(obligation, data.holders)
    repo.add(obligation)
    await repo.flush()
    await sync_instances(repo, obligation, context, today)
    return obligation


async def update_obligation(repo: ObligationRepository, obligation: Obligation, data: ObligationUpdate,
                            if_match: str | None, today: date) -> Obligation:
    require_current(if_match, obligation.version)
    context = await version_context(repo, obligation.version_id)
    changes = data.model_dump(exclude_unset=True, exclude={"holders", "schedule"})
    if "title_fi" in changes and not changes["title_fi"]:
        raise Required("title_fi")
    for name, value in changes.items():
        if name == "starts_on" and value is None:
            continue
        setattr(obligation, name, value.value if hasattr(value, "value") else value)
    if data.holders is not None:
        check_holders(data.holders, context)
        obligation.holder_scope = data.holders.scope.value
        obligation.holder_group = data.holders.group if data.holders.scope is rules.HolderScope.GROUP else None
        obligation.exceptions_hold_themselves = data.holders.exceptions_hold_themselves
        await repo.replace_holders(obligation, holder_rows(obligation, data.holders))
    if data.schedule is not None:
        schedule = schedule_from(data.schedule)
        obligation.schedule_kind, obligation.due_on, obligation.rule = schedule.kind.value, schedule.due_on, schedule.rule
        obligation.review_month, obligation.review_day = schedule.review_month, schedule.review_day
    await repo.flush()
    await sync_instances(repo, obligation, context, today)
    return obligation


async def delete_obligation(repo: ObligationRepository, obligation: Obligation, if_match: str | None) -> None:
    require_current(if_match, obligation.version)
    await repo.delete(obligation)
    await repo.flush()


# --- amendments -------------------------------------------------------------------------------------------------

#: What a copy carries over of the duty it copies: all but its own id, version and bookkeeping.
CARRIED_OVER = ("area_id", "agreement_id", "lineage_id", "section_number", "quote", "title_fi", "title_sv",
                "description", "kind", "holder_scope", "holder_group", "exceptions_hold_themselves", "schedule_kind",
                "due_on", "rule", "review_month", "review_day", "starts_on")


async def carry_over(repo: ObligationRepository, base_version_id: uuid.UUID, version: AgreementVersion) -> None:
    """An amendment carries every duty of the version it amends over, as it does the sections: a copy of the same
    lineage with its holders, schedule, texts and clause as they are. A draft binds no one: the copies have no
    instances until the amendment comes into force (`sync_agreement`)."""
    for source in await repo.of_version(base_version_id):
        copy = Obligation(id=uuid.uuid4(), version_id=version.id,
                          **{name: getattr(source, name) for name in CARRIED_OVER})
        copy.holders = [ObligationHolder(organisation_id=h.organisation_id, role=h.role, position=h.position,
                                         area_id=h.area_id) for h in source.holders]
        repo.add(copy)
    await repo.flush()


async def remove_of_version(repo: ObligationRepository, version_id: uuid.UUID) -> None:
    """A draft deleted takes its duties with it (it has no instances)."""
    for obligation in await repo.of_version(version_id):
        await repo.delete(obligation)
    await repo.flush()


def duty_of(row: Obligation) -> rules.Duty:
    """The duty as the comparison reads it; a group's duty names its group, so that a new group is a change."""
    holders = holder_rule(row)
    if holders.scope is rules.HolderScope.GROUP:
        holders = rules.HolderRule(holders.scope, (row.holder_group or GROUP,), holders.exceptions,
                                   holders.exceptions_hold_themselves)
    return rules.Duty(lineage=row.lineage_id, id=row.id, title_fi=row.title_fi, title_sv=row.title_sv,
                      description=row.description, kind=rules.ObligationKind(row.kind), holders=holders,
                      schedule=schedule_of(row), section_number=row.section_number, quote=row.quote)


async def changes_between(repo: ObligationRepository, old: AgreementVersion, new: AgreementVersion,
                          lead: uuid.UUID | None, in_force_from: date | None, actor: Actor | None) -> ObligationChanges:
    """The duties of `new` against those of `old` by lineage (domain.obligations.compare_duties), each version's
    holders among its own parties, with the day `new` comes into force."""
    rows = await repo.of_versions({old.id, new.id})
    old_parties = [p.organisation_id for p in old.parties]
    new_parties = [p.organisation_id for p in new.parties]
    found = rules.compare_duties(
        [duty_of(r) for r in rows if r.version_id == old.id], [duty_of(r) for r in rows if r.version_id == new.id],
        old_parties=old_parties, new_parties=new_parties, lead=lead, in_force_from=in_force_from)
    organisations = await repo.organisations(
        {*old_parties, *new_parties, *(h.organisation_id for r in rows for h in r.holders)})
    by_id = {row.id: row for row in rows}

    def named(holders: Sequence[object]) -> list[OrganisationSummary]:
        return [summary(organisations[h]) for h in holders if isinstance(h, uuid.UUID) and h in organisations]

    def read(change: rules.DutyChange) -> DutyChangeRead:
        return DutyChangeRead(
            lineage_id=cast(uuid.UUID, change.lineage), kind=change.kind,
            old=obligation_read(by_id[cast(uuid.UUID, change.old.id)], organisations, actor) if change.old else None,
            new=obligation_read(by_id[cast(uuid.UUID, change.new.id)], organisations, actor) if change.new else None,
            fields=list(change.fields), gained=named(change.gained), lost=named(change.lost))

    return ObligationChanges(
        in_force_from=found.in_force_from,
        summary={kind.value: len(found.of_kind(kind)) for kind in rules.DutyChangeKind},
        added=[read(c) for c in found.added], changed=[read(c) for c in found.changed],
        removed=[read(c) for c in found.removed], gaining=named(found.gaining), losing=named(found.losing))


def summary(organisation: Organisation) -> OrganisationSummary:
    return OrganisationSummary.model_validate(organisation)


def schedule_read(obligation: Obligation) -> ScheduleRead:
    schedule = schedule_of(obligation)
    return schedule_read_of(schedule)


def schedule_read_of(schedule: rules.Schedule) -> ScheduleRead:
    preset = rules.preset_of(schedule)
    return ScheduleRead(kind=schedule.kind, due_on=schedule.due_on, rule=schedule.rule,
                        every=preset.every if preset else None, month=preset.month if preset else None,
                        day=preset.day if preset else None, review_month=schedule.review_month,
                        review_day=schedule.review_day)


async def obligation_reads(repo: ObligationRepository, rows: Sequence[Obligation], actor: Actor | None
                           ) -> list[ObligationRead]:
    organisations = await repo.organisations(h.organisation_id for row in rows for h in row.holders)
    return [obligation_read(row, organisations, actor) for row in rows]


def obligation_read(row: Obligation, organisations: dict[uuid.UUID, Organisation], actor: Actor | None
                    ) -> ObligationRead:
    def named(role: str) -> list[OrganisationSummary]:
        return [summary(organisations[h.organisation_id]) for h in row.holders if h.role == role]

    return ObligationRead(
        id=row.id, area_id=row.area_id, agreement_id=row.agreement_id, version_id=row.version_id,
        lineage_id=row.lineage_id, section_number=row.section_number, quote=row.quote, title_fi=row.title_fi,
        title_sv=row.title_sv, description=row.description, kind=rules.ObligationKind(row.kind),
        holders=HoldersRead(scope=rules.HolderScope(row.holder_scope), named=named("named"),
                            exceptions=named("exception"), exceptions_hold_themselves=row.exceptions_hold_themselves,
                            group=row.holder_group),
        schedule=schedule_read(row), starts_on=row.starts_on, version=row.version,
        allowed_actions=access_rules.obligation_actions(actor, row.area_id),
    )


# --- instances and marks ----------------------------------------------------------------------------------------


def instance_read(row: ObligationInstance, actor: Actor | None, on: date) -> InstanceRead:
    obligation = row.obligation
    return InstanceRead(
        id=row.id, area_id=row.area_id,
        obligation=ObligationBrief(id=obligation.id, agreement_id=obligation.agreement_id, title_fi=obligation.title_fi,
                                   title_sv=obligation.title_sv, kind=rules.ObligationKind(obligation.kind),
                                   section_number=obligation.section_number),
        holder=summary(row.holder) if row.holder is not None else None,
        holder_group=obligation.holder_group if row.holder_id is None else None,
        on_behalf_of=[uuid.UUID(party) for party in row.on_behalf_of], period_start=row.period_start,
        nominal=row.nominal, due_on=row.due_on, status=rules.stored_status(row.state, row.state_on, row.due_on, on),
        marked_on=row.state_on if row.state else None, version=row.version,
        allowed_actions=access_rules.instance_actions(actor, row.area_id, row.holder_id, row.state is not None),
    )


def mark_read(row: ObligationMark, instance: ObligationInstance) -> MarkRead:
    file = None
    if row.file_name:
        file = EvidenceFile(name=row.file_name, media_type=row.file_type or "application/octet-stream",
                            size=row.file_size or 0,
                            url=f"/api/v1/obligation-instances/{instance.id}/marks/{row.id}/file")
    return MarkRead(id=row.id, kind=rules.MarkKind(row.kind), marked_on=row.marked_on, marked_at=row.marked_at,
                    actor=row.actor_label, by_demo=row.user_id is None and row.actor_label == DEMO, note=row.note,
                    link=row.link, decision_id=row.decision_id,
                    reason=row.reason, file=file)


async def instance_detail(repo: ObligationRepository, row: ObligationInstance, actor: Actor | None, on: date
                          ) -> InstanceDetail:
    marks = await repo.instances.marks_of(row.id)
    return InstanceDetail(**dict(instance_read(row, actor, on)), marks=[mark_read(m, row) for m in marks])


async def instance_or_404(repo: ObligationRepository, instance_id: uuid.UUID, actor: Actor) -> ObligationInstance:
    row = await repo.instances.get(instance_id)
    if row is None or row.lapsed or not access_rules.may_read_area(actor, row.area_id):
        raise NotFound("obligation_instance", instance_id)
    return row


@dataclass(frozen=True)
class Evidence:
    file_name: str
    media_type: str
    content: bytes


async def mark_instance(repo: ObligationRepository, actor: Actor, row: ObligationInstance, data: MarkCreate,
                        if_match: str | None, today: date, evidence: Evidence | None = None) -> ObligationMark:
    """Record a mark: the holder's coordinators or the area's admins; a marked duty is reopened before it is marked
    again; the latest mark is the instance's state, and If-Match keeps two people from crossing."""
    if row.holder_id is None:
        access.authorize_manage(actor, row.area_id)
    else:
        access.authorize_act_for(actor, row.area_id, row.holder_id, "obligation_instances", row.id)
    require_current(if_match, row.version)
    kind = data.kind
    if kind is rules.MarkKind.REOPENED:
        if row.state is None:
            raise InstanceNotMarked()
    elif row.state is not None:
        raise InstanceAlreadyMarked(state=row.state, marked_on=row.state_on)
    if kind is rules.MarkKind.NOT_APPLICABLE and not (data.reason or "").strip():
        raise ReasonRequired("reason")
    if data.decision_id is not None:
        decision_area = await repo.session.scalar(select(Decision.area_id).where(Decision.id == data.decision_id))
        if decision_area != row.area_id:
            raise UnknownReference("decision_id", "decision", data.decision_id)
    if evidence is not None and not evidence.content:
        raise FileEmpty()
    by_demo = change_origin_var.get() == DEMO
    mark = ObligationMark(
        area_id=row.area_id, instance_id=row.id, kind=kind.value, marked_on=today,
        user_id=actor.id if actor.kind is ActorKind.USER and not by_demo else None,
        actor_label=DEMO if by_demo else actor.label, note=data.note, link=data.link,
        decision_id=data.decision_id, reason=data.reason,
        file_name=clean_filename(evidence.file_name) if evidence else None,
        file_type=clean_filename(evidence.media_type, default="application/octet-stream")[:100] if evidence else None,
        file_size=len(evidence.content) if evidence else None, file_content=evidence.content if evidence else None,
    )
    repo.add(mark)
    row.state = None if kind is rules.MarkKind.REOPENED else kind.value
    row.state_on = today
    await repo.flush()
    return mark


# --- suggestions and the matrix ---------------------------------------------------------------------------------


async def suggestions(repo: ObligationRepository, version_id: uuid.UUID, today: date) -> list[SuggestionRead]:
    context = await version_context(repo, version_id)
    organisations = await repo.organisations(context.parties)
    names = {party: [n for n in (organisations[party].name_fi, organisations[party].name_sv) if n]
             for party in context.parties}
    sections = [section_from_dict(section) for section in context.version.sections]
    recorded = {o.quote for o in await repo.of_version(version_id) if o.quote}
    found = rules.suggest(sections, names, context.version.effective_date or today)
    reads = []
    for suggestion in found:
        rule = suggestion.holders
        reads.append(SuggestionRead(
            section_number=suggestion.section_number, section_title=suggestion.section_title, quote=suggestion.quote,
            title_fi=suggestion.title, kind=suggestion.kind,
            holders=HoldersRead(scope=rule.scope, named=[summary(organisations[p]) for p in rule.named],  # type: ignore[index]
                                exceptions=[summary(organisations[p]) for p in rule.exceptions],  # type: ignore[index]
                                exceptions_hold_themselves=rule.exceptions_hold_themselves, group=None),
            schedule=schedule_read_of(suggestion.schedule), holder_text=suggestion.holder_text,
            exception_text=suggestion.exception_text, already_recorded=suggestion.quote in recorded,
        ))
    return reads


async def matrix(repo: ObligationRepository, agreement: Agreement, version_id: uuid.UUID | None, year: int,
                 on: date, actor: Actor, today: date) -> ObligationMatrix:
    """Parties × duties of the version (by default the agreement's latest sent, else latest) in the year, and
    which periods the version holds today (none on a draft)."""
    if version_id is None:
        version_id = await repo.session.scalar(
            select(AgreementVersion.id).where(AgreementVersion.agreement_id == agreement.id)
            .order_by((AgreementVersion.status == "draft").asc(), AgreementVersion.number.desc()).limit(1))
    if version_id is None:
        raise NotFound("version", agreement.id)
    context = await version_context(repo, version_id)
    if context.version.agreement_id != agreement.id:
        raise NotFound("version", version_id)
    obligations = await repo.of_version(version_id)
    instances = await repo.instances.in_year([o.id for o in obligations], year)
    organisations = await repo.organisations(
        [*context.parties, *(h.organisation_id for o in obligations for h in o.holders)])
    by_obligation: dict[uuid.UUID, list[ObligationInstance]] = {}
    for instance in instances:
        by_obligation.setdefault(instance.obligation_id, []).append(instance)
    rows = []
    for obligation in obligations:
        cells = []
        for party in context.parties:
            held = [i for i in by_obligation.get(obligation.id, []) if str(party) in i.on_behalf_of]
            statuses = [rules.stored_status(i.state, i.state_on, i.due_on, on) for i in held]
            holder = next((i.holder_id for i in held if i.holder_id != party), None)
            cells.append(ObligationMatrixCell(organisation_id=party, status=min(statuses, key=SEVERITY.__getitem__)
                                    if statuses else None, held_by=holder, instances=[i.id for i in held]))
        due: dict[date, list[rules.InstanceStatus]] = {}
        for instance in (i for i in by_obligation.get(obligation.id, []) if i.due_on.year == year):
            due.setdefault(instance.due_on, []).append(
                rules.stored_status(instance.state, instance.state_on, instance.due_on, on))
        due_dates = [DueDate(due_on=day, month=day.month, instances=len(statuses),
                             status=min(statuses, key=SEVERITY.__getitem__)) for day, statuses in sorted(due.items())]
        rows.append(ObligationMatrixRow(obligation=obligation_read(obligation, organisations, actor), cells=cells,
                                        due_dates=due_dates))
    window = (await agreement_windows(repo, agreement.id, today)).get(version_id)
    return ObligationMatrix(agreement_id=agreement.id, version_id=version_id, year=year, on=on,
                      parties=[summary(organisations[p]) for p in context.parties], rows=rows,
                      owed=window is not None, owed_from=window.start if window else None,
                      owed_until=window.end if window else None,
                      allowed_actions=access_rules.obligations_actions(actor, agreement.area_id))

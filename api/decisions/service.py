"""Use cases on decisions (päätökset): record, correct, remove; and what a decision did to its version."""

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from api.agreements import access
from api.agreements.models import Agreement, AgreementVersion
from api.agreements.repository import AgreementRepository
from api.agreements.responses import organisation_summary
from api.agreements.schemas import AreaRef, VersionState
from api.agreements.service import view
from api.agreements.state import domain_decision, domain_notice, domain_version
from api.concurrency import require_current
from api.decisions.models import Decision
from api.decisions.schemas import (
    AgreementRef,
    DecisionBatch,
    DecisionCreate,
    DecisionRead,
    DecisionUpdate,
    VersionRef,
)
from api.models import utc_now
from domain import access as access_rules
from domain import agreements as rules
from domain.access import Actor
from domain.errors import DomainError, InvalidField, InvalidValue, InvalidValues, NotFound, Required, UnknownReference


async def decision_or_404(repository: AgreementRepository, decision_id: uuid.UUID) -> Decision:
    decision = await repository.decisions.get(decision_id)
    if decision is None:
        raise NotFound("decision", decision_id)
    return decision


async def decided_version(
    repository: AgreementRepository, version_id: uuid.UUID
) -> tuple[Agreement, AgreementVersion]:
    versions = await repository.versions([version_id])
    if version_id not in versions:
        raise UnknownReference("version_id", "version", version_id)
    agreement = await repository.get(versions[version_id].agreement_id)
    assert agreement is not None
    version = next(v for v in agreement.versions if v.id == version_id)
    return agreement, version


def check_no_conflict(version: AgreementVersion, decisions: Sequence[Decision], candidate: Decision) -> None:
    """Refuse a decision that would leave the party with two contradicting "latest" decisions."""
    others = [domain_decision(d) for d in decisions if d.id != candidate.id and d.version_id == version.id]
    rules.party_standings(domain_version(version), [*others, domain_decision(candidate)])
    rules.check_not_recorded(others, domain_decision(candidate))


def check_date(meeting_date: date, today: date, agreement: Agreement | None, version: AgreementVersion | None,
               organisation_id: uuid.UUID) -> None:
    """The rules on a decision's date: not after today; on a version, not before it was sent nor after the party's
    last day after its notice."""
    rules.check_decision_date(
        meeting_date, today=today, version=domain_version(version) if version is not None else None,
        party=organisation_id, notices=[domain_notice(n) for n in agreement.notices] if agreement else (),
    )


async def record_decision(
    repository: AgreementRepository, actor: Actor, data: DecisionCreate, today: date
) -> Decision:
    agreement: Agreement | None = None
    version: AgreementVersion | None = None
    if data.version_id is not None:
        agreement, version = await decided_version(repository, data.version_id)
        area_id = agreement.area_id
        if data.area_id is not None and data.area_id != area_id:
            raise rules.VersionOfAnotherArea("area_id")
    elif data.area_id is not None:
        area_id = data.area_id
    else:
        raise rules.DecisionTargetMissing("version_id")
    access.authorize_act_for(actor, area_id, data.organisation_id, "decisions")
    if not await repository.areas.by_ids([area_id]):
        raise UnknownReference("area_id", "area", area_id)
    if not await repository.organisations.by_ids([data.organisation_id]):
        raise UnknownReference("organisation_id", "organisation", data.organisation_id)
    if version is not None:
        if version.status == "draft":
            raise rules.DecisionOnDraft()
        if data.organisation_id not in {p.organisation_id for p in version.parties}:
            raise rules.NotAPartyOfVersion("organisation_id")
    check_date(data.meeting_date, today, agreement, version, data.organisation_id)
    decision = Decision(
        id=uuid.uuid4(), area_id=area_id, organisation_id=data.organisation_id,
        agreement_id=agreement.id if agreement else None, version_id=version.id if version else None,
        **fields_of(data.model_dump(exclude={"organisation_id", "version_id", "area_id"})),
    )
    if version is not None and agreement is not None:
        await repository.lock_version(version.id)
        check_no_conflict(version, (await repository.decisions.of_agreements([agreement.id]))[agreement.id], decision)
    repository.add(decision)
    await repository.session.flush()
    return await decision_or_404(repository, decision.id)


async def record_decisions(
    repository: AgreementRepository, actor: Actor, data: DecisionBatch, today: date
) -> tuple[Agreement, list[Decision]]:
    """Several parties' decisions on one version in one transaction: every row is checked as `record_decision`
    checks one, against the decisions recorded before and the rows above it; one fault refuses them all."""
    agreement, version = await decided_version(repository, data.version_id)
    for row in data.decisions:
        access.authorize_act_for(actor, agreement.area_id, row.organisation_id, "decisions")
    if version.status == "draft":
        raise rules.DecisionOnDraft()
    parties = {p.organisation_id for p in version.parties}
    await repository.lock_version(version.id)
    recorded = (await repository.decisions.of_agreements([agreement.id]))[agreement.id]
    added: list[Decision] = []
    problems: list[InvalidValue] = []
    for index, row in enumerate(data.decisions):
        try:
            if row.organisation_id not in parties:
                raise rules.NotAPartyOfVersion("organisation_id")
            check_date(row.meeting_date, today, agreement, version, row.organisation_id)
            decision = Decision(
                id=uuid.uuid4(), area_id=agreement.area_id, organisation_id=row.organisation_id,
                agreement_id=agreement.id, version_id=version.id,
                **fields_of(row.model_dump(exclude={"organisation_id"})),
            )
            check_no_conflict(version, [*recorded, *added], decision)
            added.append(decision)
        except DomainError as error:
            problems.append(on_row(index, error))
    if problems:
        raise InvalidValues(problems)
    repository.session.add_all(added)
    await repository.session.flush()
    loaded = await repository.decisions.with_organisations(d.id for d in added)
    return agreement, [loaded[d.id] for d in added]


def on_row(index: int, error: DomainError) -> InvalidValue:
    """A row's refusal named by its place in the batch: `decisions.2.meeting_date`, or the row's party."""
    field = error.field if isinstance(error, InvalidValue) else "organisation_id"
    return InvalidField(f"decisions.{index}.{field}", error)


def fields_of(values: dict) -> dict:
    values = dict(values)
    for enum_field in ("body", "outcome"):
        if enum_field in values and values[enum_field] is not None:
            values[enum_field] = getattr(values[enum_field], "value", values[enum_field])
    if "commitment_cap" in values:
        values["commitment_cap"] = Decimal(values["commitment_cap"]) if values["commitment_cap"] else None
    return values


async def update_decision(
    repository: AgreementRepository, actor: Actor, decision: Decision, changes: DecisionUpdate, if_match: str | None,
    today: date,
) -> Decision:
    access.authorize_act_for(actor, decision.area_id, decision.organisation_id, "decisions", decision.id)
    require_current(if_match, decision.version)
    values = changes.model_dump(exclude_unset=True)
    for field in ("body", "meeting_date", "outcome"):
        if field in values and values[field] is None:
            raise Required(field)
    found = await decided_version(repository, decision.version_id) if decision.version_id is not None else None
    if "meeting_date" in values:
        agreement, version = found or (None, None)
        check_date(values["meeting_date"], today, agreement, version, decision.organisation_id)
    for field, value in fields_of(values).items():
        setattr(decision, field, value)
    if found is not None:
        agreement, version = found
        await repository.lock_version(version.id)
        check_no_conflict(version, (await repository.decisions.of_agreements([agreement.id]))[agreement.id], decision)
    decision.updated_at = utc_now()
    await repository.session.flush()
    return await decision_or_404(repository, decision.id)


async def delete_decision(
    repository: AgreementRepository, actor: Actor, decision: Decision, if_match: str | None
) -> None:
    access.authorize_act_for(actor, decision.area_id, decision.organisation_id, "decisions", decision.id)
    require_current(if_match, decision.version, required=False)
    await repository.delete(decision)
    await repository.session.flush()


def allowed_actions(decision: Decision, actor: Actor | None) -> list[str]:
    return access_rules.decision_actions(actor, decision.area_id, decision.organisation_id)


async def decision_reads(
    repository: AgreementRepository, decisions: Sequence[Decision], actor: Actor | None
) -> list[DecisionRead]:
    areas = await repository.areas.by_ids(d.area_id for d in decisions)
    titles = await repository.titles(d.agreement_id for d in decisions if d.agreement_id)
    numbers = await repository.version_numbers(d.version_id for d in decisions if d.version_id)
    out = []
    for d in decisions:
        out.append(DecisionRead(
            id=d.id, area=AreaRef(id=d.area_id, name=areas[d.area_id].name),
            organisation=organisation_summary(d.organisation),
            agreement=AgreementRef(id=d.agreement_id, title=titles[d.agreement_id])
            if d.agreement_id in titles else None,
            agreement_version=VersionRef(id=d.version_id, number=numbers[d.version_id])
            if d.version_id in numbers else None,
            body=d.body, body_name=d.body_name, meeting_date=d.meeting_date, section=d.section,
            case_number=d.case_number, title=d.title, proposal=d.proposal, outcome=d.outcome,
            decision_text=d.decision_text, commitment_cap=d.commitment_cap, commitment_note=d.commitment_note,
            version=d.version, created_at=d.created_at, updated_at=d.updated_at,
            allowed_actions=allowed_actions(d, actor),
        ))
    return out


async def version_state_after(
    repository: AgreementRepository, decision: Decision, actor: Actor | None, on: date
) -> VersionState | None:
    """The state of the version the decision concerns, on `on`, now that the decision is recorded."""
    if decision.version_id is None or decision.agreement_id is None:
        return None
    agreement = await repository.get(decision.agreement_id)
    if agreement is None:
        return None
    return await state_of_version(repository, agreement, decision.version_id, actor, on)


async def state_of_version(
    repository: AgreementRepository, agreement: Agreement, version_id: uuid.UUID, actor: Actor | None, on: date
) -> VersionState:
    current = await view(repository, agreement, actor, on)
    version = next(v for v in agreement.versions if v.id == version_id)
    return current.version_state(version)

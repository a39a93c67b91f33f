"""Stored rows → the domain's plain values, and the state of an agreement's versions on a date.

The rules (who stands where, when a version is adopted, in force, superseded or terminated) are
domain.agreements'; this module only hands them the stored facts.
"""

import uuid
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar, cast

from api.agreements.models import Agreement, AgreementNotice, AgreementVersion
from api.decisions.models import Decision
from domain import agreements as rules


def stored_id(value: Hashable) -> uuid.UUID:
    """An id the rules hand back (a version's, a party's, a decision's) as the row it came from has it.

    The rules take any hashable id; every one this module gives them is a row's UUID."""
    return cast(uuid.UUID, value)


def domain_version(row: AgreementVersion, *, with_text: bool = True) -> rules.AgreementVersion:
    """The version as the rules know it; its state needs no text, so `with_text=False` leaves the sections out."""
    return rules.AgreementVersion(
        id=row.id,
        number=row.number,
        title=row.title,
        sections=tuple(rules.section_from_dict(s) for s in row.sections or ()) if with_text else (),
        parties=tuple(p.organisation_id for p in row.parties),
        rule=rules.EntryIntoForceRule(row.rule),
        effective_date=row.effective_date,
        amends=row.amends_id,
        reasons=row.reasons or "",
        notice_months=row.notice_months,
        sent_on=row.sent_on if row.status != "draft" else None,
        agreement_id=row.agreement_id,
    )


def domain_decision(row: Decision) -> rules.Decision:
    return rules.Decision(
        party=row.organisation_id,
        version_id=row.version_id,
        meeting_date=row.meeting_date,
        section=row.section or 0,
        outcome=rules.DecisionOutcome(row.outcome),
        body=row.body,
        case_number=row.case_number or "",
        id=row.id,
    )


def domain_notice(row: AgreementNotice) -> rules.Notice:
    return rules.Notice(
        party=row.organisation_id, given_on=row.given_on, notice_months=row.notice_months,
        ends_agreement=row.ends_agreement,
    )


def domain_signatures(versions: Sequence[AgreementVersion]) -> list[rules.Signature]:
    return [rules.Signature(s.organisation_id, s.version_id, s.signed_on) for v in versions for s in v.signatures]


@dataclass(frozen=True)
class AgreementState:
    """Every version's state on `on`, the version in force, and what could not be computed."""

    on: date
    states: dict[uuid.UUID, rules.VersionState]
    current: rules.VersionState | None
    problems: dict[uuid.UUID, rules.AgreementError]

    def of(self, version_id: uuid.UUID) -> rules.VersionState:
        return self.states[version_id]


def agreement_state(
    agreement: Agreement, decisions: Sequence[Decision], notices: Sequence[AgreementNotice], on: date
) -> AgreementState:
    """The chain's state on `on`, from the stored rows."""
    return chain_of(
        [domain_version(v, with_text=False) for v in agreement.versions],
        [domain_decision(d) for d in decisions if d.version_id is not None],
        [domain_notice(n) for n in notices], domain_signatures(agreement.versions), on,
    )


def chain_of(versions: Sequence[rules.AgreementVersion], decided: Sequence[rules.Decision],
             notices: Sequence[rules.Notice], signatures: Sequence[rules.Signature], on: date) -> AgreementState:
    """The chain's state on `on`. Should the stored decisions contradict each other (two of one party on one
    date and § with different outcomes), the versions concerned are shown as still circulating, with why."""
    try:
        chain = rules.chain_state(versions, decided, on, signatures=signatures, notices=notices)
    except rules.AgreementError:
        chain = None  # a version cannot be worked out: each version on its own below, saying which and why
    if chain is not None:
        return AgreementState(on, {stored_id(s.version_id): s for s in chain.versions}, chain.current, {})
    states: dict[uuid.UUID, rules.VersionState] = {}
    problems: dict[uuid.UUID, rules.AgreementError] = {}
    for version in versions:
        version_id = stored_id(version.id)
        try:
            states[version_id] = rules.version_state(
                version, decided, on, signatures=signatures, notices=notices
            )
        except rules.AgreementError as error:
            problems[version_id] = error
            status = rules.VersionStatus.DRAFT if version.is_draft else rules.VersionStatus.CIRCULATING
            states[version_id] = rules.VersionState(
                version_id=version.id, on=on, status=status, rule=version.rule, standings=(),
                parties_on_date=version.parties,
            )
    in_force = [s for s in states.values() if s.status is rules.VersionStatus.IN_FORCE]
    numbers = {v.id: v.number for v in versions}
    current = max(in_force, key=lambda s: numbers[s.version_id]) if in_force else None
    return AgreementState(on, states, current, problems)


class StoredVersion(Protocol):
    """What the headline reads of a version, as a stored row or a listed one has it."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def status(self) -> str: ...


V = TypeVar("V", bound=StoredVersion)


def headline(state: AgreementState, visible: Sequence[V]) -> tuple[rules.VersionStatus, V | None]:
    """The agreement's status and the version that gives it: the version in force, else the newest one sent,
    else the newest visible one."""
    by_id = {v.id: v for v in visible}
    if state.current is not None and state.current.version_id in by_id:
        return rules.VersionStatus.IN_FORCE, by_id[stored_id(state.current.version_id)]
    sent = [v for v in visible if v.status != "draft"]
    chosen = sent[-1] if sent else (visible[-1] if visible else None)
    if chosen is None:
        return rules.VersionStatus.DRAFT, None
    return state.of(chosen.id).status, chosen

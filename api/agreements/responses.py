"""The answers of the agreements API, built from stored rows and the states the rules computed."""

import uuid
from collections.abc import Sequence
from datetime import date
from functools import cached_property

from api.agreements import access
from api.agreements.models import (
    Agreement,
    AgreementLink,
    AgreementNotice,
    AgreementVersion,
)
from api.agreements.schemas import (
    AgreementRead,
    AnnexRead,
    AreaRef,
    Blocker,
    DecisionBrief,
    Departure,
    LinkRead,
    MatrixCell,
    MatrixRow,
    NoticeRead,
    PartyRead,
    SectionData,
    SignatureRead,
    Statute,
    VersionRead,
    VersionState,
    VersionSummary,
)
from api.agreements.state import AgreementState, headline, stored_id
from api.areas.models import Area
from api.clock import today
from api.decisions.models import Decision
from api.organisations.models import Organisation
from api.organisations.schemas import OrganisationSummary
from api.problems import ErrorBrief
from domain import access as access_rules
from domain import agreements as rules
from domain.access import Actor


def organisation_summary(organisation: Organisation) -> OrganisationSummary:
    return OrganisationSummary.model_validate(organisation)


def decision_brief(row: Decision) -> DecisionBrief:
    return DecisionBrief(
        id=row.id, organisation_id=row.organisation_id, body=row.body, body_name=row.body_name,
        meeting_date=row.meeting_date, section=row.section, case_number=row.case_number, outcome=row.outcome,
        decision_text=row.decision_text,
    )


def organisations_of(agreement: Agreement) -> dict[uuid.UUID, Organisation]:
    found = {p.organisation_id: p.organisation for v in agreement.versions for p in v.parties}
    found.update({n.organisation_id: n.organisation for n in agreement.notices})
    return found


def state_read(
    state: rules.VersionState, decisions: dict[uuid.UUID, Decision], organisations: dict[uuid.UUID, Organisation],
    problem: rules.AgreementError | None = None,
) -> VersionState:
    blockers = [
        Blocker(organisation=organisation_summary(organisations[stored_id(b.party)]),
                decision=decision_brief(decisions[stored_id(b.decision.id)]))
        for b in state.blockers
        if b.party in organisations and b.decision.id in decisions
    ]
    return VersionState(
        on=state.on, status=state.status, adopted_on=state.adopted_on, signed_on=state.signed_on,
        in_force_from=state.in_force_from, retroactive=state.retroactive, superseded_on=state.superseded_on,
        superseded_by=state.superseded_by, ends_on=state.ends_on, approved=len(state.approved),
        pending=len(state.pending), blocking=len(state.blocking),
        blockers=blockers,
        departures=[Departure(organisation_id=d.party, notice_given_on=d.notice_given_on, last_day=d.last_day)
                    for d in state.departures],
        problem=ErrorBrief.of(problem) if problem else None,
    )


class AgreementView:
    """One agreement as one caller sees it on one date: the versions it may see and their states."""

    def __init__(self, agreement: Agreement, decisions: Sequence[Decision], notices: Sequence[AgreementNotice],
                 state: AgreementState, actor: Actor | None, area: Area) -> None:
        self.agreement = agreement
        self.decision_rows = list(decisions)
        self.decisions = {d.id: d for d in decisions}
        self.notices = list(notices)
        self.state = state
        self.actor = actor
        self.area = area
        self.visible = access.visible_versions(agreement, actor)
        self.status, self.shown = headline(state, self.visible)

    @cached_property
    def organisations(self) -> dict[uuid.UUID, Organisation]:
        """The parties' organisations, as the detail loads them (a list row leaves them out)."""
        return organisations_of(self.agreement)

    def version_state(self, version: AgreementVersion) -> VersionState:
        return state_read(self.state.of(version.id), self.decisions, self.organisations,
                          self.state.problems.get(version.id))

    def summary_of(self, version: AgreementVersion) -> VersionSummary:
        return VersionSummary(
            id=version.id, number=version.number, title=version.title, sent_on=version.sent_on,
            effective_date=version.effective_date, amends_id=version.amends_id, reasons=version.reasons or "",
            state=self.version_state(version), version=version.version,
        )

    def present(self, version: AgreementVersion) -> set[uuid.UUID]:
        """The version's parties on the date asked: a party whose notice has ended is no longer one."""
        return {stored_id(party) for party in self.state.of(version.id).parties_on_date}

    def parties_of(self, version: AgreementVersion) -> list[PartyRead]:
        standings = {s.party: s.standing for s in self.state.of(version.id).standings}
        sent = version.status != "draft"
        present = self.present(version)
        in_force = self.state.current is not None and self.state.current.version_id == version.id
        noticed = {n.organisation_id for n in self.notices}
        reads = []
        for p in version.parties:
            if p.organisation_id not in present:
                continue
            actions = access_rules.party_actions(self.actor, self.agreement.area_id, p.organisation_id, version_sent=sent,
                                                 version_in_force=in_force, gave_notice=p.organisation_id in noticed)
            reads.append(PartyRead(
                organisation=organisation_summary(p.organisation), role=p.role,
                standing=standings.get(p.organisation_id) if sent else None,
                may_record_decision="record_decision" in actions, allowed_actions=actions,
            ))
        return reads

    def matrix(self) -> list[MatrixRow]:
        roles: dict[uuid.UUID, str] = {}
        for version in self.visible:
            for party in version.parties:
                roles[party.organisation_id] = party.role
        latest: dict[tuple[uuid.UUID, uuid.UUID], rules.PartyStanding] = {}
        for version in self.visible:
            for party_standing in self.state.of(version.id).standings:
                latest[(stored_id(party_standing.party), version.id)] = party_standing
        counts: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
        for row in self.decision_rows:
            if row.version_id is not None:
                key = (row.organisation_id, row.version_id)
                counts[key] = counts.get(key, 0) + 1
        members = {v.id: self.present(v) for v in self.visible}
        order = sorted(roles, key=lambda o: (roles[o] != "lead", self.organisations[o].name_fi))
        rows = []
        for organisation_id in order:
            cells = []
            for version in self.visible:
                standing = latest.get((organisation_id, version.id))
                is_party = organisation_id in members[version.id]
                decision = standing.decision if standing else None
                cells.append(MatrixCell(
                    version_id=version.id, party=is_party, sent=version.status != "draft",
                    standing=standing.standing if standing and version.status != "draft" else None,
                    decision=decision_brief(self.decisions[stored_id(decision.id)])
                    if decision and decision.id in self.decisions else None,
                    decisions=counts.get((organisation_id, version.id), 0),
                    allowed_actions=access_rules.decision_cell_actions(
                        self.actor, self.agreement.area_id, organisation_id, is_party=is_party,
                        version_sent=version.status != "draft"),
                ))
            rows.append(MatrixRow(
                organisation=organisation_summary(self.organisations[organisation_id]), role=roles[organisation_id],
                may_record_decision=access_rules.may_act_for(self.actor, self.agreement.area_id, organisation_id),
                cells=cells,
            ))
        return rows

    def notice_reads(self) -> list[NoticeRead]:
        return [
            NoticeRead(
                id=n.id, organisation=organisation_summary(n.organisation), given_on=n.given_on,
                notice_months=n.notice_months,
                ends_on=rules.notice_end_date(n.given_on, n.notice_months), ends_agreement=n.ends_agreement,
                note=n.note, version=n.version,
                allowed_actions=access_rules.notice_actions(self.actor, self.agreement.area_id, n.organisation_id),
            )
            for n in sorted(self.notices, key=lambda n: (n.given_on, n.id))
        ]

    def draft(self) -> AgreementVersion | None:
        """The agreement's open draft, if it has one (there is at most one)."""
        return next((v for v in self.visible if v.status == "draft"), None)

    def allowed_actions(self) -> list[str]:
        return access_rules.agreement_actions(self.actor, access_rules.AgreementFacts(
            area_id=self.agreement.area_id,
            published=access.is_published(self.agreement),
            has_draft=any(v.status == "draft" for v in self.agreement.versions),
            has_version_in_force=self.state.current is not None,
            deciding_parties=frozenset(o for v in self.visible if v.status != "draft" for o in self.present(v)),
        ))

    def links(self, incoming: Sequence[tuple[AgreementLink, Agreement]]) -> list[LinkRead]:
        out = [LinkRead(kind=link.kind, target_id=link.target_id, target_title=link.target.title,
                        direction="outgoing") for link in self.agreement.links]
        out += [LinkRead(kind=link.kind, target_id=source.id, target_title=source.title, direction="incoming")
                for link, source in incoming]
        return out

    def read(self, incoming: Sequence[tuple[AgreementLink, Agreement]]) -> AgreementRead:
        a = self.agreement
        shown = self.shown
        ends_on = self.state.current.ends_on if self.state.current else None
        return AgreementRead(
            id=a.id, title=a.title, kind=a.kind, description=a.description,
            area=AreaRef(id=self.area.id, name=self.area.name),
            statutes=[Statute.model_validate(s) for s in a.statutes or ()], links=self.links(incoming),
            on=self.state.on, status=self.status,
            rule=shown.rule if shown else rules.EntryIntoForceRule.ALL_PARTIES_APPROVE,
            notice_months=shown.notice_months if shown else None,
            current_version_id=self.state.current.version_id if self.state.current else None,
            parties=self.parties_of(shown) if shown else [],
            versions=[self.summary_of(v) for v in self.visible],
            matrix=self.matrix(), notices=self.notice_reads(), ends_on=ends_on,
            draft_version_id=draft.id if (draft := self.draft()) else None,
            version=a.version, created_at=a.created_at, updated_at=a.updated_at,
            allowed_actions=self.allowed_actions(),
        )

    def shown_version(self) -> AgreementVersion | None:
        """The version a reader is shown first: the one in force, else the newest one the caller sees."""
        if self.state.current is not None:
            return next(v for v in self.visible if v.id == self.state.current.version_id)
        return self.visible[-1] if self.visible else None

    def version_read(self, version: AgreementVersion) -> VersionRead:
        a = self.agreement
        summary = self.summary_of(version)
        actions = access_rules.version_actions(self.actor, access_rules.VersionFacts(
            area_id=a.area_id, is_draft=version.status == "draft",
            on_signature=version.rule == rules.EntryIntoForceRule.ON_SIGNATURE,
            only_version=len(a.versions) == 1, parties=frozenset(self.present(version)),
        ))
        return VersionRead(
            **summary.model_dump(),
            agreement_id=a.id, agreement_title=a.title, area=AreaRef(id=self.area.id, name=self.area.name),
            rule=version.rule, notice_months=version.notice_months,
            preamble=version.preamble or [], sections=[SectionData.model_validate(s) for s in version.sections or ()],
            text=rules.write_sections_text([rules.block_from_dict(b) for b in version.preamble or ()],
                                           [rules.section_from_dict(s) for s in version.sections or ()]),
            parties=self.parties_of(version),
            annexes=[AnnexRead(id=x.id, title=x.title, kind=x.kind, url=x.url, filename=x.filename,
                               media_type=x.media_type, size=x.size) for x in version.annexes],
            signatures=[SignatureRead(organisation_id=s.organisation_id, signed_on=s.signed_on)
                        for s in sorted(version.signatures, key=lambda s: s.signed_on)],
            decisions=[decision_brief(d) for d in self.decision_rows if d.version_id == version.id],
            allowed_actions=actions,
        )


def on_or_today(on: date | None) -> date:
    """The date asked about; without one, today's date (taken here, in the API layer, never in the rules)."""
    return on or today()

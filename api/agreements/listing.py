"""The agreements of a list or of the front page, read as plain values by Core statements.

A row's status needs every version's parties and every decision on the agreement: a page of 50 holds some
1 700 decisions, and building ORM rows of them cost more than the rules that read them. Here each fact is one
tuple turned straight into the rules' own values, in six statements whatever the number of agreements.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.agreements import access
from api.agreements.models import Agreement, AgreementNotice, AgreementParty, AgreementSignature, AgreementVersion
from api.agreements.repository import TITLE_ORDER
from api.agreements.schemas import AgreementSummary, AreaRef
from api.agreements.state import AgreementState, chain_of, headline, stored_id
from api.areas.models import Area
from api.decisions.models import Decision
from api.ordering import bytewise
from domain import agreements as rules
from domain.access import Actor


@dataclass(frozen=True)
class ListedVersion:
    """A version as a list row needs it: the rules' version and its stored status (draft or sent)."""

    rules: rules.AgreementVersion
    status: str

    @property
    def id(self) -> uuid.UUID:
        return stored_id(self.rules.id)

    @property
    def number(self) -> int:
        return self.rules.number

    @property
    def sent_on(self) -> date | None:
        return self.rules.sent_on

    @property
    def parties(self) -> tuple[uuid.UUID, ...]:
        return tuple(stored_id(p) for p in self.rules.parties)


@dataclass
class ListedAgreement:
    """One agreement's columns and the facts its state is worked out from."""

    id: uuid.UUID
    title: str
    kind: str
    area_id: uuid.UUID
    version: int
    versions: list[ListedVersion] = field(default_factory=list)
    decisions: list[rules.Decision] = field(default_factory=list)
    notices: list[rules.Notice] = field(default_factory=list)
    signatures: list[rules.Signature] = field(default_factory=list)

    def state(self, on: date) -> AgreementState:
        return chain_of([v.rules for v in self.versions], self.decisions, self.notices, self.signatures, on)


class ListedView:
    """A listed agreement as one caller sees it on one date: the versions it may see, their states, its status."""

    def __init__(self, agreement: ListedAgreement, actor: Actor | None, area: Area, on: date) -> None:
        self.agreement = agreement
        self.area = area
        self.state = agreement.state(on)
        drafts = access.reads_drafts(actor, agreement.area_id)
        self.visible = [v for v in agreement.versions if drafts or v.status != "draft"]
        self.status, self.shown = headline(self.state, self.visible)

    def present(self, version: ListedVersion) -> set[uuid.UUID]:
        """The version's parties on the date asked: a party whose notice has ended is no longer one."""
        return {stored_id(party) for party in self.state.of(version.id).parties_on_date}

    def summary(self) -> AgreementSummary:
        current = self.state.current
        return AgreementSummary(
            id=self.agreement.id, title=self.agreement.title, kind=self.agreement.kind,
            area=AreaRef(id=self.area.id, name=self.area.name), status=self.status,
            current_version_id=current.version_id if current else None,
            in_force_from=current.in_force_from if current else None,
            party_count=len(self.present(self.shown)) if self.shown else 0, version=self.agreement.version,
        )


OUTCOMES = {outcome.value: outcome for outcome in rules.DecisionOutcome}
COLUMNS = (Agreement.id, Agreement.title, Agreement.kind, Agreement.area_id, Agreement.version)


async def in_title_order(session: AsyncSession, statement: Select[Any], after: tuple[str, uuid.UUID] | None,
                         count: int) -> list[ListedAgreement]:
    """The next `count` agreements of `statement` (a select of Agreement) after the (title, id) pair `after`,
    by keyset in SQL, with their facts."""
    if after is not None:
        title, row_id = after
        ordered_title = bytewise(Agreement.title)
        statement = statement.where(or_(ordered_title > title, and_(ordered_title == title, Agreement.id > row_id)))
    rows = await session.execute(statement.with_only_columns(*COLUMNS).order_by(*TITLE_ORDER).limit(count))
    return await with_facts(session, [ListedAgreement(*row) for row in rows])


async def every(session: AsyncSession, statement: Select[Any]) -> list[ListedAgreement]:
    """Every agreement of `statement`, in title order, with their facts."""
    rows = await session.execute(statement.with_only_columns(*COLUMNS).order_by(*TITLE_ORDER))
    return await with_facts(session, [ListedAgreement(*row) for row in rows])


async def with_facts(session: AsyncSession, agreements: list[ListedAgreement]) -> list[ListedAgreement]:
    if not agreements:
        return agreements
    by_id = {a.id: a for a in agreements}
    ids = list(by_id)
    parties: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for version_id, organisation_id in await session.execute(
        select(AgreementParty.version_id, AgreementParty.organisation_id)
        .where(AgreementParty.agreement_id.in_(ids)).order_by(AgreementParty.version_id, AgreementParty.position)
    ):
        parties[version_id].append(organisation_id)
    for row in await session.execute(
        select(AgreementVersion.agreement_id, AgreementVersion.id, AgreementVersion.number, AgreementVersion.title,
               AgreementVersion.rule, AgreementVersion.effective_date, AgreementVersion.amends_id,
               AgreementVersion.reasons, AgreementVersion.notice_months, AgreementVersion.sent_on,
               AgreementVersion.status)
        .where(AgreementVersion.agreement_id.in_(ids)).order_by(AgreementVersion.number)
    ):
        by_id[row.agreement_id].versions.append(ListedVersion(rules.AgreementVersion(
            id=row.id, number=row.number, title=row.title, parties=tuple(parties[row.id]),
            rule=rules.EntryIntoForceRule(row.rule), effective_date=row.effective_date, amends=row.amends_id,
            reasons=row.reasons or "", notice_months=row.notice_months,
            sent_on=row.sent_on if row.status != "draft" else None, agreement_id=row.agreement_id,
        ), row.status))
    for agreement_id, party, decided_version, meeting_date, section, outcome, body, case_number, decision_id in (
        await session.execute(
            select(Decision.agreement_id, Decision.organisation_id, Decision.version_id, Decision.meeting_date,
                   Decision.section, Decision.outcome, Decision.body, Decision.case_number, Decision.id)
            .where(Decision.agreement_id.in_(ids), Decision.version_id.is_not(None))
            .order_by(Decision.meeting_date, Decision.section)
        )
    ):
        by_id[stored_id(agreement_id)].decisions.append(rules.Decision(
            party=party, version_id=decided_version, meeting_date=meeting_date, section=section or 0,
            outcome=OUTCOMES[outcome], body=body, case_number=case_number or "", id=decision_id,
        ))
    for notice in await session.execute(
        select(AgreementNotice.agreement_id, AgreementNotice.organisation_id, AgreementNotice.given_on,
               AgreementNotice.notice_months, AgreementNotice.ends_agreement)
        .where(AgreementNotice.agreement_id.in_(ids))
    ):
        by_id[notice.agreement_id].notices.append(rules.Notice(
            party=notice.organisation_id, given_on=notice.given_on, notice_months=notice.notice_months,
            ends_agreement=notice.ends_agreement,
        ))
    for signature in await session.execute(
        select(AgreementSignature.agreement_id, AgreementSignature.organisation_id, AgreementSignature.version_id,
               AgreementSignature.signed_on).where(AgreementSignature.agreement_id.in_(ids))
    ):
        by_id[signature.agreement_id].signatures.append(
            rules.Signature(signature.organisation_id, signature.version_id, signature.signed_on))
    return agreements


def areas_needed(agreements: Iterable[ListedAgreement]) -> set[uuid.UUID]:
    return {a.area_id for a in agreements}


def views(agreements: Sequence[ListedAgreement], areas: dict[uuid.UUID, Area], actor: Actor | None,
          on: date) -> list[ListedView]:
    return [ListedView(a, actor, areas[a.area_id], on) for a in agreements]

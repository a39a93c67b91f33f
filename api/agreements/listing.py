"""The agreements of a list or of the front page, read as plain values by Core statements.

A row's status needs every version's parties and every decision on the agreement: a page of 50 holds some
1 700 decisions, and building ORM rows of them cost more than the rules that read them. Here each fact is one
tuple turned straight into the rules' own values, in six statements whatever the number of agreements.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Executable

from api.agreements import access
from api.agreements.models import (
    Agreement,
    AgreementNotice,
    AgreementParty,
    AgreementSignature,
    AgreementStatusPeriod,
    AgreementVersion,
)
from api.agreements.repository import TITLE_ORDER
from api.agreements.schemas import AgreementKind, AgreementSummary, AreaRef
from api.agreements.state import AgreementState, chain_of, headline, stored_id
from api.areas.models import Area
from api.decisions.models import Decision
from api.ordering import bytewise, in_order_of
from api.pagination import PageParams, Sorting, SortKey, page_rows
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


AREA = "area"  # the status periods of those who read the area's drafts
PUBLIC = "public"  # everyone else's: sent versions only
OUTCOMES = {outcome.value: outcome for outcome in rules.DecisionOutcome}
COLUMNS = (Agreement.id, Agreement.title, Agreement.kind, Agreement.area_id, Agreement.version)


def after_in_title_order(statement: Select[Any], after: tuple[str, uuid.UUID] | None) -> Select[Any]:
    """The agreements of `statement` that come after the (title, id) pair `after` in title order: a keyset."""
    if after is None:
        return statement
    title, row_id = after
    ordered_title = bytewise(Agreement.title)
    return statement.where(or_(ordered_title > title, and_(ordered_title == title, Agreement.id > row_id)))


async def in_title_order(session: AsyncSession, statement: Select[Any], after: tuple[str, uuid.UUID] | None,
                         count: int) -> list[ListedAgreement]:
    """The next `count` agreements of `statement` (a select of Agreement) after the (title, id) pair `after`,
    by keyset in SQL, with their facts."""
    rows = await session.execute(after_in_title_order(statement, after).with_only_columns(*COLUMNS)
                                 .order_by(*TITLE_ORDER).limit(count))
    return await with_facts(session, [ListedAgreement(*row) for row in rows])


async def every(session: AsyncSession, statement: Select[Any]) -> list[ListedAgreement]:
    """Every agreement of `statement`, in title order, with their facts."""
    rows = await session.execute(statement.with_only_columns(*COLUMNS).order_by(*TITLE_ORDER))
    return await with_facts(session, [ListedAgreement(*row) for row in rows])


async def with_facts(session: AsyncSession, agreements: list[ListedAgreement]) -> list[ListedAgreement]:
    if not agreements:
        return agreements
    return assemble(agreements, [(await session.execute(statement)).all()
                                 for statement in fact_statements([a.id for a in agreements])])


def fact_statements(ids: list[uuid.UUID]) -> list[Executable]:
    """The statements reading the facts of the agreements `ids`: parties, versions, decisions, notices, signatures."""
    return [
        select(AgreementParty.version_id, AgreementParty.organisation_id)
        .where(AgreementParty.agreement_id.in_(ids)).order_by(AgreementParty.version_id, AgreementParty.position),
        select(AgreementVersion.agreement_id, AgreementVersion.id, AgreementVersion.number, AgreementVersion.title,
               AgreementVersion.rule, AgreementVersion.effective_date, AgreementVersion.amends_id,
               AgreementVersion.reasons, AgreementVersion.notice_months, AgreementVersion.sent_on,
               AgreementVersion.status)
        .where(AgreementVersion.agreement_id.in_(ids)).order_by(AgreementVersion.number),
        select(Decision.agreement_id, Decision.organisation_id, Decision.version_id, Decision.meeting_date,
               Decision.section, Decision.outcome, Decision.body, Decision.case_number, Decision.id)
        .where(Decision.agreement_id.in_(ids), Decision.version_id.is_not(None))
        .order_by(Decision.meeting_date, Decision.section),
        select(AgreementNotice.agreement_id, AgreementNotice.organisation_id, AgreementNotice.given_on,
               AgreementNotice.notice_months, AgreementNotice.ends_agreement)
        .where(AgreementNotice.agreement_id.in_(ids)),
        select(AgreementSignature.agreement_id, AgreementSignature.organisation_id, AgreementSignature.version_id,
               AgreementSignature.signed_on).where(AgreementSignature.agreement_id.in_(ids)),
    ]


def assemble(agreements: list[ListedAgreement], results: list[Sequence[Any]]) -> list[ListedAgreement]:
    """The agreements with their facts, from the rows of `fact_statements` in their order."""
    party_rows, version_rows, decision_rows, notice_rows, signature_rows = results
    by_id = {a.id: a for a in agreements}
    parties: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for version_id, organisation_id in party_rows:
        parties[version_id].append(organisation_id)
    for (agreement_id, version_id, number, title, rule, effective_date, amends_id, reasons, notice_months, sent_on,
         status) in version_rows:
        by_id[agreement_id].versions.append(ListedVersion(rules.AgreementVersion(
            id=version_id, number=number, title=title, parties=tuple(parties[version_id]),
            rule=rules.EntryIntoForceRule(rule), effective_date=effective_date, amends=amends_id,
            reasons=reasons or "", notice_months=notice_months,
            sent_on=sent_on if status != "draft" else None, agreement_id=agreement_id,
        ), status))
    for agreement_id, party, decided_version, meeting_date, section, outcome, body, case_number, decision_id in (
        decision_rows
    ):
        by_id[agreement_id].decisions.append(rules.Decision(
            party=party, version_id=decided_version, meeting_date=meeting_date, section=section or 0,
            outcome=OUTCOMES[outcome], body=body, case_number=case_number or "", id=decision_id,
        ))
    for agreement_id, party, given_on, notice_months, ends_agreement in notice_rows:
        by_id[agreement_id].notices.append(rules.Notice(
            party=party, given_on=given_on, notice_months=notice_months, ends_agreement=ends_agreement))
    for agreement_id, party, version_id, signed_on in signature_rows:
        by_id[agreement_id].signatures.append(rules.Signature(party, version_id, signed_on))
    return agreements


def audience_of(actor: Actor | None) -> ColumnElement[str] | str:
    """Which of an agreement's status periods the caller reads: its area's, with drafts, where it reads the
    area's drafts; the public ones elsewhere."""
    if actor is None:
        return PUBLIC
    areas = access.draft_areas(actor)
    if areas is None:
        return AREA
    if not areas:
        return PUBLIC
    return case((Agreement.area_id.in_(areas), AREA), else_=PUBLIC)


def awaiting_on(statement: Select[Any], actor: Actor | None, on: date) -> Select[Any]:
    """Narrow `statement` to the agreements with a version still awaiting decisions on `on`, by their periods
    (an alias of their own: the list joins the periods too)."""
    period = aliased(AgreementStatusPeriod)
    return statement.where(exists().where(
        period.agreement_id == Agreement.id, period.audience == audience_of(actor), period.starts_on <= on,
        period.ends_on > on, period.awaiting.is_(True),
    ))


PERIOD = AgreementStatusPeriod  # joined by `summaries` to the agreements it lists, as is their area
SORTING = Sorting("AgreementSort", {
    "title": Agreement.title,
    "kind": SortKey(in_order_of(Agreement.kind, AgreementKind)),
    "area": Area.name,
    "status": SortKey(in_order_of(PERIOD.status, rules.VersionStatus)),
    "in_force_from": PERIOD.in_force_from,
    "party_count": PERIOD.party_count,
}, default="title", then=["title"],
    description="The column to sort by; agreements alike in it by title, then by id. `status` sorts in the order "
                "of an agreement's life (draft, circulating, adopted, in force, superseded, terminated) on `on`.")


async def summaries(session: AsyncSession, statement: Select[Any], params: PageParams, actor: Actor | None, on: date,
                    status: rules.VersionStatus | None) -> tuple[list[AgreementSummary], str | None]:
    """One page of the agreements of `statement` in the sort asked for (title order unless asked), each with its
    status on `on` from its status periods, filtered, ordered and paged in one statement; and the next cursor."""
    query = (
        statement
        .with_only_columns(Agreement.id, Agreement.title, Agreement.kind, Agreement.version, Area.id, Area.name,
                           PERIOD.status, PERIOD.current_version_id, PERIOD.in_force_from, PERIOD.party_count)
        .join_from(Agreement, PERIOD, and_(PERIOD.agreement_id == Agreement.id,
                                           PERIOD.audience == audience_of(actor),
                                           PERIOD.starts_on <= on, PERIOD.ends_on > on))
        .join_from(Agreement, Area, Area.id == Agreement.area_id)
    )
    if status is not None:
        query = query.where(PERIOD.status == status.value)
    rows, next_cursor = await page_rows(session, query, sorting=SORTING, params=params, ties=[Agreement.id])
    items = [
        AgreementSummary(id=agreement_id, title=title, kind=kind, version=version,
                         area=AreaRef(id=area_id, name=area_name), status=rules.VersionStatus(row_status),
                         current_version_id=current, in_force_from=in_force_from, party_count=party_count)
        for (agreement_id, title, kind, version, area_id, area_name, row_status, current, in_force_from,
             party_count, *_) in rows
    ]
    return items, next_cursor

"""An agreement's status over time (tilakaudet), kept beside its facts so that a list filters, sorts and pages by
status in SQL, whatever the number of agreements and decisions.

The periods are derived, never edited: whenever a flush touches an agreement's versions, parties, decisions,
signatures or notices, the agreement's periods are worked out again from its facts before the transaction
commits, by the same rules that give the detail its states (domain.agreements). `RULES_VERSION` names the
rules they were computed by: raise it when the rules change, and `refresh_outdated` computes them again.
"""

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Connection, Table, delete, event, insert, select, text
from sqlalchemy.orm import Session, UOWTransaction

from api.agreements import listing
from api.agreements.models import (
    Agreement,
    AgreementNotice,
    AgreementParty,
    AgreementSignature,
    AgreementStatusPeriod,
    AgreementVersion,
)
from api.agreements.state import headline, stored_id
from api.decisions.models import Decision
from domain import agreements as rules

if TYPE_CHECKING:
    from api.db import Database

RULES_VERSION = 2
FIRST_DAY = date(1, 1, 1)
LAST_DAY = date(9999, 12, 31)
AREA, PUBLIC = listing.AREA, listing.PUBLIC
TOUCHED = "agreements_touched"
FACTS = (Agreement, AgreementVersion, AgreementParty, AgreementSignature, AgreementNotice, Decision)
# A declarative class's __table__ is typed as any FromClause; this one's is the Table its __tablename__ makes.
PERIODS = cast(Table, AgreementStatusPeriod.__table__)


def periods_of(agreement: listing.ListedAgreement) -> list[dict[str, Any]]:
    """The agreement's periods for both audiences: one row per span of days with the same status, version shown,
    version in force and number of parties."""
    versions = [v.rules for v in agreement.versions]
    days = rules.days_of_change(versions, agreement.decisions, signatures=agreement.signatures,
                                notices=agreement.notices)
    audiences = {AREA: agreement.versions, PUBLIC: [v for v in agreement.versions if v.status != "draft"]}
    rows: list[dict[str, Any]] = []
    last: dict[str, dict[str, Any]] = {}
    for day in [FIRST_DAY, *days]:
        state = agreement.state(day)
        for audience, visible in audiences.items():
            if not visible:
                continue
            status, shown = headline(state, visible)
            current = state.current
            row = {
                "agreement_id": agreement.id, "audience": audience, "starts_on": day, "ends_on": LAST_DAY,
                "status": status.value, "shown_version_id": shown.id if shown else None,
                "current_version_id": stored_id(current.version_id) if current else None,
                "in_force_from": current.in_force_from if current else None,
                "party_count": len(state.of(shown.id).parties_on_date) if shown else 0,
                "awaiting": any(state.of(v.id).status is rules.VersionStatus.CIRCULATING for v in visible),
                "rules_version": RULES_VERSION,
            }
            before = last.get(audience)
            if before is not None and all(before[k] == row[k] for k in SAME):
                continue
            if before is not None:
                before["ends_on"] = day
            rows.append(row)
            last[audience] = row
    return rows


SAME = ("status", "shown_version_id", "current_version_id", "in_force_from", "party_count", "awaiting")


def refresh(connection: Connection, agreement_ids: set[uuid.UUID]) -> None:
    """Work out again the periods of `agreement_ids`, in the transaction of `connection`."""
    ids = sorted(agreement_ids)
    for start in range(0, len(ids), 500):
        batch = ids[start:start + 500]
        agreements = [listing.ListedAgreement(*row) for row in connection.execute(
            select(*listing.COLUMNS).where(Agreement.id.in_(batch)))]
        listing.assemble(agreements, [connection.execute(s).all() for s in listing.fact_statements(batch)])
        connection.execute(delete(PERIODS).where(PERIODS.c.agreement_id.in_(batch)))
        rows = [row for agreement in agreements for row in periods_of(agreement)]
        if rows:
            connection.execute(insert(PERIODS), rows)


def outdated(connection: Connection) -> set[uuid.UUID]:
    """The agreements whose periods are missing or were computed by other rules."""
    current = select(PERIODS.c.agreement_id).where(PERIODS.c.rules_version == RULES_VERSION)
    stale = select(Agreement.id).where(Agreement.id.not_in(current))
    return set(connection.execute(stale).scalars())


def refresh_outdated(connection: Connection) -> int:
    ids = outdated(connection)
    refresh(connection, ids)
    return len(ids)


async def bring_up_to_date(database: "Database") -> int:
    """Compute the periods that are missing or outdated (after a migration, or new rules); the number of agreements.
    Processes starting together take turns (an advisory lock on PostgreSQL; SQLite has one writer anyway)."""
    async with database.write_turn(), database.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
        return await connection.run_sync(refresh_outdated)


ADVISORY_LOCK = 72_007  # any number of this application's own


# --- keeping them current -------------------------------------------------------------------------


def note_touched(session: Session, _flush: UOWTransaction) -> None:
    """After a flush: which agreements' facts it changed."""
    touched: set[uuid.UUID] = session.info.setdefault(TOUCHED, set())
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, Agreement):
            touched.add(instance.id)
        elif isinstance(instance, FACTS):
            agreement_id = getattr(instance, "agreement_id", None)
            if agreement_id is not None:
                touched.add(agreement_id)


def refresh_touched(session: Session) -> None:
    """Before a commit: the periods of the agreements changed in the transaction, worked out in it."""
    session.flush()
    touched = session.info.pop(TOUCHED, set())
    if touched:
        refresh(session.connection(), touched)


def forget_touched(session: Session, *_: object) -> None:
    session.info.pop(TOUCHED, None)


def install_period_keeper() -> None:
    for name, listener in (("after_flush", note_touched), ("before_commit", refresh_touched),
                           ("after_rollback", forget_touched)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)

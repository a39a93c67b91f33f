"""The database's refusals as coded errors: each unique constraint names the refusal it stands for, in one place.

The services check these rules first, for a clear answer; the constraints hold them when two requests pass the
check at once, and the loser then gets the same 409 as if it had come second.
"""

import logging
import re
from collections.abc import Callable

from sqlalchemy import Column, Index, UniqueConstraint
from sqlalchemy.exc import IntegrityError

from api.errors import ConflictingWrite
from api.models import Base
from domain import agreements as rules
from domain.errors import CodedError, ValueTaken

logger = logging.getLogger("sopimo.integrity")

#: The refusal of each constraint, by its name in the schema.
REFUSAL_OF_CONSTRAINT: dict[str, Callable[[], CodedError]] = {
    "uq_decisions_party_meeting_section": rules.DecisionAlreadyRecorded,
    "uq_agreement_versions_one_draft": rules.DraftExists,
    # Two amendments started at once take the same next number: the second finds the first one's draft.
    "uq_agreement_versions_agreement_id": rules.DraftExists,
    "uq_agreement_notices_agreement_id": rules.NoticeAlreadyGiven,
    "uq_agreement_signatures_version_id": rules.AlreadySigned,
    "uq_users_email": lambda: ValueTaken("email", resource="person"),
    "uq_organisations_business_id": lambda: ValueTaken("business_id", resource="organisation"),
    "uq_organisations_municipality_code": lambda: ValueTaken("municipality_code", resource="organisation"),
    "uq_statistic_values_value": lambda: ValueTaken("name", resource="statistic value"),
    "uq_user_roles_user_id": lambda: ValueTaken("role", resource="role grant"),
}

SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)$")


def sqlite_names() -> dict[str, str]:
    """SQLite names the columns of the constraint that failed ("t.a, t.b"), or "index 'name'" for an index on an
    expression: the constraint names of the schema by what SQLite says."""
    names: dict[str, str] = {}
    for table in Base.metadata.tables.values():
        uniques: list[UniqueConstraint | Index] = [c for c in table.constraints if isinstance(c, UniqueConstraint)]
        uniques += [index for index in table.indexes if index.unique]
        for unique in uniques:
            name = str(unique.name)
            expressions = list(unique.columns) if isinstance(unique, UniqueConstraint) else list(unique.expressions)
            columns = [column for column in expressions if isinstance(column, Column)]
            if len(columns) == len(expressions):
                names[", ".join(f"{table.name}.{column.name}" for column in columns)] = name
            else:
                names[f"index '{name}'"] = name
    return names


_sqlite_names: dict[str, str] | None = None


def constraint_of(error: IntegrityError) -> str | None:
    """The name of the constraint the database refused the write by, when it says."""
    global _sqlite_names
    driver_error = error.orig
    for candidate in (driver_error, getattr(driver_error, "__cause__", None)):
        name = getattr(candidate, "constraint_name", None)  # asyncpg
        if name:
            return str(name)
    found = SQLITE_UNIQUE.search(str(driver_error))
    if found:
        if _sqlite_names is None:
            _sqlite_names = sqlite_names()
        return _sqlite_names.get(found.group(1).strip())
    return None


def refusal_of(error: IntegrityError) -> CodedError:
    """The coded refusal of a write the database refused; a constraint without one of its own is a plain conflict."""
    name = constraint_of(error)
    make = REFUSAL_OF_CONSTRAINT.get(name or "")
    if make is None:
        logger.warning("a write broke %s: %s", name or "a constraint", error.orig)
        return ConflictingWrite()
    return make()

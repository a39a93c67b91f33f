"""the database holds the rules on concurrent writes: one decision per party, version, meeting and §; one open draft
per agreement; one notice per party

Until now the application alone checked these, so two requests at once could both pass the check. This migration
deletes and merges nothing: when stored rows already break a rule it stops, names the rows and leaves the database
as it was, so that the people who know the minutes correct them (PATCH or DELETE the duplicates) and run it again.

Revision ID: 0005_concurrent_writes
Revises: 0004_costs
Create Date: 2026-12-02 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_concurrent_writes"
down_revision: str | None = "0004_costs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: What each new rule forbids, as a query of the rows that already break it.
VIOLATIONS = {
    "decisions recorded twice (same party, version, meeting date and §)": """
        SELECT version_id, organisation_id, meeting_date, coalesce(section, 0), count(*) FROM decisions
        WHERE version_id IS NOT NULL GROUP BY version_id, organisation_id, meeting_date, coalesce(section, 0)
        HAVING count(*) > 1""",
    "agreements with more than one draft": """
        SELECT agreement_id, count(*) FROM agreement_versions WHERE status = 'draft' GROUP BY agreement_id
        HAVING count(*) > 1""",
    "parties with more than one notice on an agreement": """
        SELECT agreement_id, organisation_id, count(*) FROM agreement_notices GROUP BY agreement_id, organisation_id
        HAVING count(*) > 1""",
}


def refuse_if_violated() -> None:
    connection = op.get_bind()
    found = []
    for what, query in VIOLATIONS.items():
        rows = connection.execute(sa.text(query)).all()
        if rows:
            found.append(f"{what}: " + "; ".join(", ".join(str(value) for value in row) for row in rows[:20]))
    if found:
        raise RuntimeError("The stored data breaks rules this migration makes the database hold; nothing was "
                           "changed. Correct these rows and migrate again:\n" + "\n".join(found))


def upgrade() -> None:
    refuse_if_violated()
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index('uq_decisions_party_meeting_section',
                              ['version_id', 'organisation_id', 'meeting_date', sa.text('coalesce(section, 0)')],
                              unique=True, sqlite_where=sa.text('version_id IS NOT NULL'),
                              postgresql_where=sa.text('version_id IS NOT NULL'))
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.create_index('uq_agreement_versions_one_draft', ['agreement_id'], unique=True,
                              sqlite_where=sa.text("status = 'draft'"), postgresql_where=sa.text("status = 'draft'"))
    with op.batch_alter_table('agreement_notices', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_agreement_notices_agreement_id'),
                                          ['agreement_id', 'organisation_id'])


def downgrade() -> None:
    with op.batch_alter_table('agreement_notices', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_agreement_notices_agreement_id'), type_='unique')
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.drop_index('uq_agreement_versions_one_draft')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index('uq_decisions_party_meeting_section')

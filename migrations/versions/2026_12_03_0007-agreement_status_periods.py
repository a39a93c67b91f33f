"""agreements' status over time, derived from their facts, so that lists filter and sort by status in SQL

Revision ID: 0007_status_periods
Revises: 0006_audit_roles
Create Date: 2026-12-03 06:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_status_periods"
down_revision: str | None = "0006_audit_roles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Only the table: the periods are worked out by the application (`sopimo migrate` fills in what is missing),
    # as the rules that compute them live in the code, not in a migration.
    op.create_table(
        "agreement_status_periods",
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("audience", sa.String(length=10), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("shown_version_id", sa.Uuid(), nullable=True),
        sa.Column("current_version_id", sa.Uuid(), nullable=True),
        sa.Column("in_force_from", sa.Date(), nullable=True),
        sa.Column("party_count", sa.Integer(), nullable=False),
        sa.Column("rules_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("agreement_id", "audience", "starts_on"),
    )
    op.create_index("ix_agreement_status_periods_status", "agreement_status_periods",
                    ["status", "audience", "starts_on"])


def downgrade() -> None:
    op.drop_index("ix_agreement_status_periods_status", table_name="agreement_status_periods")
    op.drop_table("agreement_status_periods")

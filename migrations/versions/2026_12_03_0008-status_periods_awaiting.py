"""a status period says whether a version it shows still awaits decisions

Revision ID: 0008_periods_awaiting
Revises: 0007_status_periods
Create Date: 2026-12-03 06:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_periods_awaiting"
down_revision: str | None = "0007_status_periods"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The periods are derived: the new rules version makes `sopimo migrate` (and the start of the application)
    # work them out again with the column filled in.
    op.add_column("agreement_status_periods",
                  sa.Column("awaiting", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("agreement_status_periods", "awaiting")
    else:
        op.execute("ALTER TABLE agreement_status_periods DROP COLUMN awaiting")

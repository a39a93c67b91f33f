"""audit entries say from which address the request came

Revision ID: 0006_audit_roles
Revises: 0005_concurrent_writes
Create Date: 2026-12-02 19:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_audit_roles"
down_revision: str | None = "0005_concurrent_writes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN on SQLite too: rebuilding the table in batch mode would drop its append-only triggers.
    op.add_column("audit_entries", sa.Column("client_address", sa.String(length=100), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("audit_entries", "client_address")
    else:
        # SQLite (3.35+) drops a column in place; the triggers stay.
        op.execute("ALTER TABLE audit_entries DROP COLUMN client_address")

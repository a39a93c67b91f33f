"""agreements are read in title order by an index, on SQLite too

Revision ID: 0010_title_index
Revises: 0009_title_order
Create Date: 2026-12-03 07:15:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010_title_index"
down_revision: str | None = "0009_title_order"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SQLite orders text by code point as the lists do: this index lets it read a page without sorting the table.
    op.create_index("ix_agreements_title_id", "agreements", ["title", "id"])


def downgrade() -> None:
    op.drop_index("ix_agreements_title_id", table_name="agreements")

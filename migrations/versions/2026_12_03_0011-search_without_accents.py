"""names are searched without accents: "Jyvaskyla" finds Jyväskylä

Revision ID: 0011_search_folded
Revises: 0010_title_index
Create Date: 2026-12-03 13:40:00.000000
"""

import unicodedata
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_search_folded"
down_revision: str | None = "0010_title_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The search text as the application writes it from now on, frozen here: a later change to the application's
# function must not change what this migration wrote.
TABLES = {"organisations": ("name_fi", "name_sv"), "areas": ("name",), "agreements": ("title",)}


def folded(*names: str | None) -> str:
    text = unicodedata.normalize("NFKD", " ".join(name for name in names if name).casefold())
    return "".join(character for character in text if not unicodedata.combining(character))


def casefolded(*names: str | None) -> str:
    return " ".join(name for name in names if name).casefold()


def rewrite(fold: Callable[..., str]) -> None:
    connection = op.get_bind()
    for table, columns in TABLES.items():
        rows = connection.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table}")).all()
        changes = [{"id": row[0], "text": fold(*row[1:])} for row in rows]
        if changes:
            connection.execute(sa.text(f"UPDATE {table} SET search_text = :text WHERE id = :id"), changes)


def upgrade() -> None:
    rewrite(folded)


def downgrade() -> None:
    rewrite(casefolded)

"""On PostgreSQL the application runs as a role of its own that owns nothing: the owner role (which runs the
migrations) grants it the rows it needs, and on the audit trail only reading and adding. Not owning the tables it
cannot TRUNCATE the audit trail, nor disable or drop its append-only trigger."""

import re

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class RoleNameRefused(ValueError):
    def __init__(self, role: str) -> None:
        super().__init__(f"{role!r} is not a plain PostgreSQL role name (letters, digits and _).")


def grant_statements(role: str) -> list[str]:
    """What the application role may do, given again after every migration (new tables need it too)."""
    if not ROLE_NAME.match(role):
        raise RoleNameRefused(role)
    quoted = f'"{role}"'
    return [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entries FROM {quoted}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {quoted}",
    ]


async def grant_app_role(engine: AsyncEngine, role: str) -> bool:
    """Grants `role` the application's rights; False (nothing done) when the database is not PostgreSQL."""
    if engine.dialect.name != "postgresql":
        return False
    statements = grant_statements(role)
    async with engine.begin() as connection:
        for statement in statements:
            await connection.execute(text(statement))
    return True

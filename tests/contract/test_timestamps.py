"""Every moment the API stores comes back as an aware UTC datetime, on SQLite as on PostgreSQL."""

from datetime import UTC, datetime, timedelta, timezone

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEntry
from api.organisations.models import Organisation

HELSINKI_SUMMER = timezone(timedelta(hours=3))


def has_utc_offset(text: str) -> bool:
    moment = datetime.fromisoformat(text)
    return moment.utcoffset() == timedelta(0)


async def test_a_moment_in_another_zone_is_stored_as_the_same_instant(session: AsyncSession) -> None:
    entry = AuditEntry(action="create", resource_type="test", occurred_at=datetime(2025, 6, 5, 14, 5, tzinfo=HELSINKI_SUMMER))
    session.add(entry)
    await session.flush()
    stored = await session.scalar(select(AuditEntry.occurred_at).where(AuditEntry.id == entry.id))
    assert stored == datetime(2025, 6, 5, 11, 5, tzinfo=UTC)
    assert stored is not None and stored.tzinfo is UTC
    await session.refresh(entry)
    assert entry.occurred_at.tzinfo is UTC


async def test_a_naive_moment_is_taken_as_utc(session: AsyncSession) -> None:
    organisation = (await session.scalars(select(Organisation).limit(1))).one()
    since = datetime(2000, 1, 1)
    found = await session.scalar(select(Organisation.id).where(Organisation.created_at > since,
                                                               Organisation.id == organisation.id))
    assert found == organisation.id
    assert organisation.created_at.tzinfo is UTC


async def test_the_api_writes_timestamps_with_an_offset(client: httpx.AsyncClient) -> None:
    created = await client.post("/api/v1/organisations", json={"kind": "association", "name_fi": "Aikaleimat ry"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert has_utc_offset(body["created_at"]) and has_utc_offset(body["updated_at"])
    read = (await client.get(f"/api/v1/organisations/{body['id']}")).json()
    assert has_utc_offset(read["created_at"]) and has_utc_offset(read["updated_at"])
    entries = (await client.get("/api/v1/audit", params={"resource_id": body["id"]})).json()["items"]
    assert entries and all(has_utc_offset(entry["occurred_at"]) for entry in entries)

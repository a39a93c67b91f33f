"""The SQL statements a read runs do not grow with the data: every route is counted on the demo data, then again
after the data has grown (more agreements, versions, parties' decisions, notices, cost plans and audit rows, and the
agreement read has more of each), and the counts must be the same. A page that called the API once per row, or a
list that loaded a relation per row, fails here."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection

from tests.api.agreement_helpers import create_agreement, decide, kirkkonummi_parties, send
from tests.api.cost_helpers import new_esr_plan


class StatementCounter:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection.sync_connection
        self.count = 0

    def on_execute(self, *_: Any) -> None:
        self.count += 1

    @contextmanager
    def counting(self) -> Iterator[None]:
        assert self.connection is not None
        event.listen(self.connection, "before_cursor_execute", self.on_execute)
        try:
            yield
        finally:
            event.remove(self.connection, "before_cursor_execute", self.on_execute)


async def statement_counts(client: httpx.AsyncClient, counter: StatementCounter, paths: list[str]) -> dict[str, int]:
    """The SQL statements each of `paths` runs, read one after another (each must answer 200)."""
    found = {}
    for path in paths:
        counter.count = 0
        with counter.counting():
            response = await client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        found[path] = counter.count
    return found


async def agreement_in_force(client: httpx.AsyncClient) -> dict[str, Any]:
    """An agreement of three parties whose first version is in force since 1.3.2025."""
    agreement = await create_agreement(client, effective_date="2025-03-01")
    version = await send(client, agreement)
    for organisation_id in (await kirkkonummi_parties(client)).values():
        assert (await decide(client, version["id"], organisation_id, "2025-01-20")).status_code == 201
    return (await client.get(f"/api/v1/agreements/{agreement['id']}")).json()


async def grow(client: httpx.AsyncClient, agreement: dict[str, Any], rounds: int) -> None:
    """More of everything: other agreements with their decisions and plans, and on `agreement` an amendment
    decided by its parties and a notice."""
    parties = await kirkkonummi_parties(client)
    for number in range(rounds):
        other = await create_agreement(client, title=f"Kasvusopimus {number}", effective_date=None)
        version = await send(client, other)
        for organisation_id in parties.values():
            await decide(client, version["id"], organisation_id, "2025-02-03", section=20 + number)
        await new_esr_plan(client, year=2030 + number)
    amended = await client.post(f"/api/v1/agreements/{agreement['id']}/versions", params={"on": "2025-06-01"},
                                json={"reasons": "Palvelut laajenevat."})
    assert amended.status_code == 201, amended.text
    second = await send(client, (await client.get(f"/api/v1/agreements/{agreement['id']}")).json(),
                        sent_on="2025-06-02", version=amended.json())
    for organisation_id in parties.values():
        assert (await decide(client, second["id"], organisation_id, "2025-06-16", section=77)).status_code == 201
    notice = await client.post(f"/api/v1/agreements/{agreement['id']}/notices",
                               json={"organisation_id": parties["Siuntio"], "given_on": "2025-08-29"})
    assert notice.status_code == 201, notice.text


def routes(agreement: dict[str, Any], organisation_id: str, plan_id: str) -> list[str]:
    agreement_id = agreement["id"]
    return [
        "/api/v1/agreements?limit=50",
        f"/api/v1/agreements?limit=50&status=in_force&party_id={organisation_id}",
        f"/api/v1/agreements/{agreement_id}",
        f"/api/v1/agreements/{agreement_id}/versions",
        f"/api/v1/agreements/{agreement_id}/versions/{agreement['versions'][0]['id']}",
        f"/api/v1/decisions?organisation_id={organisation_id}&limit=50",
        "/api/v1/organisations?limit=50",
        "/api/v1/cost-plans?limit=50",
        "/api/v1/cost-plans/bases?limit=50",
        f"/api/v1/cost-plans/{plan_id}/allocation",
        "/api/v1/audit?limit=50",
        "/agreements",
        f"/agreements/{agreement_id}",
        "/decisions",
        "/organisations",
        "/costs",
        "/costs/plans/new",
        f"/costs/plans/{plan_id}",
    ]


@pytest.mark.parametrize("rounds", [3])
async def test_no_route_runs_more_statements_when_the_data_grows(
    client: httpx.AsyncClient, connection: AsyncConnection, rounds: int
) -> None:
    counter = StatementCounter(connection)
    agreement = await agreement_in_force(client)
    organisation_id = (await kirkkonummi_parties(client))["Kirkkonummi"]
    plan_id = (await new_esr_plan(client))["id"]

    paths = routes(agreement, organisation_id, plan_id)
    small = await statement_counts(client, counter, paths)
    await grow(client, agreement, rounds)
    large = await statement_counts(client, counter, paths)
    grown = {path: (small[path], large[path]) for path in small if large[path] != small[path]}
    assert not grown, f"statements before and after the data grew: {grown}"

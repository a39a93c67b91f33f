"""Reads never fail or wait because of writes: not even the first use of a key, whose last-used time is noted."""

import asyncio

import httpx

from tests.api.agreement_helpers import KIRKKONUMMI_AREA, area_id, create_agreement
from tests.reliability.conftest import all_at_once, report, statuses

READERS = 32


async def test_reads_with_a_fresh_key_answer_while_writes_queue(client: httpx.AsyncClient, live_server: str) -> None:
    area = await area_id(client, KIRKKONUMMI_AREA)
    created = await client.post(f"/api/v1/areas/{area}/api-keys", json={"name": "Lukija", "scopes": ["read"]})
    assert created.status_code == 201, created.text
    key = created.json()
    assert key["last_used_at"] is None
    agreement = await create_agreement(client)
    url = f"/api/v1/agreements/{agreement['id']}"
    async with httpx.AsyncClient(base_url=live_server, timeout=60, headers={"Authorization": f"Bearer {key['key']}"},
                                 limits=httpx.Limits(max_connections=READERS)) as reader:
        # Every read comes with a key never used before, so each may want to note its use while the writers hold
        # the database: none may fail for it.
        writes = [client.patch(url, json={"description": f"Muutos {n}"}, headers={"If-Match": "*"}) for n in range(10)]
        reads = [reader.get(url) for _ in range(READERS)]
        responses = await all_at_once([*writes, *reads])
    read_counts, write_counts = statuses(responses[len(writes):]), statuses(responses[:len(writes)])
    report("reads with a fresh key during writes", 1, read_counts)
    report("the writes meanwhile", 1, write_counts)
    assert read_counts == {200: READERS}
    # "If-Match: *" read at once by all: on PostgreSQL those whose version moved on meanwhile lose with 412.
    assert write_counts[200] >= 1 and set(write_counts) <= {200, 412}
    for _ in range(50):  # the use is noted after the answer has gone
        keys = (await client.get(f"/api/v1/areas/{area}/api-keys")).json()
        if next(k for k in keys if k["id"] == key["id"])["last_used_at"] is not None:
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the key's use was never noted")

"""Load test: many connections of mixed reads and writes against a real server; every answer but the expected is an error.

Run: .venv/bin/python bench/load.py [--connections 32] [--seconds 30] [--url http://127.0.0.1:8000]

Without --url it starts `sopimo serve` on a fresh database with the demo data (SQLite unless TEST_BACKEND=postgresql,
as in the tests). Each connection has an agreement of its own, sent to its parties, and loops: six reads in ten
(an agreement with its state, a page of decisions, of organisations, the areas) and four writes (a decision recorded,
corrected with If-Match, removed). No two connections write the same row, so no answer but 2xx is right: a 409,
412, 5xx or a failed connection counts as an error. Target: 0 errors in 30 s of 32 connections on SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ADMIN = "paakayttaja@sopimo.example"
PASSWORD = "demo-salasana"
AREA = "Kirkkonummen työllisyysalue"
MEETING = "2025-01-20"


@dataclass
class LoadResult:
    connections: int
    seconds: float
    statuses: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    reads: int = 0
    writes: int = 0

    @property
    def requests(self) -> int:
        return self.reads + self.writes

    def summary(self) -> str:
        ordered = sorted(self.latencies) or [0.0]

        def percentile(share: float) -> float:
            return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

        lines = [
            f"{self.connections} connections for {self.seconds:.1f} s: {self.requests} requests "
            f"({self.reads} reads, {self.writes} writes), {self.requests / self.seconds:.1f} requests/s",
            f"latency ms: median {statistics.median(ordered) * 1000:.1f}, p95 {percentile(0.95):.1f}, "
            f"p99 {percentile(0.99):.1f}, max {ordered[-1] * 1000:.1f}",
            "statuses: " + ", ".join(f"{status}: {count}" for status, count in sorted(self.statuses.items())),
            f"errors: {len(self.errors)}",
        ]
        lines += [f"  {error}" for error in self.errors[:10]]
        return "\n".join(lines)


class Worker:
    """One connection's loop over its own agreement version."""

    def __init__(self, http: httpx.AsyncClient, result: LoadResult, agreement_id: str, version_id: str,
                 party_id: str, seed: int) -> None:
        self.http = http
        self.result = result
        self.agreement_id = agreement_id
        self.version_id = version_id
        self.party_id = party_id
        self.random = random.Random(seed)
        self.section = 0

    async def call(self, method: str, url: str, expected: int, *, write: bool, **kwargs: object) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = await self.http.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as error:
            self.result.statuses["failed"] += 1
            self.result.errors.append(f"{method} {url}: {type(error).__name__} {error}")
            return None
        self.result.latencies.append(time.perf_counter() - started)
        self.result.statuses[str(response.status_code)] += 1
        if write:
            self.result.writes += 1
        else:
            self.result.reads += 1
        if response.status_code != expected:
            self.result.errors.append(f"{method} {url}: {response.status_code} {response.text[:200]}")
            return None
        return response

    async def read(self) -> None:
        choice = self.random.randrange(4)
        if choice == 0:
            await self.call("GET", f"/api/v1/agreements/{self.agreement_id}", 200, write=False, params={"on": MEETING})
        elif choice == 1:
            await self.call("GET", "/api/v1/decisions", 200, write=False, params={"version_id": self.version_id})
        elif choice == 2:
            await self.call("GET", "/api/v1/organisations", 200, write=False, params={"limit": 50})
        else:
            await self.call("GET", "/api/v1/areas", 200, write=False)

    async def write(self) -> None:
        """Record a decision, correct it and remove it: three writes on rows no other connection touches."""
        self.section = self.section % 100000 + 1
        created = await self.call("POST", "/api/v1/decisions", 201, write=True, params={"on": MEETING}, json={
            "organisation_id": self.party_id, "version_id": self.version_id, "body": "municipal_board",
            "meeting_date": MEETING, "section": self.section, "outcome": "approved",
        })
        if created is None:
            return
        decision = created.json()
        url = f"/api/v1/decisions/{decision['id']}"
        patched = await self.call("PATCH", url, 200, write=True, json={"outcome": "tabled"},
                                  headers={"If-Match": f'"{decision["version"]}"'})
        if patched is None:
            return
        await self.call("DELETE", url, 204, write=True, headers={"If-Match": f'"{patched.json()["version"]}"'})

    async def run(self, until: float) -> None:
        while time.monotonic() < until:
            if self.random.random() < 0.6:
                await self.read()
            else:
                await self.write()


async def prepare(http: httpx.AsyncClient, connections: int) -> list[tuple[str, str, str]]:
    """An agreement per connection, sent to its parties: (agreement, version, the party that decides)."""
    areas = (await http.get("/api/v1/areas", params={"q": AREA})).json()["items"]
    area_id = next(a["id"] for a in areas if a["name"] == AREA)
    parties = []
    for name in ("Kirkkonummi", "Siuntio", "Vihti"):
        found = (await http.get("/api/v1/organisations", params={"q": name, "limit": 200})).json()["items"]
        parties.append(next(o["id"] for o in found if o["name_fi"] == name))
    prepared = []
    for n in range(connections):
        created = await http.post("/api/v1/agreements", json={
            "area_id": area_id, "title": f"Kuormitustesti {n}", "kind": "cooperation_agreement", "notice_months": 6,
            "effective_date": "2025-03-01",
            "parties": [{"organisation_id": parties[0], "role": "lead"}, *({"organisation_id": p} for p in parties[1:])],
            "sections": [{"number": "1", "title": "Tarkoitus", "blocks": [{"type": "paragraph", "text": "Yhteistyö."}]}],
        })
        created.raise_for_status()
        agreement = created.json()
        version = agreement["versions"][-1]
        sent = await http.post(f"/api/v1/agreements/{agreement['id']}/versions/{version['id']}/send",
                               json={"sent_on": "2025-01-10"}, headers={"If-Match": f'"{version["version"]}"'})
        sent.raise_for_status()
        prepared.append((agreement["id"], version["id"], parties[n % len(parties)]))
    return prepared


async def drive(base_url: str, *, connections: int = 32, seconds: float = 30.0) -> LoadResult:
    """Log in, prepare an agreement per connection, then run them all for `seconds`."""
    async with httpx.AsyncClient(base_url=base_url, timeout=60,
                                 limits=httpx.Limits(max_connections=connections + 4,
                                                     max_keepalive_connections=connections + 4)) as http:
        login = await http.post("/api/v1/auth/token", data={"username": ADMIN, "password": PASSWORD})
        login.raise_for_status()
        http.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        prepared = await prepare(http, connections)
        result = LoadResult(connections=connections, seconds=seconds)
        workers = [Worker(http, result, *target, seed=n) for n, target in enumerate(prepared)]
        started = time.monotonic()
        await asyncio.gather(*(worker.run(started + seconds) for worker in workers))
        result.seconds = time.monotonic() - started
        return result


@contextmanager
def server(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    from tests.live_server import serve_fresh_database

    with serve_fresh_database("load") as started:
        yield started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--url", help="a running server to drive instead of a fresh one")
    args = parser.parse_args()
    with server(args.url) as base_url:
        result = asyncio.run(drive(base_url, connections=args.connections, seconds=args.seconds))
    print(result.summary())
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""Sopimo at national scale beside its floors, in one run: rps, p50, p99, ratio, and SQL statements per request.

Run: .venv/bin/python bench/national.py [--rounds 2] [--seconds 3] [--skip-generate] [--quick]

Generates the national dataset (bench/dataset.py) on PostgreSQL at full size and at one tenth, and the full size
on SQLite; serves Sopimo (one uvicorn worker) and the floor app (bench/floors.py) on loopback; and for every route
runs wrk at one connection (and the agreement detail at 32), Sopimo and its floor interleaved, several rounds,
keeping the median. Absolute times are noisy on a shared machine: the ratios and the statement counts are the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.dataset import Dataset, generate  # noqa: E402

POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable


def routes(d: Dataset) -> list[tuple[str, str, str]]:
    """(name, Sopimo path, floor path)."""
    return [
        ("GET /api/v1/agreements/{id}", f"/api/v1/agreements/{d.agreement_id}", f"/raw/agreements/{d.agreement_id}"),
        ("GET /api/v1/agreements?limit=50", "/api/v1/agreements?limit=50", "/orm/agreements"),
        ("GET /api/v1/agreements?status=in_force", "/api/v1/agreements?limit=50&status=in_force", "/orm/agreements"),
        ("GET /api/v1/decisions?organisation_id", f"/api/v1/decisions?organisation_id={d.organisation_id}&limit=50",
         f"/orm/decisions?organisation_id={d.organisation_id}"),
        ("GET /api/v1/organisations?limit=50", "/api/v1/organisations?limit=50", "/orm/agreements"),
        ("GET /api/v1/cost-plans?limit=50", "/api/v1/cost-plans?limit=50", "/orm/agreements"),
        ("GET /api/v1/audit?limit=50", "/api/v1/audit?limit=50", "/orm/agreements"),
        ("GET /api/v1/cost-plans/{id}/allocation", f"/api/v1/cost-plans/{d.plan_id}/allocation", "/orm/agreements"),
        ("/agreements page", "/agreements", "/page/agreements"),
        ("agreement page", f"/agreements/{d.agreement_id}", f"/page/agreements/{d.agreement_id}"),
        ("/costs/plans/new page", "/costs/plans/new", "/page/agreements"),
        ("front page /", "/", "/page/agreements"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(app: str, database_url: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SOPIMO_ENV": os.environ.get("SOPIMO_ENV", "development")}
    process = subprocess.Popen([PYTHON, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
                                "--workers", "1", "--log-level", "warning", "--no-access-log"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{app} did not start")


def wrk(port: int, path: str, token: str, connections: int, seconds: float) -> dict[str, float]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency",
               "-H", f"Authorization: Bearer {token}", "-H", f"Cookie: sopimo_session={token}",
               f"http://127.0.0.1:{port}{path}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def percentile(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {"rps": rps, "p50": percentile("50"), "p99": percentile("99"), "errors": int(errors.group(1)) if errors else 0}


def measure(sopimo: int, floor: int, d: Dataset, rounds: int, seconds: float, connections: int,
            only: set[str] | None = None) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, list[dict[str, float]]]] = {}
    for _ in range(rounds):
        for name, path, floor_path in routes(d):
            if only is not None and name not in only:
                continue
            entry = results.setdefault(name, {"sopimo": [], "floor": []})
            entry["sopimo"].append(wrk(sopimo, path, d.token, connections, seconds))
            entry["floor"].append(wrk(floor, floor_path, d.token, connections, seconds))
    table = {}
    for name, entry in results.items():
        table[name] = {side: {key: statistics.median(r[key] for r in runs) for key in ("rps", "p50", "p99", "errors")}
                       for side, runs in entry.items()}
    return table


def count_statements(database_url: str, d: Dataset) -> dict[str, int]:
    """Each route once in-process, counting the statements the app's engine runs."""
    script = f"""
import asyncio, json, httpx
from sqlalchemy import event
from api import db
from web.asgi import compose
async def main():
    app = compose()
    counts = {{}}
    seen = [0]
    event.listen(db.get_database().engine.sync_engine, "before_cursor_execute", lambda *a: seen.__setitem__(0, seen[0] + 1))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        client.headers["Authorization"] = "Bearer {d.token}"
        client.cookies.set("sopimo_session", "{d.token}")
        for name, path in {json.dumps([(n, p) for n, p, _ in routes(d)])}:
            await client.get(path)
            seen[0] = 0
            response = await client.get(path)
            counts[name] = seen[0] if response.status_code == 200 else -response.status_code
    print(json.dumps(counts))
if __name__ == "__main__":
    asyncio.run(main())
"""
    out = subprocess.run([PYTHON, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "DATABASE_URL": database_url}).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def recreate_postgres(name: str) -> str:
    import asyncpg

    async def run() -> None:
        connection = await asyncpg.connect(f"{POSTGRES}/postgres")
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
        await connection.close()

    asyncio.run(run())
    return f"{POSTGRES}/{name}"


def prepare(name: str, scale: float, sqlite: bool, skip: bool) -> tuple[str, Dataset]:
    VAR.mkdir(parents=True, exist_ok=True)
    saved = VAR / f"{name}.json"
    url = f"sqlite+aiosqlite:///{VAR / (name + '.db')}" if sqlite else f"{POSTGRES}/{name}"
    if skip and saved.exists():
        # The schema and the derived status periods brought up to date, as `sopimo migrate` does.
        subprocess.run([PYTHON, "-m", "api.cli", "migrate"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                       env={**os.environ, "DATABASE_URL": url.replace("postgresql://", "postgresql+asyncpg://")})
        return url, Dataset(**{**json.loads(saved.read_text())})
    if sqlite:
        (VAR / f"{name}.db").unlink(missing_ok=True)
    else:
        recreate_postgres(name)
    started = time.monotonic()
    dataset = generate(url.replace("postgresql://", "postgresql+asyncpg://"), scale)
    print(f"generated {name}: {dataset.agreements} agreements, {dataset.decisions} decisions "
          f"in {time.monotonic() - started:.0f} s", flush=True)
    saved.write_text(json.dumps({k: str(v) if not isinstance(v, int) else v for k, v in asdict(dataset).items()}))
    return url, Dataset(**json.loads(saved.read_text()))


def run_size(url: str, d: Dataset, rounds: int, seconds: float, with_floor: bool, connections: list[int]
             ) -> dict[int, dict[str, dict[str, Any]]]:
    sopimo, sopimo_port = serve("web.asgi:app", url)
    floor, floor_port = serve("bench.floors:app", url) if with_floor else (None, sopimo_port)
    try:
        for _, path, _ in routes(d):  # warm the caches and the connection pools
            wrk(sopimo_port, path, d.token, 1, 1)
        return {c: measure(sopimo_port, floor_port, d, rounds if c == 1 else 1, seconds, c,
                           None if c == 1 else {"GET /api/v1/agreements/{id}", "agreement page"})
                for c in connections}
    finally:
        for process in (sopimo, floor):
            if process is not None:
                process.terminate()
                process.wait()


def print_table(title: str, table: dict[str, dict[str, Any]]) -> None:
    print(f"\n### {title}\n")
    print("| route | Sopimo rps | p50 ms | p99 ms | floor rps | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, sides in table.items():
        s, f = sides["sopimo"], sides["floor"]
        errors = f" ({s['errors']:.0f} errors)" if s["errors"] else ""
        print(f"| {name}{errors} | {s['rps']:.0f} | {s['p50']:.1f} | {s['p99']:.1f} | {f['rps']:.0f} | "
              f"{s['rps'] / f['rps']:.2f}× |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--skip-generate", action="store_true", help="reuse the datasets of an earlier run")
    parser.add_argument("--quick", action="store_true", help="one tenth only, one round of 2 s, no SQLite")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): national benchmark skipped")
        return 0
    if args.quick:
        args.rounds, args.seconds = 1, 2
    tenth_url, tenth = prepare("sopimo_bench_tenth", 0.1, False, args.skip_generate)
    if args.quick:
        print_table("PostgreSQL, one tenth, 1 connection", run_size(tenth_url, tenth, 1, 2, True, [1])[1])
        return 0
    full_url, full = prepare("sopimo_bench_full", 1.0, False, args.skip_generate)
    sqlite_url, sqlite = prepare("sopimo_bench_full_sqlite", 1.0, True, args.skip_generate)
    statements = {"full": count_statements(full_url, full), "tenth": count_statements(tenth_url, tenth)}
    full_runs = run_size(full_url, full, args.rounds, args.seconds, True, [1, 32])
    tenth_runs = run_size(tenth_url, tenth, args.rounds, args.seconds, False, [1])
    sqlite_runs = run_size(sqlite_url, sqlite, args.rounds, args.seconds, False, [1])
    print_table("PostgreSQL, national size, 1 connection", full_runs[1])
    print_table("PostgreSQL, national size, 32 connections", full_runs[32])
    print("\n### Growth and databases (1 connection, p50)\n")
    print("| route | SQL statements full / tenth | p50 full / tenth | SQLite p50 / PostgreSQL p50 |")
    print("|---|---:|---:|---:|")
    for name in full_runs[1]:
        p50 = full_runs[1][name]["sopimo"]["p50"]
        print(f"| {name} | {statements['full'][name]} / {statements['tenth'][name]} | "
              f"{p50 / tenth_runs[1][name]['sopimo']['p50']:.2f}× | {sqlite_runs[1][name]['sopimo']['p50'] / p50:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

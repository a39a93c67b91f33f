"""PostgreSQL stopped at once in the middle of a stream of writes, then started again: every write the API
acknowledged is there, none it refused is, and the API goes on answering without being restarted.

The test runs a cluster of its own (initdb on a free port, as the `postgres` system user when run as root), so
that stopping it disturbs nothing else. It runs in the PostgreSQL part of the suite.
"""

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.databases import skip_or_fail
from tests.live_server import free_port, serve

WRITES_BEFORE, WRITES_DURING, WRITES_AFTER = 30, 10, 10
#: How long a refusal while the database is down may take: the pool's connect timeout is 5 s.
QUICKLY_SECONDS = 6


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class Cluster:
    """A PostgreSQL cluster in a folder of its own, started and stopped with pg_ctl."""

    def __init__(self, bin_dir: Path, folder: Path, port: int) -> None:
        self.bin_dir, self.folder, self.port = bin_dir, folder, port
        self.data = folder / "data"

    def run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        # -l below sends the server's output to a file, so these pipes close when the command itself ends.
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        if os.geteuid() == 0:  # initdb refuses to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        self.run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=on"
        self.run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                 "-w", "-t", "60", "start")

    def stop_immediately(self) -> None:
        self.run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        """Stopped, whatever state it is in; a server pg_ctl cannot stop is killed by its pid."""
        try:
            self.run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "-t", "30", "stop")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pid_file = self.data / "postmaster.pid"
            if pid_file.exists():
                with contextlib.suppress(ValueError, ProcessLookupError):
                    os.kill(int(pid_file.read_text().split()[0]), 9)

    def create_database(self, name: str) -> str:
        self.run(str(self.bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{name}"


@contextmanager
def cluster_of_our_own() -> Iterator[Cluster]:
    bin_dir = postgres_bin()
    if bin_dir is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        skip_or_fail("PostgreSQL's initdb and pg_ctl are not installed")
    assert bin_dir is not None
    with tempfile.TemporaryDirectory(prefix="sopimo-crash-") as folder:
        cluster = Cluster(bin_dir, Path(folder), free_port())
        try:
            cluster.init()
            cluster.start()
            yield cluster
        finally:
            cluster.stop()


def admin_token(base_url: str) -> str:
    answer = httpx.post(f"{base_url}/api/v1/auth/token",
                        data={"username": "paakayttaja@sopimo.example", "password": "demo-salasana"}, timeout=30)
    return str(answer.json()["access_token"])


def write(api: httpx.Client, name: str) -> httpx.Response | None:
    """One new organisation: the API's answer (201 when acknowledged), None when there was none in time."""
    try:
        return api.post("/api/v1/organisations", json={"kind": "association", "name_fi": name}, timeout=10)
    except httpx.HTTPError:
        return None


def acknowledged(answer: httpx.Response | None) -> bool:
    return answer is not None and answer.status_code == 201


def stored_names(api: httpx.Client) -> set[str]:
    names: set[str] = set()
    cursor = None
    while True:
        params = {"kind": "association", "limit": 200, **({"cursor": cursor} if cursor else {})}
        page = api.get("/api/v1/organisations", params=params, timeout=30).json()
        names |= {item["name_fi"] for item in page["items"]}
        cursor = page.get("next_cursor")
        if not cursor:
            return names


@pytest.mark.postgres
def test_an_immediate_stop_loses_no_acknowledged_write_and_the_api_recovers(capsys: pytest.CaptureFixture[str]) -> None:
    with cluster_of_our_own() as cluster, serve(cluster.create_database("sopimo_crash")) as base_url:
        token = admin_token(base_url)
        # A connection each: the server may close one it answered with an error, and this test is about the database.
        api = httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"},
                           limits=httpx.Limits(max_keepalive_connections=0))
        names = [f"Kaatumistesti {number}" for number in range(WRITES_BEFORE + WRITES_DURING + WRITES_AFTER)]
        before, during, after = (names[:WRITES_BEFORE], names[WRITES_BEFORE:WRITES_BEFORE + WRITES_DURING],
                                 names[WRITES_BEFORE + WRITES_DURING:])
        acked, refused = [], []
        for name in before:
            (acked if acknowledged(write(api, name)) else refused).append(name)
        cluster.stop_immediately()
        for name in during:
            started = time.monotonic()
            answer = write(api, name)
            took = time.monotonic() - started
            (acked if acknowledged(answer) else refused).append(name)
            assert answer is not None and answer.status_code == 503, answer.text if answer is not None else "no answer"
            assert answer.headers["content-type"] == "application/problem+json"
            assert answer.json()["code"] == "database.unavailable" and int(answer.headers["retry-after"]) > 0
            assert took < QUICKLY_SECONDS, f"a refusal took {took:.1f} s"
        assert len(acked) == WRITES_BEFORE and len(refused) == WRITES_DURING, "up means stored, down means refused"
        started = time.monotonic()
        down = api.get("/readyz", timeout=10)
        assert down.status_code == 503 and down.json()["code"] == "database.unavailable", down.text
        assert time.monotonic() - started < QUICKLY_SECONDS
        page = httpx.get(f"{base_url}/organisations", cookies={"sopimo_session": token}, timeout=10)
        assert page.status_code == 503 and "<html" in page.text.lower(), page.text[:500]
        assert "ei juuri nyt saa yhteyttä tietokantaansa" in page.text
        cluster.start()
        deadline = time.monotonic() + 60
        while api.get("/readyz", timeout=10).status_code != 200:
            assert time.monotonic() < deadline, "the API did not find the database again"
            time.sleep(0.5)
        recovered = [name for name in after if acknowledged(write(api, name))]
        assert recovered == after, "the same server writes again once the database is back"
        stored = stored_names(api)
        found = (set(acked) | set(recovered)) & stored
        with capsys.disabled():  # the figures belong in the suite's output
            print(f"\ncrash test: {len(acked)} writes acknowledged before the stop, {len(refused)} refused while down "
                  f"(503), {len(recovered)} acknowledged after the restart; {len(found)} of the "
                  f"{len(acked) + len(recovered)} acknowledged found, {len(set(refused) & stored)} refused ones found")
        assert set(acked) | set(recovered) <= stored, "an acknowledged write was lost"
        assert not set(refused) & stored, "a refused write was stored"

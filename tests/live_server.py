"""A real server (`sopimo serve`) on a fresh, migrated database with the demo data."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.databases import fresh_database

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_fresh_database(label: str) -> Iterator[str]:
    """The base URL of a server of its own, stopped and its database dropped afterwards."""
    with fresh_database(label) as url, serve(url) as base_url:
        yield base_url


@contextmanager
def serve(url: str) -> Iterator[str]:
    """A server (`sopimo serve`) on the database at `url`, migrated and with the demo data; stopped afterwards."""
    sopimo = [sys.executable, "-m", "api.cli"]
    # The background worker stays off: the tests that need one run it themselves.
    env = {**os.environ, "DATABASE_URL": url, "SOPIMO_LOG_LEVEL": "WARNING", "SOPIMO_RUN_WORKER": "false"}
    for step in ("migrate", "load-demo"):
        subprocess.run([*sopimo, step], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    # The server's output goes to a file: a pipe nobody reads fills up and stops the server mid-request.
    with tempfile.TemporaryFile() as output:
        server = subprocess.Popen(
            [*sopimo, "serve"], cwd=ROOT, env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
            stdout=subprocess.DEVNULL, stderr=output,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    output.seek(0)
                    raise RuntimeError(f"the server did not start: {output.read().decode()[-2000:]}")
                time.sleep(0.2)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:  # a request still hanging: the test has failed already
                server.kill()
                server.wait(timeout=10)

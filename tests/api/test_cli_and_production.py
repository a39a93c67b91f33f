import os
import subprocess
import sys
from pathlib import Path

import pytest

from api.main import refuse_demo_users

ROOT = Path(__file__).resolve().parents[2]


async def test_production_refuses_to_start_with_demo_users(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError, match="demo users"):
        await refuse_demo_users()


def test_production_refuses_a_placeholder_secret_and_demo_data(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "SOPIMO_ENVIRONMENT": "production"}
    result = subprocess.run([sys.executable, "-m", "api.cli", "load-demo"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "SOPIMO_SECRET_KEY" in result.stderr
    env["SOPIMO_SECRET_KEY"] = "x" * 40
    result = subprocess.run([sys.executable, "-m", "api.cli", "load-demo"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 2 and "not loaded in production" in result.stderr


def test_create_admin_from_the_command_line(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "SOPIMO_ADMIN_PASSWORD": "lyhyt"}
    command = [sys.executable, "-m", "api.cli", "create-admin", "ylläpito@kunta.example", "--organisation", "837"]
    short = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert short.returncode == 2 and "at least 8 characters" in short.stderr
    env["SOPIMO_ADMIN_PASSWORD"] = "riittävän pitkä salasana"
    unknown = subprocess.run([*command[:-1], "000"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert unknown.returncode == 2 and "No organisation" in unknown.stderr

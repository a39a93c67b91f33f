"""The contract as other tools read it: Redocly's linter finds no error in it, openapi-python-client generates
a client from it without a warning, and that client works against a real server."""

import importlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.databases import skip_or_fail
from tests.live_server import serve_fresh_database

ROOT = Path(__file__).resolve().parents[2]
REDOCLY = ROOT / "node_modules" / ".bin" / "redocly"
CLIENT_PACKAGE = "sopimo_client"
PASSWORD = "demo-salasana"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve_fresh_database("contract") as url:
        yield url


@pytest.fixture(scope="module")
def contract(server: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The document as the running application serves it."""
    response = httpx.get(f"{server}/api/openapi.json")
    assert response.status_code == 200
    path = tmp_path_factory.mktemp("contract") / "openapi.json"
    path.write_text(json.dumps(response.json(), indent=2, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def generated(contract: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Where the generated client package was written; its import path for the module's tests."""
    folder = tmp_path_factory.mktemp("client")
    result = subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(contract), "--meta", "none",
         "--output-path", str(folder / CLIENT_PACKAGE), "--fail-on-warning"],
        cwd=folder, capture_output=True, text=True, timeout=300,
        # The generator formats its output with ruff, found on PATH: the one installed beside this Python.
        env={**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), output
    assert "error" not in output.lower(), output
    sys.path.insert(0, str(folder))
    try:
        yield str(folder)
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name == CLIENT_PACKAGE or name.startswith(f"{CLIENT_PACKAGE}.")]:
            del sys.modules[name]


def client_module(name: str) -> ModuleType:
    return importlib.import_module(f"{CLIENT_PACKAGE}.{name}")


def test_redocly_finds_no_error_in_the_contract(contract: Path) -> None:
    if not REDOCLY.exists():
        skip_or_fail(f"{REDOCLY} is missing: run `make install` (npm ci)")
    result = subprocess.run(
        [str(REDOCLY), "lint", str(contract), "--config", str(ROOT / "redocly.yaml"), "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "REDOCLY_SUPPRESS_NOTIFICATIONS": "true", "REDOCLY_TELEMETRY": "off"},
    )
    report: dict[str, Any] = json.loads(result.stdout)
    errors = [f"{p['ruleId']}: {p['message']} at {p['location'][0]['pointer']}" for p in report["problems"]
              if p["severity"] == "error"]
    assert errors == []
    assert report["totals"]["errors"] == 0
    assert result.returncode == 0, result.stderr[-2000:]
    warnings = sorted({p["ruleId"] for p in report["problems"] if p["severity"] == "warn"})
    # Known and accepted: the health probes have no 4xx to document, and no licence has been chosen.
    assert set(warnings) <= {"operation-4xx-response", "info-license"}, warnings


def test_the_generated_client_runs_a_whole_flow(server: str, generated: str) -> None:
    package = importlib.import_module(CLIENT_PACKAGE)
    models = client_module("models")
    create_token = client_module("api.authentication.create_token")
    list_agreements = client_module("api.agreements.list_agreements")
    get_agreement = client_module("api.agreements.get_agreement")
    create_organisation = client_module("api.organisations.create_organisation")
    update_organisation = client_module("api.organisations.update_organisation")
    get_organisation = client_module("api.organisations.get_organisation")

    anonymous = package.Client(base_url=server, raise_on_unexpected_status=True)
    wrong = create_token.sync_detailed(client=anonymous, body=models.BodyCreateToken(
        username="paakayttaja@sopimo.example", password="not-the-password"))
    assert wrong.status_code == 401
    assert isinstance(wrong.parsed, models.Problem) and wrong.parsed.status == 401
    token = create_token.sync(client=anonymous, body=models.BodyCreateToken(
        username="paakayttaja@sopimo.example", password=PASSWORD))
    assert isinstance(token, models.TokenRead) and token.access_token

    api = package.AuthenticatedClient(base_url=server, token=token.access_token, raise_on_unexpected_status=True)
    page = list_agreements.sync(client=api, limit=5)
    assert isinstance(page, models.PageAgreementSummary) and page.items
    agreement = get_agreement.sync(page.items[0].id, client=api)
    assert isinstance(agreement, models.AgreementRead)
    assert agreement.id == page.items[0].id and agreement.title == page.items[0].title

    created = create_organisation.sync_detailed(client=api, body=models.OrganisationCreate(
        kind=models.OrganisationKind.ASSOCIATION, name_fi="Sopimustesti ry"))
    assert created.status_code == 201
    organisation = created.parsed
    assert isinstance(organisation, models.OrganisationRead)
    assert organisation.created_at.utcoffset() is not None and organisation.created_at.utcoffset().total_seconds() == 0
    first_tag = created.headers["etag"]

    updated = update_organisation.sync_detailed(organisation.id, client=api, if_match=first_tag,
                                                body=models.OrganisationUpdate(name_sv="Avtalstest rf"))
    assert updated.status_code == 200
    assert isinstance(updated.parsed, models.OrganisationRead) and updated.parsed.name_sv == "Avtalstest rf"
    assert updated.headers["etag"] != first_tag

    stale = update_organisation.sync_detailed(organisation.id, client=api, if_match=first_tag,
                                              body=models.OrganisationUpdate(name_sv="Vanha tieto"))
    assert stale.status_code == 412
    assert isinstance(stale.parsed, models.Problem) and stale.parsed.status == 412
    missing_tag = update_organisation.sync_detailed(organisation.id, client=api,
                                                    body=models.OrganisationUpdate(name_sv="Ilman ETagia"))
    assert missing_tag.status_code == 428
    assert isinstance(missing_tag.parsed, models.Problem)

    missing = get_organisation.sync_detailed(uuid.uuid4(), client=api)
    assert missing.status_code == 404
    problem = missing.parsed
    assert isinstance(problem, models.Problem)
    assert problem.status == 404 and problem.title and problem.detail
    assert isinstance(problem.instance, str) and problem.instance.startswith("/api/v1/organisations/")
    assert get_organisation.sync(organisation.id, client=api).name_sv == "Avtalstest rf"

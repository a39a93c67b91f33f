"""Hostile files sent to a real server: each is answered with its 4xx code within a bound, while /healthz,
polled all the while, keeps answering at once. The worst /healthz latency of each is printed."""

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx
import pytest

from tests import hostile_files
from tests.live_server import serve_fresh_database

#: The reading time limit of the server under test: short, so that a file that is slow to read is stopped soon.
PARSE_TIMEOUT_SECONDS = 3
#: The longest /healthz may take while a hostile file is handled.
HEALTHZ_BOUND_SECONDS = 1.0
PREVIEW = "/api/v1/agreements/import-preview"
ORGANISATIONS = "/api/v1/organisations/imports"
STATISTICS = "/api/v1/statistics/imports"
WORST_LATENCIES: dict[str, float] = {}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOPIMO_PARSE_TIMEOUT_SECONDS", str(PARSE_TIMEOUT_SECONDS))
        with serve_fresh_database("hostile") as url:
            yield url


@pytest.fixture(scope="module")
def admin(server: str) -> Iterator[httpx.Client]:
    token = httpx.post(f"{server}/api/v1/auth/token",
                       data={"username": "paakayttaja@sopimo.example", "password": "demo-salasana"}).json()
    with httpx.Client(base_url=server, timeout=120,
                      headers={"Authorization": f"Bearer {token['access_token']}"}) as client:
        client.post(PREVIEW, data={"text": "1. Kohta\n\nTeksti.\n"}).raise_for_status()  # the readers are up
        yield client


@dataclass
class HealthPoller:
    """Polls /healthz from a thread of its own, recording how long each answer took."""

    base_url: str
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> "HealthPoller":
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _poll(self) -> None:
        with httpx.Client(base_url=self.base_url, timeout=30) as client:
            while not self._stop.is_set():
                started = time.monotonic()
                try:
                    status = client.get("/healthz").status_code
                except httpx.HTTPError as error:
                    self.failures.append(repr(error))
                else:
                    if status != 200:
                        self.failures.append(f"status {status}")
                self.latencies.append(time.monotonic() - started)
                self._stop.wait(0.02)


@dataclass(frozen=True)
class Hostile:
    name: str
    path: str
    build: Callable[[], bytes]
    filename: str
    media_type: str
    status: int
    code: str
    bound_seconds: float = 10


HOSTILE = [
    Hostile("zip bomb .docx (300 MB unpacked)", PREVIEW, hostile_files.zip_bomb_docx, "pommi.docx",
            hostile_files.DOCX_MEDIA_TYPE, 413, "document.unpacked_too_large"),
    Hostile(".docx of 5000 parts", PREVIEW, hostile_files.many_parts_docx, "osat.docx",
            hostile_files.DOCX_MEDIA_TYPE, 422, "document.too_many_parts"),
    Hostile(".docx nested 100 000 deep", PREVIEW, hostile_files.deeply_nested_docx, "syva.docx",
            hostile_files.DOCX_MEDIA_TYPE, 422, "document.docx_unreadable"),
    Hostile(".docx slow to read (a table of 100 000 rows)", PREVIEW, hostile_files.slow_docx, "hidas.docx",
            hostile_files.DOCX_MEDIA_TYPE, 422, "file.took_too_long", PARSE_TIMEOUT_SECONDS + 7),
    Hostile("text of 9.5 MB", PREVIEW, hostile_files.huge_text, "pitka.txt", "text/plain", 413,
            "document.text_too_long"),
    Hostile("NUL bytes in a text", PREVIEW, lambda: b"1. Kohta\n\nTeks\x00ti.\n", "nul.txt", "text/plain", 422,
            "document.not_utf8"),
    Hostile("NUL bytes in a CSV", ORGANISATIONS,
            lambda: hostile_files.cr_only_municipalities_csv(1).replace(b"Tampere", b"Tamp\x00ere"), "kunnat.csv",
            "text/csv", 422, "file.not_text"),
]


def send_while_polling(server: str, name: str, send: Callable[[], list[httpx.Response]]
                       ) -> tuple[list[httpx.Response], float, HealthPoller]:
    with HealthPoller(server) as poller:
        time.sleep(0.1)
        started = time.monotonic()
        responses = send()
        elapsed = time.monotonic() - started
    assert poller.latencies, "/healthz was polled"
    WORST_LATENCIES[name] = max(poller.latencies)
    return responses, elapsed, poller


@pytest.mark.parametrize("hostile", HOSTILE, ids=[h.name for h in HOSTILE])
def test_a_hostile_file_is_refused_within_a_bound_while_healthz_answers(
        server: str, admin: httpx.Client, hostile: Hostile, capsys: pytest.CaptureFixture[str]) -> None:
    content = hostile.build()
    (response,), elapsed, poller = send_while_polling(server, hostile.name, lambda: [admin.post(
        hostile.path, files={"file": (hostile.filename, content, hostile.media_type)})])
    with capsys.disabled():
        print(f"\n{hostile.name} ({len(content) / 2**20:.2f} MB): {response.status_code} "
              f"{response.json().get('code')} in {elapsed:.2f} s; /healthz at most "
              f"{max(poller.latencies) * 1000:.0f} ms over {len(poller.latencies)} polls")
    assert response.status_code == hostile.status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == hostile.code
    assert elapsed < hostile.bound_seconds
    assert not poller.failures
    assert max(poller.latencies) < HEALTHZ_BOUND_SECONDS


def test_more_slow_files_than_workers_at_once_are_each_refused_and_healthz_answers(
        server: str, admin: httpx.Client, capsys: pytest.CaptureFixture[str]) -> None:
    content = hostile_files.slow_docx()

    def send_four() -> list[httpx.Response]:
        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(lambda _: admin.post(PREVIEW, files={"file": (
                "hidas.docx", content, hostile_files.DOCX_MEDIA_TYPE)}), range(4)))

    responses, elapsed, poller = send_while_polling(server, "four slow .docx at once", send_four)
    with capsys.disabled():
        print(f"\nfour slow .docx at once: {[r.status_code for r in responses]} in {elapsed:.2f} s; /healthz at "
              f"most {max(poller.latencies) * 1000:.0f} ms")
    # Two are read at a time (parse_workers): the first two are stopped at the time limit, the other two were
    # read in their turn (and stopped) or waited as long as one file may take and were told to come back.
    assert sorted(r.status_code for r in responses)[:2] == [422, 422]
    for response in responses:
        assert (response.status_code, response.json()["code"]) in {(422, "file.took_too_long"), (503, "upload.busy")}
        if response.status_code == 503:
            assert response.headers["retry-after"] == str(PARSE_TIMEOUT_SECONDS)
    assert elapsed < 3 * PARSE_TIMEOUT_SECONDS + 10
    assert not poller.failures
    assert max(poller.latencies) < HEALTHZ_BOUND_SECONDS


def test_cr_only_csv_files_are_accepted_and_read_right(server: str, admin: httpx.Client) -> None:
    organisations = admin.post(ORGANISATIONS, params={"apply": "true"}, files={
        "file": ("kunnat.csv", hostile_files.cr_only_municipalities_csv(250_321), "text/csv")})
    assert organisations.status_code == 200, organisations.text
    assert [(r["line"], r["municipality_code"], r["action"]) for r in organisations.json()["rows"]] == [
        (2, "837", "update")]
    tampere = admin.get("/api/v1/organisations", params={"q": "Tampere"}).json()["items"][0]
    assert admin.get(f"/api/v1/organisations/{tampere['id']}").json()["population"] == 250_321

    statistics = admin.post(STATISTICS, params={"apply": "true"}, files={
        "file": ("luvut.csv", hostile_files.cr_only_statistics_csv(21_350), "text/csv")})
    assert statistics.status_code == 200, statistics.text
    assert [(r["line"], r["municipality_code"], r["value"]) for r in statistics.json()["rows"]] == [
        (2, "837", "21350"), (3, "536", "2135")]


def test_the_server_still_reads_an_ordinary_document_afterwards(admin: httpx.Client) -> None:
    response = admin.post(PREVIEW, files={"file": ("sopimus.docx", hostile_files.docx_with(repeat=3),
                                                   hostile_files.DOCX_MEDIA_TYPE)})
    assert response.status_code == 200, response.text
    assert response.json()["kind"] == "docx"


def test_healthz_stayed_fast_through_every_hostile_file(capsys: pytest.CaptureFixture[str]) -> None:
    """The figure to quote: the worst /healthz latency while any hostile file was being refused."""
    assert len(WORST_LATENCIES) == len(HOSTILE) + 1, "every hostile file was sent with /healthz polled"
    worst = max(WORST_LATENCIES.values())
    with capsys.disabled():
        print(f"\n/healthz while hostile files were refused: at most {worst * 1000:.0f} ms "
              f"({', '.join(f'{name} {value * 1000:.0f} ms' for name, value in WORST_LATENCIES.items())})")
    assert worst < HEALTHZ_BOUND_SECONDS

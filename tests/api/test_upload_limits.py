"""Uploads through the API: read in a worker process within limits, refused with 413 or 422 and a code, the
event loop free meanwhile; CR-only CSV files imported; annex names outside Latin-1 downloaded."""

import asyncio
import time
from urllib.parse import unquote

import httpx
import pytest

from api import uploads
from api.errors import ReadersBusy
from api.settings import Settings, get_settings
from domain.files import FileTooComplex, FileTookTooLong
from tests import hostile_files
from tests.api.agreement_helpers import create_agreement
from tests.api.helpers import assert_problem, find_one, organisation_named

PREVIEW = "/api/v1/agreements/import-preview"


def sleep_for(seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 2**20))


def limited(**changes: object) -> Settings:
    return get_settings().model_copy(update=changes)


async def test_a_zip_bomb_docx_is_refused_with_413_at_once(client: httpx.AsyncClient) -> None:
    started = time.monotonic()
    response = await client.post(PREVIEW, files={"file": ("pommi.docx", hostile_files.zip_bomb_docx(),
                                                          hostile_files.DOCX_MEDIA_TYPE)})
    problem = assert_problem(response, 413)
    assert (problem["code"], problem["params"]) == ("document.unpacked_too_large", {"limit_mb": 30})
    assert time.monotonic() - started < 10


async def test_a_docx_of_too_many_parts_or_nested_too_deep_is_422(client: httpx.AsyncClient) -> None:
    parts = await client.post(PREVIEW, files={"file": ("osat.docx", hostile_files.many_parts_docx(),
                                                       hostile_files.DOCX_MEDIA_TYPE)})
    assert assert_problem(parts, 422)["code"] == "document.too_many_parts"
    nested = await client.post(PREVIEW, files={"file": ("syva.docx", hostile_files.deeply_nested_docx(),
                                                        hostile_files.DOCX_MEDIA_TYPE)})
    assert assert_problem(nested, 422)["code"] == "document.docx_unreadable"


async def test_a_text_of_9_5_mb_is_413_not_500(client: httpx.AsyncClient) -> None:
    response = await client.post(PREVIEW, files={"file": ("pitka.txt", hostile_files.huge_text(9.5), "text/plain")})
    problem = assert_problem(response, 413)
    assert (problem["code"], problem["params"]) == ("document.text_too_long", {"limit": 2_000_000})
    one_paragraph = await client.post(PREVIEW, files={"file": ("rivi.txt", b"1. Kohta\n\n" + b"sana " * 20_000,
                                                               "text/plain")})
    assert assert_problem(one_paragraph, 422)["code"] == "document.paragraph_too_long"
    too_large = await client.post(PREVIEW, files={"file": ("iso.txt", b"a" * (10 * 2**20 + 1), "text/plain")})
    assert assert_problem(too_large, 413)["code"] == "upload.too_large"


async def test_a_document_that_takes_too_long_is_stopped_and_refused(client: httpx.AsyncClient,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "get_settings", lambda: limited(parse_timeout_seconds=2.0))
    started = time.monotonic()
    response = await client.post(PREVIEW, files={"file": ("hidas.docx", hostile_files.slow_docx(),
                                                          hostile_files.DOCX_MEDIA_TYPE)})
    problem = assert_problem(response, 422)
    assert (problem["code"], problem["params"]) == ("file.took_too_long", {"limit_seconds": "2.0"})
    assert time.monotonic() - started < 8


async def test_the_event_loop_answers_while_a_file_is_being_read() -> None:
    reading = asyncio.create_task(uploads.read_in_worker(sleep_for, 1.5))
    worst = 0.0
    while not reading.done():
        before = time.monotonic()
        await asyncio.sleep(0.01)
        worst = max(worst, time.monotonic() - before)
    assert await reading == "done"
    assert worst < 0.25, f"the event loop stalled for {worst:.3f} s"


async def test_a_worker_is_killed_at_the_time_limit_and_limited_in_memory() -> None:
    started = time.monotonic()
    with pytest.raises(FileTookTooLong):
        await uploads.read_in_worker(sleep_for, 60, settings=limited(parse_timeout_seconds=0.5))
    assert time.monotonic() - started < 5
    with pytest.raises(FileTooComplex) as refused:
        await uploads.read_in_worker(allocate, 4096, settings=limited(parse_memory_mb=512))
    assert refused.value.params == {"limit_mb": 512}
    assert await uploads.read_in_worker(allocate, 10) == 10 * 2**20


async def test_when_every_worker_is_busy_a_file_waits_then_is_refused_with_503() -> None:
    busy = asyncio.create_task(uploads.read_in_worker(sleep_for, 1.5, settings=limited(parse_workers=1)))
    await asyncio.sleep(0.2)
    with pytest.raises(ReadersBusy):
        await uploads.read_in_worker(sleep_for, 0, settings=limited(parse_workers=1, parse_timeout_seconds=0.3))
    assert await busy == "done"


async def test_cr_only_csv_files_are_imported_in_both_imports(client: httpx.AsyncClient) -> None:
    organisations = await client.post("/api/v1/organisations/imports", params={"apply": "true"}, files={
        "file": ("kunnat.csv", hostile_files.cr_only_municipalities_csv(250_123), "text/csv")})
    assert organisations.status_code == 200, organisations.text
    assert (organisations.json()["updated"], organisations.json()["errors"]) == (1, 0)
    assert (await organisation_named(client, "Tampere"))["population"] == 250_123

    statistics = await client.post("/api/v1/statistics/imports", params={"apply": "true"}, files={
        "file": ("luvut.csv", hostile_files.cr_only_statistics_csv(21_350), "text/csv")})
    assert statistics.status_code == 200, statistics.text
    assert [row["line"] for row in statistics.json()["rows"]] == [2, 3]
    tampere = await organisation_named(client, "Tampere")
    value = await find_one(client, "/api/v1/statistics", name="jobseekers", reference_date="2024-12-31",
                           organisation_id=tampere["id"])
    assert value["value"] == "21350"


async def test_a_nul_byte_in_a_csv_is_422_on_every_database(client: httpx.AsyncClient) -> None:
    content = hostile_files.cr_only_municipalities_csv(1).replace(b"Tampere", b"Tamp\x00ere")
    response = await client.post("/api/v1/organisations/imports", params={"apply": "true"},
                                 files={"file": ("kunnat.csv", content, "text/csv")})
    assert assert_problem(response, 422)["code"] == "file.not_text"
    assert (await organisation_named(client, "Tampere"))["name_fi"] == "Tampere"


async def test_an_annex_named_outside_latin_1_downloads_with_rfc_6266_names(client: httpx.AsyncClient,
                                                                            anonymous: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    url = f"/api/v1/agreements/{agreement['id']}/versions/{agreement['versions'][0]['id']}/annexes"
    name = "Liite – kustannukset 2025 €.pdf"
    upload = await client.post(f"{url}/files", files={"file": (name, b"%PDF-1.4 liite", "application/pdf")})
    assert upload.status_code == 201, upload.text
    assert upload.json()["filename"] == name
    download = await client.get(f"{url}/{upload.json()['id']}/content")
    assert download.status_code == 200 and download.content == b"%PDF-1.4 liite"
    disposition = download.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Liite _ kustannukset 2025 _.pdf"; ')
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == name

    # A browser percent-encodes these; a hand-made request sends them as they are.
    body = (b'--raja\r\nContent-Disposition: form-data; name="file"; filename="a\x00b\tc.pdf"\r\n'
            b"Content-Type: application/pdf\r\n\r\nx\r\n--raja--\r\n")
    hostile = await client.post(f"{url}/files", content=body,
                                headers={"Content-Type": "multipart/form-data; boundary=raja"})
    assert hostile.status_code == 201, hostile.text
    assert hostile.json()["filename"] == "abc.pdf"
    assert (await client.get(f"{url}/{hostile.json()['id']}/content")).headers["content-disposition"] == (
        "attachment; filename=\"abc.pdf\"; filename*=UTF-8''abc.pdf")


async def test_a_long_draft_text_is_read_in_a_worker_into_the_same_sections(client: httpx.AsyncClient,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from api.agreements import service

    read_in_worker = []

    async def counted(function, *args, **kwargs):  # type: ignore[no-untyped-def]
        read_in_worker.append(function.__name__)
        return await uploads.read_in_worker(function, *args, **kwargs)

    monkeypatch.setattr(service, "read_in_worker", counted)
    agreement = await create_agreement(client)
    draft = agreement["versions"][0]
    url = f"/api/v1/agreements/{agreement['id']}/versions/{draft['id']}"
    paragraph = "Kunnat sopivat työllisyyspalveluista yhdessä ja kertovat toisilleen kaiken olennaisen. " * 8
    text = "".join(f"{n}. Kohta {n}\n\n{paragraph.strip()}\n\n• hallinto\n• neuvonta\n\n" for n in range(1, 81))
    assert len(text) > service.TEXT_READ_AT_ONCE
    edited = await client.patch(url, json={"text": text}, headers={"If-Match": f'"{draft["version"]}"'})
    assert edited.status_code == 200, edited.text
    assert read_in_worker == ["read_sections_text"]
    sections = edited.json()["sections"]
    assert [s["number"] for s in sections] == [str(n) for n in range(1, 81)]
    assert sections[79]["blocks"] == [{"type": "paragraph", "text": paragraph.strip()},
                                      {"type": "list", "items": ["hallinto", "neuvonta"]}]


async def test_a_body_beyond_the_request_limit_is_refused_before_it_is_read(client: httpx.AsyncClient,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "get_settings", lambda: limited(request_max_mb=1))
    declared = await client.post(PREVIEW, files={"file": ("iso.txt", b"a" * (2 * 2**20), "text/plain")})
    problem = assert_problem(declared, 413)
    assert (problem["code"], problem["params"]) == ("upload.too_large", {"limit_mb": 1})

    async def chunks():  # type: ignore[no-untyped-def]
        yield b'--raja\r\nContent-Disposition: form-data; name="file"; filename="iso.txt"\r\n\r\n'
        for _ in range(40):
            yield b"a" * 65536
        yield b"\r\n--raja--\r\n"

    undeclared = await client.post(PREVIEW, content=chunks(),
                                   headers={"Content-Type": "multipart/form-data; boundary=raja"})
    assert "content-length" not in undeclared.request.headers
    assert assert_problem(undeclared, 413)["code"] == "upload.too_large"
    assert (await client.post(PREVIEW, data={"text": "1. Kohta\n\nTeksti.\n"})).status_code == 200

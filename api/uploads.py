"""Reading an uploaded file in a worker process of its own, never on the event loop.

A file from outside may be made to exhaust whoever reads it: a .docx that unpacks to gigabytes, a table
that takes python-docx minutes, a PDF of countless pages. Each file is read by a fresh process forked from
a small server process that has the readers imported already (cheap to fork, and nothing of the event
loop's threads or connections is copied). The process gets a memory limit (RLIMIT_AS) and a lower
priority, and is killed when it runs longer than the time limit. What comes back is what the reader
returned or the coded error it raised; a process that ran out of memory or was stopped is a refusal of the
file (422), not a fault of the server. At most `parse_workers` files are read at once; a file that waits
longer than the time limit for its turn is refused with 503 and Retry-After.

The same workers make the pages' PDF files (web/printing.py), with limits and refusals of their own:
`run_in_worker` takes both, `read_in_worker` is it with the limits and refusals of reading a file.
"""

import asyncio
import contextlib
import logging
import multiprocessing
import os
import resource
import sys
import threading
import traceback
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import Request, UploadFile
from starlette.types import Message, Receive, Scope, Send

from api.errors import ReadersBusy, ServerFault, UploadTooLarge
from api.http_middleware import HttpMiddleware
from api.problems import problem_response
from api.settings import Settings, get_settings
from domain.agreements.importing import DocumentLimits
from domain.errors import CodedError
from domain.files import FileTooComplex, FileTookTooLong, ascii_filename, clean_filename

T = TypeVar("T")
logger = logging.getLogger("sopimo.uploads")

#: Imported once by the fork server, so that a worker starts with the readers loaded; the first lowers its
#: priority.
PRELOAD = ["api.reader_process", "api.uploads", "domain.agreements.importing", "domain.reference_data",
           "domain.costs.statistics_file", "docx", "pypdf", "lxml.etree"]


@dataclass(frozen=True)
class WorkerLimits:
    seconds: float
    memory_bytes: int
    workers: int


@dataclass(frozen=True)
class WorkerRefusals:
    """What the caller is told when its work waited its turn for too long (given the seconds to wait before trying
    again), ran past the time limit (given the limit) or out of memory (given the limit in MB)."""

    busy: Callable[[int], CodedError]
    took_too_long: Callable[[float], CodedError]
    too_complex: Callable[[int], CodedError]


#: Reading an uploaded file: a file that takes too long or too much memory is refused as the file's fault (422).
READING = WorkerRefusals(busy=lambda seconds: ReadersBusy(seconds=seconds),
                         took_too_long=lambda seconds: FileTookTooLong(limit_seconds=seconds),
                         too_complex=lambda mb: FileTooComplex(limit_mb=mb))


def worker_limits(settings: Settings) -> WorkerLimits:
    return WorkerLimits(seconds=settings.parse_timeout_seconds, memory_bytes=settings.parse_memory_mb * 2**20,
                        workers=settings.parse_workers)


def document_limits(settings: Settings | None = None) -> DocumentLimits:
    settings = settings or get_settings()
    return DocumentLimits(unpacked_bytes=settings.import_max_unpacked_mb * 2**20, parts=settings.import_max_parts,
                          pages=settings.import_max_pages, text_chars=settings.import_max_text_chars)


async def read_upload(file: UploadFile, limit_mb: int) -> bytes:
    """The bytes of an uploaded file, refused (413) beyond `limit_mb` without reading further."""
    content = await file.read(limit_mb * 2**20 + 1)
    if len(content) > limit_mb * 2**20:
        raise UploadTooLarge(limit_mb=limit_mb)
    return content


def attachment(filename: str) -> str:
    """A Content-Disposition for downloading `filename` (RFC 6266): an ASCII fallback for old clients and the
    name itself in UTF-8, percent-encoded, for the rest; no header can be broken by a name."""
    name = clean_filename(filename)
    return f"attachment; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


async def read_in_worker(function: Callable[..., T], *args: Any, settings: Settings | None = None) -> T:
    """`function(*args)` in a worker process within the limits of `settings`; `function` and its arguments
    and result must pickle (a module-level function, plain values)."""
    return await run_in_worker(function, *args, limits=worker_limits(settings or get_settings()), refusals=READING)


async def run_in_worker(function: Callable[..., T], *args: Any, limits: WorkerLimits, refusals: WorkerRefusals) -> T:
    """`function(*args)` in a worker process within `limits`, refused as `refusals` say; a coded error that
    `function` raises is raised here. Every caller shares the same `limits.workers` slots."""
    slots = _slots(limits.workers)
    try:
        await asyncio.wait_for(slots.acquire(), timeout=limits.seconds)
    except TimeoutError:
        raise refusals.busy(max(1, round(limits.seconds))) from None
    try:
        kind, value = await asyncio.get_running_loop().run_in_executor(_waiters(limits.workers), _run, function,
                                                                      args, limits)
    finally:
        slots.release()
    if kind == "ok":
        return value  # what `function` returned, through pickle
    if kind == "refused":
        raise value
    if kind == "timeout":
        raise refusals.took_too_long(limits.seconds)
    if kind == "memory":
        raise refusals.too_complex(limits.memory_bytes // 2**20)
    logger.error("%s failed in its worker: %s", getattr(function, "__name__", "work"), value)
    raise ServerFault()


def preload(*modules: str) -> None:
    """Modules for the fork server to import as well, so that each worker starts with them loaded (the pages'
    PDF maker); effective when named before the first worker starts (the service's start-up)."""
    with _lock:
        extra = _state.setdefault("preload", [])
        extra.extend(module for module in modules if module not in extra)


def warm_up() -> None:
    """Start the fork server in the background, so that the first upload does not wait for it."""
    def start() -> None:
        _context()
        forkserver.ensure_running()

    threading.Thread(target=start, name="upload-readers", daemon=True).start()


class BodyLimitMiddleware(HttpMiddleware):
    """Refuses a request body larger than `request_max_mb` (413) before the framework spools it to disk: by its
    Content-Length at once, or, sent without one, as soon as the bytes received pass the limit."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit_mb = get_settings().request_max_mb
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit_mb * 2**20:
            await problem_response(Request(scope), UploadTooLarge(limit_mb=limit_mb))(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit_mb * 2**20:
                raise UploadTooLarge(limit_mb=limit_mb)
            return message

        await self.app(scope, counted, send)


# --- the parent's side -------------------------------------------------------------------------------------

_lock = threading.Lock()
_state: dict[str, Any] = {}
# An asyncio semaphore belongs to one event loop; a test run may have several loops.
_loop_slots: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, asyncio.Semaphore]]" = (
    weakref.WeakKeyDictionary())


def _context() -> ForkServerContext:
    with _lock:
        if "context" not in _state:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([*PRELOAD, *_state.get("preload", []), *_main_module()])
            _state["context"] = context
        return _state["context"]


def _main_module() -> list[str]:
    """The program's main module, for the fork server to import once: multiprocessing sets up each worker
    with it (`sopimo serve` runs api.cli), which costs a second per file when nothing of it is imported."""
    name = getattr(getattr(sys.modules.get("__main__"), "__spec__", None), "name", None)
    return ["__main__", *([name] if name and not name.endswith("__main__") else [])]


def _waiters(workers: int) -> ThreadPoolExecutor:
    # A thread per running worker waits for its answer: the event loop never blocks on a pipe or a process.
    with _lock:
        if _state.get("waiters_for") != workers:
            _state["waiters"] = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="upload-reader")
            _state["waiters_for"] = workers
        return _state["waiters"]


def _slots(workers: int) -> asyncio.Semaphore:
    by_count = _loop_slots.setdefault(asyncio.get_running_loop(), {})
    if workers not in by_count:
        by_count[workers] = asyncio.Semaphore(workers)
    return by_count[workers]


def _run(function: Callable[..., Any], args: tuple[Any, ...], limits: WorkerLimits) -> tuple[str, Any]:
    """In a waiting thread: start the worker, wait at most the time limit, kill it if it is still running."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_work, args=(send, function, args, limits.memory_bytes), daemon=True)
    try:
        process.start()
    finally:
        send.close()
    try:
        if not receive.poll(limits.seconds):
            return "timeout", None
        try:
            return receive.recv()
        except EOFError:  # the worker died without answering: killed by the kernel, or out of memory
            return "memory", None
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join(5)


# --- the worker's side -----------------------------------------------------------------------------------


def _work(send: Connection, function: Callable[..., Any], args: tuple[Any, ...], memory_bytes: int) -> None:
    with contextlib.suppress(OSError):
        os.nice(5)  # below the fork server's own lowered priority (api/reader_process.py): requests go first
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    outcome: tuple[str, Any]
    try:
        outcome = ("ok", function(*args))
    except CodedError as error:
        outcome = ("refused", error)
    except (MemoryError, RecursionError):
        outcome = ("memory", None)
    except Exception:
        outcome = ("fault", traceback.format_exc())
    try:
        send.send(outcome)
    except MemoryError:
        send.send(("memory", None))
    finally:
        send.close()

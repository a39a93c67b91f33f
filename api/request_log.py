"""Structured request logs: one JSON line per request, with a request id the client can quote."""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar

from starlette.types import Message, Receive, Scope, Send

from api.http_middleware import HttpMiddleware

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
logger = logging.getLogger("sopimo.requests")
#: A calendar feed's address holds its person's secret: the logs never keep it.
CALENDAR_SECRET = re.compile(r"^(/api/v1/calendar/)(?!reset$)[^/]+(/|$)")


def logged_path(path: str) -> str:
    return CALENDAR_SECRET.sub(r"\1…\2", path)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id_var.get(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("sopimo")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


class RequestLogMiddleware(HttpMiddleware):
    """Gives every request an id (or keeps the caller's X-Request-ID), echoes it and logs the outcome."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if 0 < len(incoming) <= 100 and incoming.isprintable() else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("request failed", extra={"fields": {"path": logged_path(scope["path"])}})
            raise
        finally:
            logger.info(
                "request",
                extra={
                    "fields": {
                        "method": scope["method"],
                        "path": logged_path(scope["path"]),
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    }
                },
            )
            request_id_var.reset(token)

"""Refuses a NUL character (U+0000) anywhere in a request's text before a route sees it.

PostgreSQL cannot store U+0000 in text, so a NUL in a query, a path, a form or a JSON body would otherwise
reach the database and fail there as a 500. Uploaded files (multipart) are binary and are not looked at here:
their parsers refuse what they cannot read.
"""

import re

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import NulCharacter
from api.problems import problem_response

ENCODED_NUL = re.compile(rb"%00")
# \u0000 in JSON, unless its backslash is itself escaped (an even run of backslashes before it).
JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
TEXT_BODIES = ("application/json", "application/x-www-form-urlencoded", "application/problem+json")


def has_nul(raw: bytes, *, json: bool) -> bool:
    if b"\x00" in raw:
        return True
    return bool(JSON_NUL.search(raw)) if json else bool(ENCODED_NUL.search(raw))


class RefuseNulMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
        if "\x00" in scope["path"] or has_nul(raw_path, json=False):
            await self.refuse(scope, receive, send, "path")
            return
        if has_nul(scope.get("query_string", b""), json=False):
            await self.refuse(scope, receive, send, "query")
            return
        content_type = dict(scope.get("headers") or []).get(b"content-type", b"").split(b";")[0].strip().lower()
        kind = content_type.decode("latin-1")
        if kind not in TEXT_BODIES and not kind.endswith("+json"):
            await self.app(scope, receive, send)
            return
        # A JSON or form body is read whole by the route anyway; read it here and hand it on unchanged.
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if has_nul(body, json=kind != "application/x-www-form-urlencoded"):
            await self.refuse(scope, receive, send, "body")
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    @staticmethod
    async def refuse(scope: Scope, receive: Receive, send: Send, where: str) -> None:
        response = problem_response(Request(scope, receive), NulCharacter(where=where))
        await response(scope, receive, send)

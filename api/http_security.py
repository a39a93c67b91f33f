"""Who is really asking (the client's address behind trusted proxies) and the security headers of every answer.

X-Forwarded-For and X-Forwarded-Proto are believed only from a direct peer named in SOPIMO_TRUSTED_PROXIES: any
client can send them, so a header from anyone else changes nothing. Behind a chain of proxies the client is the
right-most address that is not one of ours, since every proxy appends the address it saw.
"""

import ipaddress
from contextvars import ContextVar
from functools import lru_cache

from starlette.types import Message, Receive, Scope, Send

from api.http_middleware import HttpMiddleware
from api.settings import get_settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

#: The address of the person behind the request being served; the pages pass it on to the API they call in-process.
client_address_var: ContextVar[str | None] = ContextVar("client_address", default=None)

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    # Swagger UI and the design system's CSS draw their icons from data: URIs.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


@lru_cache(maxsize=8)
def proxy_networks(spec: str) -> tuple[Network, ...]:
    """`10.0.0.5, 192.168.0.0/16, ::1` as networks; a wrong entry is an error at start-up (see Settings)."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in spec.split(",") if part.strip())


def is_trusted(host: str, networks: tuple[Network, ...]) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in networks)


def plain_address(hop: str) -> str:
    """An address as a key: canonical form for an IP address, else (a proxy's "unknown") the text, bounded."""
    try:
        return str(ipaddress.ip_address(hop))
    except ValueError:
        return hop[:100]


def header_values(scope: Scope, name: bytes) -> list[str]:
    return [part.strip() for key, value in scope["headers"] if key == name
            for part in value.decode("latin-1").split(",") if part.strip()]


def resolve_client(peer: str, forwarded_for: list[str], networks: tuple[Network, ...]) -> str:
    """The client's address: the peer, unless it is a trusted proxy; then the right-most forwarded address that
    is not a trusted proxy (or the left-most one if every hop is ours)."""
    if not is_trusted(peer, networks):
        return peer
    address = peer
    for hop in reversed(forwarded_for):
        address = plain_address(hop)
        if not is_trusted(address, networks):
            break
    return address


class ClientAddressMiddleware(HttpMiddleware):
    """Puts the client's real address and scheme into the ASGI scope, for throttling, audit and HSTS."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        networks = proxy_networks(get_settings().trusted_proxies)
        host, port = scope.get("client") or ("unknown", 0)
        if is_trusted(host, networks):
            scope = dict(scope)
            scope["client"] = (resolve_client(host, header_values(scope, b"x-forwarded-for"), networks), port)
            proto = header_values(scope, b"x-forwarded-proto")
            if proto and proto[-1].lower() in ("http", "https"):
                scope["scheme"] = proto[-1].lower()
        token = client_address_var.set(scope["client"][0] if scope.get("client") else None)
        try:
            await self.app(scope, receive, send)
        finally:
            client_address_var.reset(token)


class SecurityHeadersMiddleware(HttpMiddleware):
    """Every answer (API, pages, static files, errors) says: only our own scripts and styles, never in a frame,
    no type sniffing, no referrer outside this site; and over https, https only from now on."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        extra = [*HEADERS, HSTS] if scope.get("scheme") == "https" else list(HEADERS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {key.lower() for key, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)

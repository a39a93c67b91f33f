"""Every answer carries the security headers: API, pages, static files, errors and the API's documentation."""

import re
from collections.abc import Iterator

import httpx
import pytest

from api.settings import get_settings

PATHS = ["/api/v1/areas", "/api/v1/nothing-here", "/", "/login", "/static/app.css", "/static/vendor/htmx.min.js",
         "/api/docs", "/api/openapi.json", "/healthz", "/no-such-page"]


@pytest.mark.parametrize("path", PATHS)
async def test_every_answer_carries_the_security_headers(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    policy = response.headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in response.headers, "plain http says nothing of https"


async def test_pages_and_the_api_docs_have_no_inline_script_or_handler(client: httpx.AsyncClient) -> None:
    for path in ("/", "/organisations", "/api/docs"):
        html = (await client.get(path)).text
        assert all(re.search(r"\bsrc=", tag) for tag in re.findall(r"<script[^>]*>", html)), path
        assert not re.search(r"\son[a-z]+=", html) and "<style" not in html and " style=" not in html, path
    organisation = (await client.get("/api/v1/organisations", params={"q": "Nokia"})).json()["items"][0]
    page = (await client.get(f"/organisations/{organisation['id']}")).text
    assert "data-confirm=" in page and "onsubmit" not in page


@pytest.fixture
def trusted_proxy() -> Iterator[str]:
    settings = get_settings()
    before = settings.trusted_proxies
    settings.trusted_proxies = "10.0.0.2"
    yield "10.0.0.2"
    settings.trusted_proxies = before


async def test_hsts_over_https_directly_or_through_a_trusted_proxy(app, transport, trusted_proxy: str) -> None:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(transport=transport, base_url="https://test") as direct:
        assert "max-age=" in (await direct.get("/login")).headers["strict-transport-security"]

    def from_peer(address: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 4000)), base_url="http://test")

    async with from_peer(trusted_proxy) as proxy:
        behind = await proxy.get("/login", headers={"X-Forwarded-Proto": "https"})
        assert "max-age=" in behind.headers["strict-transport-security"]
        assert "Secure" in behind.headers["set-cookie"], "the page knows it is served over https"
    async with from_peer("198.51.100.7") as stranger:
        forged = await stranger.get("/login", headers={"X-Forwarded-Proto": "https"})
        assert "strict-transport-security" not in forged.headers

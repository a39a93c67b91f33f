"""An error, in the API or in a page, is shown as a page with the layout in the reader's language, never as a
plain-text "Internal Server Error"."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from api.problems import install_problem_handlers
from web.app import create_web_app


def failing_api() -> FastAPI:
    """An API whose every answer is an unexpected error inside it."""
    api = FastAPI()
    install_problem_handlers(api)

    @api.get("/api/v1/{rest:path}")
    async def broken(rest: str) -> None:
        raise RuntimeError(f"a fault while answering {rest}")

    return api


@pytest.fixture
async def pages() -> AsyncIterator[httpx.AsyncClient]:
    web = create_web_app(failing_api())

    @web.get("/broken-page")
    async def broken_page() -> None:
        raise KeyError("a fault in the page itself")

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=web, raise_app_exceptions=False),
                                 base_url="http://test") as client:
        client.cookies.set("sopimo_session", "a-login")
        yield client


@pytest.mark.parametrize(("language", "heading", "text"), [
    ("fi", "Jokin meni vikaan", "Palvelimella tapahtui virhe"),
    ("sv", "Något gick fel", "Något gick fel på servern"),
])
async def test_a_fault_inside_the_api_is_a_page_in_the_readers_language(
    pages: httpx.AsyncClient, language: str, heading: str, text: str
) -> None:
    pages.cookies.set("sopimo_lang", language)
    page = await pages.get("/organisations")
    assert page.status_code == 502
    assert page.headers["content-type"].startswith("text/html")
    assert f'<html lang="{language}">' in page.text and heading in page.text and text in page.text
    assert "Internal Server Error" not in page.text


@pytest.mark.parametrize(("language", "text"), [("fi", "Palvelimella tapahtui virhe"), ("sv", "Något gick fel på servern")])
async def test_a_fault_in_a_page_is_a_page_in_the_readers_language(
    pages: httpx.AsyncClient, language: str, text: str
) -> None:
    pages.cookies.clear()
    pages.cookies.set("sopimo_lang", language)
    page = await pages.get("/broken-page")
    assert page.status_code == 500
    assert page.headers["content-type"].startswith("text/html")
    assert f'<html lang="{language}">' in page.text and text in page.text and 'class="site-header"' in page.text
    assert "Internal Server Error" not in page.text

"""An error, in the API or in a page, is shown as a page with the layout in the reader's language, never as a
plain-text "Internal Server Error"."""

import re
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse

from api.problems import VALIDATION_MESSAGES, install_problem_handlers
from tests.web.test_error_texts import CLASSES, CODES, params_of
from web.app import create_web_app


def english_of(code: str) -> tuple[str, dict[str, str]]:
    """The API's English detail of a code, its values filled in."""
    params = {name: f"value-of-{name}" for name in params_of(code)}
    template = CLASSES[code].message if code in CLASSES else VALIDATION_MESSAGES[code]
    try:
        return template.format(**params), params
    except (KeyError, ValueError, IndexError, AttributeError):
        return template, params


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


def refusing_api(code: str, status: int, english: str, params: dict[str, str]) -> FastAPI:
    """An API that refuses every request with one coded problem, its English detail and a field at fault."""
    api = FastAPI()

    @api.api_route("/api/v1/{rest:path}", methods=["GET", "POST"])
    async def refuse(rest: str) -> JSONResponse:
        return JSONResponse(status_code=status, media_type="application/problem+json", content={
            "type": "about:blank", "title": "Refused", "status": status, "detail": english, "code": code,
            "params": params, "errors": [{"field": "name", "location": ["body", "name"], "code": code,
                                          "params": params, "message": english}]})

    return api


ENGLISH_CASES = [(code, *english_of(code)) for code in CODES]


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize(("code", "english", "params"), ENGLISH_CASES, ids=[case[0] for case in ENGLISH_CASES])
async def test_no_page_shows_an_english_sentence_for_any_error_code(
    language: str, code: str, english: str, params: dict[str, str]
) -> None:
    web = create_web_app(refusing_api(code, 409, english, params))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=web, raise_app_exceptions=False),
                                 base_url="http://test", cookies={"sopimo_lang": language}) as client:
        for path in ("/agreements", "/organisations", "/costs", "/decisions"):
            page = await client.get(path)
            assert page.status_code == 409 and f'<html lang="{language}">' in page.text, path
            shown = re.search(r"<p data-problem[^>]*>(.*?)</p>", page.text, re.S)
            assert shown and shown[1].strip(), f"{path} says why"
            assert english[:40] not in page.text, f"{path} shows the English detail of {code}"
            assert "Refused" not in page.text

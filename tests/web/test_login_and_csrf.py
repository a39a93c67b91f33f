import re
import uuid

import httpx
from fastapi.routing import APIRoute
from starlette.routing import Mount

from api.demo_data import DEMO_PASSWORD
from tests.api.helpers import find_one, organisation_named
from tests.conftest import with_csrf

NOKIA = "koordinaattori@nokia.example"


def web_app(app):  # type: ignore[no-untyped-def]
    return next(route.app for route in app.routes if isinstance(route, Mount) and route.path == "")


def post_paths(routes, prefix: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """Every POST route, also inside included routers."""
    paths = []
    for route in routes:
        if isinstance(route, APIRoute) and "POST" in route.methods:
            paths.append(prefix + route.path)
        elif hasattr(route, "original_router"):
            paths += post_paths(route.original_router.routes, prefix + route.include_context.prefix)
    return paths


async def test_pages_send_a_visitor_to_the_login_and_back(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.get("/organisations", params={"q": "nokia"})
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/organisations%3Fq%3Dnokia"
    htmx = await anonymous.get("/organisations", headers={"HX-Request": "true"})
    assert htmx.status_code == 204 and htmx.headers["hx-redirect"].startswith("/login?next=")
    assert (await anonymous.get("/")).status_code == 200, "the front page is open to visitors"


async def test_login_sets_a_fresh_httponly_session_cookie(anonymous: httpx.AsyncClient) -> None:
    page = await anonymous.get("/login", params={"next": "/areas"})
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    wrong = await anonymous.post("/login", data={"email": NOKIA, "password": "väärin", "csrf_token": token, "next": "/areas"})
    assert wrong.status_code == 401 and f'value="{NOKIA}"' in wrong.text and 'role="alert"' in wrong.text
    response = await anonymous.post("/login", data={"email": NOKIA, "password": DEMO_PASSWORD, "csrf_token": token,
                                                    "next": "/areas"})
    assert response.status_code == 303 and response.headers["location"] == "/areas"
    cookies = response.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("sopimo_session="))
    assert "HttpOnly" in session_cookie and "SameSite=lax" in session_cookie
    assert any(c.startswith("sopimo_csrf=") for c in cookies), "a new CSRF seed at login"
    areas = await anonymous.get("/areas")
    assert "Tampereen seudun työllisyysalue" in areas.text and "Pohjois-Savon" not in areas.text
    assert "Nokian koordinaattori" in areas.text


async def test_the_session_cookie_is_secure_behind_https(transport: httpx.ASGITransport) -> None:
    async with httpx.AsyncClient(transport=transport, base_url="https://test") as browser:
        page = await browser.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = await browser.post("/login", data={"email": NOKIA, "password": DEMO_PASSWORD, "csrf_token": token})
        assert "Secure" in next(c for c in response.headers.get_list("set-cookie") if c.startswith("sopimo_session="))


async def test_logout_ends_the_session_on_the_server(client: httpx.AsyncClient, anonymous: httpx.AsyncClient) -> None:
    token = client.cookies["sopimo_session"]
    response = await client.post("/logout")
    assert response.status_code == 303 and response.headers["location"] == "/login"
    me = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401


async def test_every_post_page_route_refuses_a_request_without_a_csrf_token(app, client: httpx.AsyncClient) -> None:  # type: ignore[no-untyped-def]
    paths = post_paths(web_app(app).routes)
    assert len(paths) >= 8
    session = client.cookies["sopimo_session"]
    async with httpx.AsyncClient(transport=client._transport, base_url="http://test") as bare:
        bare.cookies.set("sopimo_session", session)
        bare.cookies.set("sopimo_csrf", "test-seed")
        for path in paths:
            url = re.sub(r"\{\w+\}", str(uuid.uuid4()), path)
            response = await bare.post(url, data={"name_fi": "x"})
            assert response.status_code == 403, f"POST {path}: {response.status_code}"
            forged = await bare.post(url, data={"csrf_token": "forged"})
            assert forged.status_code == 403, f"POST {path} with a forged token: {forged.status_code}"


async def test_a_coordinator_sees_their_own_organisation_editable_and_others_read_only(
    transport: httpx.ASGITransport, credentials  # type: ignore[no-untyped-def]
) -> None:
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as browser:
        browser.cookies.set("sopimo_session", await credentials.token_for(NOKIA))
        with_csrf(browser)
        async with httpx.AsyncClient(transport=transport, base_url="http://test",
                                     headers={"Authorization": browser.cookies["sopimo_session"]
                                              and f"Bearer {browser.cookies['sopimo_session']}"}) as api:
            nokia = await organisation_named(api, "Nokia")
            tampere = await organisation_named(api, "Tampere")
        own = await browser.get(f"/organisations/{nokia['id']}")
        assert f'href="/organisations/{nokia["id"]}/edit"' in own.text
        other = await browser.get(f"/organisations/{tampere['id']}")
        assert "/edit" not in other.text and "read-only-note" in other.text
        refused = await browser.get(f"/organisations/{tampere['id']}/edit")
        saved = await browser.post(f"/organisations/{tampere['id']}/edit",
                                   data={"kind": "municipality", "name_fi": "X", "version": "1"})
        assert saved.status_code == 403 and refused.status_code in (200, 403)


async def test_area_admin_creates_and_revokes_an_api_key_in_the_page(
    transport: httpx.ASGITransport, client: httpx.AsyncClient, credentials  # type: ignore[no-untyped-def]
) -> None:
    area = await find_one(client, "/api/v1/areas", q="Tampereen seudun")
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as browser:
        browser.cookies.set("sopimo_session", await credentials.token_for("aluepaakayttaja@tampere.example"))
        with_csrf(browser)
        page = await browser.get(f"/areas/{area['id']}")
        assert f'href="/areas/{area["id"]}/api-keys"' in page.text
        missing = await browser.post(f"/areas/{area['id']}/api-keys", data={"name": ""}, headers={"HX-Request": "true"})
        assert missing.status_code == 422 and 'id="error-name"' in missing.text
        created = await browser.post(f"/areas/{area['id']}/api-keys",
                                     data={"name": "Asiakastietojärjestelmä", "scopes": ["read", "write"]},
                                     headers={"HX-Request": "true"})
        key = re.search(r'<code id="new-key" class="secret">([^<]+)</code>', created.text).group(1)
        assert key.startswith("sopimo_")
        listed = await browser.get(f"/areas/{area['id']}/api-keys")
        assert key not in listed.text and "Asiakastietojärjestelmä" in listed.text
        key_id = re.search(r'/api-keys/([0-9a-f-]{36})/revoke', listed.text).group(1)
        revoked = await browser.post(f"/areas/{area['id']}/api-keys/{key_id}/revoke", headers={"HX-Request": "true"})
        assert revoked.status_code == 200
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as system:
        assert (await system.get("/api/v1/areas", headers={"Authorization": f"Bearer {key}"})).status_code == 401


async def test_the_change_history_is_on_the_organisation_page(client: httpx.AsyncClient) -> None:
    nokia = await organisation_named(client, "Nokia")
    await client.patch(f"/api/v1/organisations/{nokia['id']}", json={"street_address": "Harjuniitynkatu 7"},
                       headers={"If-Match": f'"{nokia["version"]}"'})
    page = await client.get(f"/organisations/{nokia['id']}")
    assert "history-heading" in page.text and "Harjuniitynkatu 7" in page.text and "paakayttaja@sopimo.example" in page.text
    assert "Katuosoite" in page.text and "street_address" not in page.text, "fields by their names, not the column's"

import httpx

from tests.conftest import with_csrf


async def page_as(transport: httpx.ASGITransport, credentials, email: str) -> str:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as browser:
        browser.cookies.set("sopimo_session", await credentials.token_for(email))
        with_csrf(browser)
        response = await browser.get("/", headers={"HX-Request": "true"})
        assert response.status_code == 200
        return response.text


async def test_a_coordinator_sees_their_municipalitys_agreements_and_share(transport: httpx.ASGITransport, credentials) -> None:  # type: ignore[no-untyped-def]
    html = await page_as(transport, credentials, "koordinaattori@nokia.example")
    assert "Tampereen seudun työllisyysalueella" in html, "the Tampere region agreement is in force for Nokia"
    assert "awaited-heading" in html and "costs-heading" in html
    assert "Nokia" in html and "Akaa" not in html, "only Nokia's own share"


async def test_an_area_admin_sees_the_area_by_municipality_and_not_other_areas(
    transport: httpx.ASGITransport, credentials  # type: ignore[no-untyped-def]
) -> None:
    html = await page_as(transport, credentials, "aluepaakayttaja@tampere.example")
    assert "Akaa" in html and "Ylöjärvi" in html, "every municipality's share of the area"
    assert "Pohjois-Savossa" not in html, "another area's awaited decisions are not this admin's business"


async def test_the_installation_admin_sees_every_awaited_decision(transport: httpx.ASGITransport, credentials) -> None:  # type: ignore[no-untyped-def]
    html = await page_as(transport, credentials, "paakayttaja@sopimo.example")
    assert "Pohjois-Savossa" in html and "Iisalmi" in html


async def test_a_visitor_sees_the_way_in(anonymous: httpx.AsyncClient) -> None:
    html = (await anonymous.get("/")).text
    assert 'href="/login"' in html and 'href="/agreements"' in html

import json
import re

import httpx
import pytest

from tests.api.helpers import find_one, organisation_named
from tests.web.page_routes import page_urls

HX = {"HX-Request": "true"}


def is_full_page(html: str) -> bool:
    return html.lstrip().lower().startswith("<!doctype html>")


async def variants(client: httpx.AsyncClient) -> list[str]:
    """Pages with filters that every route's plain address does not show."""
    return ["/organisations?q=tam&kind=municipality&region=Pirkanmaa", "/areas?kind=municipal_pilot&q=savo"]


@pytest.mark.parametrize("headers", [{}, HX], ids=["full-page", "htmx"])
async def test_every_page_renders_with_and_without_htmx(app, client: httpx.AsyncClient,  # type: ignore[no-untyped-def]
                                                        headers: dict[str, str]) -> None:
    urls = await page_urls(app, client)
    assert len(urls) >= 30 and "/costs/plans/{plan_id}/what-if" not in urls
    for url in [*urls, *await variants(client)]:
        response = await client.get(url, headers=headers)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        assert response.headers["content-type"].startswith("text/html")
        assert "Traceback" not in response.text


async def test_search_fragment_is_only_the_results(client: httpx.AsyncClient) -> None:
    fragment = (await client.get("/organisations", params={"q": "tammerfors"}, headers=HX)).text
    assert not is_full_page(fragment)
    assert "Tampere" in fragment and "Nokia" not in fragment
    full = (await client.get("/organisations", params={"q": "tammerfors"})).text
    assert is_full_page(full) and 'name="q" value="tammerfors"' in full


async def test_numbers_and_dates_are_written_the_finnish_way(client: httpx.AsyncClient) -> None:
    tampere = await organisation_named(client, "Tampere")
    html = (await client.get(f"/organisations/{tampere['id']}")).text
    assert re.search(r"24\d\u00a0\d{3}", html), "population with a no-break space as the thousands separator"
    area = await find_one(client, "/api/v1/areas", q="Pohjois-Savon")
    assert "1.3.2021" in (await client.get(f"/areas/{area['id']}")).text


async def test_a_wrong_business_id_is_shown_beside_the_field_and_the_typed_values_stay(client: httpx.AsyncClient) -> None:
    form = {"kind": "association", "name_fi": "Uusi yhdistys ry", "business_id": "0211675-3", "region": "Pirkanmaa"}
    for headers in ({}, HX):
        response = await client.post("/organisations/new", data=form, headers=headers)
        assert response.status_code == 422
        html = response.text
        assert is_full_page(html) == (headers == {})
        assert 'id="error-business_id"' in html
        assert 'aria-invalid="true" aria-describedby="error-business_id"' in html
        assert 'value="Uusi yhdistys ry"' in html and 'value="0211675-3"' in html and 'value="Pirkanmaa"' in html


async def test_creating_an_organisation_leads_to_its_page(client: httpx.AsyncClient) -> None:
    form = {"kind": "association", "name_fi": "Uusi yhdistys ry", "population": ""}
    plain = await client.post("/organisations/new", data=form)
    assert plain.status_code == 303
    assert (await client.get(plain.headers["location"])).status_code == 200
    htmx = await client.post("/organisations/new", data={**form, "name_fi": "Toinen yhdistys ry"}, headers=HX)
    assert htmx.status_code == 200
    assert json.loads(htmx.headers["hx-location"])["path"].startswith("/organisations/")
    page = await client.get(json.loads(htmx.headers["hx-location"])["path"])
    assert "Organisaatio Toinen yhdistys ry luotiin." in page.text


async def test_editing_with_a_stale_version_keeps_what_was_typed(client: httpx.AsyncClient) -> None:
    nokia = await organisation_named(client, "Nokia")
    url = f"/organisations/{nokia['id']}/edit"
    form = {"kind": "municipality", "name_fi": "Nokia", "municipality_code": "536", "region": "Pirkanmaa",
            "street_address": "Harjuniitynkatu 7", "version": str(nokia["version"])}
    saved = await client.post(url, data=form)
    assert saved.status_code == 303
    stale = await client.post(url, data={**form, "street_address": "Toinen katu 1"})
    assert stale.status_code == 412
    assert 'value="Toinen katu 1"' in stale.text
    assert f'name="version" value="{nokia["version"] + 1}"' in stale.text
    assert (await organisation_named(client, "Nokia"))["street_address"] == "Harjuniitynkatu 7"


async def test_deleting_a_referenced_organisation_explains_why_not(client: httpx.AsyncClient) -> None:
    kuopio = await organisation_named(client, "Kuopio")
    response = await client.post(f"/organisations/{kuopio['id']}/delete")
    assert response.status_code == 409
    assert 'role="alert"' in response.text


async def test_add_and_remove_a_member_inline(client: httpx.AsyncClient) -> None:
    area = await find_one(client, "/api/v1/areas", q="Kirkkonummen")
    espoo = await organisation_named(client, "Espoo")
    added = await client.post(
        f"/areas/{area['id']}/members", data={"organisation_id": espoo["id"], "from_date": "2026-01-01"}, headers=HX
    )
    assert added.status_code == 200
    assert not is_full_page(added.text) and 'id="members"' in added.text and "Espoo" in added.text
    missing_date = await client.post(f"/areas/{area['id']}/members", data={"organisation_id": espoo["id"]}, headers=HX)
    assert missing_date.status_code == 422 and 'id="error-from_date"' in missing_date.text
    member = next(m for m in (await client.get(f"/api/v1/areas/{area['id']}")).json()["members"]
                  if m["organisation"]["name_fi"] == "Espoo")
    removed = await client.post(f"/areas/{area['id']}/members/{member['id']}/remove")
    assert removed.status_code == 303
    members = (await client.get(f"/api/v1/areas/{area['id']}")).json()["members"]
    assert "Espoo" not in [m["organisation"]["name_fi"] for m in members]


async def test_import_preview_then_apply(client: httpx.AsyncClient) -> None:
    content = b"code,name_fi,name_sv,population_2020\n997,Esikatselukunta,Provkommun,321\n"
    preview = await client.post("/organisations/import", files={"file": ("uusi.csv", content, "text/csv")})
    assert preview.status_code == 200
    assert "Esikatselukunta" in preview.text and 'name="apply" value="true"' in preview.text
    encoded = re.search(r'name="content" value="([^"]+)"', preview.text).group(1)
    applied = await client.post("/organisations/import", data={"content": encoded, "filename": "uusi.csv", "apply": "true"})
    assert applied.status_code == 200
    assert (await organisation_named(client, "Esikatselukunta"))["population"] == 321
    bad = await client.post("/organisations/import", files={"file": ("bad.csv", b"x,y\n1,2\n", "text/csv")})
    assert bad.status_code == 422 and 'role="alert"' in bad.text
    nothing = await client.post("/organisations/import", data={"content": ""})
    assert nothing.status_code == 422


async def test_unknown_pages_are_404_pages(client: httpx.AsyncClient) -> None:
    for url in ("/organisations/00000000-0000-0000-0000-000000000000", "/organisations/not-an-id", "/nowhere"):
        response = await client.get(url)
        assert response.status_code == 404
        assert is_full_page(response.text)


async def test_the_language_switch_remembers_the_choice_and_stays_on_the_site(client: httpx.AsyncClient) -> None:
    switched = await client.get("/language/sv", params={"next": "/areas"})
    assert switched.status_code == 303 and switched.headers["location"] == "/areas"
    client.cookies.set("sopimo_lang", "sv")
    swedish = (await client.get("/areas")).text
    assert '<html lang="sv">' in swedish and "Samarbetsområden" in swedish
    away = await client.get("/language/en", params={"next": "https://evil.example/"})
    assert away.headers["location"] == "/"


async def test_an_admin_creates_an_area_and_a_person_in_the_pages(client: httpx.AsyncClient) -> None:
    hollola = await organisation_named(client, "Hollola")
    assert (await client.get("/areas/new")).status_code == 200
    missing = await client.post("/areas/new", data={"name": "", "kind": "other", "lead_organisation_id": ""})
    assert missing.status_code == 422 and 'id="error-name"' in missing.text
    created = await client.post("/areas/new", data={"name": "Uusi työllisyysalue", "kind": "employment_area",
                                                    "lead_organisation_id": hollola["id"], "from_date": "2026-01-01"})
    assert created.status_code == 303
    area_page = await client.get(created.headers["location"])
    assert "Uusi työllisyysalue" in area_page.text and "Hollola" in area_page.text
    area_id = created.headers["location"].rsplit("/", 1)[1]
    assert (await client.get("/users")).status_code == 200
    bad = await client.post("/users/new", data={"email": "ei-sähköposti", "name": "X", "organisation_id": hollola["id"],
                                                 "password": "salasana123"})
    assert bad.status_code == 422 and 'id="error-email"' in bad.text and 'value="ei-sähköposti"' in bad.text
    person = await client.post("/users/new", data={"email": "henkilo@hollola.example", "name": "Hollolan koordinaattori",
                                                   "organisation_id": hollola["id"], "password": "salasana123",
                                                   "area_id": area_id, "role": "coordinator"})
    assert person.status_code == 303
    listing = (await client.get("/users")).text
    assert "henkilo@hollola.example" in listing and "Uusi työllisyysalue" in listing


async def test_the_area_page_leads_to_the_area_s_agreements_cost_plans_and_people(client: httpx.AsyncClient) -> None:
    areas = (await client.get("/api/v1/areas", params={"q": "Tampereen seudun"})).json()["items"]
    area_id = areas[0]["id"]
    page = (await client.get(f"/areas/{area_id}")).text
    for target in (f"/agreements?area_id={area_id}", f"/costs?area_id={area_id}", f"/users?area_id={area_id}",
                   f"/decisions?area_id={area_id}"):
        assert f'href="{target}"' in page
    costs = (await client.get(f"/costs?area_id={area_id}")).text
    assert "Keskitetyt palvelut 2025" in costs and "Tahtotilasta tulokseen" not in costs
    people = (await client.get(f"/users?area_id={area_id}")).text
    assert "koordinaattori@nokia.example" in people and "aluepaakayttaja" in people

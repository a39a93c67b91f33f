"""Refusals reach the pages by code and are shown in the page's language, never as the API's English."""

import httpx

from tests.api.agreement_helpers import create_agreement, kirkkonummi_parties, send

HX = {"HX-Request": "true"}


async def test_a_wrong_meeting_date_is_explained_in_finnish_and_swedish(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client, effective_date=None)
    version = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    values = {"version_id": version["id"], "organisation_id": parties["Vihti"], "body": "municipal_board",
              "meeting_date": "3.2.", "outcome": "approved"}
    url = f"/agreements/{agreement['id']}/decisions"
    finnish = (await client.post(url, data=values, headers=HX)).text
    assert "Kirjoita päivämäärä muodossa 5.6.2025." in finnish
    assert "Input should be" not in finnish and "invalid field" not in finnish
    client.cookies.set("sopimo_lang", "sv")
    swedish = (await client.post(url, data=values, headers=HX)).text
    assert "Skriv datumet som 5.6.2025." in swedish


async def test_an_import_without_sections_warns_in_finnish(client: httpx.AsyncClient) -> None:
    areas = (await client.get("/api/v1/areas", params={"q": "Kirkkonummen"})).json()["items"]
    response = await client.post("/agreements/import", data={"area_id": areas[0]["id"], "text": "Pelkkää tekstiä ilman kohtia."})
    assert response.status_code == 200, response.text
    assert "Numeroituja kohtia ei löytynyt" in response.text and "no sections were found" not in response.text


async def test_a_wrong_check_digit_and_a_missing_page_in_finnish(client: httpx.AsyncClient) -> None:
    form = {"kind": "association", "name_fi": "Uusi yhdistys ry", "business_id": "0211675-3"}
    wrong = (await client.post("/organisations/new", data=form)).text
    assert "Y-tunnuksen tarkistusmerkki on väärä." in wrong and "check digit" not in wrong
    missing = await client.get("/organisations/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert "organisaatio" in missing.text and "does not exist" not in missing.text

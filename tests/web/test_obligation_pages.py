"""Obligations in the pages: what a coordinator owes, marking a duty done with evidence, the matrix in words."""

from typing import Any

import httpx

from tests.api.agreement_helpers import TAMPERE_AREA, agreement_in_area
from tests.api.helpers import organisation_named
from tests.api.test_obligation_amendments import amended_draft, send_and_adopt
from tests.conftest import with_csrf

NOKIA_COORDINATOR = "koordinaattori@nokia.example"
OVERDUE_TITLE = "Maahanmuuttoasioiden yhteydenottojen vastuutaho"


async def browser_as(transport: httpx.ASGITransport, credentials: Any, email: str) -> httpx.AsyncClient:
    browser = httpx.AsyncClient(transport=transport, base_url="http://test")
    browser.cookies.set("sopimo_session", await credentials.token_for(email))
    with_csrf(browser)
    return browser


async def nokia_overdue_duty(client: httpx.AsyncClient) -> dict[str, Any]:
    nokia = await organisation_named(client, "Nokia")
    items = (await client.get("/api/v1/obligation-instances", params={
        "holder_id": nokia["id"], "status": "overdue"})).json()["items"]
    return next(i for i in items if i["obligation"]["title_fi"] == OVERDUE_TITLE)


async def test_the_front_page_tells_a_coordinator_what_is_overdue(transport: httpx.ASGITransport,
                                                                  credentials: Any) -> None:
    async with await browser_as(transport, credentials, NOKIA_COORDINATOR) as browser:
        html = (await browser.get("/")).text
    duties = html[html.index('id="duties-heading"'):html.index('id="in-force-heading"')]
    assert OVERDUE_TITLE in duties and "Myöhässä" in duties and "30.6.2025" in duties


async def test_the_area_admin_sees_each_municipality_s_duties_counted(transport: httpx.ASGITransport,
                                                                     credentials: Any) -> None:
    async with await browser_as(transport, credentials, "aluepaakayttaja@tampere.example") as browser:
        html = (await browser.get("/")).text
    duties = html[html.index('id="duties-heading"'):html.index('id="costs-heading"')]
    for name in ("Nokia", "Virrat", "Urjala", "Juupajoki", "Tampere"):
        assert name in duties
    assert "Myöhässä" in duties


async def test_a_coordinator_marks_their_duty_done_with_a_file_and_sees_it_done(transport: httpx.ASGITransport,
                                                                                credentials: Any,
                                                                                client: httpx.AsyncClient) -> None:
    duty = await nokia_overdue_duty(client)
    async with await browser_as(transport, credentials, NOKIA_COORDINATOR) as browser:
        page = (await browser.get(f"/obligations/instances/{duty['id']}")).text
        assert "Merkitse tehdyksi" in page and "Myöhässä" in page
        marked = await browser.post(f"/obligations/instances/{duty['id']}/marks", data={
            "kind": "done", "version": str(duty["version"]), "note": "Kaupunginhallitus 2.12.2026 § 201"},
            files={"file": ("pöytäkirja.pdf", b"%PDF-1.4 ote", "application/pdf")})
        assert marked.status_code == 303 and marked.headers["location"].endswith("#duty-status")
        after = (await browser.get(f"/obligations/instances/{duty['id']}")).text
        assert "Nokia: Maahanmuuttoasioiden yhteydenottojen vastuutaho merkitty tehdyksi." in after
        assert "Tehty" in after and "Kaupunginhallitus 2.12.2026 § 201" in after and "pöytäkirja.pdf" in after
        assert "Avaa uudelleen" in after and "Merkitse tehdyksi" not in after
        mark = (await client.get(f"/api/v1/obligation-instances/{duty['id']}")).json()["marks"][0]
        file = await browser.get(f"/obligations/instances/{duty['id']}/marks/{mark['id']}/file")
        assert file.status_code == 200 and file.content == b"%PDF-1.4 ote"
        agreement = await agreement_in_area(client, TAMPERE_AREA)
        matrix = (await browser.get(f"/agreements/{agreement['id']}/obligations", params={"year": 2025})).text
    row = matrix[matrix.index(OVERDUE_TITLE):]
    row = row[:row.index("</tr>")]
    assert row.count("Tehty") >= 14 and row.count("Myöhässä") == 1, "Nokia done, Virrat still late"


async def test_a_stale_or_unexplained_mark_is_refused_in_place(transport: httpx.ASGITransport, credentials: Any,
                                                               client: httpx.AsyncClient) -> None:
    duty = await nokia_overdue_duty(client)
    async with await browser_as(transport, credentials, NOKIA_COORDINATOR) as browser:
        url = f"/obligations/instances/{duty['id']}/marks"
        unexplained = await browser.post(url, data={"kind": "not_applicable", "version": str(duty["version"])},
                                         headers={"HX-Request": "true"})
        assert unexplained.status_code == 422 and 'id="error-reason"' in unexplained.text
        assert "Kerro, miksi velvoite ei koske." in unexplained.text
        stale = await browser.post(url, data={"kind": "done", "version": "99"}, headers={"HX-Request": "true"})
        assert stale.status_code == 412 and "Myöhässä" in stale.text


async def test_a_viewer_reads_the_duties_but_is_offered_no_marks(transport: httpx.ASGITransport, credentials: Any,
                                                                 client: httpx.AsyncClient) -> None:
    duty = await nokia_overdue_duty(client)
    async with await browser_as(transport, credentials, "lukija@kangasala.example") as browser:
        page = (await browser.get(f"/obligations/instances/{duty['id']}")).text
        agreement = await agreement_in_area(client, TAMPERE_AREA)
        matrix = (await browser.get(f"/agreements/{agreement['id']}/obligations")).text
    assert OVERDUE_TITLE in page and "Merkitse" not in page and "Avaa uudelleen" not in page
    assert "Lisää velvoitteet tekstistä" not in matrix and "Poista" not in matrix


async def test_swedish_pages_speak_swedish_about_duties(client: httpx.AsyncClient) -> None:
    duty = await nokia_overdue_duty(client)
    page = (await client.get(f"/obligations/instances/{duty['id']}", params={"lang": "sv"})).text
    assert "Ansvarig instans för kontakter i invandrarfrågor" in page and "Försenad" in page
    assert "Myöhässä" not in page


async def test_the_area_admin_accepts_a_proposed_duty_from_the_text(client: httpx.AsyncClient) -> None:
    agreement = await agreement_in_area(client, TAMPERE_AREA)
    page = await client.get(f"/agreements/{agreement['id']}/obligations/suggestions")
    assert page.status_code == 200 and "On jo velvoite" in page.text and "Hyväksy velvoitteeksi" in page.text
    matrix = (await client.get("/api/v1/obligations/matrix", params={"agreement_id": agreement["id"]})).json()
    found = (await client.get("/api/v1/obligations/suggestions", params={"version_id": matrix["version_id"]})).json()
    proposal = next(s for s in found if "viestii työllisyysalueen palveluista" in s["quote"])
    accepted = await client.post(f"/agreements/{agreement['id']}/obligations", data={
        "version_id": matrix["version_id"], "section_number": proposal["section_number"], "quote": proposal["quote"],
        "kind": proposal["kind"], "scope": proposal["holders"]["scope"], "exceptions_hold_themselves": "false",
        "schedule_kind": "continuous", "title_fi": "Viestintä työllisyysalueen palveluista", "title_sv": ""})
    assert accepted.status_code == 303, accepted.text
    after = (await client.get(accepted.headers["location"].split("#")[0])).text
    assert "Velvoite Viestintä työllisyysalueen palveluista lisättiin." in after
    assert "Viestintä työllisyysalueen palveluista" in after[after.index('id="matrix-heading"'):]


async def test_the_redline_says_in_words_which_duties_an_amendment_adds_changes_and_removes(
        transport: httpx.ASGITransport, credentials: Any, client: httpx.AsyncClient) -> None:
    agreement, _, draft = await amended_draft(client)
    redline = f"/agreements/{agreement['id']}/redline"
    async with await browser_as(transport, credentials, "aluepaakayttaja@tampere.example") as browser:
        html = (await browser.get(redline)).text
        part = html[html.index('id="duty-changes-heading"'):]
        assert f"Versio {draft['number']} ei vielä velvoita ketään" in part
        for text in ("Lisätyt velvoitteet: 1", "Muuttuneet velvoitteet: 1", "Poistetut velvoitteet: 1",
                     "Ennallaan olevat velvoitteet: 8", "Työllisyyskatsaus valtuustolle", "velvoite lisätty",
                     "Alkaa osapuolille: Nokia", "Muuttui: velvoitetut", "Päättyy osapuolilta: Valkeakoski",
                     "Yhteistyöverkosto kokoontuu", "velvoite poistettu", "Päättyy osapuolilta: Tampere"):
            assert text in part, text
        assert "Velvoitteita alkaa osapuolille" in part and "Velvoitteita päättyy osapuolilta" in part
        swedish = (await browser.get(redline, params={"lang": "sv"})).text
        assert "Tillagda skyldigheter: 1" in swedish and "Upphör för: Valkeakoski" in swedish
        assert "Tjänster för främjande av integration" in swedish  # the duty's Swedish title
        matrix = (await browser.get(f"/agreements/{agreement['id']}/obligations",
                                    params={"version_id": draft["id"]})).text
        assert f"Versio {draft['number']} ei vielä velvoita ketään" in matrix
        cells = matrix[matrix.index('id="matrix-heading"'):matrix.index('id="timeline-heading"')]
        assert "Työllisyyskatsaus valtuustolle" in cells and "Myöhässä" not in cells and "Avoin" not in cells
        await send_and_adopt(client, agreement, draft)
        adopted = (await browser.get(redline)).text
        assert f"Versio {draft['number']} tulee voimaan 1.7.2026" in adopted
        first = (await browser.get(f"/agreements/{agreement['id']}/obligations",
                                   params={"version_id": agreement["versions"][0]["id"]})).text
        assert "noudatetaan 30.6.2026 asti" in first
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as anonymous:
        public = await anonymous.get(redline)
    assert public.status_code == 200 and f"→ versio {draft['number']}" in public.text  # the public reads the text
    assert 'id="duty-changes-heading"' not in public.text

"""The agreement pages: list, agreement, version, redline, import with preview, and decisions inline."""

import json
import re
import uuid
from pathlib import Path

import httpx
import pytest

from tests.api.agreement_helpers import (
    KIRKKONUMMI_AREA,
    PILOT_AREA,
    SAVO_AREA,
    TAMPERE_AREA,
    agreement_in_area,
    area_id,
    create_agreement,
    decide,
    kirkkonummi_parties,
    send,
)
from tests.api.helpers import organisation_named

HX = {"HX-Request": "true"}
SEED_001 = Path(__file__).resolve().parents[2] / "data" / "seeds" / "001_tampere_region_agreement.txt"


def is_full_page(html: str) -> bool:
    return html.lstrip().lower().startswith("<!doctype html>")


async def page_urls(client: httpx.AsyncClient) -> list[str]:
    pilot = await agreement_in_area(client, PILOT_AREA)
    first, second, third = (v["id"] for v in pilot["versions"])
    tampere = await organisation_named(client, "Tampere")
    base = f"/agreements/{pilot['id']}"
    draft = await create_agreement(client)
    return [
        "/agreements",
        f"/agreements?q=pirkanmaan&kind=cooperation_agreement&status=in_force&party_id={tampere['id']}&on=2024-06-01",
        f"/agreements?area_id={await area_id(client, PILOT_AREA)}&status=bogus&party_id=nonsense&on=31.12.",
        base, f"{base}?on=2022-01-01", f"{base}?on=rubbish",
        f"{base}/versions/{third}", f"{base}/versions/{first}?on=2021-06-01",
        f"{base}/redline", f"{base}/redline?old={first}&new={second}", f"{base}/redline?old=x&new=y",
        f"{base}/decisions/new?version_id={third}&organisation_id={tampere['id']}",
        f"/agreements/{draft['id']}", f"/agreements/{draft['id']}/versions/{draft['versions'][0]['id']}",
        f"/agreements/{draft['id']}/redline",
        "/agreements/import", f"/agreements/import?area_id={await area_id(client, KIRKKONUMMI_AREA)}",
        "/decisions", "/decisions?case_number=133/00.04.01/2019",
        f"{base}/edit",
    ]


@pytest.mark.parametrize("headers", [{}, HX], ids=["full-page", "htmx"])
async def test_every_agreement_page_renders_with_and_without_htmx(client: httpx.AsyncClient,
                                                                 headers: dict[str, str]) -> None:
    for url in await page_urls(client):
        response = await client.get(url, headers=headers)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        assert response.headers["content-type"].startswith("text/html")
        assert "Traceback" not in response.text


async def test_bad_addresses_are_404_pages(client: httpx.AsyncClient, anonymous: httpx.AsyncClient) -> None:
    for url in ("/agreements/not-a-uuid", f"/agreements/{uuid.uuid4()}", f"/agreements/{uuid.uuid4()}/redline",
                f"/agreements/{uuid.uuid4()}/versions/{uuid.uuid4()}"):
        response = await client.get(url)
        assert response.status_code == 404, url
        assert is_full_page(response.text)
    draft = await create_agreement(client)
    assert (await anonymous.get(f"/agreements/{draft['id']}")).status_code == 404, "a draft is not public"


async def test_the_public_reads_published_agreements_without_logging_in(anonymous: httpx.AsyncClient,
                                                                        client: httpx.AsyncClient) -> None:
    pilot = await agreement_in_area(client, PILOT_AREA)
    page = await anonymous.get(f"/agreements/{pilot['id']}", params={"on": "2024-06-01"})
    assert page.status_code == 200
    html = page.text
    assert "30.11.2020 § 507" in html and "5.6.2023 § 279" in html
    assert 'id="section-8"' in html, "the sections of the version in force have anchors"
    assert 'id="history-heading"' not in html, "the change history is for people who log in"
    assert "Record a decision" not in html and "record-decision" not in html
    redline = await anonymous.get(f"/agreements/{pilot['id']}/redline")
    assert redline.status_code == 200 and "<ins>" in redline.text and "<del>" in redline.text
    listing = await anonymous.get("/agreements")
    assert "Tahtotilasta tulokseen" in listing.text
    own = await client.get(f"/agreements/{pilot['id']}")
    assert 'id="history-heading"' in own.text


async def test_the_list_filters_as_a_fragment(client: httpx.AsyncClient) -> None:
    fragment = (await client.get("/agreements", params={"status": "circulating"}, headers=HX)).text
    assert not is_full_page(fragment)
    assert "Pohjois-Savossa" in fragment and "Pirkanmaan alueella" not in fragment
    full = (await client.get("/agreements", params={"q": "savo"})).text
    assert is_full_page(full) and 'name="q" value="savo"' in full


async def test_import_a_text_preview_it_and_save_it(client: httpx.AsyncClient) -> None:
    kirkkonummi = await area_id(client, KIRKKONUMMI_AREA)
    missing_area = await client.post("/agreements/import", data={"text": "1. Otsikko\n\nTeksti."})
    assert missing_area.status_code == 422 and 'role="alert"' in missing_area.text
    preview = await client.post("/agreements/import", data={"area_id": kirkkonummi},
                                files={"file": ("001.txt", SEED_001.read_bytes(), "text/plain")})
    assert preview.status_code == 200, preview.text
    html = preview.text
    assert html.count('class="agreement-section"') == 11
    assert "yhteensovittamisesta" in html and "Ɵ" not in html
    content = re.search(r'name="content" value="([^"]+)"', html).group(1)
    parties = await kirkkonummi_parties(client)
    form = {"area_id": kirkkonummi, "content": content, "filename": "001.txt", "title": "", "kind": "cooperation_agreement",
            "rule": "all_parties_approve", "notice_months": "kuusi", "lead": parties["Kirkkonummi"],
            "parties": list(parties.values())}
    invalid = await client.post("/agreements/import/save", data=form, headers=HX)
    assert invalid.status_code == 422
    assert 'id="error-title"' in invalid.text and 'id="error-notice_months"' in invalid.text
    assert 'value="kuusi"' in invalid.text, "what was typed stays"
    saved = await client.post("/agreements/import/save", data={**form, "title": "Tuotu sopimus", "notice_months": "6"})
    assert saved.status_code == 303
    page = await client.get(saved.headers["location"])
    assert "Tuotu sopimus" in page.text and 'id="section-11"' in page.text
    assert "Edit and send the draft" in page.text or "luonnos" in page.text.lower()


async def test_the_import_proposes_the_parties_and_the_notice_period_the_text_gives(client: httpx.AsyncClient) -> None:
    pilot = await area_id(client, PILOT_AREA)  # 22 municipalities, of which seed 001 names 15
    preview = await client.post("/agreements/import", data={"area_id": pilot},
                                files={"file": ("001.txt", SEED_001.read_bytes(), "text/plain")})
    html = preview.text
    checked = re.findall(r'name="parties" value="([0-9a-f-]{36})" class="hds-checkbox__input" checked', html)
    assert len(checked) == 15
    assert (await organisation_named(client, "Virrat"))["id"] in checked, "Virtain kaupunki is Virrat"
    assert (await organisation_named(client, "Sastamala"))["id"] not in checked
    assert re.search(r'id="field-notice_months"[^>]*value="6"', html), "6 kuukauden irtisanomisajalla"
    assert "luettu tekstistä" in html
    api = await client.post("/api/v1/agreements/import-preview/text", json={
        "text": "Sopimus\n\n1. Osapuolet\n\nKirkkonummen kunta ja Vihdin kunta\n\n2. Voimassaolo\n\n"
                "Sopimus tulee voimaan 1.3.2025. Irtisanomisaika on kolme kuukautta.",
        "area_id": await area_id(client, KIRKKONUMMI_AREA)})
    assert api.status_code == 200, api.text
    parties = await kirkkonummi_parties(client)
    assert api.json()["proposed_party_ids"] == [parties["Kirkkonummi"], parties["Vihti"]]
    assert (api.json()["proposed_notice_months"], api.json()["proposed_effective_date"]) == (3, "2025-03-01")


async def test_record_a_decision_inline_in_the_matrix(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client, effective_date=None)
    version = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    url = f"/agreements/{agreement['id']}/decisions"
    form = await client.get(f"{url}/new", params={"version_id": version["id"], "organisation_id": parties["Vihti"]},
                            headers=HX)
    assert form.status_code == 200 and not is_full_page(form.text)
    assert 'id="decision-form"' in form.text and 'id="matrix"' in form.text
    values = {"version_id": version["id"], "organisation_id": parties["Vihti"], "body": "municipal_board",
              "body_name": "Kunnanhallitus", "meeting_date": "", "section": "12", "outcome": "approved",
              "decision_text": "Hyväksyttiin.", "commitment_cap": "1 950,00"}
    invalid = await client.post(url, data=values, headers=HX)
    assert invalid.status_code == 422
    assert 'id="error-meeting_date"' in invalid.text
    assert 'value="Kunnanhallitus"' in invalid.text and "Hyväksyttiin." in invalid.text
    for name in ("Vihti", "Siuntio", "Kirkkonummi"):
        recorded = await client.post(url, data={**values, "organisation_id": parties[name], "meeting_date": "2025-02-03"},
                                     headers=HX)
        assert recorded.status_code == 200, recorded.text
        assert not is_full_page(recorded.text)
    assert "Hyväksytty 3.2.2025" in recorded.text and "Kunnanhallitus § 12" in recorded.text
    page = (await client.get(f"/agreements/{agreement['id']}", params={"on": "2025-02-03"})).text
    assert "status--in_force" in page
    plain = await client.post(url, data={**values, "organisation_id": parties["Vihti"], "meeting_date": "2025-03-03",
                                         "section": "13"})
    assert plain.status_code == 303 and plain.headers["location"].endswith("#matrix")


async def test_the_parties_decisions_in_one_grid(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client, effective_date=None)
    version = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    page = (await client.get(f"/agreements/{agreement['id']}")).text
    grid_url = f"/agreements/{agreement['id']}/decisions/grid"
    assert f'{grid_url}?version_id={version["id"]}' in page
    grid = await client.get(grid_url, params={"version_id": version["id"]}, headers=HX)
    assert grid.status_code == 200 and not is_full_page(grid.text)
    assert 'id="decision-grid"' in grid.text and 'name="rows" value="3"' in grid.text
    rows = {re.search(rf'name="decisions\.(\d)\.organisation_id" value="{parties[name]}"', grid.text)[1]: name
            for name in ("Kirkkonummi", "Siuntio", "Vihti")}  # type: ignore[index]
    assert sorted(rows) == ["0", "1", "2"]
    index = {name: place for place, name in rows.items()}
    form = {"version_id": version["id"], "rows": "3"}
    for name in ("Kirkkonummi", "Siuntio", "Vihti"):
        form |= {f"decisions.{index[name]}.organisation_id": parties[name],
                 f"decisions.{index[name]}.body": "municipal_board", f"decisions.{index[name]}.outcome": "approved"}
    nothing = await client.post(grid_url, data=form, headers=HX)
    assert nothing.status_code == 422 and "Täytä vähintään yhden osapuolen päätös." in nothing.text
    typed = {**form, f"decisions.{index['Kirkkonummi']}.meeting_date": "2025-01-20",
             f"decisions.{index['Kirkkonummi']}.section": "12",
             f"decisions.{index['Siuntio']}.meeting_date": "2025-01-09",
             f"decisions.{index['Vihti']}.meeting_date": "2025-02-03",
             f"decisions.{index['Vihti']}.body_name": "Kunnanhallitus"}
    refused = await client.post(grid_url, data=typed, headers=HX)
    assert refused.status_code == 422
    assert f'id="grid-{index["Siuntio"]}-meeting_date-error"' in refused.text, "the fault stands on its own row"
    assert f'id="grid-{index["Kirkkonummi"]}-meeting_date-error"' not in refused.text
    assert "Mitään ei vielä kirjattu" in refused.text and 'value="Kunnanhallitus"' in refused.text
    assert (await client.get("/api/v1/decisions", params={"version_id": version["id"]})).json()["items"] == []
    typed[f"decisions.{index['Siuntio']}.meeting_date"] = "2025-01-27"
    saved = await client.post(grid_url, data=typed)
    assert saved.status_code == 303 and saved.headers["location"].endswith("#matrix")
    shown = (await client.get(saved.headers["location"])).text
    assert "3 päätöstä kirjattiin. Versio 1: Voimassa, 3/3 osapuolta on hyväksynyt." in shown
    assert "status--in_force" in shown


async def test_the_change_history_tells_what_happened_in_the_words_of_the_domain(client: httpx.AsyncClient) -> None:
    tampere_region = await agreement_in_area(client, TAMPERE_AREA)
    demo = (await client.get(f"/agreements/{tampere_region['id']}")).text
    history = demo[demo.index('id="history-heading"'):]
    assert "Nokia: Kaupunginhallitus hyväksyi 16.12.2024" in history and "Esimerkkiaineiston lataus" in history
    assert "Versio 1 lähetettiin osapuolille 4.11.2024" in history
    agreement = await create_agreement(client, effective_date=None)
    version = await send(client, agreement, "2025-01-10")
    parties = await kirkkonummi_parties(client)
    await decide(client, version["id"], parties["Vihti"], "2025-02-03", section=123, body_name="Kunnanhallitus")
    html = (await client.get(f"/agreements/{agreement['id']}")).text
    history = html[html.index('id="history-heading"'):]
    assert "Vihti: Kunnanhallitus hyväksyi 3.2.2025 § 123" in history
    assert "Versio 1 lähetettiin osapuolille 10.1.2025" in history
    assert "Sopimon pääkäyttäjä" in history
    for raw in ("agreement_versions", "municipal_board", "sent_on", "2025-01-10", "approved", "organisation_id"):
        assert raw not in history, raw


async def test_swedish_pages_use_the_swedish_names_of_the_parties(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    swedish = (await client.get(f"/agreements/{agreement['id']}", params={"lang": "sv"})).text
    for name in ("Kyrkslätt", "Sjundeå", "Vichtis"):
        assert name in swedish
    matrix = swedish[swedish.index('id="matrix"'):swedish.index('id="timeline-heading"')]
    assert "Kyrkslätt" in matrix and "Kirkkonummi" not in matrix
    finnish = (await client.get(f"/agreements/{agreement['id']}", params={"lang": "fi"})).text
    assert "Kirkkonummi" in finnish and "Kyrkslätt" not in finnish


async def test_a_decision_recorded_by_mistake_is_removed_after_asking(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = await send(client, agreement)
    vihti = (await kirkkonummi_parties(client))["Vihti"]
    decision = (await decide(client, version["id"], vihti, "2025-02-03", section=5)).json()
    listing = (await client.get("/decisions", params={"organisation_id": vihti})).text
    assert f'action="/decisions/{decision["id"]}/delete"' in listing
    assert "Poistetaanko päätös (Vihti 3.2.2025)?" in listing, "it asks first, saying what removing does"
    stale = await client.post(f"/decisions/{decision['id']}/delete", data={"version": "99", "next": "/decisions"})
    assert stale.status_code == 412
    removed = await client.post(f"/decisions/{decision['id']}/delete",
                                data={"version": str(decision["version"]), "next": "https://elsewhere.example/"})
    assert removed.status_code == 303 and removed.headers["location"] == "/"
    assert "Päätös poistettiin: Vihti 3.2.2025." in (await client.get("/")).text
    assert (await client.get(f"/api/v1/decisions/{decision['id']}")).status_code == 404


async def test_a_tabled_decision_shows_as_tabled_with_its_date(client: httpx.AsyncClient) -> None:
    savo = await agreement_in_area(client, SAVO_AREA)
    html = (await client.get(f"/agreements/{savo['id']}")).text
    matrix = html[html.index('id="matrix"'):]
    iisalmi = matrix[matrix.index(">Iisalmi"):]
    iisalmi = iisalmi[:iisalmi.index("</tr>")]
    assert "Pantu pöydälle 11.11.2019" in iisalmi and "Odotetaan" not in iisalmi


async def test_a_rejection_shows_who_blocks_and_why(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    await client.post(f"/agreements/{agreement['id']}/decisions", data={
        "version_id": version["id"], "organisation_id": parties["Siuntio"], "body": "council", "meeting_date": "2025-02-03",
        "section": "9", "outcome": "rejected", "decision_text": "Ei hyväksytä nykyisellä kustannusjaolla."})
    html = (await client.get(f"/agreements/{agreement['id']}")).text
    assert 'class="blockers"' in html
    assert "Ei hyväksytä nykyisellä kustannusjaolla." in html


async def test_edit_and_send_a_draft_in_the_pages(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = agreement["versions"][0]
    page_url = f"/agreements/{agreement['id']}/versions/{version['id']}"
    page = (await client.get(page_url)).text
    assert 'id="draft-form"' in page and "1. Sopijaosapuolet" in page
    parties = await kirkkonummi_parties(client)
    text = "1. Sopijaosapuolet\n\nKirkkonummi, Siuntio ja Vihti.\n\n2. Uusi kohta\n\nUusi teksti.\n"
    form = {"title": "Muokattu sopimus", "reasons": "", "effective_date": "", "rule": "all_parties_approve",
            "notice_months": "6", "lead": parties["Kirkkonummi"], "parties": list(parties.values()), "text": text,
            "version": "999"}
    stale = await client.post(f"{page_url}/edit", data=form)
    assert stale.status_code == 412 and "Muokattu sopimus" in stale.text and "Uusi kohta" in stale.text
    saved = await client.post(f"{page_url}/edit", data={**form, "version": str(version["version"])})
    assert saved.status_code == 303
    edited = (await client.get(f"/api/v1/agreements/{agreement['id']}/versions/{version['id']}")).json()
    assert [s["title"] for s in edited["sections"]] == ["Sopijaosapuolet", "Uusi kohta"]
    sent = await client.post(f"{page_url}/send", data={"sent_on": "2025-01-10", "version": str(edited["version"])})
    assert sent.status_code == 303
    frozen = (await client.get(page_url)).text
    assert 'id="draft-form"' not in frozen and "10.1.2025" in frozen


async def test_give_notice_in_the_pages(client: httpx.AsyncClient) -> None:
    tampere_region = await agreement_in_area(client, TAMPERE_AREA)
    nokia = await organisation_named(client, "Nokia")
    url = f"/agreements/{tampere_region['id']}/notices"
    invalid = await client.post(url, data={"organisation_id": nokia["id"], "given_on": ""}, headers=HX)
    assert invalid.status_code == 422 and 'id="error-notice-given_on"' in invalid.text
    asked = await client.post(url, data={"organisation_id": nokia["id"], "given_on": "2025-08-31"}, headers=HX)
    assert asked.status_code == 200 and 'id="notice-confirm"' in asked.text
    assert "Nokia on osapuoli 28.2.2026 asti ja lakkaa sen jälkeen olemasta osapuoli." in asked.text
    assert (await client.get(f"/api/v1/agreements/{tampere_region['id']}")).json()["notices"] == [], "asked first"
    given = await client.post(url, data={"organisation_id": nokia["id"], "given_on": "2025-08-31", "confirmed": "true"})
    assert given.status_code == 303 and given.headers["location"].endswith("#notices")
    html = (await client.get(f"/agreements/{tampere_region['id']}")).text
    assert "31.8.2025" in html and "28.2.2026" in html
    assert 'id="flash"' in html and 'data-anchor="notices"' in html
    assert "Irtisanominen kirjattiin: Nokia on osapuoli 28.2.2026 asti." in html
    again = (await client.get(f"/agreements/{tampere_region['id']}")).text
    assert 'id="flash"' not in again  # the notice is shown once


async def test_an_htmx_action_swaps_in_the_changed_page_with_its_notice(client: httpx.AsyncClient) -> None:
    tampere_region = await agreement_in_area(client, TAMPERE_AREA)
    nokia = await organisation_named(client, "Nokia")
    given = await client.post(f"/agreements/{tampere_region['id']}/notices", headers=HX,
                              data={"organisation_id": nokia["id"], "given_on": "2025-08-31", "confirmed": "true"})
    location = json.loads(given.headers["hx-location"])
    assert location == {"path": f"/agreements/{tampere_region['id']}", "target": "#main", "select": "#main",
                        "swap": "outerHTML"}
    whole = await client.get(location["path"], headers={**HX, "HX-Target": "main"})
    assert '<main id="main"' in whole.text and "28.2.2026" in whole.text and 'id="flash"' in whole.text


async def test_amend_from_the_agreement_page(client: httpx.AsyncClient) -> None:
    tampere_region = await agreement_in_area(client, TAMPERE_AREA)
    response = await client.post(f"/agreements/{tampere_region['id']}/amend", data={"reasons": "Päivitys 2026."})
    assert response.status_code == 303
    draft_page = (await client.get(response.headers["location"])).text
    assert "Päivitys 2026." in draft_page and 'id="draft-form"' in draft_page
    again = await client.post(f"/agreements/{tampere_region['id']}/amend", data={"reasons": "Toinen."})
    assert again.status_code == 409 and 'role="alert"' in again.text


async def test_the_haapajarvi_decision_chain_with_its_money_commitment(anonymous: httpx.AsyncClient) -> None:
    html = (await anonymous.get("/decisions", params={"case_number": "133/00.04.01/2019"})).text
    assert html.index("17.12.2019 § 228") < html.index("11.8.2020 § 149") < html.index("23.2.2021 § 40")
    assert "1\u00a0950,00\u00a0€" in html


async def test_annexes_of_a_draft_in_the_pages(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = agreement["versions"][0]
    url = f"/agreements/{agreement['id']}/versions/{version['id']}/annexes"
    bad = await client.post(url, data={"title": "Liite", "url": "ei osoite"})
    assert bad.status_code == 422 and 'id="error-annex_url"' in bad.text
    linked = await client.post(url, data={"title": "Kustannustenjakoliite", "url": "https://example.fi/liite.pdf"})
    assert linked.status_code == 303
    uploaded = await client.post(url, data={"title": "Pöytäkirja"},
                                 files={"file": ("poytakirja.txt", b"KH 1.2.2025", "text/plain")})
    assert uploaded.status_code == 303
    page = (await client.get(f"/agreements/{agreement['id']}/versions/{version['id']}")).text
    assert "Kustannustenjakoliite" in page and "Pöytäkirja" in page and "poytakirja.txt" in page


async def test_edit_the_agreements_own_facts(client: httpx.AsyncClient) -> None:
    draft = await create_agreement(client)
    url = f"/agreements/{draft['id']}/edit"
    form = {"title": "Uusi otsikko", "kind": "partnership", "description": "Kuvaus",
            "statutes": "Laki työvoimapalveluiden järjestämisestä (380/2023)\nKuntalaki 410/2015",
            "version": str(draft["version"])}
    bad = await client.post(url, data={**form, "statutes": "Kuntalaki ilman numeroa"}, headers=HX)
    assert bad.status_code == 422 and 'id="error-statutes"' in bad.text and "Kuntalaki ilman numeroa" in bad.text
    saved = await client.post(url, data=form)
    assert saved.status_code == 303
    agreement = (await client.get(f"/api/v1/agreements/{draft['id']}")).json()
    assert agreement["title"] == "Uusi otsikko" and agreement["kind"] == "partnership"
    assert agreement["statutes"] == [{"name": "Laki työvoimapalveluiden järjestämisestä", "number": "380/2023"},
                                     {"name": "Kuntalaki", "number": "410/2015"}]
    stale = await client.post(url, data={**form, "title": "Kolmas otsikko"})
    assert stale.status_code == 412 and 'value="Kolmas otsikko"' in stale.text


async def test_signatures_bring_an_on_signature_version_into_force(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client, rule="on_signature", effective_date=None)
    sent = await send(client, agreement)
    version_id = sent["versions"][-1]["id"] if "versions" in sent else agreement["versions"][-1]["id"]
    parties = await kirkkonummi_parties(client)
    for organisation_id in parties.values():
        assert (await decide(client, version_id, organisation_id, "2025-02-01")).status_code == 201
    url = f"/agreements/{agreement['id']}/versions/{version_id}"
    page = await client.get(url)
    assert 'id="signatures"' in page.text and "signature-party" in page.text
    missing = await client.post(f"{url}/signatures", data={"organisation_id": parties["Vihti"]}, headers=HX)
    assert missing.status_code == 422 and 'id="error-signed_on"' in missing.text
    for organisation_id in parties.values():
        signed = await client.post(f"{url}/signatures", data={"organisation_id": organisation_id, "signed_on": "2025-02-10"})
        assert signed.status_code == 303
    state = (await client.get(f"/api/v1/agreements/{agreement['id']}/versions/{version_id}",
                              params={"on": "2025-03-01"})).json()["state"]
    assert state["status"] == "in_force" and state["in_force_from"] == "2025-02-10"


async def test_editing_a_draft_in_the_page_loses_nothing(client: httpx.AsyncClient) -> None:
    parties = await kirkkonummi_parties(client)
    preamble = [{"type": "paragraph", "text": "Kirkkonummen seudun yhteistyösopimus"},
                {"type": "paragraph", "text": "Kunnat sopivat seuraavaa."}]
    sections = [{"number": "5", "title": "Kustannukset", "blocks": [
        {"type": "paragraph", "text": "Jaetaan asukasluvun mukaan."}, {"type": "list", "items": ["hallinto", "ICT"]}]}]
    agreement = await create_agreement(client, preamble=preamble, sections=sections, parties=[
        {"organisation_id": parties["Kirkkonummi"], "role": "lead"},
        {"organisation_id": parties["Siuntio"], "role": "financier"}, {"organisation_id": parties["Vihti"]}])
    version = agreement["versions"][0]
    page_url = f"/agreements/{agreement['id']}/versions/{version['id']}"
    page = (await client.get(page_url)).text
    text = re.search(r'<textarea id="field-text"[^>]*>([^<]*)</textarea>', page).group(1)
    assert text.startswith("Kirkkonummen seudun yhteistyösopimus\n\nKunnat sopivat seuraavaa.\n\n5. Kustannukset")
    # The form as sent back unchanged, except that the lead's own box was left unticked.
    form = {"title": agreement["title"], "reasons": "", "effective_date": "2025-03-01", "rule": "all_parties_approve",
            "notice_months": "6", "lead": parties["Kirkkonummi"], "parties": [parties["Siuntio"], parties["Vihti"]],
            "text": text, "version": str(version["version"])}
    saved = await client.post(f"{page_url}/edit", data=form)
    assert saved.status_code == 303, saved.text[:500]
    edited = (await client.get(f"/api/v1/agreements/{agreement['id']}/versions/{version['id']}")).json()
    assert edited["preamble"] == preamble and edited["sections"] == sections
    assert [(p["organisation"]["id"], p["role"]) for p in edited["parties"]] == [
        (parties["Kirkkonummi"], "lead"), (parties["Siuntio"], "financier"), (parties["Vihti"], "member")]


async def test_decisions_filter_by_organisation_body_dates_area_and_agreement(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    version = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    await decide(client, version["id"], parties["Vihti"], "2025-02-03", section=5)
    await client.post("/api/v1/decisions", json={
        "organisation_id": parties["Siuntio"], "version_id": version["id"], "body": "council",
        "meeting_date": "2025-03-10", "section": 9, "outcome": "approved"})
    kirkkonummi = await area_id(client, KIRKKONUMMI_AREA)

    async def shown(**filters: str) -> list[str]:
        html = (await client.get("/decisions", params={"area_id": kirkkonummi, **filters}, headers=HX)).text
        return re.findall(r"<strong>(\w+):", html)

    assert sorted(await shown(agreement_id=agreement["id"])) == ["Siuntio", "Vihti"]
    assert await shown(agreement_id=agreement["id"], body="council") == ["Siuntio"]
    assert await shown(agreement_id=agreement["id"], since="2025-03-01") == ["Siuntio"]
    assert await shown(agreement_id=agreement["id"], until="2025-02-28") == ["Vihti"]
    assert await shown(agreement_id=agreement["id"], organisation_id=parties["Vihti"]) == ["Vihti"]
    page = (await client.get("/decisions", params={"area_id": kirkkonummi})).text
    assert 'id="filter-agreement"' in page and agreement["title"] in page and 'id="filter-body"' in page
    assert (await client.get("/decisions", params={"since": "rubbish", "body": "nonsense"})).status_code == 200

"""Tracked changes ("muutokset näkyvissä") through the API: any two versions, section by section."""

import httpx

from tests.api.agreement_helpers import (
    PILOT_AREA,
    agreement_in_area,
    create_agreement,
    decide,
    kirkkonummi_parties,
    send,
)
from tests.api.helpers import assert_problem


def changes_by_title(redline: dict) -> dict[str, dict]:
    return {(c["new"] or c["old"])["title"]: c for c in redline["sections"]}


def words(change: dict, op: str) -> str:
    return " ".join(o["text"] for o in change["body_ops"] if o["op"] == op)


async def test_the_2024_amendment_of_the_pirkanmaa_pilot_as_json_operations(anonymous: httpx.AsyncClient,
                                                                          client: httpx.AsyncClient) -> None:
    pilot = await agreement_in_area(client, PILOT_AREA)
    response = await anonymous.get(f"/api/v1/agreements/{pilot['id']}/redline")
    assert response.status_code == 200, response.text
    redline = response.json()
    assert (redline["old"]["number"], redline["new"]["number"]) == (2, 3), "by default: the newest against what it amends"
    assert redline["summary"] == {"added": 1, "removed": 0, "changed": 4, "renamed": 0, "moved": 0}
    assert redline["new"]["reasons"].startswith("Kuntien väliseen yhteistyösopimukseen on tarve tehdä muutoksia")
    changes = changes_by_title(redline)
    assert changes["Sopijaosapuolet"]["kind"] == "unchanged"
    assert changes["Voimassaolo vuonna 2024"]["kind"] == "added"
    mainio = changes["Tieto-, neuvonta- ja ohjauspalvelut (Mainio)"]
    assert mainio["kind"] == "changed"
    # The list item goes; its words stay in the new sentence that says they are outside the agreement.
    assert "• työvoiman" in words(mainio, "delete")
    assert "eivät kuulu sopimukseen" in words(mainio, "insert")
    coordinators = changes["Osaamiskeskuksen työnhakija-asiakkaiden palvelut"]
    assert "yrityskoordinaattorit" in words(coordinators, "delete")
    assert "OMA-valmentajan" in words(coordinators, "insert")
    equal_and_inserted = " ".join(o["text"] for o in coordinators["body_ops"] if o["op"] != "delete")
    assert equal_and_inserted.startswith("Erillispalvelua ei tuoteta."), "the new text reads whole without deletions"


async def test_any_two_versions_can_be_compared(client: httpx.AsyncClient) -> None:
    pilot = await agreement_in_area(client, PILOT_AREA)
    first, _, third = pilot["versions"]
    url = f"/api/v1/agreements/{pilot['id']}/redline"
    redline = (await client.get(url, params={"old": first["id"], "new": third["id"]})).json()
    costs = changes_by_title(redline)["Kustannusten jako"]
    assert costs["kind"] == "changed" and "päivitetään vuosittain" in words(costs, "insert")
    backwards = (await client.get(url, params={"old": third["id"], "new": first["id"]})).json()
    assert changes_by_title(backwards)["Voimassaolo vuonna 2024"]["kind"] == "removed"
    assert_problem(await client.get(url, params={"old": pilot["id"], "new": third["id"]}), 404)


async def test_sections_renamed_and_moved_in_an_amendment(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client, effective_date=None)
    version = await send(client, agreement)
    parties = await kirkkonummi_parties(client)
    for organisation_id in parties.values():
        await decide(client, version["id"], organisation_id, "2025-01-20")
    amendment = (await client.post(f"/api/v1/agreements/{agreement['id']}/versions", params={"on": "2025-02-01"},
                                   json={"reasons": "Rakenne selkeämmäksi."})).json()
    one, two, three = amendment["sections"]
    reordered = [
        {**three, "number": "1"},
        {**one, "number": "2"},
        {**two, "number": "3", "title": "Sopimuksen tarkoitus",
         "blocks": [{"type": "paragraph", "text": "Kunnat järjestävät työllisyyspalvelut yhdessä ja tehokkaasti."},
                    {"type": "list", "items": ["neuvonta", "ohjaus"]}]},
    ]
    await client.patch(f"/api/v1/agreements/{agreement['id']}/versions/{amendment['id']}", json={"sections": reordered},
                       headers={"If-Match": f'"{amendment["version"]}"'})
    redline = (await client.get(f"/api/v1/agreements/{agreement['id']}/redline")).json()
    changes = changes_by_title(redline)
    purpose = changes["Sopimuksen tarkoitus"]
    assert purpose["renamed"] and purpose["old"]["title"] == "Tarkoitus"
    assert next(o for o in purpose["title_ops"] if o["op"] == "insert")["text"] == "Sopimuksen tarkoitus"
    assert words(purpose, "insert") == "ja tehokkaasti"
    assert redline["summary"]["moved"] >= 1
    assert changes["Voimassaolo"]["renumbered"]

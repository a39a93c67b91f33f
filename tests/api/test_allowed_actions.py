"""The API offers exactly what it then accepts: allowed_actions on every read, and the same rule on the write."""

import httpx

from tests.api.agreement_helpers import TAMPERE_AREA, area_id, create_agreement, decide, send
from tests.api.helpers import assert_problem, organisation_named


async def tampere_region_agreement(client: httpx.AsyncClient) -> tuple[dict, dict[str, str]]:
    parties = {name: (await organisation_named(client, name))["id"] for name in ("Tampere", "Nokia", "Kangasala")}
    agreement = await create_agreement(client, area_id=await area_id(client, TAMPERE_AREA), title="Toimintojen sopimus",
                                       parties=[{"organisation_id": parties["Tampere"], "role": "lead"},
                                                {"organisation_id": parties["Nokia"]},
                                                {"organisation_id": parties["Kangasala"]}])
    await send(client, agreement)
    return agreement, parties


async def test_a_coordinator_is_offered_and_may_record_only_their_own_party_s_decision(
    anonymous: httpx.AsyncClient, client: httpx.AsyncClient, credentials  # type: ignore[no-untyped-def]
) -> None:
    agreement, parties = await tampere_region_agreement(client)
    nokia = {"Authorization": f"Bearer {await credentials.token_for('koordinaattori@nokia.example')}"}
    read = (await anonymous.get(f"/api/v1/agreements/{agreement['id']}", params={"on": "2025-01-20"}, headers=nokia)).json()
    offered = {row["organisation"]["name_fi"] for row in read["matrix"]
               if any("record_decision" in cell["allowed_actions"] for cell in row["cells"])}
    assert offered == {"Nokia"}
    assert read["allowed_actions"] == ["record_decision"], "no notice: nothing is in force yet"
    version_id = read["versions"][0]["id"]
    anonymous.headers.update(nokia)
    assert (await decide(anonymous, version_id, parties["Nokia"], "2025-01-20")).status_code == 201
    assert_problem(await decide(anonymous, version_id, parties["Tampere"], "2025-01-20"), 403)


async def test_a_viewer_is_offered_nothing_and_may_do_nothing(
    anonymous: httpx.AsyncClient, client: httpx.AsyncClient, credentials  # type: ignore[no-untyped-def]
) -> None:
    agreement, parties = await tampere_region_agreement(client)
    viewer = {"Authorization": f"Bearer {await credentials.token_for('lukija@kangasala.example')}"}
    read = (await anonymous.get(f"/api/v1/agreements/{agreement['id']}", headers=viewer)).json()
    assert read["allowed_actions"] == []
    assert all(not cell["allowed_actions"] for row in read["matrix"] for cell in row["cells"])
    assert all(not party["allowed_actions"] for party in read["parties"])
    me = (await anonymous.get("/api/v1/auth/me", headers=viewer)).json()
    assert me["allowed_actions"] == []
    anonymous.headers.update(viewer)
    assert_problem(await decide(anonymous, read["versions"][0]["id"], parties["Kangasala"], "2025-01-20"), 403)


async def test_the_front_page_read_says_what_awaits_the_coordinator_s_own_organisation(
    anonymous: httpx.AsyncClient, client: httpx.AsyncClient, credentials  # type: ignore[no-untyped-def]
) -> None:
    agreement, _ = await tampere_region_agreement(client)
    nokia = {"Authorization": f"Bearer {await credentials.token_for('koordinaattori@nokia.example')}"}
    overview = (await anonymous.get("/api/v1/overview", params={"on": "2025-01-20"}, headers=nokia)).json()
    assert overview["whole_area"] is False and overview["organisation"]["name_fi"] == "Nokia"
    mine = [item for item in overview["awaited"] if item["agreement_id"] == agreement["id"]]
    assert [[o["name_fi"] for o in item["waiting"]] for item in mine] == [["Nokia"]]
    admin = {"Authorization": f"Bearer {await credentials.token_for('aluepaakayttaja@tampere.example')}"}
    whole = (await anonymous.get("/api/v1/overview", params={"on": "2025-01-20"}, headers=admin)).json()
    assert whole["whole_area"] is True
    waiting = next(item["waiting"] for item in whole["awaited"] if item["agreement_id"] == agreement["id"])
    assert sorted(o["name_fi"] for o in waiting) == ["Kangasala", "Nokia", "Tampere"]
    assert whole["year"] == 2025 and whole["cost_shares"], "the Tampere region's plans of 2025"


async def test_the_front_page_lists_the_first_twenty_awaited_versions_and_says_more_await(
    client: httpx.AsyncClient,
) -> None:
    parties = [{"organisation_id": (await organisation_named(client, "Tampere"))["id"], "role": "lead"},
               {"organisation_id": (await organisation_named(client, "Nokia"))["id"]}]
    area = await area_id(client, TAMPERE_AREA)
    for number in range(21):
        await send(client, await create_agreement(client, area_id=area, title=f"Aa odottaa {number:02}",
                                                  parties=parties))
    whole = (await client.get("/api/v1/overview", params={"on": "2025-01-20"})).json()
    assert [item["agreement_title"] for item in whole["awaited"]] == [f"Aa odottaa {n:02}" for n in range(20)]
    assert whole["awaited_more"] is True
    listed = (await client.get("/api/v1/agreements", params={"on": "2025-01-20", "awaiting": "true", "limit": 200,
                                                             "q": "Aa odottaa"})).json()["items"]
    assert len(listed) == 21, "the agreements list has every one the front page says awaits"
    later = (await client.get("/api/v1/overview", params={"on": "2000-01-01"})).json()
    assert later["awaited"] == [] and later["awaited_more"] is False, "nothing was sent yet on that day"

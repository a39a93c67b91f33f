"""Conflicting writers at once: exactly one wins, the others are refused with 409 or 412, none gets a server error,
and what is stored afterwards is exactly the winner's."""

import httpx

from tests.api.agreement_helpers import create_agreement, decide, kirkkonummi_parties, send
from tests.reliability.conftest import all_at_once, report, statuses

WRITERS = 20
ROUNDS = 3


async def version_state(client: httpx.AsyncClient, agreement_id: str, version_id: str, on: str) -> dict:
    agreement = (await client.get(f"/api/v1/agreements/{agreement_id}", params={"on": on})).json()
    return next(v for v in agreement["versions"] if v["id"] == version_id)["state"]


async def party_decisions(client: httpx.AsyncClient, version_id: str, organisation_id: str) -> list[dict]:
    response = await client.get("/api/v1/decisions", params={"version_id": version_id,
                                                              "organisation_id": organisation_id, "limit": 100})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def test_updates_with_the_same_etag_have_one_winner(client: httpx.AsyncClient) -> None:
    agreement = await create_agreement(client)
    url = f"/api/v1/agreements/{agreement['id']}"
    for round_number in range(1, ROUNDS + 1):
        current = (await client.get(url)).json()
        etag = f'"{current["version"]}"'
        titles = [f"Yhteistyösopimus, kierros {round_number}, kirjoittaja {n}" for n in range(WRITERS)]
        responses = await all_at_once([client.patch(url, json={"title": title}, headers={"If-Match": etag})
                                       for title in titles])
        counts = statuses(responses)
        report("same ETag", round_number, counts)
        winners = [(title, r) for title, r in zip(titles, responses, strict=True) if r.is_success]
        assert len(winners) == 1, counts
        assert set(counts) - {200} <= {409, 412}, [r.text for r in responses if r.status_code >= 500][:3]
        for response in responses:
            if not response.is_success:
                assert response.headers["content-type"].startswith("application/problem+json")
        stored = (await client.get(url)).json()
        assert stored["title"] == winners[0][0]
        assert stored["version"] == current["version"] + 1 == winners[0][1].json()["version"]


async def test_one_party_deciding_twenty_times_at_once_stores_one_decision(client: httpx.AsyncClient) -> None:
    parties = await kirkkonummi_parties(client)
    for round_number in range(1, ROUNDS + 1):
        agreement = await create_agreement(client, title=f"Päätöskilpa {round_number}")
        version = await send(client, agreement)
        outcomes = ["approved" if n % 2 == 0 else "rejected" for n in range(WRITERS)]
        responses = await all_at_once([decide(client, version["id"], parties["Vihti"], "2025-01-20", outcome, section=12)
                                       for outcome in outcomes])
        counts = statuses(responses)
        report("same party, same meeting and §", round_number, counts)
        assert counts[201] == 1 and counts[409] == WRITERS - 1, counts
        winner = next(outcome for outcome, r in zip(outcomes, responses, strict=True) if r.status_code == 201)
        stored = await party_decisions(client, version["id"], parties["Vihti"])
        assert [d["outcome"] for d in stored] == [winner]
        state = await version_state(client, agreement["id"], version["id"], "2025-01-20")
        assert state.get("problem") is None
        assert (state["approved"], state["blocking"], state["pending"]) == (
            (1, 0, 2) if winner == "approved" else (0, 1, 2))


async def test_different_parties_deciding_at_once_are_all_stored(client: httpx.AsyncClient) -> None:
    parties = await kirkkonummi_parties(client)
    for round_number in range(1, ROUNDS + 1):
        agreements = [await create_agreement(client, title=f"Yhtäaikaiset päätökset {round_number}.{n}") for n in range(4)]
        versions = [await send(client, agreement) for agreement in agreements]
        # The last agreement's Vihti rejects: that version must end up blocked, the others adopted.
        plan = [(agreement, version, party, "rejected" if (n, name) == (3, "Vihti") else "approved")
                for n, (agreement, version) in enumerate(zip(agreements, versions, strict=True))
                for name, party in parties.items()]
        responses = await all_at_once([decide(client, version["id"], party, "2025-01-20", outcome)
                                       for _, version, party, outcome in plan])
        counts = statuses(responses)
        report("different parties", round_number, counts)
        assert counts == {201: len(plan)}, [r.text for r in responses if r.status_code != 201][:3]
        for n, (agreement, version) in enumerate(zip(agreements, versions, strict=True)):
            for name, party in parties.items():
                expected = "rejected" if (n, name) == (3, "Vihti") else "approved"
                assert [d["outcome"] for d in await party_decisions(client, version["id"], party)] == [expected]
            state = await version_state(client, agreement["id"], version["id"], "2025-01-20")
            assert state.get("problem") is None
            assert (state["approved"], state["blocking"], state["pending"]) == ((2, 1, 0) if n == 3 else (3, 0, 0))

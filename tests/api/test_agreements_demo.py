"""The demo data of the four seeds, as a reader of the API finds them."""

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.agreement_helpers import (
    ESR_AREA,
    PILOT_AREA,
    SAVO_AREA,
    TAMPERE_AREA,
    agreement_in_area,
)


async def test_seed_001_the_tampere_region_agreement_is_in_force(anonymous: httpx.AsyncClient,
                                                                client: httpx.AsyncClient) -> None:
    agreement = await agreement_in_area(client, TAMPERE_AREA, on="2025-06-01")
    public = (await anonymous.get(f"/api/v1/agreements/{agreement['id']}", params={"on": "2025-06-01"})).json()
    assert public["status"] == "in_force"
    assert len(public["parties"]) == 15
    assert public["parties"][0]["organisation"]["name_fi"] == "Tampere" and public["parties"][0]["role"] == "lead"
    assert public["notice_months"] == 6
    assert {"name": "Laki työvoimapalveluiden järjestämisestä", "number": "380/2023"} in public["statutes"]
    assert len(public["statutes"]) == 10
    version = (await anonymous.get(f"/api/v1/agreements/{agreement['id']}/versions/{public['current_version_id']}")).json()
    assert len(version["sections"]) == 11
    assert version["sections"][10]["title"] == "Sopimuksen voimassaolo, muutoksista sopiminen"


async def test_seed_000_the_pirkanmaa_pilot_and_its_2024_amendment(client: httpx.AsyncClient) -> None:
    agreement = await agreement_in_area(client, PILOT_AREA, on="2024-06-01")
    states = [(v["number"], v["state"]["status"]) for v in agreement["versions"]]
    assert states == [(1, "superseded"), (2, "superseded"), (3, "in_force")]
    third = agreement["versions"][2]
    assert third["state"]["in_force_from"] == "2024-01-01" and third["state"]["retroactive"]
    assert "kehittämispanosten kohdentamiseksi" in third["reasons"]
    tampere = agreement["matrix"][0]
    assert tampere["organisation"]["name_fi"] == "Tampere"
    decisions = [(c["decision"]["meeting_date"], c["decision"]["section"], c["decision"]["outcome"]) for c in tampere["cells"]]
    assert decisions[0] == ("2020-11-30", 507, "approved")
    assert decisions[1] == ("2023-06-05", 279, "approved")
    assert decisions[2][2] == "approved_unanimously"
    # In 2022 the first version was in force.
    earlier = await agreement_in_area(client, PILOT_AREA, on="2022-06-01")
    assert earlier["current_version_id"] == agreement["versions"][0]["id"]


async def test_seed_003_the_pohjois_savo_letter_of_intent_waits_for_every_party(client: httpx.AsyncClient) -> None:
    agreement = await agreement_in_area(client, SAVO_AREA)
    assert agreement["kind"] == "letter_of_intent"
    assert agreement["status"] == "circulating" and agreement["rule"] == "all_parties_approve"
    assert len(agreement["parties"]) == 10
    state = agreement["versions"][0]["state"]
    assert (state["approved"], state["pending"], state["blocking"]) == (3, 7, 0)
    standings = {p["organisation"]["name_fi"]: p["standing"] for p in agreement["parties"]}
    assert standings["Kuopio"] == "approved" and standings["Iisalmi"] == "pending"


async def test_seed_004_the_haapajarvi_decision_chain(anonymous: httpx.AsyncClient, client: httpx.AsyncClient) -> None:
    chain = (await anonymous.get("/api/v1/decisions", params={"case_number": "133/00.04.01/2019"})).json()["items"]
    assert [(d["meeting_date"], d["section"], d["body_name"]) for d in chain] == [
        ("2019-12-17", 228, "KHALL"), ("2020-08-11", 149, "KHALL"), ("2021-02-23", 40, "KHALL")]
    assert {d["organisation"]["name_fi"] for d in chain} == {"Haapajärvi"}
    commitment = chain[1]
    assert commitment["commitment_cap"] == "1950.00"
    assert commitment["agreement_version"]["number"] == 1
    assert "enintään 1.950 euroa" in commitment["proposal"]
    project = await agreement_in_area(client, ESR_AREA)
    assert project["status"] == "in_force", "the other twelve partners' commitments stand in for their decisions"
    assert project["versions"][0]["state"]["approved"] == 13
    caps = (await anonymous.get("/api/v1/decisions", params={"version_id": project["versions"][0]["id"]})).json()
    assert [d["commitment_cap"] for d in caps["items"]] == ["1950.00"] * 13


async def test_loading_the_demo_twice_adds_nothing(session: AsyncSession) -> None:
    from api.agreements.demo import load_agreements_demo
    from api.agreements.models import Agreement
    from api.decisions.models import Decision

    counts = [await session.scalar(select(func.count()).select_from(model)) for model in (Agreement, Decision)]
    assert await load_agreements_demo(session) == {"agreements": 0}
    assert [await session.scalar(select(func.count()).select_from(model)) for model in (Agreement, Decision)] == counts

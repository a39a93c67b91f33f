"""Every list sorts by each of its columns in both orders, in SQL: a page at a time with a small limit gives every row
once, in the order the column says, rows without a value last either way, ties by id; a cursor serves only the sort
it was made for; a sort a list does not offer is refused with its code."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from api.agreements.schemas import AgreementKind
from api.auth.models import ApiKey
from api.decisions.schemas import DecisionBody
from domain.agreements import DecisionOutcome, VersionStatus
from domain.areas import AreaKind
from domain.costs.plans import PlanStatus
from domain.organisations import OrganisationKind
from tests.api.agreement_helpers import TAMPERE_AREA, area_id, create_agreement
from tests.api.cost_helpers import new_esr_plan
from tests.api.helpers import assert_problem

Value = Callable[[dict[str, Any]], Any]


def position(values: Any) -> Value:
    """A code's place in its enum's declared order (a status in its lifecycle's)."""
    order = [str(value) for value in values]
    return lambda code: order.index(code)


KINDS = position(OrganisationKind)

# (list, its filters, sort key, the value the rows are ordered by, from one item)
CASES: list[tuple[str, dict[str, str], str, Value]] = [
    ("/api/v1/organisations", {"region": "Pirkanmaa"}, "name_fi", lambda o: o["name_fi"]),
    ("/api/v1/organisations", {"region": "Pirkanmaa"}, "name_sv", lambda o: o["name_sv"]),
    ("/api/v1/organisations", {"region": "Pirkanmaa"}, "kind", lambda o: KINDS(o["kind"])),
    ("/api/v1/organisations", {"region": "Pirkanmaa"}, "municipality_code", lambda o: o["municipality_code"]),
    ("/api/v1/organisations", {"region": "Pirkanmaa"}, "business_id", lambda o: o["business_id"]),
    ("/api/v1/organisations", {"kind": "state_agency"}, "region", lambda o: o["region"]),
    ("/api/v1/organisations", {"region": "Pirkanmaa"}, "population", lambda o: o["population"]),
    ("/api/v1/areas", {}, "name", lambda a: a["name"]),
    ("/api/v1/areas", {}, "kind", lambda a: position(AreaKind)(a["kind"])),
    ("/api/v1/areas", {}, "lead", lambda a: a["lead"]["name_fi"]),
    ("/api/v1/areas", {}, "member_count", lambda a: a["member_count"]),
    ("/api/v1/agreements", {}, "title", lambda a: a["title"]),
    ("/api/v1/agreements", {}, "kind", lambda a: position(AgreementKind)(a["kind"])),
    ("/api/v1/agreements", {}, "area", lambda a: a["area"]["name"]),
    ("/api/v1/agreements", {}, "status", lambda a: position(VersionStatus)(a["status"])),
    ("/api/v1/agreements", {}, "in_force_from", lambda a: a["in_force_from"]),
    ("/api/v1/agreements", {}, "party_count", lambda a: a["party_count"]),
    ("/api/v1/decisions", {}, "meeting_date", lambda d: d["meeting_date"]),
    ("/api/v1/decisions", {}, "organisation", lambda d: d["organisation"]["name_fi"]),
    ("/api/v1/decisions", {}, "body", lambda d: position(DecisionBody)(d["body"])),
    ("/api/v1/decisions", {}, "case_number", lambda d: d["case_number"]),
    ("/api/v1/decisions", {}, "outcome", lambda d: position(DecisionOutcome)(d["outcome"])),
    ("/api/v1/decisions", {}, "commitment_cap",
     lambda d: None if d["commitment_cap"] is None else Decimal(d["commitment_cap"])),
    ("/api/v1/cost-plans", {}, "year", lambda p: p["year"]),
    ("/api/v1/cost-plans", {}, "name", lambda p: p["name"]),
    ("/api/v1/cost-plans", {}, "area", lambda p: p["area_name"]),
    ("/api/v1/cost-plans", {}, "status", lambda p: position(PlanStatus)(p["status"])),
    ("/api/v1/cost-plans", {}, "reference_date", lambda p: p["reference_date"]),
    ("/api/v1/cost-plans", {}, "pool_count", lambda p: p["pool_count"]),
    ("/api/v1/statistics", {"name": "customers"}, "name", lambda s: s["name"]),
    ("/api/v1/statistics", {"name": "customers"}, "reference_date", lambda s: s["reference_date"]),
    ("/api/v1/statistics", {"name": "customers"}, "organisation", lambda s: s["organisation"]["name_fi"]),
    ("/api/v1/statistics", {"name": "customers"}, "municipality_code", lambda s: s["organisation"]["municipality_code"]),
    ("/api/v1/statistics", {"name": "customers"}, "value", lambda s: Decimal(s["value"])),
    ("/api/v1/statistics", {"name": "customers"}, "source", lambda s: s["source"]),
    ("/api/v1/users", {}, "email", lambda u: u["email"]),
    ("/api/v1/users", {}, "name", lambda u: u["name"]),
    ("/api/v1/users", {}, "is_active", lambda u: u["is_active"]),
    ("/api/v1/audit", {"resource_type": "decisions"}, "occurred_at",
     lambda e: datetime.fromisoformat(e["occurred_at"].replace("Z", "+00:00"))),
    ("/api/v1/audit", {"resource_type": "decisions"}, "actor_label", lambda e: e["actor_label"]),
    ("/api/v1/audit", {"resource_type": "decisions"}, "action", lambda e: e["action"]),
    ("/api/v1/audit", {"resource_type": "agreement_versions"}, "resource_type", lambda e: e["resource_type"]),
]


# What orders the rows alike in the column, before their ids: a list's natural order.
THEN: dict[str, Value] = {
    "/api/v1/organisations": lambda o: o["name_fi"], "/api/v1/areas": lambda a: a["name"],
    "/api/v1/agreements": lambda a: a["title"], "/api/v1/decisions": lambda d: d["meeting_date"],
}


def expected_order(items: list[dict[str, Any]], value: Value, order: str, tie: Value | None = None,
                   then: Value | None = None) -> list[Any]:
    """The ids (or `tie`s) in the order the API promises: by the value, rows without one last, ties by `then` and
    the id, all reversed but the missing values' place when descending."""
    tie = tie or (lambda item: item["id"])
    then = then or (lambda item: 0)
    present = [item for item in items if value(item) is not None]
    absent = [item for item in items if value(item) is None]
    present.sort(key=lambda item: (value(item), then(item), tie(item)), reverse=order == "desc")
    absent.sort(key=lambda item: (then(item), tie(item)), reverse=order == "desc")
    return [tie(item) for item in present + absent]


async def every_page(client: httpx.AsyncClient, path: str, limit: int, **params: str) -> list[dict[str, Any]]:
    """Every item of the list, `limit` at a time, following the cursors."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = await client.get(path, params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["items"]) == limit or not body["next_cursor"], "a page is full unless it is the last"
        items += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return items


async def more_rows(client: httpx.AsyncClient, path: str) -> None:
    """Beside the demo's rows, some that differ where the demo's are all alike: drafts of other kinds with no date
    in force, a person deactivated."""
    if path == "/api/v1/agreements":
        await create_agreement(client, title="Ähtärin ja Alavuden sopimus", kind="letter_of_intent", effective_date=None)
        await create_agreement(client, title="Aakkosten alku", kind="partnership")
    if path in ("/api/v1/decisions", "/api/v1/audit"):
        decisions = (await client.get("/api/v1/decisions", params={"limit": 3})).json()["items"]
        for decision, changes in zip(decisions, ({"body": "council", "case_number": "12/00.04.01/2019"},
                                                 {"body": "committee", "case_number": "3/2019"}, {"body": "other"})):
            response = await client.patch(f"/api/v1/decisions/{decision['id']}", json=changes,
                                          headers={"If-Match": f'"{decision["version"]}"'})
            assert response.status_code == 200, response.text
    if path == "/api/v1/statistics":
        customers = (await client.get("/api/v1/statistics", params={"name": "customers", "limit": 2})).json()["items"]
        for value, source in zip(customers, ("Testi", None)):
            response = await client.post("/api/v1/statistics", json={
                "organisation_id": value["organisation"]["id"], "name": "customers", "reference_date": "2021-12-31",
                "value": "622.5" if source else "0.000001", **({"source": source} if source else {})})
            assert response.status_code == 201, response.text
    if path == "/api/v1/cost-plans":
        await new_esr_plan(client, reference_date="2021-12-31", year=2023, name="Toinen suunnitelma")
    if path == "/api/v1/users":
        person = (await client.get("/api/v1/users", params={"limit": 1, "sort": "name"})).json()["items"][0]
        response = await client.patch(f"/api/v1/users/{person['id']}", json={"is_active": False},
                                      headers={"If-Match": f'"{person["version"]}"'})
        assert response.status_code == 200, response.text


# The lists' filters leave these columns with one value: the order is then the ids' alone.
UNIFORM = {("/api/v1/statistics", "name"), ("/api/v1/audit", "resource_type")}


@pytest.mark.parametrize(("path", "filters", "sort", "value"), CASES,
                         ids=[f"{path.rsplit('/', 1)[-1]}-{sort}" for path, _, sort, _ in CASES])
async def test_each_column_sorts_every_row_in_both_orders_a_page_at_a_time(
    client: httpx.AsyncClient, path: str, filters: dict[str, str], sort: str, value: Value
) -> None:
    await more_rows(client, path)
    whole = await every_page(client, path, 500, **filters)
    assert len(whole) >= 4, f"too few rows to show an order: {path} {filters}"
    assert len({value(item) for item in whole}) > 1 or (path, sort) in UNIFORM, "the column tells rows apart"
    for order in ("asc", "desc"):
        paged = await every_page(client, path, 3, **filters, sort=sort, order=order)
        assert [item["id"] for item in paged] == expected_order(whole, value, order, then=THEN.get(path)), (sort, order)


async def test_people_sort_by_their_organisation(client: httpx.AsyncClient) -> None:
    people = await every_page(client, "/api/v1/users", 500)
    names = {o["id"]: o["name_fi"] for o in await every_page(client, "/api/v1/organisations", 500)}
    for order in ("asc", "desc"):
        paged = await every_page(client, "/api/v1/users", 2, sort="organisation", order=order)
        assert [u["id"] for u in paged] == expected_order(people, lambda u: names[u["organisation_id"]], order)


async def test_plan_bases_sort_by_title_or_area_then_agreement_and_version(client: httpx.AsyncClient) -> None:
    whole = await every_page(client, "/api/v1/cost-plans/bases", 500)
    assert len(whole) >= 4

    def tie(basis: dict[str, Any]) -> Any:
        return (basis["agreement_id"], basis["version_number"])

    assert [tie(b) for b in whole] == expected_order(whole, lambda b: b["agreement_title"], "asc", tie), "as before"
    for sort, value in (("agreement_title", lambda b: b["agreement_title"]), ("area_name", lambda b: b["area_name"])):
        for order in ("asc", "desc"):
            paged = await every_page(client, "/api/v1/cost-plans/bases", 2, sort=sort, order=order)
            assert [tie(b) for b in paged] == expected_order(whole, value, order, tie), (sort, order)


async def test_the_default_order_is_the_one_the_lists_had(client: httpx.AsyncClient) -> None:
    defaults = {"/api/v1/organisations": ("name_fi", "asc"), "/api/v1/areas": ("name", "asc"),
                "/api/v1/agreements": ("title", "asc"), "/api/v1/decisions": ("meeting_date", "asc"),
                "/api/v1/cost-plans": ("year", "desc"), "/api/v1/users": ("email", "asc"),
                "/api/v1/audit": ("occurred_at", "desc"), "/api/v1/statistics": ("name", "asc")}
    for path, (sort, order) in defaults.items():
        plain = [item["id"] for item in await every_page(client, path, 50)]
        assert plain == [item["id"] for item in await every_page(client, path, 50, sort=sort, order=order)], path


async def test_finnish_names_sort_as_the_alphabet_has_them_a_to_z_then_a_ring_a_umlaut_o_umlaut(
    client: httpx.AsyncClient,
) -> None:
    names = [o["name_fi"] for o in await every_page(client, "/api/v1/organisations", 500, kind="municipality")]
    assert names[-4:] == ["Ylöjärvi", "Ypäjä", "Ähtäri", "Äänekoski"]
    assert names.index("Hämeenlinna") > names.index("Hausjärvi"), "ä after every other letter, as in Finnish"
    backwards = await every_page(client, "/api/v1/organisations", 500, kind="municipality", sort="name_fi", order="desc")
    assert [o["name_fi"] for o in backwards[:2]] == ["Äänekoski", "Ähtäri"]


async def test_agreements_without_a_date_in_force_come_last_both_ways(client: httpx.AsyncClient) -> None:
    await create_agreement(client, title="Luonnos ilman voimaantuloa", effective_date=None)
    for order in ("asc", "desc"):
        items = await every_page(client, "/api/v1/agreements", 2, sort="in_force_from", order=order)
        dates = [item["in_force_from"] for item in items]
        assert None in dates and dates.index(None) > 0
        assert all(day is None for day in dates[dates.index(None):]), dates


async def test_a_cursor_holds_the_longest_values_a_list_sorts_by(client: httpx.AsyncClient) -> None:
    for number in range(2):
        await create_agreement(client, title="Ä" * 499 + str(number))
    titles = [a["title"] for a in await every_page(client, "/api/v1/agreements", 1, sort="area", order="desc")]
    assert {"Ä" * 499 + "0", "Ä" * 499 + "1"} <= set(titles)


async def test_api_keys_sort_by_each_column_with_the_never_used_and_unrevoked_last(
    client: httpx.AsyncClient, credentials, session: AsyncSession  # type: ignore[no-untyped-def]
) -> None:
    for scopes in (("read",), ("read", "write"), ("finance",)):
        await credentials.api_key(TAMPERE_AREA, *scopes)
    url = f"/api/v1/areas/{await area_id(client, TAMPERE_AREA)}/api-keys"
    keys = (await client.get(url)).json()
    assert len(keys) >= 3
    await session.execute(update(ApiKey).where(ApiKey.id == uuid.UUID(keys[1]["id"]))
                          .values(last_used_at=datetime(2026, 3, 1, tzinfo=UTC)))
    await session.execute(update(ApiKey).where(ApiKey.id == uuid.UUID(keys[0]["id"]))
                          .values(last_used_at=datetime(2026, 1, 1, tzinfo=UTC), revoked_at=datetime(2026, 2, 1, tzinfo=UTC)))
    await session.commit()
    keys = (await client.get(url)).json()
    for sort in ("name", "prefix", "created_at", "last_used_at", "revoked_at"):
        for order in ("asc", "desc"):
            response = await client.get(url, params={"sort": sort, "order": order})
            assert response.status_code == 200, response.text
            assert [k["id"] for k in response.json()] == expected_order(keys, lambda k, s=sort: k[s], order), (sort, order)
    used = [k["last_used_at"] for k in (await client.get(url, params={"sort": "last_used_at", "order": "desc"})).json()]
    assert used[:2] == ["2026-03-01T00:00:00Z", "2026-01-01T00:00:00Z"] and set(used[2:]) == {None}


@pytest.mark.parametrize("path", ["/api/v1/organisations", "/api/v1/areas", "/api/v1/agreements", "/api/v1/decisions",
                                  "/api/v1/cost-plans", "/api/v1/statistics", "/api/v1/users", "/api/v1/audit"])
async def test_a_cursor_serves_only_the_sort_and_order_it_was_made_for(client: httpx.AsyncClient, path: str) -> None:
    document = (await client.get("/api/openapi.json")).json()
    parameters = {p["name"]: p for p in document["paths"][path]["get"]["parameters"]}
    sort_schema = document["components"]["schemas"][parameters["sort"]["schema"]["$ref"].rsplit("/", 1)[-1]]
    first, other = sort_schema["enum"][:2]
    page = (await client.get(path, params={"limit": 1, "sort": first, "order": "asc"})).json()
    cursor = page["next_cursor"]
    assert cursor
    assert (await client.get(path, params={"limit": 1, "sort": first, "order": "asc", "cursor": cursor})).status_code == 200
    for params in ({"sort": other, "order": "asc"}, {"sort": first, "order": "desc"}):
        refused = assert_problem(await client.get(path, params={**params, "limit": 1, "cursor": cursor}), 400)
        assert refused["code"] == "cursor.unknown", params


@pytest.mark.parametrize("path", ["/api/v1/organisations", "/api/v1/agreements", "/api/v1/decisions",
                                  "/api/v1/cost-plans/bases", "/api/v1/audit"])
async def test_a_sort_the_list_does_not_offer_is_refused_with_its_code(client: httpx.AsyncClient, path: str) -> None:
    for params, field in (({"sort": "password_hash"}, "sort"), ({"order": "sideways"}, "order")):
        body = assert_problem(await client.get(path, params=params), 422)
        assert [(e["field"], e["code"]) for e in body["errors"]] == [(field, "value.not_a_choice")]


async def test_a_cursor_whose_value_is_not_of_the_columns_type_is_refused(client: httpx.AsyncClient) -> None:
    from api.pagination import encode_cursor

    nobody = "00000000-0000-0000-0000-000000000000"
    for sort, cursor in (("population", ["population", "asc", "many", [nobody]]),
                         ("population", ["population", "asc", True, [nobody]]),
                         ("name_fi", ["name_fi", "asc", None, [nobody]]),
                         ("name_fi", ["name_fi", "asc", "Akaa", ["not an id"]]),
                         ("name_fi", ["name_fi", "asc", "Akaa", [nobody, nobody]]),
                         ("name_fi", ["name_fi", "asc", "Akaa"]),
                         ("name_fi", ["Akaa", nobody])):
        response = await client.get("/api/v1/organisations", params={"sort": sort, "cursor": encode_cursor(cursor)})
        assert assert_problem(response, 400)["code"] == "cursor.unknown", cursor

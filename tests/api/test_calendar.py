"""Calendar feeds of the duties: each person's addresses, the feeds read by a calendar with no token, a reset that
ends the old addresses, and roles asked again on every fetch. A feed is parsed with icalendar (which built it) and
imported with ics, a calendar client library of its own."""

from datetime import date, timedelta
from typing import Any

import httpx
import icalendar
import ics
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection

from api.clock import today
from api.settings import get_settings
from domain.obligations.calendar import window_start
from tests.api.agreement_helpers import PILOT_AREA, TAMPERE_AREA, agreement_in_area, area_id
from tests.api.helpers import assert_problem, organisation_named

CALENDAR = "/api/v1/calendar"
NOKIA_COORDINATOR = "koordinaattori@nokia.example"
AREA_ADMIN = "aluepaakayttaja@tampere.example"
LATE_DUTY = "Maahanmuuttoasioiden yhteydenottojen vastuutaho"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def path_of(url: str) -> str:
    """The feed's address on this installation, as the test client asks it."""
    base = get_settings().public_url
    assert url.startswith(base + CALENDAR + "/"), url
    return url[len(base):]


async def addresses(client: httpx.AsyncClient, token: str, **params: str) -> dict[str, Any]:
    response = await client.get(CALENDAR, headers=bearer(token), params=params)
    assert response.status_code == 200, response.text
    return response.json()


def feed_of(calendar: dict[str, Any], scope: str) -> str:
    return path_of(next(f["url"] for f in calendar["feeds"] if f["scope"] == scope))


async def fetch(anonymous: httpx.AsyncClient, path: str) -> icalendar.Calendar:
    response = await anonymous.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


async def nokia_s_late_duty(client: httpx.AsyncClient) -> dict[str, Any]:
    nokia = (await organisation_named(client, "Nokia"))["id"]
    response = await client.get("/api/v1/obligation-instances", params={"holder_id": nokia, "status": "overdue"})
    return next(i for i in response.json()["items"] if i["obligation"]["title_fi"] == LATE_DUTY)


async def test_a_coordinator_s_addresses_are_their_own_their_area_and_its_organisations(
        client: httpx.AsyncClient, credentials: Any) -> None:
    token = await credentials.token_for(NOKIA_COORDINATOR)
    calendar = await addresses(client, token)
    tampere_area = await area_id(client, TAMPERE_AREA)
    nokia = (await organisation_named(client, "Nokia"))["id"]
    kinds = [(f["kind"], f["scope"]) for f in calendar["feeds"]]
    assert kinds[0] == ("me", "me") and kinds[1] == ("area", f"area-{tampere_area}")
    assert calendar["feeds"][0]["organisation"]["name_fi"] == "Nokia" and not calendar["feeds"][0]["whole_areas"]
    organisations = [f["organisation"]["name_fi"] for f in calendar["feeds"] if f["kind"] == "organisation"]
    assert len(organisations) == 15 and "Nokia" in organisations and "Valkeakoski" in organisations
    assert f"organisation-{nokia}" in [scope for _, scope in kinds]
    assert calendar["allowed_actions"] == ["reset"]
    again = await addresses(client, token)
    assert again["feeds"] == calendar["feeds"], "the addresses stay the same until they are reset"
    secret = path_of(calendar["feeds"][0]["url"]).split("/")[4]
    assert len(secret) >= 43
    swedish = await addresses(client, token, lang="sv")
    assert swedish["feeds"][0]["url"] == calendar["feeds"][0]["url"] + "?lang=sv"


async def test_the_coordinator_s_own_feed_holds_nokia_s_overdue_duty_on_its_due_date_with_a_link_back(
        client: httpx.AsyncClient, anonymous: httpx.AsyncClient, credentials: Any) -> None:
    late = await nokia_s_late_duty(client)
    assert late["due_on"] == "2025-06-30"
    token = await credentials.token_for(NOKIA_COORDINATOR)
    feed = await fetch(anonymous, feed_of(await addresses(client, token), "me"))
    assert feed["PRODID"] and feed["VERSION"] == "2.0" and feed["X-WR-CALNAME"] == "Sopimo: omat velvoitteet"
    assert feed.decoded("REFRESH-INTERVAL") == timedelta(hours=1) and str(feed["X-PUBLISHED-TTL"]) == "PT1H"
    found = {str(e["UID"]): e for e in events(feed)}
    duty = found[f"{late['id']}@sopimo"]
    assert duty.decoded("DTSTART") == date(2025, 6, 30)
    assert duty["DTSTART"].params.get("VALUE") == "DATE"
    assert duty.decoded("DTEND") == date(2025, 7, 1)
    assert str(duty["SUMMARY"]) == f"{LATE_DUTY} – Nokia"
    link = f"{get_settings().public_url}/obligations/instances/{late['id']}"
    assert str(duty["URL"]) == link
    description = str(duty["DESCRIPTION"])
    assert "Tila: Myöhässä" in description and "Kohta 8:" in description and link in description
    assert [str(c) for c in duty["CATEGORIES"].cats] == ["Myöhässä"] and str(duty["STATUS"]) == "CONFIRMED"
    assert duty.get("DTSTAMP") is not None
    # Nokia's own duties only, none lapsed, from a year back (and the still overdue, however old)
    nokia = await organisation_named(client, "Nokia")
    start = window_start(today())
    for item in events(feed):
        assert str(item["SUMMARY"]).endswith("– Nokia"), item["SUMMARY"]
        assert item.decoded("DTSTART") >= start or "Myöhässä" in str(item["DESCRIPTION"])
    listed = await client.get("/api/v1/obligation-instances", params={
        "holder_id": nokia["id"], "due_after": start.isoformat(), "limit": 500})
    assert {f"{i['id']}@sopimo" for i in listed.json()["items"]} <= set(found)


async def test_a_calendar_client_library_reads_the_events(
        client: httpx.AsyncClient, anonymous: httpx.AsyncClient, credentials: Any) -> None:
    late = await nokia_s_late_duty(client)
    token = await credentials.token_for(NOKIA_COORDINATOR)
    response = await anonymous.get(feed_of(await addresses(client, token), "me"))
    imported = ics.Calendar(response.text)
    by_uid = {e.uid: e for e in imported.events}
    duty = by_uid[f"{late['id']}@sopimo"]
    assert duty.all_day and duty.begin.date() == date(2025, 6, 30)
    assert duty.name == f"{LATE_DUTY} – Nokia"
    assert duty.url == f"{get_settings().public_url}/obligations/instances/{late['id']}"
    assert duty.status == "CONFIRMED" and "Myöhässä" in duty.categories
    assert len(imported.events) == len(events(icalendar.Calendar.from_ical(response.content)))


async def test_a_swedish_feed_names_the_duty_and_its_holder_in_swedish(
        client: httpx.AsyncClient, anonymous: httpx.AsyncClient, credentials: Any) -> None:
    late = await nokia_s_late_duty(client)
    token = await credentials.token_for(NOKIA_COORDINATOR)
    feed = await fetch(anonymous, feed_of(await addresses(client, token, lang="sv"), "me"))
    duty = next(e for e in events(feed) if str(e["UID"]) == f"{late['id']}@sopimo")
    assert str(duty["SUMMARY"]) == "Ansvarig instans för kontakter i invandrarfrågor – Nokia"
    assert "Status: Försenad" in str(duty["DESCRIPTION"]) and "Punkt 8:" in str(duty["DESCRIPTION"])
    assert str(duty["URL"]).endswith(f"/obligations/instances/{late['id']}?lang=sv")
    assert feed["X-WR-CALNAME"] == "Sopimo: mina skyldigheter"


async def test_a_reset_makes_the_old_addresses_answer_404(
        client: httpx.AsyncClient, anonymous: httpx.AsyncClient, credentials: Any) -> None:
    token = await credentials.token_for(NOKIA_COORDINATOR)
    old = await addresses(client, token)
    old_feed = feed_of(old, "me")
    assert (await anonymous.get(old_feed)).status_code == 200
    response = await client.post(f"{CALENDAR}/reset", headers=bearer(token))
    assert response.status_code == 200, response.text
    new = response.json()
    assert new["feeds"][0]["url"] != old["feeds"][0]["url"] and new["made_at"] >= old["made_at"]
    problem = assert_problem(await anonymous.get(old_feed), 404)
    assert problem["code"] == "calendar.not_found"
    assert (await anonymous.get(feed_of(new, "me"))).status_code == 200
    assert (await addresses(client, token))["feeds"] == new["feeds"]


async def test_unknown_addresses_answer_404(client: httpx.AsyncClient, anonymous: httpx.AsyncClient,
                                            credentials: Any) -> None:
    token = await credentials.token_for(NOKIA_COORDINATOR)
    me = feed_of(await addresses(client, token), "me")
    secret = me.split("/")[4]
    for path in (f"{CALENDAR}/not-a-secret/me.ics", f"{CALENDAR}/{secret}/everything.ics",
                 f"{CALENDAR}/{secret}/area-nonsense.ics", f"{CALENDAR}/{secret}/area-{'0' * 8}-0000-0000-0000-{'0' * 12}.ics"):
        assert assert_problem(await anonymous.get(path), 404)["code"] == "calendar.not_found", path
    assert (await anonymous.get(f"{CALENDAR}/{secret}/me")).status_code == 404


async def test_another_area_s_duties_are_absent_and_its_feeds_are_not_the_coordinator_s(
        client: httpx.AsyncClient, anonymous: httpx.AsyncClient, credentials: Any) -> None:
    """Nokia is a party of the Pirkanmaa pilot too, but its coordinator has a role only in the Tampere region."""
    pilot = await agreement_in_area(client, PILOT_AREA)
    created = await client.post("/api/v1/obligations", json={
        "version_id": pilot["current_version_id"],  # the version in force holds the duties now
        "title_fi": "Kokeilun loppuraportti", "kind": "deliver_document",
        "holders": {"scope": "each_party"},
        "schedule": {"kind": "one_off", "due_on": (today() + timedelta(days=60)).isoformat()},
        "starts_on": "2021-03-01"})
    assert created.status_code == 201, created.text
    nokia = (await organisation_named(client, "Nokia"))["id"]
    pilot_area = await area_id(client, PILOT_AREA)
    token = await credentials.token_for(NOKIA_COORDINATOR)
    calendar = await addresses(client, token)
    assert f"area-{pilot_area}" not in [f["scope"] for f in calendar["feeds"]]
    for scope in ("me", f"organisation-{nokia}", f"area-{await area_id(client, TAMPERE_AREA)}"):
        summaries = [str(e["SUMMARY"]) for e in events(await fetch(anonymous, feed_of(calendar, scope)))]
        assert summaries and not any("Kokeilun loppuraportti" in s for s in summaries), scope
    secret = feed_of(calendar, "me").split("/")[4]
    assert (await anonymous.get(f"{CALENDAR}/{secret}/area-{pilot_area}.ics")).status_code == 404
    # the area admin of both areas reads it in the pilot's feed and in their own
    admin = await addresses(client, await credentials.token_for(AREA_ADMIN))
    assert admin["feeds"][0]["whole_areas"] and admin["feeds"][0]["organisation"] is None
    for scope in ("me", f"area-{pilot_area}"):
        summaries = [str(e["SUMMARY"]) for e in events(await fetch(anonymous, feed_of(admin, scope)))]
        assert "Kokeilun loppuraportti – Nokia" in summaries, scope


async def test_a_removed_role_forbids_the_area_s_feed_and_empties_the_own_one(
        client: httpx.AsyncClient, anonymous: httpx.AsyncClient, credentials: Any) -> None:
    token = await credentials.token_for(NOKIA_COORDINATOR)
    calendar = await addresses(client, token)
    tampere_area = await area_id(client, TAMPERE_AREA)
    area_feed, own_feed = feed_of(calendar, f"area-{tampere_area}"), feed_of(calendar, "me")
    valkeakoski = (await organisation_named(client, "Valkeakoski"))["id"]
    organisation_feed = feed_of(calendar, f"organisation-{valkeakoski}")
    assert events(await fetch(anonymous, area_feed)) and events(await fetch(anonymous, own_feed))
    people = await client.get("/api/v1/users", params={"limit": 200})
    person = next(p for p in people.json()["items"] if p["email"] == NOKIA_COORDINATOR)
    changed = await client.patch(f"/api/v1/users/{person['id']}", json={"roles": []},
                                 headers={"If-Match": f'"{person["version"]}"'})
    assert changed.status_code == 200, changed.text
    assert (await anonymous.get(area_feed)).status_code == 404
    assert (await anonymous.get(organisation_feed)).status_code == 404
    assert events(await fetch(anonymous, own_feed)) == []


async def test_an_api_key_has_no_calendar(client: httpx.AsyncClient, credentials: Any) -> None:
    key = await credentials.api_key(TAMPERE_AREA, "read")
    assert assert_problem(await client.get(CALENDAR, headers=bearer(key)), 403)["code"] == "auth.keys_have_no_calendar"
    assert assert_problem(await client.post(f"{CALENDAR}/reset", headers=bearer(key)), 403)["code"] == (
        "auth.keys_have_no_calendar")


async def test_the_addresses_need_a_token(anonymous: httpx.AsyncClient) -> None:
    assert_problem(await anonymous.get(CALENDAR), 401)
    assert_problem(await anonymous.post(f"{CALENDAR}/reset"), 401)


@pytest.mark.parametrize("scope", ["me", "area"])
async def test_a_feed_runs_as_many_statements_however_many_duties_it_holds(
        client: httpx.AsyncClient, anonymous: httpx.AsyncClient, credentials: Any, connection: AsyncConnection,
        scope: str) -> None:
    token = await credentials.token_for(NOKIA_COORDINATOR)
    calendar = await addresses(client, token)
    path = feed_of(calendar, "me" if scope == "me" else f"area-{await area_id(client, TAMPERE_AREA)}")
    sync = connection.sync_connection
    assert sync is not None
    count = 0

    def counted(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        nonlocal count
        count += statement.lstrip().upper().startswith("SELECT")

    async def statements() -> tuple[int, int]:
        nonlocal count
        count = 0
        event.listen(sync, "before_cursor_execute", counted)
        try:
            feed = await fetch(anonymous, path)
        finally:
            event.remove(sync, "before_cursor_execute", counted)
        return count, len(events(feed))

    before, held = await statements()
    version = next(v for v in (await agreement_in_area(client, TAMPERE_AREA))["versions"] if v["sent_on"])
    created = await client.post("/api/v1/obligations", json={
        "version_id": version["id"], "title_fi": "Kuukausiraportti", "kind": "deliver_document",
        "holders": {"scope": "each_party"}, "schedule": {"kind": "recurring", "every": "monthly", "day": 15},
        "starts_on": "2025-01-01"})
    assert created.status_code == 201, created.text
    after, held_after = await statements()
    assert held_after >= held + 12, (held, held_after)
    assert after == before, f"statements before and after the feed grew from {held} to {held_after} duties"
    assert before <= (2 if scope == "me" else 3), "the person with their roles, (the area,) the duties"


def test_the_request_log_keeps_no_calendar_secret() -> None:
    from api.request_log import logged_path

    assert logged_path("/api/v1/calendar/QNCXBEHnpbvspok07LQwqdhs6h3P5ET2yI3r9I2w_BY/me.ics") == "/api/v1/calendar/…/me.ics"
    assert logged_path("/api/v1/calendar/reset") == "/api/v1/calendar/reset"
    assert logged_path("/api/v1/calendar") == "/api/v1/calendar"

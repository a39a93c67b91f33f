"""A person's calendar feeds in the domain: the scopes their addresses name, what each may hold, how far back."""

import uuid
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.access import Actor, ActorKind, Role, Scope
from domain.obligations import InstanceStatus
from domain.obligations.calendar import (
    EventStatus,
    FeedFilter,
    FeedKind,
    FeedNotFound,
    FeedScope,
    event_end,
    event_status,
    feed_filter,
    feed_scopes,
    window_start,
)

AREA, OTHER_AREA = uuid.uuid4(), uuid.uuid4()
NOKIA, TAMPERE = uuid.uuid4(), uuid.uuid4()


def person(roles: dict[uuid.UUID, set[Role]], *, admin: bool = False) -> Actor:
    return Actor(kind=ActorKind.USER, id=uuid.uuid4(), label="p", organisation_id=NOKIA, is_admin=admin,
                 roles={area: frozenset(r) for area, r in roles.items()})


def test_an_address_names_me_an_area_or_an_organisation_and_nothing_else() -> None:
    assert FeedScope.parse("me") == FeedScope(FeedKind.ME)
    assert FeedScope.parse(f"area-{AREA}") == FeedScope(FeedKind.AREA, AREA)
    assert FeedScope.parse(f"organisation-{NOKIA}") == FeedScope(FeedKind.ORGANISATION, NOKIA)
    for name in ("", "me-too", "area-", "area-x", f"user-{AREA}", f"area{AREA}", "ME"):
        assert FeedScope.parse(name) is None, name


@given(st.sampled_from(list(FeedKind)), st.uuids())
def test_a_scope_reads_back_from_its_name(kind: FeedKind, id_: uuid.UUID) -> None:
    scope = FeedScope(kind) if kind is FeedKind.ME else FeedScope(kind, id_)
    assert FeedScope.parse(scope.name) == scope


def test_a_coordinator_s_own_feed_is_their_organisation_in_their_areas() -> None:
    coordinator = person({AREA: {Role.COORDINATOR}})
    assert feed_filter(coordinator, FeedScope(FeedKind.ME)) == FeedFilter(frozenset({AREA}), NOKIA)
    assert feed_filter(coordinator, FeedScope(FeedKind.AREA, AREA)) == FeedFilter(frozenset({AREA}), None)
    assert feed_filter(coordinator, FeedScope(FeedKind.ORGANISATION, TAMPERE)) == FeedFilter(frozenset({AREA}), TAMPERE)
    with pytest.raises(FeedNotFound):
        feed_filter(coordinator, FeedScope(FeedKind.AREA, OTHER_AREA))


def test_an_area_admin_s_own_feed_is_every_duty_of_the_areas_they_run() -> None:
    admin = person({AREA: {Role.AREA_ADMIN}, OTHER_AREA: {Role.VIEWER}})
    assert feed_filter(admin, FeedScope(FeedKind.ME)) == FeedFilter(frozenset({AREA}), None)
    assert feed_filter(admin, FeedScope(FeedKind.AREA, OTHER_AREA)) == FeedFilter(frozenset({OTHER_AREA}), None)


def test_an_installation_admin_reads_every_area_and_a_person_without_roles_nothing() -> None:
    assert feed_filter(person({}, admin=True), FeedScope(FeedKind.ME)) == FeedFilter(None, None)
    assert feed_filter(person({}, admin=True), FeedScope(FeedKind.AREA, OTHER_AREA)).areas == {OTHER_AREA}
    nobody = person({})
    assert feed_filter(nobody, FeedScope(FeedKind.ME)) == FeedFilter(frozenset(), NOKIA)
    with pytest.raises(FeedNotFound):
        feed_filter(nobody, FeedScope(FeedKind.AREA, AREA))


def test_a_key_has_no_feed() -> None:
    key = Actor(kind=ActorKind.API_KEY, id=uuid.uuid4(), label="k", key_area_id=AREA, scopes=frozenset({Scope.READ}))
    with pytest.raises(FeedNotFound):
        feed_filter(key, FeedScope(FeedKind.ME))


def test_the_feeds_are_own_then_areas_then_organisations_each_once() -> None:
    assert [s.name for s in feed_scopes([AREA, AREA], [NOKIA, TAMPERE, NOKIA])] == [
        "me", f"area-{AREA}", f"organisation-{NOKIA}", f"organisation-{TAMPERE}"]


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2200, 12, 31)))
def test_a_feed_reaches_a_year_back(today: date) -> None:
    start = window_start(today)
    assert start.year == today.year - 1 and 365 <= (today - start).days <= 366


def test_a_year_back_from_a_leap_day_is_the_last_of_february() -> None:
    assert window_start(date(2028, 2, 29)) == date(2027, 2, 28)
    assert window_start(date(2026, 12, 4)) == date(2025, 12, 4)


def test_an_all_day_event_ends_the_next_day_and_a_duty_that_does_not_apply_is_cancelled() -> None:
    assert event_end(date(2025, 12, 31)) == date(2026, 1, 1) == date(2025, 12, 31) + timedelta(days=1)
    assert event_status(InstanceStatus.NOT_APPLICABLE) is EventStatus.CANCELLED
    assert {event_status(s) for s in InstanceStatus if s is not InstanceStatus.NOT_APPLICABLE} == {EventStatus.CONFIRMED}

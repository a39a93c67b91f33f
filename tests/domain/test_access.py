import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.access import (
    Actor,
    ActorKind,
    Permission,
    Role,
    Scope,
    audit_scope,
    keeps_an_administrator,
    may,
    may_edit_organisation,
)
from domain.throttling import (
    ACCOUNT_LIMIT,
    ADDRESS_LIMIT,
    WINDOW,
    after_failure,
    seconds_blocked,
)

AREA, OTHER_AREA = uuid.uuid4(), uuid.uuid4()
NOKIA, TAMPERE = uuid.uuid4(), uuid.uuid4()


def person(*roles: Role, organisation: uuid.UUID = NOKIA, area: uuid.UUID = AREA) -> Actor:
    return Actor(ActorKind.USER, uuid.uuid4(), "x", organisation_id=organisation, roles={area: frozenset(roles)})


def key(*scopes: Scope, area: uuid.UUID = AREA) -> Actor:
    return Actor(ActorKind.API_KEY, uuid.uuid4(), "key", key_area_id=area, scopes=frozenset(scopes))


def test_roles_in_an_area() -> None:
    coordinator, viewer = person(Role.COORDINATOR), person(Role.VIEWER)
    finance, admin = person(Role.FINANCE), person(Role.AREA_ADMIN)
    assert all(may(a, Permission.READ, area_id=AREA) for a in (coordinator, viewer, finance, admin))
    assert not any(may(a, Permission.READ, area_id=OTHER_AREA) for a in (coordinator, viewer, finance, admin))
    assert may(coordinator, Permission.WRITE, area_id=AREA, organisation_id=NOKIA)
    assert not may(coordinator, Permission.WRITE, area_id=AREA, organisation_id=TAMPERE)
    assert not may(coordinator, Permission.WRITE, area_id=AREA)
    assert may(admin, Permission.WRITE, area_id=AREA, organisation_id=TAMPERE)
    assert may(finance, Permission.FINANCE, area_id=AREA) and not may(finance, Permission.WRITE, area_id=AREA)
    assert not may(viewer, Permission.WRITE, area_id=AREA, organisation_id=NOKIA)


def test_keys_are_bound_to_one_area_and_their_scopes() -> None:
    reader, writer = key(Scope.READ), key(Scope.READ, Scope.WRITE)
    assert may(reader, Permission.READ, area_id=AREA) and not may(reader, Permission.WRITE, area_id=AREA)
    assert may(writer, Permission.WRITE, area_id=AREA, organisation_id=TAMPERE)
    assert not may(writer, Permission.READ, area_id=OTHER_AREA)
    assert not may(writer, Permission.FINANCE, area_id=AREA)
    assert may(reader, Permission.READ) and not may(writer, Permission.WRITE)


def test_who_edits_an_organisations_record() -> None:
    assert may_edit_organisation(person(Role.COORDINATOR), NOKIA, [AREA])
    assert not may_edit_organisation(person(Role.COORDINATOR), TAMPERE, [AREA])
    assert not may_edit_organisation(person(Role.VIEWER), NOKIA, [AREA])
    assert may_edit_organisation(person(Role.AREA_ADMIN, organisation=TAMPERE), NOKIA, [AREA])
    assert not may_edit_organisation(person(Role.AREA_ADMIN, organisation=TAMPERE, area=OTHER_AREA), NOKIA, [AREA])


@given(st.sampled_from(list(Permission)), st.booleans())
def test_an_installation_admin_may_do_anything(permission: Permission, with_area: bool) -> None:
    admin = Actor(ActorKind.USER, uuid.uuid4(), "admin", is_admin=True)
    assert may(admin, permission, area_id=AREA if with_area else None)


def test_an_account_is_held_back_briefly_an_address_longer() -> None:
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    counter = None
    for _ in range(ACCOUNT_LIMIT.free_failures - 1):
        counter = after_failure(counter, ACCOUNT_LIMIT, now)
        assert seconds_blocked(counter, now) == 0
    counter = after_failure(counter, ACCOUNT_LIMIT, now)
    assert seconds_blocked(counter, now) == 30
    assert seconds_blocked(counter, now + timedelta(seconds=31)) == 0
    address = None
    for _ in range(ADDRESS_LIMIT.free_failures):
        address = after_failure(address, ADDRESS_LIMIT, now)
    assert seconds_blocked(address, now) == 15 * 60
    fresh = after_failure(counter, ACCOUNT_LIMIT, now + WINDOW + timedelta(seconds=1))
    assert fresh.failures == 1 and seconds_blocked(fresh, now + WINDOW + timedelta(seconds=1)) == 0


def test_the_last_active_administrator_stays() -> None:
    one, two, nobody = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    assert not keeps_an_administrator([one], one)
    assert keeps_an_administrator([one, two], one)
    assert keeps_an_administrator([one], nobody), "removing someone who is not an active admin leaves the admins"


def test_the_audit_scope_of_each_kind_of_actor() -> None:
    admin = Actor(ActorKind.USER, uuid.uuid4(), "a", is_admin=True)
    assert audit_scope(admin) is None
    area_admin = Actor(ActorKind.USER, uuid.uuid4(), "b",
                       roles={AREA: frozenset({Role.AREA_ADMIN}), OTHER_AREA: frozenset({Role.VIEWER})})
    scope = audit_scope(area_admin)
    assert scope is not None and scope.read_areas == {AREA, OTHER_AREA} and scope.admin_areas == {AREA}
    viewer = audit_scope(person(Role.VIEWER))
    assert viewer is not None and viewer.read_areas == {AREA} and not viewer.admin_areas

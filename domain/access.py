"""Who may see and change what (käyttöoikeudet): roles of people in areas, scopes of system keys.

Pure: the caller says what the actor is and what the thing belongs to; the rules answer yes or no.
"""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """A person's role in one area."""

    AREA_ADMIN = "area_admin"  # alueen pääkäyttäjä: everything in the area (the lead's coordinators)
    COORDINATOR = "coordinator"  # koordinaattori: own organisation's data in the area, reads the rest
    FINANCE = "finance"  # talous: the area's cost data
    VIEWER = "viewer"  # lukija


class Scope(StrEnum):
    """What a system's API key may do in its one area."""

    READ = "read"
    WRITE = "write"
    FINANCE = "finance"


class Permission(StrEnum):
    """What an action needs."""

    READ = "read"
    WRITE = "write"
    FINANCE = "finance"


class ActorKind(StrEnum):
    USER = "user"
    API_KEY = "api_key"


@dataclass(frozen=True)
class Actor:
    """Who is asking: a logged-in person or a system with an API key."""

    kind: ActorKind
    id: uuid.UUID
    label: str
    organisation_id: uuid.UUID | None = None
    is_admin: bool = False
    roles: Mapping[uuid.UUID, frozenset[Role]] = field(default_factory=dict)
    key_area_id: uuid.UUID | None = None
    scopes: frozenset[Scope] = frozenset()

    def roles_in(self, area_id: uuid.UUID) -> frozenset[Role]:
        return self.roles.get(area_id, frozenset())

    @property
    def administered_areas(self) -> set[uuid.UUID]:
        return {area for area, roles in self.roles.items() if Role.AREA_ADMIN in roles}

    @property
    def visible_areas(self) -> set[uuid.UUID] | None:
        """The areas whose data the actor may read; None means every area."""
        if self.is_admin:
            return None
        if self.kind is ActorKind.API_KEY:
            return {self.key_area_id} if self.key_area_id else set()
        return set(self.roles)


def may(
    actor: Actor,
    permission: Permission,
    *,
    area_id: uuid.UUID | None = None,
    organisation_id: uuid.UUID | None = None,
) -> bool:
    """May the actor do what needs `permission` on a thing of `area_id` (owned by `organisation_id`)?

    A thing without an area is shared reference data: every actor reads it; only admins write it.
    """
    if actor.is_admin:
        return True
    if actor.kind is ActorKind.API_KEY:
        if area_id is None:
            return permission is Permission.READ and bool(actor.scopes)
        if area_id != actor.key_area_id:
            return False
        if permission is Permission.READ:
            return bool(actor.scopes)
        return Scope(permission.value) in actor.scopes
    if area_id is None:
        return permission is Permission.READ
    roles = actor.roles_in(area_id)
    if permission is Permission.READ:
        return bool(roles)
    if Role.AREA_ADMIN in roles:
        return True
    if permission is Permission.FINANCE:
        return Role.FINANCE in roles
    return Role.COORDINATOR in roles and organisation_id is not None and organisation_id == actor.organisation_id


def may_edit_organisation(actor: Actor, organisation_id: uuid.UUID, member_of: Iterable[uuid.UUID]) -> bool:
    """An organisation's record: admins, the area admins of an area it belongs to, and its own coordinators."""
    if actor.is_admin:
        return True
    if actor.kind is ActorKind.API_KEY:
        return Scope.WRITE in actor.scopes and actor.key_area_id in set(member_of)
    if actor.administered_areas & set(member_of):
        return True
    own_coordinator = any(Role.COORDINATOR in roles or Role.AREA_ADMIN in roles for roles in actor.roles.values())
    return organisation_id == actor.organisation_id and own_coordinator


def may_create_organisation(actor: Actor) -> bool:
    return actor.is_admin or bool(actor.administered_areas)

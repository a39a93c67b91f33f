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


def keeps_an_administrator(active_admins: Iterable[uuid.UUID], leaving: uuid.UUID) -> bool:
    """Does the installation still have an active administrator (pääkäyttäjä) once this person is deleted,
    deactivated or made an ordinary user? The last one stays, or nobody could manage people any more."""
    admins = set(active_admins)
    return leaving not in admins or len(admins) > 1


# --- the audit trail (muutoshistoria): whose entries a person reads

#: People's accounts and failed logins: the installation's administrators only.
ACCOUNT_RECORDS = frozenset({"users"})
#: Role grants and API keys of an area, and refused attempts there: the area's admins, who manage them.
AREA_ADMIN_RECORDS = frozenset({"user_roles", "api_keys"})
#: Shared reference data without an area, which every actor reads.
SHARED_RECORDS = frozenset({"organisations", "statistic_values"})
#: The actions that change a record; the rest (refused attempts, failed logins) say who tried what.
CHANGES = frozenset({"create", "update", "delete"})


@dataclass(frozen=True)
class AuditScope:
    """What of the audit trail a person reads: the changes of the records of `read_areas` (but not their role
    grants or keys), every entry of `admin_areas` but people's accounts, and the changes of shared data."""

    read_areas: frozenset[uuid.UUID]
    admin_areas: frozenset[uuid.UUID]


def audit_scope(actor: Actor) -> AuditScope | None:
    """None: everything (the installation's admins). A key reads no audit trail: the API refuses it before."""
    if actor.is_admin:
        return None
    if actor.kind is ActorKind.API_KEY:
        return AuditScope(frozenset(), frozenset())
    return AuditScope(frozenset(area for area, roles in actor.roles.items() if roles), frozenset(actor.administered_areas))


def may_create_organisation(actor: Actor) -> bool:
    return actor.is_admin or bool(actor.administered_areas)


def may_somewhere(actor: Actor, permission: Permission) -> bool:
    """Could the actor do what needs `permission` in at least one area? (Asked before a payload names the area.)"""
    if actor.is_admin:
        return True
    if actor.kind is ActorKind.API_KEY:
        return permission is Permission.READ or Scope(permission.value) in actor.scopes
    allowed = {
        Permission.READ: set(Role),
        Permission.WRITE: {Role.AREA_ADMIN, Role.COORDINATOR},
        Permission.FINANCE: {Role.AREA_ADMIN, Role.FINANCE},
    }[permission]
    return any(roles & allowed for roles in actor.roles.values())


def may_manage_area(actor: Actor | None, area_id: uuid.UUID) -> bool:
    """Change what belongs to the whole area (its agreements' text, parties, sending, amending): the area's admins."""
    return actor is not None and may(actor, Permission.WRITE, area_id=area_id)


def may_act_for(actor: Actor | None, area_id: uuid.UUID, organisation_id: uuid.UUID) -> bool:
    """Record one organisation's decisions, signature or notice: its own coordinators, or the area's admins."""
    return actor is not None and may(actor, Permission.WRITE, area_id=area_id, organisation_id=organisation_id)


def may_handle_costs(actor: Actor | None, area_id: uuid.UUID) -> bool:
    """Change the area's cost plans and their pools: the finance role or the area admin (a key with `finance`)."""
    return actor is not None and may(actor, Permission.FINANCE, area_id=area_id)


def cost_areas(actor: Actor) -> set[uuid.UUID] | None:
    """The areas whose cost plans the actor may make and change (None: every area), as `may_handle_costs` says."""
    if actor.is_admin:
        return None
    if actor.kind is ActorKind.API_KEY:
        return {actor.key_area_id} if actor.key_area_id and Scope.FINANCE in actor.scopes else set()
    return {area for area, roles in actor.roles.items() if roles & {Role.AREA_ADMIN, Role.FINANCE}}


def may_read_area(actor: Actor | None, area_id: uuid.UUID) -> bool:
    """Read what is not public in the area (drafts, cost data): any role in it, or a key of it."""
    return actor is not None and may(actor, Permission.READ, area_id=area_id)


# --- what a person may do now (allowed_actions): the API gives these, refuses the rest, and the pages show them


def actor_actions(actor: Actor) -> list[str]:
    """What the person or system may start anywhere: create an area, manage people, add an organisation, import
    organisations, start an agreement, handle costs, add contact persons, read the mail sent."""
    actions = []
    if actor.is_admin:
        actions += ["create_area", "manage_people", "import_organisations"]
    if may_create_organisation(actor):
        actions.append("create_organisation")
    if actor.is_admin or (actor.kind is ActorKind.USER and actor.administered_areas):
        actions.append("create_agreement")
    if may_somewhere(actor, Permission.FINANCE):
        actions += ["create_cost_plan", "change_statistics"]
    if may_add_contacts(actor):
        actions.append("add_contact")
    if actor.is_admin or (actor.kind is ActorKind.USER and actor.administered_areas):
        actions.append("read_mail")
    return actions


def may_add_contacts(actor: Actor) -> bool:
    """Someone who keeps an organisation's record keeps its people: its coordinators and its areas' admins."""
    return actor.is_admin or any(roles & {Role.COORDINATOR, Role.AREA_ADMIN} for roles in actor.roles.values()) or (
        actor.kind is ActorKind.API_KEY and Scope.WRITE in actor.scopes)


def area_actions(actor: Actor, area_id: uuid.UUID) -> list[str]:
    actions = []
    if may(actor, Permission.WRITE, area_id=area_id):
        actions += ["update", "manage_members", "manage_sub_regions"]
    if may_manage_api_keys(actor, area_id):
        actions.append("manage_api_keys")
    if actor.is_admin:
        actions.append("delete")
    return actions


def may_manage_api_keys(actor: Actor, area_id: uuid.UUID) -> bool:
    """An area's API keys: the people with the area admin role there (or the installation's admins); never a key."""
    return actor.kind is ActorKind.USER and (actor.is_admin or area_id in actor.administered_areas)


def organisation_actions(actor: Actor, organisation_id: uuid.UUID, member_of: Iterable[uuid.UUID]) -> list[str]:
    return ["update", "delete"] if may_edit_organisation(actor, organisation_id, member_of) else []


@dataclass(frozen=True)
class AgreementFacts:
    """What an agreement's actions depend on, on the date asked."""

    area_id: uuid.UUID
    published: bool
    has_draft: bool
    has_version_in_force: bool
    deciding_parties: frozenset[uuid.UUID]
    """The parties of the versions sent to them that are still parties on the date."""


def agreement_actions(actor: Actor | None, facts: AgreementFacts) -> list[str]:
    """update, delete (never once published), amend (from the version in force, one draft at a time), send (the
    draft), record_decision and give_notice (for a party the actor acts for)."""
    actions: list[str] = []
    if may_manage_area(actor, facts.area_id):
        actions.append("update")
        if not facts.published:
            actions.append("delete")
        if facts.has_version_in_force and not facts.has_draft:
            actions.append("amend")
        if facts.has_draft:
            actions.append("send")
    if any(may_act_for(actor, facts.area_id, party) for party in facts.deciding_parties):
        actions.append("record_decision")
        if facts.has_version_in_force:
            actions.append("give_notice")
    return actions


@dataclass(frozen=True)
class VersionFacts:
    area_id: uuid.UUID
    is_draft: bool
    on_signature: bool
    only_version: bool
    parties: frozenset[uuid.UUID]
    """The parties still parties on the date asked."""


def version_actions(actor: Actor | None, facts: VersionFacts) -> list[str]:
    """A draft: edit, send, delete (unless it is the agreement's only version) for the area's admins. A version
    sent: record_decision, and sign under the rule "on signature", for a party the actor acts for."""
    actions: list[str] = []
    if facts.is_draft:
        if may_manage_area(actor, facts.area_id):
            actions += ["edit", "send"] + ([] if facts.only_version else ["delete"])
        return actions
    if any(may_act_for(actor, facts.area_id, party) for party in facts.parties):
        actions.append("record_decision")
        if facts.on_signature:
            actions.append("sign")
    return actions


def decision_cell_actions(
    actor: Actor | None, area_id: uuid.UUID, organisation_id: uuid.UUID, *, is_party: bool, version_sent: bool
) -> list[str]:
    """One cell of the parties × versions matrix: a decision is recorded on a version sent to its parties, for a
    party of it (still a party on the date), by its own coordinators or the area's admins."""
    if version_sent and is_party and may_act_for(actor, area_id, organisation_id):
        return ["record_decision"]
    return []


def notice_actions(actor: Actor | None, area_id: uuid.UUID, organisation_id: uuid.UUID) -> list[str]:
    """A notice is withdrawn by the party's coordinators or the area's admins."""
    return ["withdraw"] if may_act_for(actor, area_id, organisation_id) else []


def decision_actions(actor: Actor | None, area_id: uuid.UUID, organisation_id: uuid.UUID) -> list[str]:
    """A decision is corrected or removed by its organisation's coordinators or the area's admins."""
    return ["update", "delete"] if may_act_for(actor, area_id, organisation_id) else []


def cost_plan_actions(actor: Actor, area_id: uuid.UUID, approved: bool) -> list[str]:
    """A draft is updated; an approved plan's budget is frozen and changed through a revision (a new draft from
    it). Either is deleted, copied for next year or given its actual costs by the area's finance people; anyone
    who reads the area may try a what-if (it saves nothing)."""
    actions = []
    if may_handle_costs(actor, area_id):
        actions.append("revise" if approved else "update")
        actions += ["delete", "copy", "record_actual_costs"]
    if may_read_area(actor, area_id):
        actions.append("what_if")
    return actions


@dataclass(frozen=True)
class OverviewScope:
    """What the front page ("what needs me now") looks at for one person.

    A coordinator, finance officer or viewer sees their own organisation (`organisation_id`) in their areas; an
    area admin sees the areas they run as a whole; an installation admin every area (`area_ids` None)."""

    organisation_id: uuid.UUID | None
    area_ids: frozenset[uuid.UUID] | None

    @property
    def whole_area(self) -> bool:
        return self.organisation_id is None


def overview_scope(actor: Actor) -> OverviewScope:
    if actor.is_admin:
        return OverviewScope(None, None)
    if actor.kind is ActorKind.API_KEY:
        return OverviewScope(None, frozenset({actor.key_area_id}) if actor.key_area_id else frozenset())
    if actor.administered_areas:
        return OverviewScope(None, frozenset(actor.administered_areas))
    return OverviewScope(actor.organisation_id, frozenset(actor.roles))


def party_actions(actor: Actor | None, area_id: uuid.UUID, organisation_id: uuid.UUID, *, version_sent: bool,
                  version_in_force: bool, gave_notice: bool) -> list[str]:
    """What the actor may do for one party of a version: record its decision once the version is sent, and give
    its notice of the version in force (once: a notice given is withdrawn before another)."""
    if not may_act_for(actor, area_id, organisation_id):
        return []
    actions = []
    if version_sent:
        actions.append("record_decision")
    if version_in_force and not gave_notice:
        actions.append("give_notice")
    return actions


def obligation_actions(actor: Actor | None, area_id: uuid.UUID) -> list[str]:
    """An agreement's obligations (velvoitteet) are written, changed and removed by the area's admins."""
    return ["update", "delete"] if may_manage_area(actor, area_id) else []


def obligations_actions(actor: Actor | None, area_id: uuid.UUID) -> list[str]:
    """On the obligations of one agreement: the area's admins add them, from the text's suggestions or by hand."""
    return ["create", "suggest"] if may_manage_area(actor, area_id) else []


def instance_actions(actor: Actor | None, area_id: uuid.UUID, holder_id: uuid.UUID | None, marked: bool) -> list[str]:
    """One holder's duty for one period is marked done (with evidence) or not applicable (with a reason), or
    reopened once marked, by the holder's own coordinators or the area's admins; a group's duty by the admins.
    They also name who of the holder's people is responsible for it (and gets its reminders)."""
    allowed = may_manage_area(actor, area_id) or (holder_id is not None and may_act_for(actor, area_id, holder_id))
    if not allowed:
        return []
    marks = ["reopen"] if marked else ["mark_done", "mark_not_applicable"]
    return [*marks, "name_responsibles"] if holder_id is not None else marks

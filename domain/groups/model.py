"""Kinds of groups, the roles in them, memberships with their terms, and a group's composition rule."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class GroupKind(StrEnum):
    STEERING_GROUP = "steering_group"  # ohjausryhmä
    MANAGEMENT_GROUP = "management_group"  # johtoryhmä
    COORDINATION_GROUP = "coordination_group"  # koordinaatioryhmä
    NETWORK = "network"  # verkosto
    DIVISION = "division"  # jaosto
    COOPERATION_BODY = "cooperation_body"  # yhteistyöelin
    PROJECT_STEERING_GROUP = "project_steering_group"  # hankkeen ohjausryhmä
    OTHER = "other"


class MemberRole(StrEnum):
    CHAIR = "chair"  # puheenjohtaja
    VICE_CHAIR = "vice_chair"  # varapuheenjohtaja
    MEMBER = "member"  # jäsen
    DEPUTY = "deputy"  # varajäsen, of a named member
    CONVENER = "convener"  # koollekutsuja
    SECRETARY = "secretary"  # sihteeri
    EXPERT = "expert"  # asiantuntija
    OBSERVER = "observer"  # tarkkailija


#: The roles that hold a seat: a chair and a vice-chair are members who chair.
SEAT_HOLDING = frozenset({MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER})


@dataclass(frozen=True)
class Membership:
    """A person representing an organisation in a group, in a role, for a term (from, to; to None: open).

    A change of member ends one membership and starts another, so the history stays."""

    id: Hashable
    person: Hashable
    organisation: Hashable
    role: MemberRole
    starts_on: date
    ends_on: date | None = None
    deputy_of: Hashable | None = None

    def on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @property
    def holds_seat(self) -> bool:
        return self.role in SEAT_HOLDING


@dataclass(frozen=True)
class CompositionRule:
    """How a group's seats are filled: `members_per_organisation` seats for each of `organisations`, each with
    `deputies_per_member` deputies (seed 004: one member and one deputy from each of 13 municipalities)."""

    organisations: tuple[Hashable, ...]
    members_per_organisation: int = 1
    deputies_per_member: int = 0


class AttendanceKind(StrEnum):
    PRESENT = "present"  # läsnä
    ABSENT = "absent"  # poissa
    DEPUTY = "deputy"  # varajäsen, standing in for a named member
    GUEST = "guest"  # muu läsnäolija


@dataclass(frozen=True)
class Attendance:
    """Who was at a meeting: a membership present or absent, a deputy standing in for a member, or a guest."""

    kind: AttendanceKind
    membership: Hashable | None = None
    standing_in_for: Hashable | None = None

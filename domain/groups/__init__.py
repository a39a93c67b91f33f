"""Groups and their meetings (ryhmät ja kokoukset): who sits where, deputies, vacant seats, and the quorum.

* :mod:`.model` — kinds of groups, roles, memberships, the composition rule;
* :mod:`.seats` — a group's seats on a date, who fills them, which are vacant; the deputy rule;
* :mod:`.quorum` — attendance at a meeting and whether it has a quorum;
* :mod:`.errors` — the domain errors.

Pure: the caller hands in the memberships and attendance; no database, no clock.
"""

from .errors import DeputyOfAnotherOrganisation, DeputyWithoutMember, GroupError, TermOutOfOrder
from .model import Attendance, AttendanceKind, CompositionRule, GroupKind, MemberRole, Membership
from .quorum import QuorumRule, QuorumState, quorum
from .seats import Seat, check_deputy, current, seats, vacant_seats

__all__ = [
    "Attendance", "AttendanceKind", "CompositionRule", "DeputyOfAnotherOrganisation", "DeputyWithoutMember",
    "GroupError", "GroupKind", "MemberRole", "Membership", "QuorumRule", "QuorumState", "Seat", "TermOutOfOrder",
    "check_deputy", "current", "quorum", "seats", "vacant_seats",
]

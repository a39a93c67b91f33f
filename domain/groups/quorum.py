"""Whether a meeting has a quorum (päätösvaltaisuus) on its attendance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .model import Attendance, AttendanceKind, Membership
from .seats import Seat


@dataclass(frozen=True)
class QuorumRule:
    """More than `share` of the seats filled by a member or their deputy (by default more than half), unless the
    group's rule names an absolute `minimum` of seats instead."""

    share: Fraction = Fraction(1, 2)
    minimum: int | None = None


@dataclass(frozen=True)
class QuorumState:
    seats: int
    filled: int
    needed: int

    @property
    def has_quorum(self) -> bool:
        return self.filled >= self.needed


def quorum(group_seats: Sequence[Seat], attendance: Sequence[Attendance], memberships: Sequence[Membership],
           rule: QuorumRule = QuorumRule()) -> QuorumState:
    """A seat counts when its member is present, or one of its deputies stands in for that member; a guest or a
    second person of one seat adds nothing."""
    present = {a.membership for a in attendance if a.kind is AttendanceKind.PRESENT}
    standing_in = {(a.membership, a.standing_in_for) for a in attendance if a.kind is AttendanceKind.DEPUTY}
    deputies_of = {m.id: m.deputy_of for m in memberships}
    filled = 0
    for seat in group_seats:
        if seat.member is None:
            continue
        if seat.member.id in present or any(
                for_whom == seat.member.id and deputies_of.get(deputy) == seat.member.id
                for deputy, for_whom in standing_in):
            filled += 1
    total = len(group_seats)
    needed = rule.minimum if rule.minimum is not None else int(total * rule.share) + 1
    return QuorumState(seats=total, filled=filled, needed=needed)

"""A group's seats on a date: who fills them, which are vacant, and the deputy rule."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .errors import DeputyOfAnotherOrganisation, DeputyWithoutMember, TermOutOfOrder
from .model import CompositionRule, MemberRole, Membership


@dataclass(frozen=True)
class Seat:
    """One seat of an organisation, its member and the member's deputies (None: vacant)."""

    organisation: Hashable
    number: int
    member: Membership | None
    deputies: tuple[Membership | None, ...]

    @property
    def vacant(self) -> bool:
        return self.member is None

    @property
    def vacant_deputies(self) -> int:
        return sum(1 for deputy in self.deputies if deputy is None)


def current(memberships: Iterable[Membership], on: date) -> list[Membership]:
    return [m for m in memberships if m.on(on)]


def check_deputy(deputy: Membership, memberships: Sequence[Membership]) -> None:
    """A deputy stands for exactly one member of the same organisation, whose term covers the deputy's."""
    if deputy.ends_on is not None and deputy.ends_on < deputy.starts_on:
        raise TermOutOfOrder("ends_on")
    if deputy.role is not MemberRole.DEPUTY:
        return
    member = next((m for m in memberships if m.id == deputy.deputy_of and m.holds_seat), None)
    if member is None:
        raise DeputyWithoutMember("deputy_of")
    if member.organisation != deputy.organisation:
        raise DeputyOfAnotherOrganisation("deputy_of")
    if member.starts_on > deputy.starts_on or (
            member.ends_on is not None and (deputy.ends_on is None or deputy.ends_on > member.ends_on)):
        raise DeputyWithoutMember("deputy_of")


def seats(rule: CompositionRule, memberships: Iterable[Membership], on: date) -> list[Seat]:
    """The seats the rule gives, in the order of its organisations, filled by the memberships current on `on`."""
    now = current(memberships, on)
    result = []
    for organisation in rule.organisations:
        members = [m for m in now if m.organisation == organisation and m.holds_seat]
        for number in range(rule.members_per_organisation):
            member = members[number] if number < len(members) else None
            deputies: list[Membership | None] = [
                m for m in now if member is not None and m.role is MemberRole.DEPUTY and m.deputy_of == member.id]
            deputies = deputies[: rule.deputies_per_member]
            deputies += [None] * (rule.deputies_per_member - len(deputies))
            result.append(Seat(organisation, number + 1, member, tuple(deputies)))
    return result


def vacant_seats(rule: CompositionRule, memberships: Iterable[Membership], on: date) -> list[Seat]:
    """The seats with no member, or with fewer deputies than the rule gives."""
    return [seat for seat in seats(rule, memberships, on) if seat.vacant or seat.vacant_deputies]

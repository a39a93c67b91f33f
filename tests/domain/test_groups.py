"""Groups (ryhmät): seats by the composition rule, deputies beside their members, vacant seats, and the quorum."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.groups import (
    Attendance,
    AttendanceKind,
    CompositionRule,
    DeputyOfAnotherOrganisation,
    DeputyWithoutMember,
    MemberRole,
    Membership,
    QuorumRule,
    check_deputy,
    quorum,
    seats,
    vacant_seats,
)

# Seed 004: the project's steering group, a member and a deputy from each of its 13 municipalities.
SEED_004 = ("Haapavesi", "Ylivieska", "Kalajoki", "Oulainen", "Nivala", "Haapajärvi", "Reisjärvi",
            "Pyhäntä", "Alavieska", "Sievi", "Kärsämäki", "Siikalatva", "Merijärvi")
RULE = CompositionRule(SEED_004, members_per_organisation=1, deputies_per_member=1)
START = date(2020, 9, 1)
ON = date(2021, 3, 15)


def steering_group(without: tuple[str, ...] = ()) -> list[Membership]:
    rows = []
    for name in SEED_004:
        if name in without:
            continue
        rows.append(Membership(f"m-{name}", f"person-{name}", name, MemberRole.MEMBER, START))
        rows.append(Membership(f"d-{name}", f"deputy-{name}", name, MemberRole.DEPUTY, START, deputy_of=f"m-{name}"))
    return rows


def test_seed_004_s_group_has_a_member_and_a_deputy_beside_them_for_each_municipality():
    group = seats(RULE, steering_group(), ON)
    assert len(group) == 13 and not vacant_seats(RULE, steering_group(), ON)
    assert all(seat.deputies[0] is not None and seat.deputies[0].deputy_of == seat.member.id for seat in group)


def test_a_municipality_without_its_people_shows_as_vacant_seats():
    memberships = steering_group(without=("Merijärvi",))
    memberships.remove(next(m for m in memberships if m.id == "d-Sievi"))
    vacant = {(seat.organisation, seat.vacant, seat.vacant_deputies) for seat in vacant_seats(RULE, memberships, ON)}
    assert vacant == {("Merijärvi", True, 1), ("Sievi", False, 1)}


def test_a_change_of_member_ends_one_membership_and_starts_another():
    memberships = steering_group()
    memberships[0] = Membership("m-Haapavesi", "person-Haapavesi", "Haapavesi", MemberRole.MEMBER, START,
                                ends_on=date(2021, 1, 31))
    memberships.append(Membership("m2-Haapavesi", "new-person", "Haapavesi", MemberRole.CHAIR, date(2021, 2, 1)))
    before, after = seats(RULE, memberships, date(2021, 1, 31))[0], seats(RULE, memberships, ON)[0]
    assert before.member.person == "person-Haapavesi" and after.member.person == "new-person"
    assert after.deputies == (None,), "the old member's deputy stood for them, not for their successor"


def test_a_deputy_stands_for_exactly_one_member_of_the_same_organisation():
    memberships = steering_group()
    with pytest.raises(DeputyWithoutMember):
        check_deputy(Membership("d-x", "p", "Sievi", MemberRole.DEPUTY, START, deputy_of="no-one"), memberships)
    with pytest.raises(DeputyOfAnotherOrganisation):
        check_deputy(Membership("d-x", "p", "Sievi", MemberRole.DEPUTY, START, deputy_of="m-Nivala"), memberships)
    with pytest.raises(DeputyWithoutMember):  # a deputy whose term runs beyond their member's
        check_deputy(Membership("d-x", "p", "Sievi", MemberRole.DEPUTY, date(2019, 1, 1), deputy_of="m-Sievi"),
                     memberships)
    check_deputy(next(m for m in memberships if m.id == "d-Sievi"), memberships)


def test_the_quorum_is_more_than_half_of_the_seats_filled_by_a_member_or_their_deputy():
    memberships = steering_group()
    group = seats(RULE, memberships, ON)
    six = [Attendance(AttendanceKind.PRESENT, f"m-{name}") for name in SEED_004[:6]]
    assert not quorum(group, six, memberships).has_quorum and quorum(group, six, memberships).needed == 7
    deputy = [Attendance(AttendanceKind.DEPUTY, "d-Sievi", standing_in_for="m-Sievi")]
    assert quorum(group, six + deputy, memberships).has_quorum
    wrong = [Attendance(AttendanceKind.DEPUTY, "d-Sievi", standing_in_for="m-Nivala"),
             Attendance(AttendanceKind.GUEST), Attendance(AttendanceKind.PRESENT, "m-Haapavesi")]
    assert quorum(group, six + wrong, memberships).filled == 6, "a deputy counts only for their own member"
    assert quorum(group, six, memberships, QuorumRule(minimum=5)).has_quorum


@given(present=st.sets(st.sampled_from(SEED_004)), deputies=st.sets(st.sampled_from(SEED_004)))
def test_each_seat_counts_once_whoever_of_its_people_came(present, deputies):
    memberships = steering_group()
    group = seats(RULE, memberships, ON)
    attendance = [Attendance(AttendanceKind.PRESENT, f"m-{n}") for n in present]
    attendance += [Attendance(AttendanceKind.DEPUTY, f"d-{n}", standing_in_for=f"m-{n}") for n in deputies]
    state = quorum(group, attendance, memberships)
    assert state.filled == len(present | deputies)
    assert state.has_quorum == (len(present | deputies) > 13 / 2)

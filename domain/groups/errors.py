"""Domain errors of groups (ryhmät), each with a stable code."""

from __future__ import annotations

from domain.errors import DomainError, InvalidValue


class GroupError(DomainError):
    code = "group.refused"
    message = "The rules of groups do not allow this."


class DeputyWithoutMember(InvalidValue):
    """A deputy (varajäsen) stands for exactly one member, who sits in the group during the deputy's term."""

    code = "membership.deputy_without_member"
    message = "a deputy stands for one member of the group whose term covers the deputy's"


class DeputyOfAnotherOrganisation(InvalidValue):
    code = "membership.deputy_of_another_organisation"
    message = "a deputy represents the same organisation as the member they stand for"


class TermOutOfOrder(InvalidValue):
    code = "membership.term_out_of_order"
    message = "a membership ends on or after the day it begins"

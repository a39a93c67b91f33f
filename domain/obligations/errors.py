"""Domain errors of obligations (velvoitteet), each with a stable code."""

from __future__ import annotations

from domain.errors import DomainError, InvalidValue


class ObligationError(DomainError):
    """Base of every obligation rule violation."""

    code = "obligation.refused"
    message = "The obligation rules do not allow this."


class InvalidSchedule(InvalidValue):
    """A schedule that gives no due date or is not a recurrence rule the product reads."""

    code = "obligation.schedule_invalid"
    message = "the schedule is not valid: {reason}"


class TooManyOccurrences(InvalidValue):
    """A recurrence finer than a day, or more due dates than a person could follow, in the period asked."""

    code = "obligation.too_many_occurrences"
    message = "the schedule gives more than {maximum} due dates in the period asked"


class InvalidHolders(InvalidValue):
    """Holders that name no one, or name someone who is not a party of the version."""

    code = "obligation.holders_invalid"
    message = "the holders are not valid: {reason}"


class InstanceAlreadyMarked(ObligationError):
    """A marked instance is reopened before it is marked again, so that its history reads in order."""

    code = "obligation_instance.already_marked"
    message = "This duty was already marked {state} on {marked_on}; reopen it first."


class InstanceNotMarked(ObligationError):
    code = "obligation_instance.not_marked"
    message = "This duty is not marked, so there is nothing to reopen."


class ReasonRequired(InvalidValue):
    """Not applicable says why (e.g. "Valkeakoski hoitaa itse")."""

    code = "obligation_instance.reason_required"
    message = "Say why the duty does not apply."

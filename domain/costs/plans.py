"""A cost plan's status (kustannustenjakoliitteen tila) and what it allows.

A draft (luonnos) is changed freely. Once approved (hyväksytty) the plan is what
the parties are invoiced by, so its budget — pools, amounts, keys, participants,
dates — is frozen: a change starts a new draft from it (a revision), and the
approved plan stays as it was until that draft is approved in turn. The year's
actual costs are still recorded on the approved plan: the year-end
reconciliation (tasaus) compares them with its budget.
"""

from enum import StrEnum

from domain.errors import DomainError


class PlanStatus(StrEnum):
    DRAFT = "draft"
    """luonnos."""
    APPROVED = "approved"
    """hyväksytty."""


class PlanApproved(DomainError):
    """The budget of an approved plan cannot be changed."""

    code = "cost_plan.approved"
    message = "This plan has been approved and can no longer be changed; start a change (a new draft from it) instead."

class PlanNotApproved(DomainError):
    """Only an approved plan is revised; a draft is simply changed."""

    code = "cost_plan.not_approved"
    message = "Only an approved plan is changed through a new draft; change this draft itself."


def check_budget_editable(status: str) -> None:
    """Refuse a change to the budget of an approved plan (:class:`PlanApproved`)."""
    if status == PlanStatus.APPROVED:
        raise PlanApproved()


def check_revisable(status: str) -> None:
    """Refuse a revision of a plan that is not approved (:class:`PlanNotApproved`)."""
    if status != PlanStatus.APPROVED:
        raise PlanNotApproved()

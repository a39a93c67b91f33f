"""Every table, imported once so that Alembic and the tests see the whole schema."""

from api.agreements.models import (
    Agreement,
    AgreementAnnex,
    AgreementLink,
    AgreementNotice,
    AgreementParty,
    AgreementSignature,
    AgreementVersion,
)
from api.areas.models import Area, AreaMember, SubRegion, SubRegionMunicipality
from api.audit.models import AuditEntry
from api.auth.models import ApiKey, AuthToken, LoginThrottle, User, UserRole
from api.calendar.models import CalendarSecret
from api.cost_plans.models import CostPlan, CostPlanParticipant, CostPool
from api.decisions.models import Decision
from api.jobs.models import Job, OutgoingMail
from api.models import Base
from api.obligations.models import Obligation, ObligationHolder, ObligationInstance, ObligationMark
from api.organisations.models import Organisation
from api.people.models import ContactPerson, ObligationResponsible
from api.statistics.models import StatisticValue

__all__ = [
    "Agreement",
    "AgreementAnnex",
    "AgreementLink",
    "AgreementNotice",
    "AgreementParty",
    "AgreementSignature",
    "AgreementVersion",
    "ApiKey",
    "Area",
    "AreaMember",
    "AuditEntry",
    "AuthToken",
    "Base",
    "CalendarSecret",
    "ContactPerson",
    "CostPlan",
    "CostPlanParticipant",
    "CostPool",
    "Decision",
    "Job",
    "LoginThrottle",
    "Obligation",
    "ObligationHolder",
    "ObligationInstance",
    "ObligationMark",
    "ObligationResponsible",
    "Organisation",
    "OutgoingMail",
    "StatisticValue",
    "SubRegion",
    "SubRegionMunicipality",
    "User",
    "UserRole",
]

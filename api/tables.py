"""Every table, imported once so that Alembic and the tests see the whole schema."""

from api.agreements.models import (
    Agreement, AgreementAnnex, AgreementLink, AgreementNotice, AgreementParty, AgreementSignature, AgreementVersion,
    Decision)
from api.audit.models import AuditEntry
from api.auth.models import ApiKey, AuthToken, LoginThrottle, User, UserRole
from api.areas.models import Area, AreaMember, SubRegion, SubRegionMunicipality
from api.costs.models import CostPlan, CostPlanParticipant, CostPool, StatisticValue
from api.models import Base
from api.organisations.models import Organisation

__all__ = [
    "Agreement", "AgreementAnnex", "AgreementLink", "AgreementNotice", "AgreementParty", "AgreementSignature",
    "AgreementVersion", "Decision",
    "ApiKey", "AuditEntry", "AuthToken", "LoginThrottle", "User", "UserRole",
    "Area", "AreaMember", "Base", "Organisation", "SubRegion", "SubRegionMunicipality",
    "CostPlan", "CostPlanParticipant", "CostPool", "StatisticValue"]

"""Every table, imported once so that Alembic and the tests see the whole schema."""

from api.audit.models import AuditEntry
from api.auth.models import ApiKey, AuthToken, LoginThrottle, User, UserRole
from api.areas.models import Area, AreaMember, SubRegion, SubRegionMunicipality
from api.models import Base
from api.organisations.models import Organisation

__all__ = [
    "ApiKey", "AuditEntry", "AuthToken", "LoginThrottle", "User", "UserRole",
    "Area", "AreaMember", "Base", "Organisation", "SubRegion", "SubRegionMunicipality"]

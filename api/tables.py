"""Every table, imported once so that Alembic and the tests see the whole schema."""

from api.areas.models import Area, AreaMember, SubRegion, SubRegionMunicipality
from api.models import Base
from api.organisations.models import Organisation

__all__ = ["Area", "AreaMember", "Base", "Organisation", "SubRegion", "SubRegionMunicipality"]

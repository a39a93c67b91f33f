"""Loading an area together with the check that the actor may do the thing asked."""

import uuid

from fastapi import Depends, params

from api.areas.models import Area
from api.areas.repository import AreaRepository
from api.auth.dependencies import CurrentActor, authorize
from api.db import SessionDep
from api.errors import AreaAdminsOnly
from domain.access import Permission, may_manage_api_keys
from domain.errors import NotFound


async def area_or_404(area_id: uuid.UUID, session: SessionDep) -> Area:
    area = await AreaRepository(session).get(area_id)
    if area is None:
        raise NotFound("area", area_id)
    return area


def area_with(permission: Permission) -> params.Depends:
    async def load(area_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> Area:
        # Authorise before loading: a key of another area learns nothing, not even whether the area exists.
        authorize(actor, permission, area_id=area_id, resource_type="areas", resource_id=area_id)
        return await area_or_404(area_id, session)

    return Depends(load)


async def administered_area(area_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> Area:
    """People with the area admin role (or the installation's admins); never an API key."""
    if not may_manage_api_keys(actor, area_id):
        raise AreaAdminsOnly(resource_type="areas", resource_id=area_id, area_id=area_id)
    return await area_or_404(area_id, session)


AreaForRead = area_with(Permission.READ)
AreaForWrite = area_with(Permission.WRITE)
AreaForAdmin = Depends(administered_area)

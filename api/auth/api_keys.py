"""API keys of systems: an area admin creates them for one area with scopes; shown once, stored hashed."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from api.areas.models import Area
from api.areas.permissions import AreaForAdmin
from api.auth.dependencies import CurrentActor
from api.auth.models import ApiKey
from api.auth.repository import API_KEY_SORTING, ApiKeyRepository
from api.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyRead
from api.auth.tokens import digest, new_api_key
from api.db import SessionDep
from api.models import utc_now
from api.pagination import SortParams
from domain.errors import NotFound

router = APIRouter(prefix="/areas/{area_id}/api-keys", tags=["API keys"])


def key_read(key: ApiKey) -> dict:
    return {**{c: getattr(key, c) for c in ("id", "area_id", "name", "prefix", "created_at", "last_used_at",
                                             "revoked_at")}, "scopes": key.scopes.split(",")}


@router.get("", summary="List an area's API keys", response_model=list[ApiKeyRead])
async def list_api_keys(area: Annotated[Area, AreaForAdmin], session: SessionDep,
                        params: Annotated[SortParams, Depends(API_KEY_SORTING.sort_params)]) -> list[ApiKeyRead]:
    """Every key of the area, revoked ones too, with when each was last used; oldest first, or as `sort` and
    `order` ask (a key never used or not revoked comes last either way)."""
    keys = await ApiKeyRepository(session).of_area(area.id, params)
    return [ApiKeyRead.model_validate(key_read(key)) for key in keys]


@router.post("", summary="Create an API key", status_code=status.HTTP_201_CREATED, response_model=ApiKeyCreated)
async def create_api_key(
    area: Annotated[Area, AreaForAdmin], data: ApiKeyCreate, session: SessionDep, actor: CurrentActor
) -> ApiKeyCreated:
    """A key for a system (e.g. a finance system) in this area; the answer is the only time the key is shown."""
    secret, prefix = new_api_key()
    key = ApiKey(area_id=area.id, name=data.name, scopes=",".join(sorted(set(data.scopes))), prefix=prefix,
                 key_hash=digest(secret), created_by_id=actor.id if actor.kind.value == "user" else None)
    keys = ApiKeyRepository(session)
    keys.add(key)
    await keys.flush()
    return ApiKeyCreated.model_validate({**key_read(key), "key": secret})


@router.delete("/{key_id}", summary="Revoke an API key", response_model=ApiKeyRead)
async def revoke_api_key(area: Annotated[Area, AreaForAdmin], key_id: uuid.UUID, session: SessionDep) -> ApiKeyRead:
    """The key stops working at once; its record stays for the history."""
    keys = ApiKeyRepository(session)
    key = await keys.get(key_id)
    if key is None or key.area_id != area.id:
        raise NotFound("api_key", key_id)
    if key.revoked_at is None:
        key.revoked_at = utc_now()
    await keys.flush()
    return ApiKeyRead.model_validate(key_read(key))

"""People and their roles: the installation's administrators manage them; area admins see their area's people."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.auth.dependencies import AdminActor, CurrentActor
from api.auth.models import User, UserRole
from api.auth.passwords import hash_password
from api.auth.repository import USER_SORTING, UserRepository
from api.auth.schemas import RoleGrant, UserCreate, UserRead, UserUpdate
from api.concurrency import IfMatch, require_current, set_etag
from api.db import SessionDep
from api.errors import PeopleListRefused
from api.models import utc_now
from api.organisations.repository import OrganisationRepository
from api.pagination import Page, PageParams
from domain.access import keeps_an_administrator
from domain.errors import LastAdministrator, NotFound, UnknownReference, ValueTaken

router = APIRouter(prefix="/users", tags=["People"])


def user_read(user: User) -> UserRead:
    return UserRead(
        id=user.id, email=user.email, name=user.name, organisation_id=user.organisation_id,
        is_admin=user.is_admin, is_active=user.is_active, version=user.version,
        roles=sorted((RoleGrant(area_id=r.area_id, role=r.role) for r in user.roles), key=lambda g: (str(g.area_id), g.role)),
    )


def repository(session: SessionDep) -> UserRepository:
    return UserRepository(session)


RepositoryDep = Annotated[UserRepository, Depends(repository)]


async def load_user(users: UserRepository, user_id: uuid.UUID) -> User:
    user = await users.get(user_id)
    if user is None:
        raise NotFound("user", user_id)
    return user


async def check_references(users: UserRepository, organisation_id: uuid.UUID | None, roles: list[RoleGrant]) -> None:
    if organisation_id is not None and not await OrganisationRepository(users.session).by_ids([organisation_id]):
        raise UnknownReference("organisation_id", "organisation", organisation_id)
    area_ids = {grant.area_id for grant in roles}
    missing = area_ids - await users.existing_areas(area_ids)
    if missing:
        raise UnknownReference("roles", "area", sorted(missing, key=str)[0])


async def keep_an_administrator(users: UserRepository, user: User) -> None:
    """Refuses to remove the last active administrator; the admins' rows stay locked until the change commits."""
    if not keeps_an_administrator(await users.lock_active_admins(), user.id):
        raise LastAdministrator(email=user.email)


def set_roles(user: User, roles: list[RoleGrant]) -> None:
    wanted = {(grant.area_id, grant.role.value) for grant in roles}
    user.roles = [r for r in user.roles if (r.area_id, r.role) in wanted]
    have = {(r.area_id, r.role) for r in user.roles}
    user.roles.extend(UserRole(area_id=area, role=role) for area, role in sorted(wanted - have, key=str))


@router.get("", summary="List people", response_model=Page[UserRead])
async def list_users(
    actor: CurrentActor, users: RepositoryDep, params: Annotated[PageParams, Depends(USER_SORTING.page_params)],
    area_id: Annotated[uuid.UUID | None, Query(description="Only people with a role in this area.")] = None,
) -> Page[UserRead]:
    """Administrators see everyone; an area admin sees the people of their areas."""
    within = None
    if not actor.is_admin:
        within = actor.administered_areas
        if not within or (area_id and area_id not in within):
            raise PeopleListRefused()
    rows, next_cursor = await users.page(params, within_areas=within, area_id=area_id)
    return Page(items=[user_read(row) for row in rows], next_cursor=next_cursor)


@router.post("", summary="Create a person", status_code=status.HTTP_201_CREATED, response_model=UserRead)
async def create_user(_: AdminActor, users: RepositoryDep, data: UserCreate, response: Response) -> UserRead:
    """A person who logs in with their e-mail address, with roles in areas."""
    email = data.email.casefold()
    if await users.by_email(email):
        raise ValueTaken("email", resource="person")
    await check_references(users, data.organisation_id, data.roles)
    user = User(email=email, name=data.name, organisation_id=data.organisation_id, is_admin=data.is_admin,
                password_hash=await hash_password(data.password), roles=[])
    set_roles(user, data.roles)
    users.add(user)
    await users.flush()
    user = await load_user(users, user.id)
    set_etag(response, user.version)
    return user_read(user)


@router.get("/{user_id}", summary="Get a person", response_model=UserRead)
async def get_user(_: AdminActor, users: RepositoryDep, user_id: uuid.UUID, response: Response) -> UserRead:
    """A person's account and roles."""
    user = await load_user(users, user_id)
    set_etag(response, user.version)
    return user_read(user)


@router.patch("/{user_id}", summary="Update a person", response_model=UserRead)
async def update_user(
    _: AdminActor, users: RepositoryDep, user_id: uuid.UUID, changes: UserUpdate, if_match: IfMatch, response: Response
) -> UserRead:
    """Change name, organisation, password, roles, or deactivate; needs `If-Match`."""
    user = await load_user(users, user_id)
    require_current(if_match, user.version)
    values = changes.model_dump(exclude_unset=True, exclude={"roles", "password"})
    if changes.is_admin is False or changes.is_active is False:
        await keep_an_administrator(users, user)
    await check_references(users, values.get("organisation_id"), changes.roles or [])
    if changes.password:
        user.password_hash = await hash_password(changes.password)
    if changes.roles is not None:
        set_roles(user, changes.roles)
        user.updated_at = utc_now()  # a change of roles is a change of the person: the version moves on
    for field, value in values.items():
        if value is not None:
            setattr(user, field, value)
    await users.flush()
    user = await load_user(users, user.id)
    set_etag(response, user.version)
    return user_read(user)


@router.delete("/{user_id}", summary="Delete a person", status_code=status.HTTP_204_NO_CONTENT)
async def delete_user(_: AdminActor, users: RepositoryDep, user_id: uuid.UUID) -> Response:
    """Removes the account (to keep the history readable, deactivating is usually better)."""
    user = await load_user(users, user_id)
    await keep_an_administrator(users, user)
    await users.delete(user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

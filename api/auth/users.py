"""People and their roles: the installation's administrators manage them; area admins see their area's people."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from api.areas.models import Area
from api.auth.dependencies import AdminActor, CurrentActor, Forbidden
from api.auth.models import User, UserRole
from api.auth.passwords import hash_password
from api.auth.schemas import RoleGrant, UserCreate, UserRead, UserUpdate
from api.concurrency import IfMatch, require_current, set_etag
from api.db import SessionDep
from api.models import utc_now
from api.organisations.models import Organisation
from api.pagination import Page, PageParams, page_params, paginate
from api.problems import FieldError, NotFound, Problem, ProblemError
from domain.errors import InvalidValue

router = APIRouter(prefix="/users", tags=["People"])


def user_read(user: User) -> UserRead:
    return UserRead(
        id=user.id, email=user.email, name=user.name, organisation_id=user.organisation_id,
        is_admin=user.is_admin, is_active=user.is_active, version=user.version,
        roles=sorted((RoleGrant(area_id=r.area_id, role=r.role) for r in user.roles), key=lambda g: (str(g.area_id), g.role)),
    )


async def load_user(session: SessionDep, user_id: uuid.UUID) -> User:
    user = await session.scalar(
        select(User).where(User.id == user_id).options(selectinload(User.roles)).execution_options(populate_existing=True)
    )
    if user is None:
        raise NotFound("User", user_id)
    return user


async def check_references(session: SessionDep, organisation_id: uuid.UUID | None, roles: list[RoleGrant]) -> None:
    if organisation_id is not None and await session.get(Organisation, organisation_id) is None:
        raise InvalidValue("organisation_id", "No such organisation.", "unknown_organisation")
    area_ids = {grant.area_id for grant in roles}
    found = set(await session.scalars(select(Area.id).where(Area.id.in_(area_ids)))) if area_ids else set()
    if area_ids - found:
        raise InvalidValue("roles", "A role names an area that does not exist.", "unknown_area")


def set_roles(user: User, roles: list[RoleGrant]) -> None:
    wanted = {(grant.area_id, grant.role.value) for grant in roles}
    user.roles = [r for r in user.roles if (r.area_id, r.role) in wanted]
    have = {(r.area_id, r.role) for r in user.roles}
    user.roles.extend(UserRole(area_id=area, role=role) for area, role in sorted(wanted - have, key=str))


@router.get("", summary="List people", response_model=Page[UserRead])
async def list_users(
    actor: CurrentActor, session: SessionDep, params: Annotated[PageParams, Depends(page_params)],
    area_id: Annotated[uuid.UUID | None, Query(description="Only people with a role in this area.")] = None,
) -> Page[UserRead]:
    """Administrators see everyone; an area admin sees the people of their areas."""
    statement = select(User).options(selectinload(User.roles))
    if not actor.is_admin:
        areas = actor.administered_areas
        if not areas or (area_id and area_id not in areas):
            raise Forbidden("Only administrators and area admins may list people.")
        statement = statement.where(User.id.in_(select(UserRole.user_id).where(UserRole.area_id.in_(areas))))
    if area_id:
        statement = statement.where(User.id.in_(select(UserRole.user_id).where(UserRole.area_id == area_id)))
    rows, next_cursor = await paginate(session, statement, sort_column=User.email, id_column=User.id, params=params)
    return Page(items=[user_read(row) for row in rows], next_cursor=next_cursor)


@router.post("", summary="Create a person", status_code=status.HTTP_201_CREATED, response_model=UserRead,
             responses={403: {"model": Problem}, 409: {"model": Problem}, 422: {"model": Problem}})
async def create_user(_: AdminActor, session: SessionDep, data: UserCreate, response: Response) -> UserRead:
    """A person who logs in with their e-mail address, with roles in areas."""
    email = data.email.casefold()
    if await session.scalar(select(User.id).where(func.lower(User.email) == email)):
        raise ProblemError(409, f"{email} already has an account.",
                           errors=[FieldError(field="email", location=["body", "email"], message="Already in use.", type="unique")])
    await check_references(session, data.organisation_id, data.roles)
    user = User(email=email, name=data.name, organisation_id=data.organisation_id, is_admin=data.is_admin,
                password_hash=await hash_password(data.password), roles=[])
    set_roles(user, data.roles)
    session.add(user)
    await session.flush()
    user = await load_user(session, user.id)
    set_etag(response, user.version)
    return user_read(user)


@router.get("/{user_id}", summary="Get a person", response_model=UserRead, responses={404: {"model": Problem}})
async def get_user(_: AdminActor, session: SessionDep, user_id: uuid.UUID, response: Response) -> UserRead:
    """A person's account and roles."""
    user = await load_user(session, user_id)
    set_etag(response, user.version)
    return user_read(user)


@router.patch("/{user_id}", summary="Update a person", response_model=UserRead,
              responses={404: {"model": Problem}, 412: {"model": Problem}, 428: {"model": Problem}})
async def update_user(
    _: AdminActor, session: SessionDep, user_id: uuid.UUID, changes: UserUpdate, if_match: IfMatch, response: Response
) -> UserRead:
    """Change name, organisation, password, roles, or deactivate; needs `If-Match`."""
    user = await load_user(session, user_id)
    require_current(if_match, user.version)
    values = changes.model_dump(exclude_unset=True, exclude={"roles", "password"})
    await check_references(session, values.get("organisation_id"), changes.roles or [])
    if changes.password:
        user.password_hash = await hash_password(changes.password)
    if changes.roles is not None:
        set_roles(user, changes.roles)
        user.updated_at = utc_now()  # a change of roles is a change of the person: the version moves on
    for field, value in values.items():
        if value is not None:
            setattr(user, field, value)
    await session.flush()
    user = await load_user(session, user.id)
    set_etag(response, user.version)
    return user_read(user)


@router.delete("/{user_id}", summary="Delete a person", status_code=status.HTTP_204_NO_CONTENT,
               responses={404: {"model": Problem}})
async def delete_user(_: AdminActor, session: SessionDep, user_id: uuid.UUID) -> Response:
    """Removes the account (to keep the history readable, deactivating is usually better)."""
    await session.delete(await load_user(session, user_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)

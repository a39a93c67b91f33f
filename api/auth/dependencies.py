"""Authentication (bearer tokens of people, API keys of systems) and authorisation as dependencies."""

import asyncio
import logging
import uuid
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request, params
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import Update, or_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.context import current_actor_var
from api.auth.models import ApiKey, AuthToken, User
from api.auth.repository import ApiKeyRepository, TokenRepository
from api.auth.tokens import digest, is_api_key
from api.db import SessionDep, get_database
from api.errors import AdministratorsOnly, Forbidden, KeyDoesNotAllow, NotAuthenticated, RolesDoNotAllow, TokenNotValid
from api.models import utc_now
from api.settings import get_settings
from domain.access import Actor, ActorKind, Permission, Role, Scope, may, may_somewhere

bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)

# Writing last-used times on every request would make every read a write; once a minute is enough.
TOUCH_INTERVAL = timedelta(seconds=60)
logger = logging.getLogger("sopimo.auth")


async def record_use(session: AsyncSession, statement: Update) -> None:
    """Note when a token or key was last used (`statement`), without making a read fail or wait.

    A request that may write notes it in its own transaction. A read leaves it to a short transaction of its own
    after the answer has gone (a read never writes, so on SQLite it never waits for a writer); a failure there is
    logged, never answered.
    """
    statement = statement.execution_options(synchronize_session=False)
    if not session.info.get("reading"):
        await session.execute(statement)
        return
    task = asyncio.create_task(record_use_apart(statement))
    _noting.add(task)
    task.add_done_callback(_noting.discard)


_noting: set[asyncio.Task[None]] = set()  # the loop keeps only weak references to its tasks


async def record_use_apart(statement: Update) -> None:
    database = get_database()
    try:
        async with database.write_turn(), database.sessions() as own, own.begin():
            await own.execute(statement)
    except SQLAlchemyError as error:
        logger.warning("could not note the last use of a token or key: %s", error)


def actor_of(user: User, area_roles: list[tuple[uuid.UUID, str]]) -> Actor:
    """The person as the rules know them, with their roles (area, role)."""
    roles: dict[uuid.UUID, set[Role]] = {}
    for area_id, role in area_roles:
        roles.setdefault(area_id, set()).add(Role(role))
    return Actor(
        kind=ActorKind.USER,
        id=user.id,
        label=f"{user.name} ({user.email})" if user.name else user.email,
        organisation_id=user.organisation_id,
        is_admin=user.is_admin,
        roles={area: frozenset(values) for area, values in roles.items()},
    )


async def actor_from_token(session: AsyncSession, secret: str) -> Actor | None:
    now = utc_now()
    if is_api_key(secret):
        key = await ApiKeyRepository(session).by_hash(digest(secret))
        if key is None or key.revoked_at is not None:
            return None
        if key.last_used_at is None or now - key.last_used_at > TOUCH_INTERVAL:
            await record_use(session, update(ApiKey).values(last_used_at=now).where(
                ApiKey.id == key.id, or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < now - TOUCH_INTERVAL)))
        return Actor(
            kind=ActorKind.API_KEY,
            id=key.id,
            label=f"{key.name} ({key.prefix})",
            key_area_id=key.area_id,
            scopes=frozenset(Scope(scope) for scope in key.scopes.split(",") if scope),
        )
    found = await TokenRepository(session).with_holder(digest(secret))
    if found is None:
        return None
    token, user, area_roles = found
    if token.revoked_at is not None or now >= token.expires_at:
        return None
    if now - token.last_used_at > timedelta(minutes=get_settings().session_idle_minutes):
        return None
    if not user.is_active:
        return None
    if now - token.last_used_at > TOUCH_INTERVAL:
        await record_use(session, update(AuthToken).values(last_used_at=now).where(
            AuthToken.token_hash == token.token_hash, AuthToken.last_used_at < now - TOUCH_INTERVAL))
    return actor_of(user, area_roles)


async def optional_actor(
    request: Request, session: SessionDep, token: Annotated[str | None, Depends(bearer)]
) -> Actor | None:
    """The actor when a valid token came; None for an anonymous request (public reads)."""
    if not token:
        return None
    actor = await actor_from_token(session, token)
    if actor is None:
        raise TokenNotValid()
    current_actor_var.set(actor)
    request.state.actor = actor
    return actor


async def current_actor(actor: Annotated[Actor | None, Depends(optional_actor)]) -> Actor:
    """The actor; 401 without a valid token."""
    if actor is None:
        raise NotAuthenticated()
    return actor


CurrentActor = Annotated[Actor, Depends(current_actor)]
OptionalActor = Annotated[Actor | None, Depends(optional_actor)]


def authorize(
    actor: Actor,
    permission: Permission,
    *,
    area_id: uuid.UUID | None = None,
    organisation_id: uuid.UUID | None = None,
    resource_type: str | None = None,
    resource_id: uuid.UUID | None = None,
) -> None:
    """403 unless the rules (domain.access) let the actor do it."""
    if not may(actor, permission, area_id=area_id, organisation_id=organisation_id):
        raise refusal(actor, permission, resource_type=resource_type, resource_id=resource_id, area_id=area_id)


def refusal(
    actor: Actor,
    permission: Permission,
    *,
    resource_type: str | None = None,
    resource_id: uuid.UUID | None = None,
    area_id: uuid.UUID | None = None,
) -> Forbidden:
    kind = KeyDoesNotAllow if actor.kind is ActorKind.API_KEY else RolesDoNotAllow
    return kind(permission=permission.value, resource_type=resource_type, resource_id=resource_id, area_id=area_id)


def requires(permission: Permission) -> params.Depends:
    """A dependency that refuses at once an actor who could not do this anywhere (e.g. a read-only key)."""

    async def check(actor: CurrentActor) -> Actor:
        if not may_somewhere(actor, permission):
            raise refusal(actor, permission)
        return actor

    return Depends(check)


async def admin_only(actor: CurrentActor) -> Actor:
    if not actor.is_admin:
        raise AdministratorsOnly()
    return actor


AdminActor = Annotated[Actor, Depends(admin_only)]

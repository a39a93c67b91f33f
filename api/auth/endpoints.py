from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm

from api.areas.repository import AreaRepository
from api.audit.models import AuditEntry
from api.auth import throttle
from api.auth.dependencies import CurrentActor, bearer
from api.auth.models import AuthToken
from api.auth.passwords import verify_password
from api.auth.repository import LoginThrottleRepository, TokenRepository, UserRepository
from api.auth.schemas import AreaRoles, MeRead, TokenRead
from api.auth.tokens import digest, new_token
from api.clock import Today
from api.db import SessionDep
from api.errors import TooManyLogins, WrongCredentials
from api.models import utc_now
from api.organisations.repository import OrganisationRepository
from api.problems import problem_response
from api.request_log import request_id_var
from api.settings import get_settings
from domain.access import ActorKind, actor_actions

router = APIRouter(prefix="/auth", tags=["Authentication"])


@router.post(
    "/token",
    summary="Log in: a bearer token for a person",
    response_model=TokenRead,
    responses={401: {"description": "The e-mail address or the password is wrong."},
               429: {"description": "Too many failed attempts; see Retry-After."}},
)
async def create_token(
    request: Request, session: SessionDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]
) -> TokenRead | JSONResponse:
    """OAuth2 password flow: e-mail as `username` and the password. Each login gets a new token."""
    email = form.username.strip().casefold()[:254]
    address = request.client.host if request.client else "unknown"
    throttles = LoginThrottleRepository(session)
    wait = await throttle.wait_seconds(throttles, email, address)
    if wait:
        return problem_response(request, TooManyLogins(seconds=wait))
    users = UserRepository(session)
    user = await users.by_email(email)
    valid = await verify_password(user.password_hash if user else None, form.password)
    if not valid or user is None or not user.is_active:
        await throttle.record_failure(throttles, email, address)
        users.add(AuditEntry(
            action="login_failed", resource_type="users", resource_id=user.id if user else None,
            actor_type=None, actor_label=email, request_id=request_id_var.get(), client_address=address,
            detail=f"Failed login for {email} from {address}.",
        ))
        return problem_response(request, WrongCredentials())
    await throttle.record_success(throttles, email)
    token = new_token()
    lifetime = timedelta(hours=get_settings().session_absolute_hours)
    now = utc_now()
    users.add(AuthToken(token_hash=digest(token), user_id=user.id, created_at=now, last_used_at=now,
                          expires_at=now + lifetime))
    return TokenRead(access_token=token, expires_in=int(lifetime.total_seconds()))


@router.post("/logout", summary="Log out: end this token", status_code=status.HTTP_204_NO_CONTENT)
async def logout(actor: CurrentActor, session: SessionDep, token: Annotated[str | None, Depends(bearer)]) -> Response:
    """The token stops working at once, on every server."""
    if actor.kind is ActorKind.USER and token:
        row = await TokenRepository(session).by_hash(digest(token))
        if row is not None and row.revoked_at is None:
            row.revoked_at = utc_now()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", summary="Who am I", response_model=MeRead)
async def me(actor: CurrentActor, session: SessionDep, today: Today) -> MeRead:
    """The person or system behind the token, with roles by area."""
    users = UserRepository(session)
    names = await users.area_names(actor.roles)
    if actor.kind is ActorKind.API_KEY:
        key_area = (await AreaRepository(session).by_ids([actor.key_area_id])).get(actor.key_area_id) \
            if actor.key_area_id else None
        return MeRead(kind="api_key", id=actor.id, label=actor.label, scopes=sorted(actor.scopes),
                      areas=[AreaRoles(area_id=key_area.id, area_name=key_area.name, roles=[])] if key_area else [],
                      allowed_actions=actor_actions(actor), today=today)
    user = (await users.by_ids([actor.id])).get(actor.id)
    organisation = (await OrganisationRepository(session).by_ids([actor.organisation_id])).get(actor.organisation_id) \
        if actor.organisation_id else None
    return MeRead(
        kind="user", id=actor.id, label=actor.label, name=user.name if user else None,
        organisation_id=actor.organisation_id, organisation_name=organisation.name_fi if organisation else None,
        is_admin=actor.is_admin, allowed_actions=actor_actions(actor), today=today,
        areas=sorted(
            (AreaRoles(area_id=area, area_name=names.get(area, ""), roles=sorted(roles)) for area, roles in actor.roles.items()),
            key=lambda a: a.area_name,
        ),
    )


"""All SQL about people, their roles, login tokens, API keys and failed-login counters."""

import uuid
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, selectinload

from api.areas.models import Area
from api.auth.models import ApiKey, AuthToken, LoginThrottle, User, UserRole
from api.organisations.models import Organisation
from api.pagination import PageParams, Sorting, SortKey, SortParams
from api.repository import Repository

EMPLOYER = aliased(Organisation)
USER_SORTING = Sorting("UserSort", {
    "email": User.email, "name": User.name,
    "organisation": SortKey(select(EMPLOYER.name_fi).where(EMPLOYER.id == User.organisation_id).scalar_subquery()),
    "is_active": User.is_active,
}, default="email")
API_KEY_SORTING = Sorting("ApiKeySort", {
    "name": ApiKey.name, "prefix": ApiKey.prefix, "created_at": ApiKey.created_at, "last_used_at": ApiKey.last_used_at,
    "revoked_at": ApiKey.revoked_at,
}, default="created_at")


class UserRepository(Repository[User]):
    model = User
    load = (selectinload(User.roles),)
    sorting = USER_SORTING

    async def by_email(self, email: str) -> User | None:
        """The person whose address is `email`, whatever its case."""
        return await self.session.scalar(select(User).where(func.lower(User.email) == email.casefold()))

    async def page(
        self, params: PageParams, *, within_areas: set[uuid.UUID] | None = None, area_id: uuid.UUID | None = None
    ) -> tuple[list[User], str | None]:
        """People in e-mail order (or as asked); `within_areas` limits to those with a role in one of these areas."""
        statement = select(User).options(*self.load)
        if within_areas is not None:
            statement = statement.where(User.id.in_(select(UserRole.user_id).where(UserRole.area_id.in_(within_areas))))
        if area_id:
            statement = statement.where(User.id.in_(select(UserRole.user_id).where(UserRole.area_id == area_id)))
        return await self.paginate(statement, params)

    async def lock_active_admins(self) -> list[uuid.UUID]:
        """The active administrators, their rows locked to the end of the transaction: of two requests that each
        remove one of the last two, the second waits and then sees only one (SQLite writes one at a time anyway)."""
        statement = select(User.id).where(User.is_admin.is_(True), User.is_active.is_(True)).order_by(User.id)
        return list(await self.session.scalars(statement.with_for_update()))

    async def existing_areas(self, area_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        wanted = set(area_ids)
        return set(await self.session.scalars(select(Area.id).where(Area.id.in_(wanted)))) if wanted else set()

    async def area_names(self, area_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        wanted = set(area_ids)
        if not wanted:
            return {}
        rows = await self.session.execute(select(Area.id, Area.name).where(Area.id.in_(wanted)))
        return dict(rows.all())


class TokenRepository(Repository[AuthToken]):
    """Login tokens, by the digest of their secret."""

    model = AuthToken

    async def by_hash(self, token_hash: str) -> AuthToken | None:
        return await self.session.get(AuthToken, token_hash)

    async def with_holder(self, token_hash: str) -> tuple[AuthToken, User, list[tuple[uuid.UUID, str]]] | None:
        """The token, its person and the person's roles (area, role) in one statement: every request asks."""
        rows = (await self.session.execute(
            select(AuthToken, User, UserRole.area_id, UserRole.role)
            .join(User, User.id == AuthToken.user_id)
            .outerjoin(UserRole, UserRole.user_id == User.id)
            .where(AuthToken.token_hash == token_hash)
        )).all()
        if not rows:
            return None
        token, user = rows[0][0], rows[0][1]
        return token, user, [(area_id, role) for _, _, area_id, role in rows if area_id is not None]


class ApiKeyRepository(Repository[ApiKey]):
    model = ApiKey
    sorting = API_KEY_SORTING

    async def of_area(self, area_id: uuid.UUID, params: SortParams | None = None) -> list[ApiKey]:
        """The area's keys, oldest first or as asked."""
        return await self.in_order(select(ApiKey).where(ApiKey.area_id == area_id), params or SortParams())

    async def by_hash(self, key_hash: str) -> ApiKey | None:
        return await self.session.scalar(select(ApiKey).where(ApiKey.key_hash == key_hash))


class LoginThrottleRepository(Repository[LoginThrottle]):
    """Counters of failed logins, by account and by address."""

    model = LoginThrottle

    async def by_key(self, key: str) -> LoginThrottle | None:
        return await self.session.get(LoginThrottle, key)

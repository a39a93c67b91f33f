"""Bearer secrets for tests, made the way the API makes them but without the cost of password hashing."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.areas.models import Area
from api.auth.models import ApiKey, AuthToken, User
from api.auth.tokens import digest, new_api_key, new_token
from api.models import utc_now


class Credentials:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def token_for(self, email: str) -> str:
        user_id = await self.session.scalar(select(User.id).where(User.email == email))
        assert user_id, f"no demo user {email}"
        token = new_token()
        now = utc_now()
        self.session.add(AuthToken(token_hash=digest(token), user_id=user_id, created_at=now, last_used_at=now,
                                   expires_at=now + timedelta(hours=1)))
        await self.session.commit()
        return token

    async def api_key(self, area_name: str, *scopes: str) -> str:
        area_id = await self.session.scalar(select(Area.id).where(Area.name == area_name))
        assert area_id, f"no area {area_name}"
        secret, prefix = new_api_key()
        self.session.add(ApiKey(area_id=area_id, name=f"test {'+'.join(scopes)}", scopes=",".join(scopes),
                                prefix=prefix, key_hash=digest(secret)))
        await self.session.commit()
        return secret

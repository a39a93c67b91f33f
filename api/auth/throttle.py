"""Failed logins counted in the database, so that every process behind a load balancer sees them."""

from api.auth.models import LoginThrottle
from api.auth.repository import LoginThrottleRepository
from api.models import utc_now
from domain.throttling import (
    ACCOUNT_LIMIT,
    ADDRESS_LIMIT,
    Counter,
    Limit,
    after_failure,
    seconds_blocked,
)


def keys(email: str, address: str) -> dict[str, Limit]:
    return {f"account:{email.casefold()}": ACCOUNT_LIMIT, f"address:{address}": ADDRESS_LIMIT}


def counter_of(row: LoginThrottle | None) -> Counter | None:
    if row is None:
        return None
    return Counter(row.failures, row.window_started_at, row.blocked_until)


async def wait_seconds(throttles: LoginThrottleRepository, email: str, address: str) -> int:
    now = utc_now()
    return max([seconds_blocked(counter_of(await throttles.by_key(key)), now) for key in keys(email, address)])


async def record_failure(throttles: LoginThrottleRepository, email: str, address: str) -> None:
    now = utc_now()
    for key, limit in keys(email, address).items():
        row = await throttles.by_key(key)
        counter = after_failure(counter_of(row), limit, now)
        if row is None:
            row = LoginThrottle(key=key)
            throttles.add(row)
        row.failures, row.window_started_at, row.blocked_until = (
            counter.failures, counter.window_started_at, counter.blocked_until
        )


async def record_success(throttles: LoginThrottleRepository, email: str) -> None:
    row = await throttles.by_key(f"account:{email.casefold()}")
    if row is not None:
        await throttles.delete(row)

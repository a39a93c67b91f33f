"""Slowing down password guessing (kirjautumisyritysten rajoitus) without locking real people out for long.

Failures are counted per account and per address over a window. An account is held back only
briefly (an attacker must not be able to keep a real person out), an address much longer (that
is where the guessing comes from).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class Limit:
    free_failures: int
    block: timedelta


ACCOUNT_LIMIT = Limit(free_failures=5, block=timedelta(seconds=30))
ADDRESS_LIMIT = Limit(free_failures=20, block=timedelta(minutes=15))


@dataclass(frozen=True)
class Counter:
    failures: int
    window_started_at: datetime
    blocked_until: datetime | None


def seconds_blocked(counter: Counter | None, now: datetime) -> int:
    """How many seconds until the next attempt is allowed (0: allowed now)."""
    if counter is None or counter.blocked_until is None or counter.blocked_until <= now:
        return 0
    return max(1, int((counter.blocked_until - now).total_seconds() + 0.999))


def after_failure(counter: Counter | None, limit: Limit, now: datetime) -> Counter:
    if counter is None or now - counter.window_started_at > WINDOW:
        counter = Counter(failures=0, window_started_at=now, blocked_until=None)
    failures = counter.failures + 1
    blocked_until = now + limit.block if failures >= limit.free_failures else None
    return Counter(failures=failures, window_started_at=counter.window_started_at, blocked_until=blocked_until)

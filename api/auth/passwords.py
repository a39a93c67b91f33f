"""Passwords hashed with argon2id (OWASP: 19 MiB, 2 iterations, 1 lane), off the event loop."""

from anyio import to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from api.errors import PasswordTooLong, PasswordTooShort

MIN_LENGTH = 8
MAX_LENGTH = 128

hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified when the account does not exist, so that a wrong e-mail costs as much time as a wrong password.
_DUMMY_HASH = hasher.hash("not a real password")


def check_password_rules(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordTooShort("password", minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise PasswordTooLong("password", maximum=MAX_LENGTH)


async def hash_password(password: str) -> str:
    check_password_rules(password)
    return await to_thread.run_sync(hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    def verify() -> bool:
        try:
            return hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    if len(password) > MAX_LENGTH:
        return False
    return await to_thread.run_sync(verify)

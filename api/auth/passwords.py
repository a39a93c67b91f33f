"""Passwords hashed with argon2id (OWASP: 19 MiB, 2 iterations, 1 lane), off the event loop."""

from functools import lru_cache
from pathlib import Path

from anyio import to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from api.errors import PasswordTooCommon, PasswordTooLong, PasswordTooShort

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")

hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified when the account does not exist, so that a wrong e-mail costs as much time as a wrong password.
_DUMMY_HASH = hasher.hash("not a real password")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The passwords that guessing tries first (read once; the file's own comments start with "# ")."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("# "))


def check_password_rules(password: str) -> None:
    """ASVS 5: at least 8 characters, at most 128 (so hashing stays cheap), and none of the common passwords."""
    if len(password) < MIN_LENGTH:
        raise PasswordTooShort("password", minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise PasswordTooLong("password", maximum=MAX_LENGTH)
    if password.strip().casefold() in common_passwords():
        raise PasswordTooCommon("password")


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

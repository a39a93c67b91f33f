"""Secrets handed out once and kept only as hashes: login tokens and API keys."""

import hashlib
import secrets

API_KEY_PREFIX = "sopimo_"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_api_key() -> tuple[str, str]:
    """The key to show once and the short prefix kept to recognise it by."""
    prefix = secrets.token_hex(4)
    return f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}", prefix


def is_api_key(secret: str) -> bool:
    return secret.startswith(API_KEY_PREFIX)


def digest(secret: str) -> str:
    # The secrets are 256 random bits: a fast hash is enough, unlike for passwords.
    return hashlib.sha256(secret.encode()).hexdigest()

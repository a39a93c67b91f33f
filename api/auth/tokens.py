"""Secrets kept only as hashes: login tokens and API keys, handed out once, and the secrets of calendar addresses,
made again from the installation's secret key whenever their person asks."""

import base64
import hashlib
import hmac
import secrets
import uuid

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


def new_salt() -> str:
    return secrets.token_urlsafe(24)


def calendar_secret(secret_key: str, user_id: uuid.UUID, salt: str) -> str:
    """The secret in a person's calendar addresses: 256 bits made from the installation's key and the stored salt,
    so that the database alone cannot give it (a new salt or a new key gives new addresses)."""
    mac = hmac.new(secret_key.encode(), f"calendar:{user_id}:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

"""Where the pages may send people after a form: only paths on this site."""

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str:
    """A path on this site, or /: a login or language switch must not become an open redirect."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target

"""The short notice a page shows once after an action ("Irtisanominen kirjattu …"), carried across the redirect in
a signed cookie, with the id of the part of the page that changed so the notice can stand beside it."""

import base64
import hashlib
import hmac
import json
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from api.settings import get_settings

NOTICE_COOKIE = "sopimo_notice"


def signature_of(payload: str) -> str:
    return hmac.new(get_settings().secret_key.encode(), f"notice:{payload}".encode(), hashlib.sha256).hexdigest()


def keep_notice(request: Request, response: Response, text: str, anchor: str = "") -> None:
    """The next page this browser loads shows `text` once."""
    payload = base64.urlsafe_b64encode(json.dumps({"text": text, "anchor": anchor}).encode()).decode()
    response.set_cookie(NOTICE_COOKIE, f"{payload}.{signature_of(payload)}", httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", max_age=120)


def take_notice(request: Request) -> dict[str, Any] | None:
    """The notice waiting for this page, if any; the response then removes it (see `forget_taken_notice`)."""
    value = request.cookies.get(NOTICE_COOKIE)
    if not value or "." not in value:
        return None
    request.state.notice_taken = True
    payload, signature = value.rsplit(".", 1)
    if not hmac.compare_digest(signature, signature_of(payload)):
        return None
    try:
        notice = json.loads(base64.urlsafe_b64decode(payload.encode()))
    except ValueError:
        return None
    if not isinstance(notice, dict) or not isinstance(notice.get("text"), str):
        return None
    return {"text": notice["text"], "anchor": str(notice.get("anchor") or "")}


def forget_taken_notice(request: Request, response: Response) -> None:
    if not getattr(request.state, "notice_taken", False):
        return
    if not any(header.startswith(f"{NOTICE_COOKIE}=") for header in response.headers.getlist("set-cookie")):
        response.delete_cookie(NOTICE_COOKIE)

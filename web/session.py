"""The pages' login: the API's bearer token kept in an HttpOnly cookie, and CSRF tokens for every form."""

import hashlib
import hmac
import secrets

from fastapi import Request
from fastapi.responses import Response

from api.settings import get_settings
from web.client import ApiError, get_api
from web.notices import forget_taken_notice

SESSION_COOKIE = "sopimo_session"
CSRF_COOKIE = "sopimo_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class CsrfRefused(Exception):
    """A state-changing request from a page came without the page's CSRF token."""


def csrf_token_for(seed: str) -> str:
    """Signed double submit: the token is an HMAC of a random cookie value, so a forger cannot make one."""
    return hmac.new(get_settings().secret_key.encode(), seed.encode(), hashlib.sha256).hexdigest()


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


async def csrf_protect(request: Request) -> None:
    """Runs before every page route: remembers the page's token; refuses unsafe requests without it."""
    seed = request.cookies.get(CSRF_COOKIE)
    if not seed:
        seed = secrets.token_urlsafe(32)
        request.state.new_csrf_seed = seed
    request.state.csrf_token = csrf_token_for(seed)
    if request.method not in UNSAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not request.cookies.get(CSRF_COOKIE) or not sent or not hmac.compare_digest(sent, request.state.csrf_token):
        raise CsrfRefused()


async def load_me(request: Request) -> None:
    """Who is logged in (from the API), for the header and for the pages' choices; None when nobody is."""
    request.state.me = None
    if not request.cookies.get(SESSION_COOKIE):
        return
    try:
        request.state.me = await get_api(request).get("/auth/me")
    except ApiError as error:
        if error.status != 401:
            raise
        request.state.session_expired = True


def finish(request: Request, response: Response) -> Response:
    """Sets the cookies a response needs: a new CSRF seed, or the removal of an expired login."""
    seed = getattr(request.state, "new_csrf_seed", None)
    if seed:
        response.set_cookie(CSRF_COOKIE, seed, httponly=True, samesite="lax", secure=is_https(request))
    if getattr(request.state, "session_expired", False):
        response.delete_cookie(SESSION_COOKIE)
    forget_taken_notice(request, response)
    return response


def start_session(request: Request, response: Response, token: str, lifetime_seconds: int) -> None:
    """A new login: a new session cookie and a new CSRF seed (the old ones are worthless to anyone who saw them)."""
    response.set_cookie(SESSION_COOKIE, token, max_age=lifetime_seconds, httponly=True, samesite="lax",
                        secure=is_https(request))
    response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(32), httponly=True, samesite="lax", secure=is_https(request))


def end_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)

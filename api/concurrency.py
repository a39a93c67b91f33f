"""Optimistic concurrency: an ETag per version of a resource, and If-Match on every write."""

from typing import Annotated

from fastapi import Depends, Header, Response

from api.errors import IfMatchRequired, StaleVersion


def etag_of(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_of(version)


def if_match_header(
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description='The ETag from the last read, e.g. `"3"`, so that no one overwrites a change they have not seen.',
        ),
    ] = None,
) -> str | None:
    return if_match


IfMatch = Annotated[str | None, Depends(if_match_header)]


def require_current(if_match: str | None, current_version: int, *, required: bool = True) -> None:
    """428 without If-Match (when required), 412 when it names another version than the stored one."""
    if if_match is None:
        if required:
            raise IfMatchRequired()
        return
    candidates = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" in candidates or etag_of(current_version) in candidates:
        return
    raise StaleVersion(etag_of(current_version))

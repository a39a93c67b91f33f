"""Use cases of the calendar feeds: a person's addresses (their secret made on the first request), a new secret, and
a feed read by its address, with the person's roles asked again each time."""

import uuid
from datetime import date, datetime

from api.agreements.schemas import AreaRef
from api.auth.dependencies import actor_of
from api.auth.tokens import calendar_secret, digest, new_salt
from api.calendar.feed import feed_document
from api.calendar.models import CalendarSecret
from api.calendar.repository import CalendarRepository
from api.calendar.schemas import CalendarRead, FeedLanguage, FeedRead
from api.db import get_database
from api.obligations.service import summary
from domain.access import Actor, overview_scope
from domain.obligations.calendar import FeedKind, FeedNotFound, FeedScope, feed_filter, feed_scopes, window_start

#: Where the feeds answer, under the installation's public address.
FEEDS_PATH = "/api/v1/calendar"


async def secret_for(repo: CalendarRepository, user_id: uuid.UUID, secret_key: str) -> tuple[str, datetime]:
    """The person's secret and when it was made. The first request makes it; a new installation key makes a new one
    from the same salt. A read (GET) writes it in a short transaction of its own, as it would not write otherwise
    (on SQLite it takes its turn to write); anything else in the request's own."""
    stored = await repo.secret_of(user_id)
    if stored is not None and stored.secret_hash == digest(calendar_secret(secret_key, user_id, stored.salt)):
        return calendar_secret(secret_key, user_id, stored.salt), stored.created_at
    salt = stored.salt if stored is not None else new_salt()
    secret_hash = digest(calendar_secret(secret_key, user_id, salt))
    kept: CalendarSecret
    if repo.session.info.get("reading"):
        database = get_database()
        async with database.write_turn(), database.sessions() as own, own.begin():
            kept = await CalendarRepository(own).keep_secret(user_id, salt, secret_hash, replace=stored is not None)
    else:
        kept = await repo.keep_secret(user_id, salt, secret_hash, replace=stored is not None)
    return calendar_secret(secret_key, user_id, kept.salt), kept.created_at


async def reset(repo: CalendarRepository, user_id: uuid.UUID, secret_key: str) -> None:
    """A new secret: the addresses made with the old one answer 404 from now on."""
    salt = new_salt()
    await repo.keep_secret(user_id, salt, digest(calendar_secret(secret_key, user_id, salt)), replace=True)


def feed_url(base_url: str, secret: str, scope: FeedScope, language: FeedLanguage) -> str:
    query = "" if language is FeedLanguage.FI else f"?lang={language.value}"
    return f"{base_url}{FEEDS_PATH}/{secret}/{scope.name}.ics{query}"


async def calendar_of(repo: CalendarRepository, actor: Actor, *, language: FeedLanguage, today: date,
                      secret_key: str, base_url: str) -> CalendarRead:
    """The person's feeds: their own, each area they have a role in (every area for an installation admin), and
    each organisation that has been a member of those areas within the feeds' window."""
    secret, made_at = await secret_for(repo, actor.id, secret_key)
    visible = actor.visible_areas
    areas = await repo.areas(None if visible is None else set(actor.roles))
    members = await repo.members([area.id for area in areas], window_start(today))
    own = overview_scope(actor)
    mine = None
    if own.organisation_id is not None:
        mine = next((o for o in members if o.id == own.organisation_id), None) or await repo.organisation_in(
            own.organisation_id, None)
    by_id = {o.id: o for o in members}
    names = {area.id: area.name for area in areas}
    feeds = []
    for scope in feed_scopes(list(names), list(by_id)):
        url = feed_url(base_url, secret, scope, language)
        if scope.kind is FeedKind.ME:
            feeds.append(FeedRead(scope=scope.name, kind=scope.kind, whole_areas=own.whole_area,
                                  organisation=summary(mine) if mine else None, url=url))
        elif scope.kind is FeedKind.AREA and scope.id is not None:
            feeds.append(FeedRead(scope=scope.name, kind=scope.kind, area=AreaRef(id=scope.id, name=names[scope.id]),
                                  url=url))
        elif scope.id is not None:
            feeds.append(FeedRead(scope=scope.name, kind=scope.kind, organisation=summary(by_id[scope.id]), url=url))
    return CalendarRead(made_at=made_at, language=language, feeds=feeds, allowed_actions=["reset"])


async def feed(repo: CalendarRepository, secret: str, scope_name: str, *, language: FeedLanguage, today: date,
               now: datetime, base_url: str) -> bytes:
    """The feed at this address as an iCalendar document; FeedNotFound for an unknown or reset secret, a person no
    longer active, or a feed their roles no longer let them read."""
    scope = FeedScope.parse(scope_name)
    found = await repo.holder_of(digest(secret)) if scope is not None else None
    if scope is None or found is None or not found[0].is_active:
        raise FeedNotFound()
    user, roles = found
    actor = actor_of(user, roles)
    holds = feed_filter(actor, scope)
    name: str | None = None
    if scope.kind is FeedKind.AREA and scope.id is not None:
        area = await repo.area(scope.id)
        if area is None:
            raise FeedNotFound()
        name = area.name
    elif scope.kind is FeedKind.ORGANISATION and scope.id is not None:
        organisation = await repo.organisation_in(scope.id, holds.areas)
        if organisation is None:
            raise FeedNotFound()
        name = organisation.name_sv if language is FeedLanguage.SV and organisation.name_sv else organisation.name_fi
    entries = await repo.entries(holds, on=today, since=window_start(today))
    return feed_document(entries, name=name, language=language, on=today, stamp=now, base_url=base_url)

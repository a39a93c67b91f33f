"""Calendar feeds (iCalendar, RFC 5545) of the duties: each person's own, and one per area and organisation they
read, at secret addresses the person can reset.

A feed's address is its credential (calendars send no token), so the feed itself needs none; the person's roles are
asked again on every fetch, and an unknown, reset or no longer readable address answers 404.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from api.auth.dependencies import CurrentActor
from api.calendar import service
from api.calendar.repository import CalendarRepository
from api.calendar.schemas import CalendarRead, FeedLanguage
from api.clock import Today
from api.db import SessionDep
from api.errors import KeysHaveNoCalendar
from api.models import utc_now
from api.settings import get_settings
from domain.access import Actor, ActorKind

TAG = "Calendar"
CALENDAR_MEDIA_TYPE = "text/calendar"
router = APIRouter(prefix="/calendar", tags=[TAG])
feeds_router = APIRouter(prefix="/calendar", tags=[TAG])


def repository(session: SessionDep) -> CalendarRepository:
    return CalendarRepository(session)


Repo = Annotated[CalendarRepository, Depends(repository)]
Language = Annotated[FeedLanguage, Query(alias="lang", description="The language of the feeds' titles and texts.")]


def person(actor: Actor) -> Actor:
    if actor.kind is not ActorKind.USER:
        raise KeysHaveNoCalendar()
    return actor


async def answer(repo: CalendarRepository, actor: Actor, language: FeedLanguage, today: Today) -> CalendarRead:
    settings = get_settings()
    return await service.calendar_of(repo, person(actor), language=language, today=today,
                                     secret_key=settings.secret_key, base_url=settings.public_url)


@router.get("", summary="Get my calendar addresses", response_model=CalendarRead)
async def get_calendar(actor: CurrentActor, repo: Repo, today: Today, lang: Language = FeedLanguage.FI
                       ) -> CalendarRead:
    """The addresses of the caller's calendar feeds: their own duties (their organisation's, or every duty of the
    areas an area admin runs), each area they have a role in, and each organisation of those areas. The secret in
    them is made on the first request and stays the same until it is reset; a person only, never an API key."""
    return await answer(repo, actor, lang, today)


@router.post("/reset", summary="Reset my calendar addresses", response_model=CalendarRead)
async def reset_calendar(actor: CurrentActor, repo: Repo, today: Today, lang: Language = FeedLanguage.FI
                         ) -> CalendarRead:
    """A new secret, and so new addresses: the old ones answer 404 from now on (for a lost or shared address)."""
    await service.reset(repo, person(actor).id, get_settings().secret_key)
    return await answer(repo, actor, lang, today)


@feeds_router.get(
    "/{secret}/{scope}.ics", summary="Get a calendar feed", response_class=Response,
    responses={200: {"description": "The feed as iCalendar (RFC 5545): an all-day event per duty on its due date.",
                     "content": {CALENDAR_MEDIA_TYPE: {"schema": {"type": "string"}}}}},
)
async def get_feed(
    repo: Repo, today: Today,
    secret: Annotated[str, Path(max_length=100, description="The secret of the person's addresses.")],
    scope: Annotated[str, Path(max_length=100, description="`me`, `area-<id>` or `organisation-<id>`.")],
    lang: Language = FeedLanguage.FI,
) -> Response:
    """One feed, for a calendar to subscribe to; no token, as the address is the credential. Each duty (one holder,
    one period) is an all-day event on its due date, with the holder, its status today, the agreement and clause,
    and a link to its page; from a year back to as far ahead as the duties are written, with every duty still
    overdue however old, and none that has lapsed."""
    settings = get_settings()
    document = await service.feed(repo, secret, scope, language=lang, today=today, now=utc_now(),
                                  base_url=settings.public_url)
    return Response(document, media_type=CALENDAR_MEDIA_TYPE, headers={
        "Content-Disposition": f'inline; filename="sopimo-{scope}.ics"',
        # The address is a secret: no shared cache keeps the feed.
        "Cache-Control": "private, max-age=300",
    })

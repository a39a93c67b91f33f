"""A person's calendar feeds of duties (kalenterisyötteet): which feeds they have, what each may hold, and how far
back it reaches. The roles are asked again on every fetch, so a feed follows the person's roles as they change."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.access import Actor, ActorKind, may_read_area, overview_scope
from domain.errors import CodedError, NotFound

from .instances import InstanceStatus


class FeedNotFound(NotFound):
    """No feed at this address: the secret was reset, the person is gone, or the feed is not theirs to read."""

    code = "calendar.not_found"
    message = "There is no calendar at this address: it was reset, or it is not yours to read."

    def __init__(self) -> None:
        CodedError.__init__(self)


class FeedKind(StrEnum):
    """What a feed follows."""

    ME = "me"  # omat: the person's organisation's duties, or those of the areas they run
    ORGANISATION = "organisation"  # one organisation's duties in the areas the person reads
    AREA = "area"  # every duty of one area


@dataclass(frozen=True)
class FeedScope:
    """One feed of a person, named in its address as `me`, `organisation-<id>` or `area-<id>`."""

    kind: FeedKind
    id: uuid.UUID | None = None

    @property
    def name(self) -> str:
        return self.kind.value if self.id is None else f"{self.kind.value}-{self.id}"

    @classmethod
    def parse(cls, name: str) -> FeedScope | None:
        """The scope a feed's address names, or None for a name that is none of them."""
        if name == FeedKind.ME.value:
            return cls(FeedKind.ME)
        kind, _, rest = name.partition("-")
        if kind not in (FeedKind.ORGANISATION.value, FeedKind.AREA.value):
            return None
        try:
            return cls(FeedKind(kind), uuid.UUID(rest))
        except ValueError:
            return None


@dataclass(frozen=True)
class FeedFilter:
    """The instances a feed holds: those of `areas` (None: every area) held by `holder_id` (None: anyone)."""

    areas: frozenset[uuid.UUID] | None
    holder_id: uuid.UUID | None


def feed_filter(actor: Actor, scope: FeedScope) -> FeedFilter:
    """What the feed holds for this person now. `me` is the front page's own duties: a coordinator's (finance
    officer's, viewer's) organisation in their areas, the areas an area admin runs as a whole, every area for an
    installation admin. An area's feed needs a role in it; an organisation's holds what it owes in the areas the
    person reads (the caller checks it belongs to one of them). Raises FeedNotFound otherwise."""
    if actor.kind is not ActorKind.USER:
        raise FeedNotFound()
    visible = actor.visible_areas
    readable = None if visible is None else frozenset(visible)
    if scope.kind is FeedKind.ME:
        own = overview_scope(actor)
        areas = readable if own.area_ids is None else (
            own.area_ids if readable is None else own.area_ids & readable)
        return FeedFilter(areas, own.organisation_id)
    if scope.id is None:
        raise FeedNotFound()
    if scope.kind is FeedKind.AREA:
        if not may_read_area(actor, scope.id):
            raise FeedNotFound()
        return FeedFilter(frozenset({scope.id}), None)
    return FeedFilter(readable, scope.id)


def feed_scopes(areas: Iterable[uuid.UUID], organisations: Iterable[uuid.UUID]) -> list[FeedScope]:
    """A person's feeds: their own first, then each of their areas, then each organisation of those areas (in the
    order given, each once)."""
    return ([FeedScope(FeedKind.ME)] + [FeedScope(FeedKind.AREA, a) for a in dict.fromkeys(areas)]
            + [FeedScope(FeedKind.ORGANISATION, o) for o in dict.fromkeys(organisations)])


def window_start(today: date) -> date:
    """A feed reaches a year back (29.2. looks back to 28.2.), and to every duty still overdue however old; ahead,
    as far as the instances are written."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=today.day - 1)


def event_end(due_on: date) -> date:
    """An all-day event ends (exclusively) the day after its due date (RFC 5545 DTEND of a DATE event)."""
    return due_on + timedelta(days=1)


class EventStatus(StrEnum):
    """RFC 5545 STATUS of an event."""

    CONFIRMED = "CONFIRMED"
    CANCELLED = "CANCELLED"


def event_status(status: InstanceStatus) -> EventStatus:
    """A duty that does not apply is a cancelled event; the others stand (their state is in the categories)."""
    return EventStatus.CANCELLED if status is InstanceStatus.NOT_APPLICABLE else EventStatus.CONFIRMED

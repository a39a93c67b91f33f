"""When a decision (päätös) can be dated: after its version was sent to the
parties, not after today, and — for a party that gave notice — not after its
last day as a party.

Today's date is an argument: the rules never read a clock.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date

from .errors import DecisionAfterDeparture, DecisionBeforeSent, DecisionInFuture
from .lifecycle import AgreementVersion
from .notice import Notice, departures


def check_decision_date(
    meeting_date: date,
    *,
    today: date,
    version: AgreementVersion | None = None,
    party: Hashable | None = None,
    notices: Iterable[Notice] = (),
) -> None:
    """Refuse a meeting date that cannot be a decision's: after ``today``
    (:class:`DecisionInFuture`); for a decision on ``version``, before the day it
    was sent (:class:`DecisionBeforeSent`), or after ``party``'s last day as a
    party after its notice (:class:`DecisionAfterDeparture`)."""
    if meeting_date > today:
        raise DecisionInFuture(meeting_date, today)
    if version is None:
        return
    if version.sent_on is not None and meeting_date < version.sent_on:
        raise DecisionBeforeSent(meeting_date, version.sent_on)
    for departure in departures(version.parties, notices, meeting_date):
        if departure.party == party and departure.last_day < meeting_date:
            raise DecisionAfterDeparture(meeting_date, departure.last_day)

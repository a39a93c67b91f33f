"""Reminders of a duty (muistutukset): 14 days and 1 day before it falls due, and when it becomes overdue; each
once per recipient, to the persons responsible for it, or to the area's admins where none is named."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date
from enum import StrEnum

from .instances import InstanceStatus


class ReminderKind(StrEnum):
    DUE_IN_14_DAYS = "due_in_14_days"
    DUE_TOMORROW = "due_tomorrow"
    OVERDUE = "overdue"


#: An overdue reminder goes out in the first two weeks after the due date: a worker that was down catches up, but
#: a duty long overdue when its reminders began is not announced as news.
OVERDUE_WINDOW_DAYS = 14


def reminder_due(due_on: date, status: InstanceStatus, on: date) -> ReminderKind | None:
    """The reminder whose day has come on ``on`` for an instance falling due on ``due_on``: the latest one only, so a
    worker that starts late sends "due tomorrow" rather than both; none once the duty is done or not applicable."""
    if status not in (InstanceStatus.OPEN, InstanceStatus.OVERDUE):
        return None
    days = (due_on - on).days
    if days < 0:
        return ReminderKind.OVERDUE if -days <= OVERDUE_WINDOW_DAYS else None
    if days <= 1:
        return ReminderKind.DUE_TOMORROW
    if days <= 14:
        return ReminderKind.DUE_IN_14_DAYS
    return None


def recipients(responsible: Sequence[Hashable], area_admins: Sequence[Hashable]) -> tuple[Hashable, ...]:
    """Who a reminder goes to: the persons named responsible for the duty in the holder's organisation, else the
    area's admins; each once."""
    return tuple(dict.fromkeys(responsible or area_admins))

"""The due dates a schedule gives in a window, each moved to the next working day (arkipäivä)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr

from domain.working_days import next_working_day

from .errors import InvalidSchedule, TooManyOccurrences
from .model import Schedule, ScheduleKind

#: The most due dates one obligation gives in one reading: a daily duty over three years.
MAX_OCCURRENCES = 1100
#: A person follows duties by the day at the finest: an hourly rule is not a duty's schedule.
ALLOWED_FREQUENCIES = {YEARLY, MONTHLY, WEEKLY, DAILY}


@dataclass(frozen=True)
class Occurrence:
    """One period of a duty: the date the schedule names, the date it falls due, and the period it closes.

    ``nominal`` identifies the period (an instance is one holder × nominal date); ``due_on`` is ``nominal`` or the
    next working day after it (31.1.2026, a Saturday, → 2.2.2026).
    """

    nominal: date
    due_on: date
    period_start: date


def recurrence(schedule: Schedule, start: date) -> rrule:
    """The schedule's rule read by dateutil, anchored at ``start``; refused when it is not a duty's rule."""
    if not schedule.rule or not schedule.rule.strip():
        raise InvalidSchedule("rule", reason="a recurring schedule needs a recurrence rule")
    text = schedule.rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if "\n" in text or "DTSTART" in text.upper():
        raise InvalidSchedule("rule", reason="give one RRULE without DTSTART")
    try:
        parsed = rrulestr(text, dtstart=datetime(start.year, start.month, start.day))
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise InvalidSchedule("rule", reason=str(error) or "not an RFC 5545 rule") from None
    if not isinstance(parsed, rrule) or parsed._freq not in ALLOWED_FREQUENCIES:
        raise InvalidSchedule("rule", reason="the frequency must be yearly, monthly, weekly or daily")
    return parsed


def check(schedule: Schedule) -> None:
    """Refuse a schedule that cannot give due dates (as an input is checked before it is stored)."""
    if schedule.kind is ScheduleKind.ONE_OFF and schedule.due_on is None:
        raise InvalidSchedule("due_on", reason="a one-off duty needs a due date")
    if schedule.kind is ScheduleKind.RECURRING:
        recurrence(schedule, date(2000, 1, 1))
    if schedule.kind is ScheduleKind.CONTINUOUS:
        try:
            date(2000, schedule.review_month, schedule.review_day)  # 2000 is a leap year: 29.2. is allowed
        except ValueError:
            raise InvalidSchedule("review_day", reason="the review day is not a day of the year") from None


def occurrences(schedule: Schedule, start: date, until: date) -> tuple[Occurrence, ...]:
    """The periods of ``schedule`` from ``start`` (the day the duty begins) up to ``until``, in date order.

    A one-off duty has its one period whenever it falls due before ``until``; a recurring duty one per
    occurrence of its rule; a continuous duty one per calendar year, reviewed on its review day.
    """
    check(schedule)
    if until < start:
        return ()
    if schedule.kind is ScheduleKind.ONE_OFF:
        assert schedule.due_on is not None
        if schedule.due_on > until:
            return ()
        return (Occurrence(schedule.due_on, next_working_day(schedule.due_on), min(start, schedule.due_on)),)
    nominals = (_recurring_dates(schedule, start, until) if schedule.kind is ScheduleKind.RECURRING
                else _review_dates(schedule, start, until))
    periods: list[Occurrence] = []
    period_start = start
    for nominal in nominals:
        periods.append(Occurrence(nominal, next_working_day(nominal), period_start))
        period_start = nominal + timedelta(days=1)
    return tuple(periods)


def _recurring_dates(schedule: Schedule, start: date, until: date) -> list[date]:
    rule = recurrence(schedule, start)
    dates: list[date] = []
    for moment in rule.between(datetime(start.year, start.month, start.day),
                               datetime(until.year, until.month, until.day), inc=True):
        dates.append(moment.date())
        if len(dates) > MAX_OCCURRENCES:
            raise TooManyOccurrences("rule", maximum=MAX_OCCURRENCES)
    return dates


def _review_dates(schedule: Schedule, start: date, until: date) -> list[date]:
    dates = []
    for year in range(start.year, until.year + 1):
        day = min(schedule.review_day, calendar.monthrange(year, schedule.review_month)[1])
        review = date(year, schedule.review_month, day)
        if start <= review <= until:
            dates.append(review)
    return dates

"""Instances of a duty, one per holder × period, and the status of one on a date (computed, never stored)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from .holders import Holding
from .schedules import Occurrence


class InstanceStatus(StrEnum):
    """Where one holder stands on one period of a duty."""

    OPEN = "open"  # avoin
    DONE = "done"  # tehty
    OVERDUE = "overdue"  # myöhässä
    NOT_APPLICABLE = "not_applicable"  # ei koske


class MarkKind(StrEnum):
    """What a person recorded on an instance; the latest mark counts, the earlier ones stay as its history."""

    DONE = "done"
    NOT_APPLICABLE = "not_applicable"
    REOPENED = "reopened"


@dataclass(frozen=True)
class Mark:
    kind: MarkKind
    on: date


@dataclass(frozen=True)
class Instance:
    """One holder's duty for one period (velvoitteen toteuma)."""

    holder: Hashable
    on_behalf_of: tuple[Hashable, ...]
    nominal: date
    due_on: date
    period_start: date


def instances(
    holdings: Sequence[Holding], periods: Sequence[Occurrence], last_days: Mapping[Any, date] | None = None,
) -> tuple[Instance, ...]:
    """Every holding × period, by period then holding. A party whose notice has ended holds nothing due after its
    last day, and a lead no longer acts for it: ``last_days`` maps a leaving party to its last day as a party."""
    gone_after = last_days or {}
    result = []
    for period in periods:
        for holding in holdings:
            if _gone(holding.holder, period, gone_after):
                continue
            covered = tuple(p for p in holding.on_behalf_of if not _gone(p, period, gone_after))
            if not covered:
                continue
            result.append(Instance(holding.holder, covered, period.nominal, period.due_on, period.period_start))
    return tuple(result)


def _gone(party: Hashable, period: Occurrence, last_days: Mapping[Any, date]) -> bool:
    last_day = last_days.get(party)
    return last_day is not None and period.due_on > last_day


def status_on(due_on: date, marks: Iterable[Mark], on: date) -> InstanceStatus:
    """The status on ``on``: the latest mark made by then decides (done, not applicable; reopened → as unmarked);
    an unmarked instance is overdue the day after it fell due, open until then."""
    latest = None
    for mark in marks:
        if mark.on <= on and (latest is None or mark.on >= latest.on):
            latest = mark
    if latest is not None and latest.kind is MarkKind.DONE:
        return InstanceStatus.DONE
    if latest is not None and latest.kind is MarkKind.NOT_APPLICABLE:
        return InstanceStatus.NOT_APPLICABLE
    return InstanceStatus.OVERDUE if on > due_on else InstanceStatus.OPEN


#: How far ahead the front page looks for duties falling due.
DUE_SOON_DAYS = 30


def due_soon(due_on: date, status: InstanceStatus, on: date, days: int = DUE_SOON_DAYS) -> bool:
    """Whether an instance asks for attention on ``on``: overdue, or open and due within ``days`` days."""
    if status is InstanceStatus.OVERDUE:
        return True
    return status is InstanceStatus.OPEN and (due_on - on).days <= days


def stored_status(state: str | None, state_on: date | None, due_on: date, on: date) -> InstanceStatus:
    """The status on ``on`` of an instance stored with only its latest mark (``state`` on ``state_on``): the same
    rule as :func:`status_on` over that one mark, which the lists also compute in SQL."""
    marks = [Mark(MarkKind(state), state_on)] if state is not None and state_on is not None else []
    return status_on(due_on, marks, on)

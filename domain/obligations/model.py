"""An obligation's kind, its holders as the agreement writes them, and its schedule."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .errors import InvalidSchedule


class ObligationKind(StrEnum):
    """What a duty asks of its holder (velvoitteen laji)."""

    NAME_BODY_OR_PERSON = "name_body_or_person"  # nimeää, perustaa, määrittää
    PROVIDE = "provide"  # osoittaa, tarjoaa, järjestää
    DELIVER_DOCUMENT = "deliver_document"  # laatii, päivittää suunnitelman
    MEET = "meet"  # kokoontuu
    KEEP_UP_TO_DATE = "keep_up_to_date"  # pitää tiedot ajantasaisina
    ASSESS_BEFOREHAND = "assess_beforehand"  # arvioi etukäteen
    OTHER = "other"


class HolderScope(StrEnum):
    """Who holds a duty, in the agreement's words (velvoitettu)."""

    EACH_PARTY = "each_party"  # kukin sopijakunta, jokainen kunta, osapuolet
    LEAD = "lead"  # vastuukunta, for the parties it acts for
    NAMED_PARTIES = "named_parties"  # e.g. "Koollekutsujana toimii Tampereen kaupunki"
    GROUP = "group"  # a group (ryhmä) for the parties it serves
    EMPLOYMENT_AUTHORITY = "employment_authority"  # työvoimaviranomainen: the area's lead acting as the authority


@dataclass(frozen=True)
class HolderRule:
    """The holders of a duty: a scope, the parties or group it names, and the parties it leaves out.

    ``exceptions_hold_themselves`` reads a clause like seed 001's: Tampere handles the integration services for
    every party except Valkeakoski, which handles them itself. The exceptions then hold the duty each for itself.
    """

    scope: HolderScope
    named: tuple[Hashable, ...] = ()
    exceptions: tuple[Hashable, ...] = ()
    exceptions_hold_themselves: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "named", tuple(self.named))
        object.__setattr__(self, "exceptions", tuple(self.exceptions))


class ScheduleKind(StrEnum):
    """When a duty falls due (aikataulu)."""

    ONE_OFF = "one_off"  # kerran: a due date
    RECURRING = "recurring"  # toistuva: an RFC 5545 recurrence rule
    CONTINUOUS = "continuous"  # jatkuva: no deadline, reviewed yearly


@dataclass(frozen=True)
class Schedule:
    """A duty's schedule.

    One-off: ``due_on``. Recurring: ``rule``, an RFC 5545 RRULE (``FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31``) whose
    occurrences are the nominal due dates. Continuous: reviewed once a year on ``review_month`` / ``review_day``.
    The presets below write the rules a coordinator asks for in words.
    """

    kind: ScheduleKind
    due_on: date | None = None
    rule: str | None = None
    review_month: int = 12
    review_day: int = 31

    @classmethod
    def one_off(cls, due_on: date) -> Schedule:
        return cls(ScheduleKind.ONE_OFF, due_on=due_on)

    @classmethod
    def yearly(cls, month: int, day: int) -> Schedule:
        """Every year on day.month.; 29.2. falls on the last day of February in a common year."""
        return cls(ScheduleKind.RECURRING, rule=f"FREQ=YEARLY;BYMONTH={month};{month_day_rule(month, day)}")

    @classmethod
    def quarterly(cls) -> Schedule:
        """On the last day of each quarter (31.3., 30.6., 30.9., 31.12.)."""
        return cls(ScheduleKind.RECURRING, rule="FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1")

    @classmethod
    def monthly(cls, day: int) -> Schedule:
        """Every month on the day; a day the month lacks falls on its last day (30. → 28.2.)."""
        return cls(ScheduleKind.RECURRING, rule=f"FREQ=MONTHLY;{month_day_rule(None, day)}")

    @classmethod
    def continuous(cls, review_month: int = 12, review_day: int = 31) -> Schedule:
        return cls(ScheduleKind.CONTINUOUS, review_month=review_month, review_day=review_day)


def month_day_rule(month: int | None, day: int) -> str:
    """BYMONTHDAY for "on this day, or the month's last day where the month is shorter": 28 is in every month,
    so days 29-31 take the last of 28..day that the month has (BYSETPOS=-1)."""
    if day <= 28 or (month is not None and month != 2):
        return f"BYMONTHDAY={day}"
    if month == 2:
        return "BYMONTHDAY=-1"
    return f"BYMONTHDAY={','.join(str(d) for d in range(28, day + 1))};BYSETPOS=-1"


class Every(StrEnum):
    """The recurrences a coordinator asks for in words; anything else is written as an RFC 5545 rule."""

    YEARLY = "yearly"  # vuosittain
    QUARTERLY = "quarterly"  # neljännesvuosittain
    MONTHLY = "monthly"  # kuukausittain


@dataclass(frozen=True)
class Preset:
    """A recurring schedule in words: every year on day.month., every quarter's last day, every month on day."""

    every: Every
    month: int | None = None
    day: int | None = None


def preset_schedule(preset: Preset) -> Schedule:
    if preset.every is Every.QUARTERLY:
        return Schedule.quarterly()
    if preset.day is None or not 1 <= preset.day <= 31:
        raise_invalid("day", "give the day of the month, 1-31")
    assert preset.day is not None
    if preset.every is Every.MONTHLY:
        return Schedule.monthly(preset.day)
    if preset.month is None or not 1 <= preset.month <= 12:
        raise_invalid("month", "give the month, 1-12")
    assert preset.month is not None
    if preset.day > {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}.get(preset.month, 31):
        raise_invalid("day", "the month has no such day")
    return Schedule.yearly(preset.month, preset.day)


def preset_of(schedule: Schedule) -> Preset | None:
    """The words for a recurring schedule whose rule one of the presets wrote (None for any other rule)."""
    if schedule.kind is not ScheduleKind.RECURRING or not schedule.rule:
        return None
    if schedule.rule == Schedule.quarterly().rule:
        return Preset(Every.QUARTERLY)
    for day in range(1, 32):
        if schedule.rule == Schedule.monthly(day).rule:
            return Preset(Every.MONTHLY, day=day)
    for month in range(1, 13):
        for day in range(1, 32):  # the smallest day that writes the rule: 29.2., not 31.2.
            if schedule.rule == Schedule.yearly(month, day).rule:
                return Preset(Every.YEARLY, month=month, day=day)
    return None


def raise_invalid(field: str, reason: str) -> None:
    raise InvalidSchedule(field, reason=reason)

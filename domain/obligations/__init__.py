"""Obligations (velvoitteet): what each party of an agreement has promised, by when.

* :mod:`.model` — an obligation's kind, holders and schedule;
* :mod:`.schedules` — the due dates a schedule gives, moved to the next working day;
* :mod:`.holders` — who holds an obligation, as the agreement writes it, and for whom;
* :mod:`.instances` — one instance per holder and period, and its status on a date;
* :mod:`.suggestions` — obligations proposed from a version's text by the Finnish patterns of duty;
* :mod:`.amendments` — which version's copy of a duty holds which periods, and what an amendment changes;
* :mod:`.errors` — the domain errors.

No I/O, no database, no clock: "today" is an argument.
"""

from .amendments import Duty, DutyChange, DutyChangeKind, DutyComparison, DutyField, Window, compare_duties, windows
from .errors import InvalidHolders, InvalidSchedule, ObligationError, TooManyOccurrences
from .holders import Holding, held_by, holdings
from .instances import Instance, InstanceStatus, Mark, MarkKind, due_soon, instances, status_on, stored_status
from .model import (
    Every,
    HolderRule,
    HolderScope,
    ObligationKind,
    Preset,
    Schedule,
    ScheduleKind,
    preset_of,
    preset_schedule,
)
from .schedules import Occurrence, occurrences
from .suggestions import Suggestion, suggest

__all__ = [
    "Duty", "DutyChange", "DutyChangeKind", "DutyComparison", "DutyField", "Every", "HolderRule", "HolderScope",
    "Holding", "Instance", "InstanceStatus", "InvalidHolders", "InvalidSchedule", "Mark", "MarkKind",
    "ObligationError", "ObligationKind", "Occurrence", "Preset", "Schedule", "ScheduleKind", "Suggestion",
    "TooManyOccurrences", "Window", "compare_duties", "due_soon", "held_by", "holdings", "instances", "occurrences",
    "preset_of", "preset_schedule", "status_on", "stored_status", "suggest", "windows",
]

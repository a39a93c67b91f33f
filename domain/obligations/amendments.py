"""Obligations across an amendment (muutos): which version's copy of a duty holds its instances on which days, and
what an amendment changes in the duties.

An amendment carries every duty of the version it amends over as a copy of the same lineage. The copies of one
lineage share its periods out: each period (nominal date) is held by the copy of one version alone, so a holder
never owes one period of one duty twice.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from domain.agreements import AgreementVersion, VersionState

from .holders import held_by
from .model import HolderRule, ObligationKind, Schedule


@dataclass(frozen=True)
class Window:
    """The nominal dates whose instances a version's duties hold, both ends included: from ``start`` (None: from
    each duty's own first day) until ``end`` (None: for as long as the duty runs)."""

    start: date | None
    end: date | None

    def holds(self, nominal: date) -> bool:
        return (self.start is None or nominal >= self.start) and (self.end is None or nominal <= self.end)


def windows(versions: Sequence[AgreementVersion], states: Mapping[Any, VersionState]
            ) -> dict[Hashable, Window | None]:
    """The window of each version's duties, from the agreement's chain state (``states`` by version id).

    * A draft binds no one: its duties hold nothing (None).
    * An amendment holds nothing while the day it comes into force is not known (it is not adopted, or it was
      rejected): the version it amends holds every period meanwhile. Once known (``in_force_from``, also when
      it lies ahead), it holds the periods from that day.
    * A first version (amending none), once sent, holds from each duty's own first day.
    * Each version holds until the day before the next version, by the day it comes into force (then by number),
      comes into force: on 1.7.2026 the amendment takes over, the version it amends holds up to 30.6.2026.

    So the windows never overlap, and from the first of them on every day is in one window.
    """
    result: dict[Hashable, Window | None] = {version.id: None for version in versions}
    starts: list[tuple[date | None, int, Hashable]] = []
    for version in versions:
        if version.is_draft:
            continue
        start = states[version.id].in_force_from if version.id in states else None
        if version.amends is not None and start is None:
            continue
        starts.append((None if version.amends is None else start, version.number, version.id))
    starts.sort(key=lambda item: (item[0] or date.min, item[1]))
    for (start, _, version_id), following in zip(starts, [*starts[1:], None], strict=True):
        end = None
        if following is not None:
            if following[0] is None:
                continue  # two first versions: the later one holds every period
            end = following[0] - timedelta(days=1)
            if start is not None and end < start:
                continue  # a later version comes into force on the same day: it alone holds
        result[version_id] = Window(start, end)
    return result


# --- what an amendment changes in the duties ------------------------------------------------------------------


class DutyField(StrEnum):
    """What a copy of a duty can change from the duty it copies."""

    TITLE = "title"
    DESCRIPTION = "description"
    KIND = "kind"
    CLAUSE = "clause"  # the section, or the sentence quoted
    HOLDERS = "holders"
    SCHEDULE = "schedule"


class DutyChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Duty:
    """A duty of one version as the comparison reads it; ``lineage`` is the same on the copies an amendment carries
    over, ``id`` the copy's own."""

    lineage: Hashable
    id: Hashable
    title_fi: str
    kind: ObligationKind
    holders: HolderRule
    schedule: Schedule
    title_sv: str | None = None
    description: str | None = None
    section_number: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class DutyChange:
    """One lineage compared: its copy in the older and in the newer version (None where it has none), the fields
    that differ, and the holders whose instances begin (``gained``) or end (``lost``) with the newer version."""

    lineage: Hashable
    old: Duty | None
    new: Duty | None
    fields: tuple[DutyField, ...] = ()
    gained: tuple[Hashable, ...] = ()
    lost: tuple[Hashable, ...] = ()

    @property
    def kind(self) -> DutyChangeKind:
        if self.old is None:
            return DutyChangeKind.ADDED
        if self.new is None:
            return DutyChangeKind.REMOVED
        return DutyChangeKind.CHANGED if self.fields else DutyChangeKind.UNCHANGED


@dataclass(frozen=True)
class DutyComparison:
    """The duties of two versions compared by lineage. ``in_force_from`` is the day the newer version comes into
    force, from which its duties are owed (None while that is not known); ``gaining`` and ``losing`` the holders
    whose instances appear or disappear from that day, in the versions' party order."""

    changes: tuple[DutyChange, ...]
    in_force_from: date | None
    gaining: tuple[Hashable, ...]
    losing: tuple[Hashable, ...]

    def of_kind(self, kind: DutyChangeKind) -> tuple[DutyChange, ...]:
        return tuple(change for change in self.changes if change.kind is kind)

    @property
    def added(self) -> tuple[DutyChange, ...]:
        return self.of_kind(DutyChangeKind.ADDED)

    @property
    def removed(self) -> tuple[DutyChange, ...]:
        return self.of_kind(DutyChangeKind.REMOVED)

    @property
    def changed(self) -> tuple[DutyChange, ...]:
        return self.of_kind(DutyChangeKind.CHANGED)

    @property
    def unchanged(self) -> tuple[DutyChange, ...]:
        return self.of_kind(DutyChangeKind.UNCHANGED)


def compare_duties(
    old: Sequence[Duty], new: Sequence[Duty], *, old_parties: Sequence[Hashable], new_parties: Sequence[Hashable],
    lead: Hashable | None, in_force_from: date | None = None,
) -> DutyComparison:
    """The duties of ``new`` against those of ``old``, by lineage: added (only in ``new``), removed (only in
    ``old``), changed (and which fields) or unchanged, in ``new``'s order with the removed ones after.

    Holders are worked out in each version with its own parties: a duty of each party gains the party an
    amendment adds, and a duty Tampere holds for all but Valkeakoski loses Valkeakoski when the exception goes."""
    before = {duty.lineage: duty for duty in reversed(old)}
    after = {duty.lineage: duty for duty in reversed(new)}
    lineages = [*(d.lineage for d in new), *(d.lineage for d in old if d.lineage not in after)]
    changes = []
    for lineage in dict.fromkeys(lineages):
        was, now = before.get(lineage), after.get(lineage)
        had = holders_of(was, old_parties, lead)
        has = holders_of(now, new_parties, lead)
        gained = tuple(h for h in has if h not in had)
        lost = tuple(h for h in had if h not in has)
        fields = changed_fields(was, now, holders_moved=bool(gained or lost)) if was and now else ()
        changes.append(DutyChange(lineage, was, now, fields, gained, lost))
    order = {party: index for index, party in enumerate(dict.fromkeys((*new_parties, *old_parties)))}

    def in_order(holders: set[Hashable]) -> tuple[Hashable, ...]:
        return tuple(sorted(holders, key=lambda h: (order.get(h, len(order)), str(h))))

    return DutyComparison(
        changes=tuple(changes), in_force_from=in_force_from,
        gaining=in_order({h for c in changes for h in c.gained}), losing=in_order({h for c in changes for h in c.lost}),
    )


def holders_of(duty: Duty | None, parties: Sequence[Hashable], lead: Hashable | None) -> tuple[Hashable, ...]:
    if duty is None:
        return ()
    return tuple(dict.fromkeys(h.holder for h in held_by(duty.holders, parties, lead)))


def changed_fields(old: Duty, new: Duty, *, holders_moved: bool) -> tuple[DutyField, ...]:
    fields = []
    if (old.title_fi, old.title_sv) != (new.title_fi, new.title_sv):
        fields.append(DutyField.TITLE)
    if (old.description or "") != (new.description or ""):
        fields.append(DutyField.DESCRIPTION)
    if old.kind != new.kind:
        fields.append(DutyField.KIND)
    if (old.section_number or "", old.quote or "") != (new.section_number or "", new.quote or ""):
        fields.append(DutyField.CLAUSE)
    if holders_moved or not same_holders(old.holders, new.holders):
        fields.append(DutyField.HOLDERS)
    if old.schedule != new.schedule:
        fields.append(DutyField.SCHEDULE)
    return tuple(fields)


def same_holders(old: HolderRule, new: HolderRule) -> bool:
    return (old.scope, set(old.named), set(old.exceptions), old.exceptions_hold_themselves) == (
        new.scope, set(new.named), set(new.exceptions), new.exceptions_hold_themselves)

"""Lifecycle of an agreement version (sopimusversio) and its entry into force
(voimaantulo), computed from the decisions (päätökset) handed in.

``draft`` (luonnos) → ``circulating`` (lähetetty osapuolten päätettäväksi,
"kierrossa") → ``adopted`` (hyväksytty: the entry-into-force rule is met) →
``in_force`` (voimassa, from its effective date) → ``superseded`` (korvattu
by a later version) or ``terminated`` (päättynyt after notice, irtisanominen).

Only ``draft`` and ``circulating`` are stored facts (a version is a draft until
it is sent; :func:`send_for_decision` records the date). Everything after that
is *computed* here for a given date from the decisions, signatures and notices
given, and never read from a clock.

Exact rule "all parties approve" (kaikkien sopijaosapuolten hyväksyttyä), as
in DOMAIN.md:

* the parties of a version are those listed when it was sent;
* a party's standing is its latest decision on that version by meeting date,
  then § number: approved / approved unanimously → approved; rejected →
  blocking; tabled, returned, noted, or no decision → pending;
* the version is adopted when every party has approved; the adoption date is
  the latest of those approving meeting dates;
* it is in force on D when adopted and D ≥ its effective date, or D ≥ the
  adoption date where it has none; an effective date earlier than the
  adoption date is kept and flagged ``retroactive``;
* when a version comes into force, the version it amends is superseded on
  that date;
* a party that has given notice is no longer a party after its last day
  (:mod:`.notice`): it is not awaited, does not block, and its later decisions
  do not count; if the rule waited only for it, it is met on the day after.

"As known on D": the state for date D uses only what had happened by D
(decisions with a meeting date ≤ D, signatures ≤ D, notices given ≤ D, the
version sent ≤ D). Dates that are already known but lie ahead (an effective
date, the end of a notice period) are reported, and the status says what
holds on D.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from domain.errors import InvalidValue

from .errors import (
    ConflictingDecisions,
    CyclicAmendments,
    DecisionAlreadyRecorded,
    EffectiveDateMissing,
    NoSections,
    PartyListedTwice,
    TooFewParties,
    UnknownBaseVersion,
    VersionAppearsTwice,
    VersionIncomplete,
    VersionNotEditable,
    VersionNotInForce,
)
from .notice import Departure, Notice, departures, parties_on, termination_date
from .sections import Section

#: An agreement is between at least two parties.
MINIMUM_PARTIES = 2


class VersionStatus(StrEnum):
    """Status (tila) of an agreement version on a given date."""

    DRAFT = "draft"
    """luonnos: being written; the only status in which it can be edited."""
    CIRCULATING = "circulating"
    """kierrossa / lähetetty päätettäväksi: sent to the parties' bodies, frozen."""
    ADOPTED = "adopted"
    """hyväksytty: the entry-into-force rule is met, the effective date not yet reached."""
    IN_FORCE = "in_force"
    """voimassa."""
    SUPERSEDED = "superseded"
    """korvattu: a later version amending this one has come into force."""
    TERMINATED = "terminated"
    """päättynyt: ended after notice (irtisanominen)."""


class EntryIntoForceRule(StrEnum):
    """How a version comes into force (voimaantuloehto).

    In every rule each listed party must first approve the version
    (adoption, as in ``all_parties_approve``); the rules differ in what else
    is needed and from which day it applies:

    * ``ALL_PARTIES_APPROVE`` — "astuu voimaan kaikkien sopijaosapuolten
      hyväksyttyä" (seed 003): in force from the effective date if one is
      given, else from the adoption date.
    * ``FIXED_DATE`` — "tulee voimaan 1.1.2025": an effective date is required
      (sending without one is refused); in force from that date once adopted.
      Approvals that come after it make it retroactive (flagged).
    * ``ON_SIGNATURE`` — "tulee voimaan, kun osapuolet ovat sen allekirjoittaneet":
      besides adoption, every party must sign (:class:`Signature`); the rule is
      met on the later of the adoption date and the last party's signing date
      (a party's earliest signature counts), and the version is in force from
      that day, or from the effective date if one is given.
    """

    ALL_PARTIES_APPROVE = "all_parties_approve"
    FIXED_DATE = "fixed_date"
    ON_SIGNATURE = "on_signature"


class Standing(StrEnum):
    """A party's standing (kanta) on a version, from its latest decision."""

    APPROVED = "approved"
    """hyväksynyt."""
    BLOCKING = "blocking"
    """hylännyt: its latest decision rejects the version, which stops it."""
    PENDING = "pending"
    """ei vielä päätöstä (or tabled, returned or noted)."""


class DecisionOutcome(StrEnum):
    """Outcome (päätös) of a body's decision on a version."""

    APPROVED = "approved"
    """hyväksyttiin."""
    APPROVED_UNANIMOUSLY = "approved_unanimously"
    """hyväksyttiin yksimielisesti."""
    REJECTED = "rejected"
    """hylättiin."""
    TABLED = "tabled"
    """pantiin pöydälle."""
    RETURNED = "returned"
    """palautettiin valmisteluun."""
    NOTED = "noted"
    """merkittiin tiedoksi."""

    @property
    def standing(self) -> Standing:
        """The standing this outcome gives its party."""
        if self in (DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_UNANIMOUSLY):
            return Standing.APPROVED
        if self is DecisionOutcome.REJECTED:
            return Standing.BLOCKING
        return Standing.PENDING


@dataclass(frozen=True)
class Decision:
    """A decision (päätös, pykälä) of one party's body on one version.

    ``section`` is the § number in the minutes (pöytäkirjan pykälä), used to
    order two decisions of the same meeting date; ``body`` the deciding body
    (KH = kunnan-/kaupunginhallitus, valtuusto, lautakunta, jaosto);
    ``case_number`` the diary number (diaarinumero, e.g. 133/00.04.01/2019).
    """

    party: Hashable
    version_id: Hashable
    meeting_date: date
    section: int
    outcome: DecisionOutcome
    body: str = ""
    case_number: str = ""
    id: Hashable | None = None

    @property
    def order_key(self) -> tuple[date, int]:
        """Latest decision = greatest (meeting date, § number)."""
        return (self.meeting_date, self.section)


@dataclass(frozen=True)
class Signature:
    """A party's signature (allekirjoitus) of a version, for ``ON_SIGNATURE``."""

    party: Hashable
    version_id: Hashable
    signed_on: date


@dataclass(frozen=True)
class AgreementVersion:
    """A numbered version of an agreement (sopimusversio); an amendment
    (muutos) is a new version whose ``amends`` names the version it changes
    and whose ``reasons`` (muutoksen perustelut) say why.

    ``parties`` are the parties (sopijaosapuolet) listed when it is sent;
    ``effective_date`` the voimaantulopäivä, if the text fixes one;
    ``notice_months`` the notice period (irtisanomisaika); ``sent_on`` the
    day it was sent to the parties (``None`` while a draft).
    """

    id: Hashable
    number: int
    title: str
    sections: tuple[Section, ...] = ()
    parties: tuple[Hashable, ...] = ()
    rule: EntryIntoForceRule = EntryIntoForceRule.ALL_PARTIES_APPROVE
    effective_date: date | None = None
    amends: Hashable | None = None
    reasons: str = ""
    notice_months: int | None = None
    sent_on: date | None = None
    agreement_id: Hashable | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "sections", tuple(self.sections))
        object.__setattr__(self, "parties", tuple(self.parties))
        object.__setattr__(self, "rule", EntryIntoForceRule(self.rule))

    @property
    def is_draft(self) -> bool:
        """A draft until sent; only a draft can be edited."""
        return self.sent_on is None


@dataclass(frozen=True)
class PartyStanding:
    """One party's standing on a version, and the decision that gives it."""

    party: Hashable
    standing: Standing
    decision: Decision | None = None


@dataclass(frozen=True)
class Blocker:
    """A party that blocks a version, with the rejecting decision (why)."""

    party: Hashable
    decision: Decision


@dataclass(frozen=True)
class VersionState:
    """The state of one version on date ``on``.

    ``adopted_on`` is the adoption date (the latest approving meeting date);
    ``signed_on`` the day the last party signed (``ON_SIGNATURE`` only);
    ``in_force_from`` the first day in force, once the rule is met (it may
    lie ahead of ``on``: then the status is ``adopted``); ``retroactive`` is
    true when that day is an effective date earlier than the day the rule was
    met (takautuva voimaantulo); ``superseded_on`` / ``superseded_by`` the day
    and version that replace it, once known; ``ends_on`` the last day of the
    agreement after notice, once known. ``standings`` are those of every listed
    party (one that has left keeps the standing of its last day, for the
    record); ``parties_on_date`` those still parties on ``on``, which alone
    count as approving, awaited or blocking.
    """

    version_id: Hashable
    on: date
    status: VersionStatus
    rule: EntryIntoForceRule
    standings: tuple[PartyStanding, ...]
    adopted_on: date | None = None
    signed_on: date | None = None
    in_force_from: date | None = None
    retroactive: bool = False
    superseded_on: date | None = None
    superseded_by: Hashable | None = None
    ends_on: date | None = None
    unsigned: tuple[Hashable, ...] = ()
    departures: tuple[Departure, ...] = ()
    parties_on_date: tuple[Hashable, ...] = field(default=())

    @property
    def current_standings(self) -> tuple[PartyStanding, ...]:
        """The standings of those still parties on ``on``: a party that has left
        after its notice is neither awaited nor blocking any more."""
        present = set(self.parties_on_date)
        return tuple(s for s in self.standings if s.party in present)

    @property
    def blockers(self) -> tuple[Blocker, ...]:
        """The parties whose latest decision rejects the version, with it."""
        return tuple(
            Blocker(s.party, s.decision)
            for s in self.current_standings
            if s.standing is Standing.BLOCKING and s.decision is not None
        )

    @property
    def is_blocked(self) -> bool:
        return bool(self.blocking)

    @property
    def approved(self) -> tuple[Hashable, ...]:
        return tuple(s.party for s in self.current_standings if s.standing is Standing.APPROVED)

    @property
    def pending(self) -> tuple[Hashable, ...]:
        return tuple(s.party for s in self.current_standings if s.standing is Standing.PENDING)

    @property
    def blocking(self) -> tuple[Hashable, ...]:
        return tuple(s.party for s in self.current_standings if s.standing is Standing.BLOCKING)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict (dates stay ``date`` objects)."""
        return dataclasses.asdict(self) | {
            "blockers": [dataclasses.asdict(b) for b in self.blockers]
        }


@dataclass(frozen=True)
class ChainState:
    """The state of all versions of one agreement on date ``on``.

    ``current`` is the version in force on that date (the highest-numbered
    one if, unusually, two are), or ``None``.
    """

    on: date
    versions: tuple[VersionState, ...]
    current: VersionState | None

    def of(self, version_id: Hashable) -> VersionState:
        for state in self.versions:
            if state.version_id == version_id:
                return state
        raise KeyError(version_id)


# --- standings -----------------------------------------------------------------


def party_standings(
    version: AgreementVersion,
    decisions: Iterable[Decision],
    on: date | None = None,
    *,
    notices: Iterable[Notice] = (),
) -> tuple[PartyStanding, ...]:
    """Each listed party's standing on ``version`` from its latest decision on
    it (by meeting date, then § number), counting only decisions made on or
    before ``on`` when given. Decisions on other versions or by organisations
    that are not listed parties are ignored, and so are those of a party that
    has left (``notices``) made after its last day: it was no longer a party.
    When a party's latest date and § carry two decisions giving different
    standings, neither is the latest and :class:`ConflictingDecisions` is
    raised; ones giving the same standing are harmless duplicates (a clash on
    an earlier date or § does not matter). No new duplicate is stored
    (:func:`check_not_recorded`), but the standings read any list given."""
    listed = set(version.parties)
    last_days = {d.party: d.last_day for d in departures(version.parties, notices, on or date.max)}
    mine: dict[Hashable, list[Decision]] = {}
    for decision in decisions:
        if decision.version_id != version.id or decision.party not in listed:
            continue
        if on is not None and decision.meeting_date > on:
            continue
        if decision.party in last_days and decision.meeting_date > last_days[decision.party]:
            continue
        mine.setdefault(decision.party, []).append(decision)
    result = []
    for party in version.parties:
        latest = _latest(version, mine.get(party, []))
        standing = latest.outcome.standing if latest else Standing.PENDING
        result.append(PartyStanding(party, standing, latest))
    return tuple(result)


def check_not_recorded(decisions: Iterable[Decision], candidate: Decision) -> None:
    """One decision (päätös) per party, version, meeting date and § number: refuse ``candidate`` when another of
    ``decisions`` is that same decision recorded already, with the same outcome or another (a § left out counts
    as § 0, as in the order of decisions). The database holds the same rule, so a race cannot break it."""
    for decision in decisions:
        if (decision.id != candidate.id and decision.party == candidate.party
                and decision.version_id == candidate.version_id and decision.order_key == candidate.order_key):
            raise DecisionAlreadyRecorded()


def _latest(version: AgreementVersion, decisions: list[Decision]) -> Decision | None:
    if len(decisions) < 2:
        return decisions[0] if decisions else None  # the common case, as a list of one reads it
    key = max(d.order_key for d in decisions)
    latest = [d for d in decisions if d.order_key == key]
    if len(latest) == 1:
        return latest[0]
    if len({d.outcome.standing for d in latest}) > 1:
        first = latest[0]
        raise ConflictingDecisions(first.party, version.id, first.meeting_date, first.section)
    # Same standing (a duplicate record): a deterministic representative.
    return min(latest, key=_tiebreak)


def _tiebreak(decision: Decision) -> tuple[str, ...]:
    return (
        decision.outcome.value,
        decision.body,
        decision.case_number,
        repr(decision.id),
    )


# --- one version ----------------------------------------------------------------


def version_state(
    version: AgreementVersion,
    decisions: Iterable[Decision],
    on: date,
    *,
    signatures: Iterable[Signature] = (),
    notices: Iterable[Notice] = (),
    superseded_on: date | None = None,
    superseded_by: Hashable | None = None,
) -> VersionState:
    """The state of ``version`` on ``on`` from the decisions (and, for
    ``ON_SIGNATURE``, the signatures) given. ``notices`` are notices of the
    agreement by its parties: once a party's last day has passed it is no
    longer a party of any version sent to it, so the rule no longer waits for
    it (the rule is then met on the day after its last day at the earliest).
    Supersession comes from the chain: pass ``superseded_on`` /
    ``superseded_by`` here, or use :func:`chain_state`."""
    decisions = tuple(decisions)
    notices = tuple(notices)
    if version.sent_on is None or version.sent_on > on:
        standings = party_standings(version, decisions, on)
        return VersionState(
            version_id=version.id, on=on, rule=version.rule,
            status=VersionStatus.DRAFT, standings=standings, parties_on_date=version.parties,
        )

    standings = party_standings(version, decisions, on, notices=notices)
    leaving = departures(version.parties, notices, on)
    present = parties_on(version.parties, notices, on)
    gone = {d.party: d.last_day for d in leaving if d.party not in present}
    adopted_on = _adoption_date(standings, present, gone)

    signed_on: date | None = None
    unsigned: tuple[Hashable, ...] = ()
    if version.rule is EntryIntoForceRule.ON_SIGNATURE:
        signed_on, unsigned = _signing(version, signatures, on, present, gone)

    if version.rule is EntryIntoForceRule.FIXED_DATE and version.effective_date is None:
        raise VersionIncomplete(version.id, (EffectiveDateMissing("effective_date"),))

    met_on: date | None = adopted_on
    if version.rule is EntryIntoForceRule.ON_SIGNATURE:
        met_on = max(adopted_on, signed_on) if adopted_on and signed_on else None

    in_force_from: date | None = None
    retroactive = False
    if met_on is not None:
        in_force_from = version.effective_date or met_on
        retroactive = version.effective_date is not None and version.effective_date < met_on

    ends_on: date | None = None
    if in_force_from is not None:
        ends_on = termination_date(version.parties, notices, on)
        if ends_on is not None and ends_on < in_force_from:
            ends_on = None  # the notice ended an earlier text, not this one

    if adopted_on is None:
        status = VersionStatus.CIRCULATING
    elif in_force_from is None or on < in_force_from:
        status = VersionStatus.ADOPTED
    else:
        status = VersionStatus.IN_FORCE
        # Whichever came first; superseded on the day after the last day counts
        # as superseded.
        if superseded_on is not None and superseded_on <= on and (
            ends_on is None or ends_on >= on or superseded_on <= ends_on + timedelta(days=1)
        ):
            status = VersionStatus.SUPERSEDED
        elif ends_on is not None and ends_on < on:
            status = VersionStatus.TERMINATED
    if superseded_on is not None and superseded_on <= on and status in (
        VersionStatus.CIRCULATING,
        VersionStatus.ADOPTED,
    ):
        # A later version replaced it before it ever came into force.
        status = VersionStatus.SUPERSEDED

    return VersionState(
        version_id=version.id,
        on=on,
        rule=version.rule,
        status=status,
        standings=standings,
        adopted_on=adopted_on,
        signed_on=signed_on,
        in_force_from=in_force_from,
        retroactive=retroactive,
        superseded_on=superseded_on,
        superseded_by=superseded_by,
        ends_on=ends_on,
        unsigned=unsigned,
        departures=leaving,
        parties_on_date=present,
    )


def _adoption_date(
    standings: tuple[PartyStanding, ...], present: tuple[Hashable, ...], gone: dict[Hashable, date]
) -> date | None:
    """The day from which every party had approved: the latest approving meeting
    date. A party that has left counts with its approval if it approved before
    its last day, else from the day after its last day, when it stopped being
    one; ``None`` while a party still in it has not approved."""
    if not present:
        return None
    days = []
    for s in standings:
        approved_on = s.decision.meeting_date if s.standing is Standing.APPROVED and s.decision else None
        if s.party in gone:
            days.append(approved_on or gone[s.party] + timedelta(days=1))
        elif approved_on is None:
            return None
        else:
            days.append(approved_on)
    return max(days)


def _signing(
    version: AgreementVersion,
    signatures: Iterable[Signature],
    on: date,
    present: tuple[Hashable, ...],
    gone: dict[Hashable, date],
) -> tuple[date | None, tuple[Hashable, ...]]:
    first: dict[Hashable, date] = {}
    listed = set(version.parties)
    for sig in signatures:
        if sig.version_id != version.id or sig.party not in listed or sig.signed_on > on:
            continue
        if sig.party in gone and sig.signed_on > gone[sig.party]:
            continue  # signed when no longer a party
        if sig.party not in first or sig.signed_on < first[sig.party]:
            first[sig.party] = sig.signed_on
    unsigned = tuple(p for p in present if p not in first)
    if unsigned or not present:
        return None, unsigned
    days = [first.get(p) or gone[p] + timedelta(days=1) for p in version.parties]
    return max(days), ()


# --- a chain of versions ----------------------------------------------------------


def chain_state(
    versions: Sequence[AgreementVersion],
    decisions: Iterable[Decision],
    on: date,
    *,
    signatures: Iterable[Signature] = (),
    notices: Iterable[Notice] = (),
) -> ChainState:
    """The state on ``on`` of every version of one agreement, with supersession:
    when a version comes into force (its first day in force is on or before
    ``on``), the version it ``amends`` is superseded from that day. If two
    versions amending the same one have both come into force, the earlier
    (then lower-numbered) supersedes it."""
    decisions = tuple(decisions)
    signatures = tuple(signatures)
    notices = tuple(notices)
    by_id: dict[Hashable, AgreementVersion] = {}
    for version in versions:
        if version.id in by_id:
            raise VersionAppearsTwice(version_id=str(version.id))
        by_id[version.id] = version
    for version in versions:
        if version.amends is not None and version.amends not in by_id:
            raise UnknownBaseVersion(version_id=str(version.id), amends=str(version.amends))
        _check_acyclic(version, by_id)

    # Each version's state reads only the decisions on it: grouped once, not filtered again per version.
    on_version: dict[Hashable, list[Decision]] = {}
    for decision in decisions:
        on_version.setdefault(decision.version_id, []).append(decision)
    own = {
        v.id: version_state(v, on_version.get(v.id, ()), on, signatures=signatures, notices=notices)
        for v in versions
    }
    successor: dict[Hashable, tuple[date, int, AgreementVersion]] = {}
    for v in versions:
        state = own[v.id]
        if v.amends is None or state.in_force_from is None or state.in_force_from > on:
            continue
        candidate = (state.in_force_from, v.number, v)
        best = successor.get(v.amends)
        if best is None or candidate[:2] < best[:2]:
            successor[v.amends] = candidate

    states = []
    for v in versions:
        if v.id in successor:
            when, _, by = successor[v.id]
            states.append(
                version_state(
                    v,
                    on_version.get(v.id, ()),
                    on,
                    signatures=signatures,
                    notices=notices,
                    superseded_on=when,
                    superseded_by=by.id,
                )
            )
        else:
            states.append(own[v.id])
    numbers = {v.id: v.number for v in versions}
    in_force = [s for s in states if s.status is VersionStatus.IN_FORCE]
    current = max(in_force, key=lambda s: numbers[s.version_id]) if in_force else None
    return ChainState(on=on, versions=tuple(states), current=current)


def _check_acyclic(version: AgreementVersion, by_id: dict[Hashable, AgreementVersion]) -> None:
    seen = {version.id}
    step = version
    while step.amends is not None:
        if step.amends in seen:
            raise CyclicAmendments(version_id=str(version.id))
        seen.add(step.amends)
        step = by_id[step.amends]


# --- editing, sending, amending -----------------------------------------------------

_UNSET: Any = object()


def edit_draft(
    version: AgreementVersion,
    *,
    title: str = _UNSET,
    sections: Sequence[Section] = _UNSET,
    parties: Sequence[Hashable] = _UNSET,
    rule: EntryIntoForceRule = _UNSET,
    effective_date: date | None = _UNSET,
    reasons: str = _UNSET,
    notice_months: int | None = _UNSET,
) -> AgreementVersion:
    """A copy of the draft with the given fields changed. Only a draft can be
    edited: a version already sent raises :class:`VersionNotEditable`."""
    if not version.is_draft:
        raise VersionNotEditable(version.id, version.sent_on)
    changes: dict[str, Any] = {
        name: value
        for name, value in {
            "title": title,
            "sections": sections,
            "parties": parties,
            "rule": rule,
            "effective_date": effective_date,
            "reasons": reasons,
            "notice_months": notice_months,
        }.items()
        if value is not _UNSET
    }
    return dataclasses.replace(version, **changes)


def send_for_decision(version: AgreementVersion, *, on: date) -> AgreementVersion:
    """Send the draft to the parties for decision (lähetetään päätettäväksi) on
    ``on``: from then on it is frozen and its party list is the one that counts.

    Refused (:class:`VersionIncomplete`) without at least two distinct parties,
    with a party listed twice, without any section, or with a fixed-date rule
    but no effective date; a version already sent raises
    :class:`VersionNotEditable`."""
    if not version.is_draft:
        raise VersionNotEditable(version.id, version.sent_on)
    problems: list[InvalidValue] = []
    if len(set(version.parties)) < MINIMUM_PARTIES:
        problems.append(TooFewParties("parties", minimum=MINIMUM_PARTIES))
    if len(set(version.parties)) != len(version.parties):
        problems.append(PartyListedTwice("parties"))
    if not version.sections:
        problems.append(NoSections("sections"))
    if version.rule is EntryIntoForceRule.FIXED_DATE and version.effective_date is None:
        problems.append(EffectiveDateMissing("effective_date"))
    if problems:
        raise VersionIncomplete(version.id, tuple(problems))
    return dataclasses.replace(version, sent_on=on)


def start_amendment(
    base: AgreementVersion,
    base_state: VersionState,
    *,
    new_id: Hashable,
    reasons: str = "",
    number: int | None = None,
) -> AgreementVersion:
    """A new draft amending ``base``, the version in force: a copy of its title,
    sections, rule and notice period; its parties are those still parties on
    ``base_state.on`` (a party whose notice period has run out is left out);
    no effective date (the amendment needs its own). ``number`` defaults to
    ``base.number + 1``.

    ``base_state`` must be ``base``'s state and say it is in force, else
    :class:`VersionNotInForce`."""
    if base_state.version_id != base.id:
        raise ValueError("base_state is not the state of base")
    if base_state.status is not VersionStatus.IN_FORCE:
        raise VersionNotInForce(base.id, base_state.status.value)
    return AgreementVersion(
        id=new_id,
        number=base.number + 1 if number is None else number,
        title=base.title,
        sections=base.sections,
        parties=base_state.parties_on_date,
        rule=base.rule,
        effective_date=None,
        amends=base.id,
        reasons=reasons,
        notice_months=base.notice_months,
        sent_on=None,
        agreement_id=base.agreement_id,
    )


# --- when a state can change ----------------------------------------------------------


def days_of_change(
    versions: Iterable[AgreementVersion],
    decisions: Iterable[Decision],
    *,
    signatures: Iterable[Signature] = (),
    notices: Iterable[Notice] = (),
) -> list[date]:
    """The days on which the state of a chain of versions may differ from the day before, in order.

    Every rule above compares the date asked about with a date of the facts (a version sent or taking effect, a
    decision's meeting, a signature, a notice given or ending) or with the day after one (a party gone from the
    day after its last day), and nothing else: between two consecutive days of this list the state stays as it
    is on the first of them. A chain's state over time is thus its state on each of these days."""
    facts: set[date] = set()
    for version in versions:
        facts.update(d for d in (version.sent_on, version.effective_date) if d is not None)
    facts.update(d.meeting_date for d in decisions)
    facts.update(s.signed_on for s in signatures)
    for notice in notices:
        facts.update((notice.given_on, notice.ends_on))
    one_day = timedelta(days=1)
    return sorted(facts | {day + one_day for day in facts if day < date.max})

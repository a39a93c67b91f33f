"""A municipality's money commitment (sitoumus) against its share: a body decided to commit "at most" an amount
(seed 004: "enintään 1.950 euroa hankkeen ajalle"), and the plan's share of it must stay within that amount."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Commitment:
    """The cap of one party's decision: who decided, on which day and §, and at most how much."""

    party: Hashable
    cap: Decimal
    meeting_date: date
    section: int | None = None
    decision: Hashable | None = None
    """The decision that named the amount (its id), for the reader to open."""


@dataclass(frozen=True)
class CommitmentCheck:
    commitment: Commitment
    share: Decimal

    @property
    def within(self) -> bool:
        """Whether the share stays within what the party's body committed."""
        return self.share <= self.commitment.cap

    @property
    def headroom(self) -> Decimal:
        """The cap minus the share: what is left of the commitment (negative when it is exceeded)."""
        return self.commitment.cap - self.share


def latest_commitments(commitments: Iterable[Commitment]) -> dict[Hashable, Commitment]:
    """Each party's commitment from its latest decision that names one (by meeting date, then §): a later decision
    with a new cap replaces the earlier."""
    latest: dict[Hashable, Commitment] = {}
    for commitment in commitments:
        known = latest.get(commitment.party)
        if known is None or (commitment.meeting_date, commitment.section or 0) > (known.meeting_date,
                                                                                 known.section or 0):
            latest[commitment.party] = commitment
    return latest


def check_commitments(shares: dict[Hashable, Decimal], commitments: Iterable[Commitment]
                      ) -> dict[Hashable, CommitmentCheck]:
    """Each party that committed an amount, with its share (zero when it has none) checked against it."""
    return {party: CommitmentCheck(commitment, shares.get(party, Decimal("0.00")))
            for party, commitment in latest_commitments(commitments).items()}

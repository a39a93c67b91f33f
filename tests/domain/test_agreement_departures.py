"""A party whose notice has ended is no longer a party of any version, and the dates a decision can have
(domain/agreements/lifecycle.py, notice.py, decisions.py)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreements import (
    AgreementVersion,
    Decision,
    DecisionAfterDeparture,
    DecisionBeforeSent,
    DecisionInFuture,
    DecisionOutcome,
    Notice,
    Paragraph,
    Section,
    VersionStatus,
    check_decision_date,
    parties_in_year,
    version_state,
)
from domain.errors import InvalidValue

PARTIES = ("tampere", "nokia", "akaa")
SECTIONS = (Section("1", "Sopijaosapuolet", (Paragraph("Tampere, Nokia ja Akaa."),)),)
AKAA_LEAVES = Notice("akaa", date(2024, 8, 31), 6)  # last day 28.2.2025
A, R = DecisionOutcome.APPROVED, DecisionOutcome.REJECTED


def circulating(sent_on: date = date(2024, 10, 1)) -> AgreementVersion:
    return AgreementVersion(id="v2", number=2, title="Muutos", sections=SECTIONS, parties=PARTIES, sent_on=sent_on)


def dec(party: str, day: date, outcome: DecisionOutcome = A, section: int = 1) -> Decision:
    return Decision(party=party, version_id="v2", meeting_date=day, section=section, outcome=outcome)


def test_a_party_is_one_for_the_years_it_is_a_party_at_all():
    assert parties_in_year(PARTIES, [AKAA_LEAVES], 2025) == PARTIES, "a party until 28.2.2025"
    assert parties_in_year(PARTIES, [AKAA_LEAVES], 2026) == ("tampere", "nokia")
    assert parties_in_year(PARTIES, [AKAA_LEAVES], 2024) == PARTIES


def test_after_its_last_day_a_party_is_not_awaited_and_the_version_is_adopted_without_it():
    decisions = [dec("tampere", date(2024, 11, 4)), dec("nokia", date(2024, 11, 11))]
    last_day = version_state(circulating(), decisions, date(2025, 2, 28), notices=[AKAA_LEAVES])
    assert last_day.status is VersionStatus.CIRCULATING and last_day.pending == ("akaa",)
    after = version_state(circulating(), decisions, date(2025, 3, 1), notices=[AKAA_LEAVES])
    assert after.parties_on_date == ("tampere", "nokia") and after.pending == ()
    assert after.status is VersionStatus.IN_FORCE
    assert after.adopted_on == date(2025, 3, 1), "the rule waited only for Akaa: met when it stopped being a party"
    assert [s.party for s in after.standings] == list(PARTIES), "the standings of every listed party, for the record"


def test_a_party_that_approved_before_leaving_counts_with_its_approval():
    decisions = [dec("tampere", date(2024, 11, 4)), dec("akaa", date(2024, 11, 5)), dec("nokia", date(2024, 11, 11))]
    state = version_state(circulating(), decisions, date(2025, 6, 1), notices=[AKAA_LEAVES])
    assert state.adopted_on == date(2024, 11, 11) and state.approved == ("tampere", "nokia")


def test_a_party_that_has_left_no_longer_blocks_and_its_later_decisions_do_not_count():
    decisions = [dec("tampere", date(2024, 11, 4)), dec("nokia", date(2024, 11, 11)), dec("akaa", date(2024, 12, 1), R)]
    blocked = version_state(circulating(), decisions, date(2025, 2, 28), notices=[AKAA_LEAVES])
    assert blocked.is_blocked and blocked.blocking == ("akaa",)
    free = version_state(circulating(), decisions, date(2025, 3, 1), notices=[AKAA_LEAVES])
    assert not free.is_blocked and free.blockers == () and free.status is VersionStatus.IN_FORCE
    late = version_state(circulating(), [*decisions, dec("akaa", date(2025, 3, 2), A, 9)], date(2025, 4, 1),
                         notices=[AKAA_LEAVES])
    akaa = next(s for s in late.standings if s.party == "akaa")
    assert akaa.decision is not None and akaa.decision.meeting_date == date(2024, 12, 1)


def test_a_decision_is_dated_between_sending_and_today_and_within_the_party_s_membership():
    version = circulating(date(2024, 10, 1))
    check_decision_date(date(2024, 10, 1), today=date(2025, 1, 1), version=version, party="akaa",
                        notices=[AKAA_LEAVES])
    cases = [
        (date(2024, 9, 30), DecisionBeforeSent, "decision.before_sent"),
        (date(2025, 1, 2), DecisionInFuture, "decision.in_future"),
    ]
    for meeting_date, error, code in cases:
        with pytest.raises(error) as raised:
            check_decision_date(meeting_date, today=date(2025, 1, 1), version=version)
        assert isinstance(raised.value, InvalidValue)
        assert (raised.value.field, raised.value.code) == ("meeting_date", code)
    with pytest.raises(DecisionAfterDeparture) as raised:
        check_decision_date(date(2025, 3, 1), today=date(2025, 6, 1), version=version, party="akaa",
                            notices=[AKAA_LEAVES])
    assert raised.value.detail == ("The decision is dated 2025-03-01, after 2025-02-28, the organisation's last day "
                                    "as a party after its notice.")
    check_decision_date(date(2025, 3, 1), today=date(2025, 6, 1), version=version, party="nokia",
                        notices=[AKAA_LEAVES])
    with pytest.raises(DecisionInFuture):
        check_decision_date(date(2025, 6, 2), today=date(2025, 6, 1))  # a decision of no version

"""Entry into force of agreement versions (domain/agreements/lifecycle.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.agreements import (
    AgreementVersion,
    Blocker,
    ConflictingDecisions,
    Decision,
    DecisionOutcome,
    EntryIntoForceRule,
    InvalidChain,
    Notice,
    Paragraph,
    Section,
    Signature,
    Standing,
    VersionIncomplete,
    VersionNotEditable,
    VersionNotInForce,
    VersionStatus,
    chain_state,
    edit_draft,
    send_for_decision,
    start_amendment,
    version_state,
)

MUNICIPALITIES = ["tampere", "akaa", "kangasala", "lempaala", "nokia", "orivesi", "pirkkala"]
SENT = date(2024, 1, 2)
LATER = date(2030, 1, 1)  # after every generated date
FAR = LATER
SECTIONS = (
    Section("1", "Sopijaosapuolet", (Paragraph("Tampere ja muut kunnat."),)),
    Section("2", "Voimassaolo", (Paragraph("Sopimus on voimassa toistaiseksi."),)),
)

A, AU, R, T, RET, N = (
    DecisionOutcome.APPROVED,
    DecisionOutcome.APPROVED_UNANIMOUSLY,
    DecisionOutcome.REJECTED,
    DecisionOutcome.TABLED,
    DecisionOutcome.RETURNED,
    DecisionOutcome.NOTED,
)


def sent_version(parties, vid="v1", number=1, **kw) -> AgreementVersion:
    draft = AgreementVersion(
        id=vid, number=number, title="Yhteistyösopimus", sections=SECTIONS, parties=parties, **kw
    )
    return send_for_decision(draft, on=kw.get("sent_on") or SENT) if draft.is_draft else draft


def dec(party, day, outcome, section=1, vid="v1") -> Decision:
    return Decision(party=party, version_id=vid, meeting_date=day, section=section, outcome=outcome)


def approvals(parties, days, vid="v1"):
    return [dec(p, d, A, 10 + k, vid) for k, (p, d) in enumerate(zip(parties, days))]


# --- strategies -------------------------------------------------------------------

days = st.dates(min_value=date(2024, 1, 2), max_value=date(2025, 12, 31))
outcomes = st.sampled_from(list(DecisionOutcome))
party_lists = st.lists(st.sampled_from(MUNICIPALITIES), min_size=2, max_size=5, unique=True)


@st.composite
def version_and_decisions(draw):
    parties = draw(party_lists)
    decisions = []
    for party in parties:
        entries = draw(
            st.lists(
                st.tuples(days, st.integers(1, 400), outcomes),
                max_size=4,
                unique_by=lambda t: (t[0], t[1]),
            )
        )
        decisions += [dec(party, d, o, s) for d, s, o in entries]
    # Noise: decisions on another version and by an organisation that is no party.
    decisions.append(dec(parties[0], date(2024, 5, 5), R, 1, vid="other"))
    decisions.append(dec("outsider", date(2024, 5, 5), R, 1))
    return sent_version(parties), decisions


def reference_standing(party, decisions, on):
    mine = [
        d
        for d in decisions
        if d.party == party and d.version_id == "v1" and d.meeting_date <= on
    ]
    if not mine:
        return Standing.PENDING, None
    latest = max(mine, key=lambda d: (d.meeting_date, d.section))
    return latest.outcome.standing, latest


# --- properties ---------------------------------------------------------------------


@given(version_and_decisions().flatmap(lambda vd: st.tuples(st.just(vd), st.permutations(vd[1]))))
def test_any_order_of_the_same_decisions_gives_the_same_state(data):
    (version, decisions), shuffled = data
    for on in (date(2024, 6, 30), LATER):
        assert version_state(version, decisions, on) == version_state(version, shuffled, on)


def _result(version, decisions, on):
    try:
        return version_state(version, decisions, on)
    except ConflictingDecisions as error:
        return ("conflict", error.party, error.meeting_date, error.section)


@given(
    party_lists,
    st.lists(
        st.tuples(
            st.integers(0, 4),
            st.dates(min_value=date(2024, 2, 1), max_value=date(2024, 2, 3)),
            st.integers(1, 2),
            outcomes,
        ),
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_any_order_gives_the_same_state_even_with_clashing_records(parties, raw, rnd):
    """Same date and § twice: the same result (state or conflict) in any order."""
    decisions = [dec(parties[k % len(parties)], d, o, s) for k, d, s, o in raw]
    shuffled = list(decisions)
    rnd.shuffle(shuffled)
    version = sent_version(parties)
    assert _result(version, decisions, LATER) == _result(version, shuffled, LATER)


@given(version_and_decisions(), days)
def test_standings_adoption_and_force_follow_the_exact_rule(vd, on):
    version, decisions = vd
    state = version_state(version, decisions, on)
    expected = {p: reference_standing(p, decisions, on) for p in version.parties}
    assert [s.party for s in state.standings] == list(version.parties)
    for s in state.standings:
        assert (s.standing, s.decision) == expected[s.party]

    if all(st_ == Standing.APPROVED for st_, _ in expected.values()):
        adoption = max(d.meeting_date for _, d in expected.values())
        assert state.adopted_on == adoption
        assert state.in_force_from == adoption
        assert state.status is VersionStatus.IN_FORCE
    else:
        assert state.adopted_on is None
        assert state.status is VersionStatus.CIRCULATING
    blocking = {p for p, (st_, _) in expected.items() if st_ is Standing.BLOCKING}
    assert {b.party for b in state.blockers} == blocking
    assert all(b.decision.outcome is R for b in state.blockers)


@given(party_lists, st.data())
def test_one_rejection_blocks_and_names_the_party(parties, data):
    dates = data.draw(st.lists(days, min_size=len(parties), max_size=len(parties)))
    decisions = approvals(parties, dates)
    blocker = data.draw(st.sampled_from(parties))
    own = max(d.meeting_date for d in decisions if d.party == blocker)
    rejection = dec(blocker, own + timedelta(days=data.draw(st.integers(0, 30))), R, section=999)
    state = version_state(sent_version(parties), [*decisions, rejection], LATER)
    assert state.status is VersionStatus.CIRCULATING
    assert state.is_blocked
    assert state.blockers == (Blocker(blocker, rejection),)
    assert state.adopted_on is None and state.in_force_from is None


@given(party_lists, st.data())
def test_adoption_date_is_the_latest_approving_meeting_date(parties, data):
    dates = data.draw(st.lists(days, min_size=len(parties), max_size=len(parties)))
    n = len(parties)
    outcomes_ = data.draw(st.lists(st.sampled_from([A, AU]), min_size=n, max_size=n))
    decisions = [dec(p, d, o, 5) for p, d, o in zip(parties, dates, outcomes_)]
    # An earlier tabling does not matter once the party has approved.
    decisions += [dec(p, d - timedelta(days=1), T, 7) for p, d in zip(parties, dates)]
    state = version_state(sent_version(parties), decisions, LATER)
    assert state.status is VersionStatus.IN_FORCE
    assert state.adopted_on == max(dates)
    assert state.in_force_from == max(dates)
    assert not state.retroactive
    # The day before the last approval it was not yet adopted.
    before = version_state(sent_version(parties), decisions, max(dates) - timedelta(days=1))
    assert before.status in (VersionStatus.DRAFT, VersionStatus.CIRCULATING)
    assert before.adopted_on is None


@given(party_lists, st.data())
def test_a_later_approval_after_a_rejection_clears_the_block(parties, data):
    blocker = data.draw(st.sampled_from(parties))
    day = data.draw(days)
    rejection = dec(blocker, day, R, section=data.draw(st.integers(1, 200)))
    same_day = data.draw(st.booleans())
    if same_day:  # the same meeting, a later §
        approval = dec(blocker, day, A, section=rejection.section + data.draw(st.integers(1, 50)))
    else:
        approval = dec(blocker, day + timedelta(days=data.draw(st.integers(1, 60))), A, section=1)
    others = [dec(p, day, A, 300) for p in parties if p != blocker]
    version = sent_version(parties)
    state = version_state(version, [approval, rejection, *others], LATER)
    assert not state.is_blocked
    assert state.status is VersionStatus.IN_FORCE
    assert state.adopted_on == approval.meeting_date
    # …and the other way round, the rejection being the latest, blocks.
    late_rejection = dec(blocker, approval.meeting_date, R, section=approval.section + 1)
    blocked = version_state(version, [approval, rejection, late_rejection, *others], LATER)
    assert blocked.blockers == (Blocker(blocker, late_rejection),)


@given(
    party_lists,
    st.data(),
    st.sampled_from([EntryIntoForceRule.ALL_PARTIES_APPROVE, EntryIntoForceRule.FIXED_DATE]),
)
def test_a_version_coming_into_force_supersedes_the_one_it_amends(parties, data, rule):
    d1 = data.draw(st.lists(days, min_size=len(parties), max_size=len(parties)))
    v1 = sent_version(parties)
    base_state = version_state(v1, approvals(parties, d1), LATER)
    adopted_1 = max(d1)
    v2_sent = adopted_1 + timedelta(days=data.draw(st.integers(1, 100)))
    v2_draft = start_amendment(v1, base_state, new_id="v2", reasons="Muutos")
    effective = None
    if rule is EntryIntoForceRule.FIXED_DATE or data.draw(st.booleans()):
        effective = v2_sent + timedelta(days=data.draw(st.integers(-20, 200)))
    v2 = send_for_decision(edit_draft(v2_draft, rule=rule, effective_date=effective), on=v2_sent)
    d2 = [v2_sent + timedelta(days=k) for k in data.draw(
        st.lists(st.integers(0, 90), min_size=len(parties), max_size=len(parties))
    )]
    decisions = approvals(parties, d1) + approvals(parties, d2, vid="v2")

    chain = chain_state([v1, v2], decisions, FAR)
    s1, s2 = chain.of("v1"), chain.of("v2")
    assert s2.adopted_on == max(d2)
    assert s2.in_force_from == (effective or max(d2))
    assert s2.retroactive == (effective is not None and effective < max(d2))
    assert s2.status is VersionStatus.IN_FORCE
    assert chain.current == s2
    assert s1.status is VersionStatus.SUPERSEDED
    assert s1.superseded_on == s2.in_force_from
    assert s1.superseded_by == "v2"

    # The day before v2 comes into force (as known then), v1 is still the one in force.
    day_before = max(s2.in_force_from, max(d2)) - timedelta(days=1)
    if day_before >= adopted_1:
        earlier = chain_state([v1, v2], decisions, day_before)
        assert earlier.of("v1").status is VersionStatus.IN_FORCE
        assert earlier.current.version_id == "v1"
        assert earlier.of("v2").status in (
            VersionStatus.DRAFT,
            VersionStatus.CIRCULATING,
            VersionStatus.ADOPTED,
        )


# --- examples ---------------------------------------------------------------------------


def test_tabled_returned_noted_and_missing_decisions_are_pending():
    parties = ("tampere", "nokia", "akaa", "orivesi", "pirkkala")
    decisions = [
        dec("tampere", date(2024, 2, 1), T),
        dec("nokia", date(2024, 2, 1), RET),
        dec("akaa", date(2024, 2, 1), N),
        dec("orivesi", date(2024, 2, 1), AU),
    ]
    state = version_state(sent_version(parties), decisions, LATER)
    assert state.status is VersionStatus.CIRCULATING
    assert state.pending == ("tampere", "nokia", "akaa", "pirkkala")
    assert state.approved == ("orivesi",)
    assert not state.is_blocked


def test_the_state_on_a_date_uses_only_what_had_happened_by_then():
    parties = ("tampere", "nokia")
    decisions = approvals(parties, [date(2024, 3, 1), date(2024, 4, 15)])
    version = sent_version(parties)
    assert version_state(version, decisions, date(2024, 1, 1)).status is VersionStatus.DRAFT
    assert version_state(version, decisions, date(2024, 4, 14)).status is VersionStatus.CIRCULATING
    state = version_state(version, decisions, date(2024, 4, 15))
    assert state.status is VersionStatus.IN_FORCE
    assert state.adopted_on == date(2024, 4, 15)


def test_future_effective_date_waits_and_a_past_one_is_kept_as_retroactive():
    parties = ("tampere", "nokia")
    decisions = approvals(parties, [date(2024, 3, 1), date(2024, 4, 15)])
    future = sent_version(parties, effective_date=date(2025, 1, 1))
    on = date(2024, 6, 1)
    state = version_state(future, decisions, on)
    assert (state.status, state.adopted_on, state.in_force_from) == (
        VersionStatus.ADOPTED,
        date(2024, 4, 15),
        date(2025, 1, 1),
    )
    assert version_state(future, decisions, date(2025, 1, 1)).status is VersionStatus.IN_FORCE

    past = sent_version(parties, effective_date=date(2024, 1, 1))
    state = version_state(past, decisions, on)
    assert state.status is VersionStatus.IN_FORCE
    assert state.in_force_from == date(2024, 1, 1)
    assert state.retroactive


def test_fixed_date_rule_needs_an_effective_date():
    draft = AgreementVersion(
        id="v1", number=1, title="Sopimus", sections=SECTIONS, parties=("tampere", "nokia"),
        rule=EntryIntoForceRule.FIXED_DATE,
    )
    with pytest.raises(VersionIncomplete, match="effective date"):
        send_for_decision(draft, on=SENT)
    fixed = send_for_decision(edit_draft(draft, effective_date=date(2025, 1, 1)), on=SENT)
    decisions = approvals(fixed.parties, [date(2024, 11, 1), date(2024, 12, 1)])
    assert version_state(fixed, decisions, date(2024, 12, 31)).status is VersionStatus.ADOPTED
    assert version_state(fixed, decisions, date(2025, 1, 1)).status is VersionStatus.IN_FORCE


def test_on_signature_rule_comes_into_force_when_the_last_party_has_signed():
    parties = ("tampere", "nokia", "akaa")
    version = sent_version(parties, rule=EntryIntoForceRule.ON_SIGNATURE)
    decisions = approvals(parties, [date(2024, 3, 1), date(2024, 3, 5), date(2024, 3, 9)])
    signatures = [
        Signature("tampere", "v1", date(2024, 2, 20)),  # signed before its approval
        Signature("nokia", "v1", date(2024, 3, 20)),
        Signature("nokia", "v1", date(2024, 3, 25)),  # the earliest signature counts
        Signature("akaa", "v1", date(2024, 4, 2)),
    ]
    mid = version_state(version, decisions, date(2024, 3, 30), signatures=signatures)
    assert mid.status is VersionStatus.ADOPTED
    assert mid.unsigned == ("akaa",)
    done = version_state(version, decisions, date(2024, 4, 2), signatures=signatures)
    assert done.status is VersionStatus.IN_FORCE
    assert done.signed_on == date(2024, 4, 2)
    assert done.in_force_from == date(2024, 4, 2)


def test_conflicting_decisions_of_one_meeting_are_refused():
    parties = ("tampere", "nokia")
    decisions = [dec("tampere", date(2024, 3, 1), A, 5), dec("tampere", date(2024, 3, 1), R, 5)]
    with pytest.raises(ConflictingDecisions):
        version_state(sent_version(parties), decisions, LATER)
    # The same standing twice (e.g. a duplicate record) is harmless.
    same = [dec("tampere", date(2024, 3, 1), A, 5), dec("tampere", date(2024, 3, 1), AU, 5)]
    state = version_state(sent_version(parties), same, LATER)
    assert state.standings[0].standing is Standing.APPROVED
    # A clash that a later decision has overtaken does not matter.
    overtaken = [*decisions, dec("tampere", date(2024, 3, 1), A, 6)]
    for order in (overtaken, overtaken[::-1]):
        state = version_state(sent_version(parties), order, LATER)
        assert state.standings[0].standing is Standing.APPROVED


def test_only_a_draft_can_be_edited_and_sending_freezes_it():
    draft = AgreementVersion(id="v1", number=1, title="Sopimus", sections=SECTIONS)
    edited = edit_draft(draft, title="Yhteistyösopimus", parties=["tampere", "nokia"])
    assert edited.title == "Yhteistyösopimus" and edited.parties == ("tampere", "nokia")
    assert draft.title == "Sopimus"  # values, not mutation
    sent = send_for_decision(edited, on=SENT)
    assert sent.sent_on == SENT and not sent.is_draft
    with pytest.raises(VersionNotEditable):
        edit_draft(sent, title="Muutettu")
    with pytest.raises(VersionNotEditable):
        send_for_decision(sent, on=SENT)
    with pytest.raises(VersionIncomplete, match="two parties"):
        send_for_decision(edit_draft(draft, parties=["tampere"]), on=SENT)
    with pytest.raises(VersionIncomplete, match="listed twice"):
        send_for_decision(edit_draft(draft, parties=["tampere", "nokia", "nokia"]), on=SENT)


def test_an_amendment_starts_as_a_copy_of_the_version_in_force():
    parties = ("tampere", "nokia", "akaa")
    v1 = sent_version(parties, notice_months=6)
    decisions = approvals(parties, [date(2024, 3, 1)] * 3)
    circulating = version_state(v1, decisions[:2], LATER)
    with pytest.raises(VersionNotInForce):
        start_amendment(v1, circulating, new_id="v2")
    in_force = version_state(v1, decisions, LATER)
    v2 = start_amendment(v1, in_force, new_id="v2", reasons="Kustannustenjako muuttuu")
    assert v2.is_draft and v2.amends == "v1" and v2.number == 2
    assert v2.sections == v1.sections and v2.parties == parties
    assert v2.rule is v1.rule and v2.notice_months == 6 and v2.effective_date is None
    assert v2.reasons == "Kustannustenjako muuttuu"
    # A party whose notice period has run out is not copied.
    notice = Notice("akaa", date(2024, 6, 1), 6)
    left = version_state(v1, decisions, date(2025, 1, 2), notices=[notice])
    assert start_amendment(v1, left, new_id="v3").parties == ("tampere", "nokia")


def test_notice_removes_a_party_and_ends_a_two_party_agreement():
    many = sent_version(("tampere", "nokia", "akaa"))
    decisions = approvals(many.parties, [date(2024, 3, 1)] * 3)
    notice = Notice("akaa", date(2024, 8, 31), 6)
    on_last_day = version_state(many, decisions, date(2025, 2, 28), notices=[notice])
    assert "akaa" in on_last_day.parties_on_date
    after = version_state(many, decisions, date(2025, 3, 1), notices=[notice])
    assert after.parties_on_date == ("tampere", "nokia")
    assert after.status is VersionStatus.IN_FORCE and after.ends_on is None

    two = sent_version(("tampere", "nokia"))
    decisions = approvals(two.parties, [date(2024, 3, 1)] * 2)
    notice = Notice("nokia", date(2024, 8, 31), 6)
    last = version_state(two, decisions, date(2025, 2, 28), notices=[notice])
    assert last.status is VersionStatus.IN_FORCE and last.ends_on == date(2025, 2, 28)
    gone = version_state(two, decisions, date(2025, 3, 1), notices=[notice])
    assert gone.status is VersionStatus.TERMINATED


def test_a_notice_ending_the_whole_agreement_terminates_it():
    version = sent_version(("tampere", "nokia", "akaa"))
    decisions = approvals(version.parties, [date(2024, 3, 1)] * 3)
    notice = Notice("tampere", date(2024, 9, 30), 6, ends_agreement=True)  # ends 30.3.2025

    def status(day):
        return version_state(version, decisions, day, notices=[notice]).status

    assert status(date(2024, 9, 29)) is VersionStatus.IN_FORCE
    assert version_state(version, decisions, date(2024, 10, 1), notices=[notice]).ends_on == date(
        2025, 3, 30
    )
    assert status(date(2025, 3, 30)) is VersionStatus.IN_FORCE
    assert status(date(2025, 3, 31)) is VersionStatus.TERMINATED


def test_chain_must_be_a_chain():
    v1 = sent_version(("tampere", "nokia"))
    orphan = sent_version(("tampere", "nokia"), vid="v2", number=2, amends="missing")
    with pytest.raises(InvalidChain):
        chain_state([v1, orphan], [], LATER)
    with pytest.raises(InvalidChain):
        chain_state([v1, v1], [], LATER)


def test_a_rejected_version_replaced_by_a_new_one_without_that_party():
    v1 = sent_version(("tampere", "nokia", "akaa"))
    decisions = [
        dec("tampere", date(2024, 2, 1), A),
        dec("nokia", date(2024, 2, 2), A),
        dec("akaa", date(2024, 2, 3), R, 44),
    ]
    v2 = sent_version(
        ("tampere", "nokia"), vid="v2", number=2, amends="v1", sent_on=date(2024, 3, 1)
    )
    decisions += approvals(("tampere", "nokia"), [date(2024, 4, 1), date(2024, 4, 2)], vid="v2")
    chain = chain_state([v1, v2], decisions, date(2024, 3, 15))
    assert chain.of("v1").blockers[0].party == "akaa"
    assert chain.current is None
    chain = chain_state([v1, v2], decisions, date(2024, 5, 1))
    assert chain.current.version_id == "v2"
    assert chain.of("v1").status is VersionStatus.SUPERSEDED


@settings(max_examples=50)
@given(version_and_decisions())
def test_state_serialises_to_plain_data(vd):
    version, decisions = vd
    data = version_state(version, decisions, LATER).to_dict()
    assert data["status"] in {s.value for s in VersionStatus}
    assert len(data["standings"]) == len(version.parties)

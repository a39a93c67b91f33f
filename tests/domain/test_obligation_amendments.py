"""Obligations across an amendment: which version's copies hold which periods, and what an amendment changes."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.agreements import AgreementVersion, EntryIntoForceRule, VersionState, VersionStatus
from domain.obligations import (
    Duty,
    DutyChangeKind,
    DutyField,
    HolderRule,
    HolderScope,
    ObligationKind,
    Schedule,
    Window,
    compare_duties,
    held_by,
    windows,
)

TAMPERE_REGION = (
    "Tampere", "Akaa", "Juupajoki", "Kangasala", "Lempäälä", "Nokia", "Orivesi", "Pirkkala",
    "Pälkäne", "Ruovesi", "Urjala", "Valkeakoski", "Vesilahti", "Virrat", "Ylöjärvi",
)  # fmt: skip
SENT = date(2024, 11, 1)


def version(number: int, amends: int | None = None, sent: bool = True) -> AgreementVersion:
    return AgreementVersion(id=number, number=number, title="Sopimus", amends=amends, sent_on=SENT if sent else None)


def state(number: int, in_force_from: date | None) -> VersionState:
    status = VersionStatus.IN_FORCE if in_force_from else VersionStatus.CIRCULATING
    return VersionState(version_id=number, on=date(2026, 12, 4), status=status,
                        rule=EntryIntoForceRule.ALL_PARTIES_APPROVE, standings=(), in_force_from=in_force_from)


# --- windows ------------------------------------------------------------------------------------------------------


def test_a_first_version_holds_its_duties_from_their_own_first_day_for_as_long_as_they_run():
    assert windows([version(1)], {1: state(1, date(2025, 1, 1))}) == {1: Window(None, None)}


def test_a_draft_amendment_binds_no_one_and_the_version_it_amends_holds_every_period():
    found = windows([version(1), version(2, amends=1, sent=False)], {1: state(1, date(2025, 1, 1)), 2: state(2, None)})
    assert found == {1: Window(None, None), 2: None}


def test_an_amendment_sent_but_not_adopted_holds_nothing_yet():
    found = windows([version(1), version(2, amends=1)], {1: state(1, date(2025, 1, 1)), 2: state(2, None)})
    assert found == {1: Window(None, None), 2: None}


def test_the_amendment_takes_over_on_the_day_it_comes_into_force_and_the_old_version_holds_until_the_day_before():
    found = windows([version(1), version(2, amends=1)], {1: state(1, date(2025, 1, 1)), 2: state(2, date(2026, 7, 1))})
    assert found == {1: Window(None, date(2026, 6, 30)), 2: Window(date(2026, 7, 1), None)}
    assert found[1] and found[1].holds(date(2026, 6, 30)) and not found[1].holds(date(2026, 7, 1))
    assert found[2] and found[2].holds(date(2026, 7, 1)) and not found[2].holds(date(2026, 6, 30))


def test_a_chain_of_amendments_hands_the_periods_on_and_a_same_day_rival_leaves_them_to_the_later_one():
    versions = [version(1), version(2, amends=1), version(3, amends=2), version(4, amends=2)]
    states = {1: state(1, date(2025, 1, 1)), 2: state(2, date(2026, 1, 1)), 3: state(3, date(2027, 1, 1)),
              4: state(4, date(2027, 1, 1))}
    assert windows(versions, states) == {
        1: Window(None, date(2025, 12, 31)), 2: Window(date(2026, 1, 1), date(2026, 12, 31)), 3: None,
        4: Window(date(2027, 1, 1), None)}


def test_a_rejected_amendment_holds_nothing_and_leaves_the_periods_to_the_version_in_force():
    versions = [version(1), version(2, amends=1), version(3, amends=1)]
    states = {1: state(1, date(2025, 1, 1)), 2: state(2, None), 3: state(3, date(2027, 3, 1))}
    assert windows(versions, states) == {1: Window(None, date(2027, 2, 28)), 2: None, 3: Window(date(2027, 3, 1), None)}


chains = st.lists(
    st.tuples(st.booleans(), st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2030, 12, 31)))),
    min_size=1, max_size=6,
)


@given(chain=chains, day=st.dates(date(2023, 1, 1), date(2032, 12, 31)))
def test_every_day_is_held_by_one_version_at_most_and_by_one_from_the_first_start_on(chain, day):
    """One period of one duty is never owed twice: whatever the versions' states, the windows do not overlap, and
    there is no gap between them."""
    versions = [version(1), *(version(n, amends=n - 1, sent=sent) for n, (sent, _) in enumerate(chain[1:], start=2))]
    states = {1: state(1, chain[0][1])} | {n: state(n, start) for n, (_, start) in enumerate(chain[1:], start=2)}
    found = windows(versions, states)
    holding = [number for number, window in found.items() if window is not None and window.holds(day)]
    assert len(holding) == 1, (found, day)  # the first version holds from the duties' own first day


# --- comparing the duties of two versions --------------------------------------------------------------------------


def duty(lineage: str, title: str = "Koordinaatioryhmä", **fields) -> Duty:
    values = {"id": f"{lineage}-copy", "kind": ObligationKind.NAME_BODY_OR_PERSON,
              "holders": HolderRule(HolderScope.EACH_PARTY), "schedule": Schedule.one_off(date(2025, 3, 31)),
              "section_number": "4", **fields}
    return Duty(lineage=lineage, title_fi=title, **values)


INTEGRATION = duty("integration", "Kotoutumisen edistämisen palvelut", kind=ObligationKind.PROVIDE,
                   holders=HolderRule(HolderScope.LEAD, exceptions=("Valkeakoski",), exceptions_hold_themselves=True),
                   schedule=Schedule.continuous(), section_number="8")


def compare(old, new, old_parties=TAMPERE_REGION, new_parties=TAMPERE_REGION, in_force_from=None):
    return compare_duties(old, new, old_parties=old_parties, new_parties=new_parties, lead="Tampere",
                          in_force_from=in_force_from)


def test_valkeakoski_loses_the_integration_services_when_tampere_holds_them_for_every_party():
    for_all = duty("integration", "Kotoutumisen edistämisen palvelut", kind=ObligationKind.PROVIDE,
                   holders=HolderRule(HolderScope.LEAD), schedule=Schedule.continuous(), section_number="8")
    found = compare([INTEGRATION], [for_all], in_force_from=date(2026, 7, 1))
    (change,) = found.changed
    assert change.fields == (DutyField.HOLDERS,) and change.lost == ("Valkeakoski",) and change.gained == ()
    assert found.losing == ("Valkeakoski",) and found.gaining == () and found.in_force_from == date(2026, 7, 1)


def test_duties_added_and_removed_begin_and_end_for_their_holders():
    network = duty("network", "Yhteistyöverkosto kokoontuu", kind=ObligationKind.MEET,
                   holders=HolderRule(HolderScope.NAMED_PARTIES, named=("Tampere",)),
                   schedule=Schedule.yearly(11, 30))
    found = compare([duty("coordination"), network], [duty("coordination"), duty("premises", "Tilat")])
    assert [c.new.title_fi for c in found.added if c.new] == ["Tilat"]
    assert [c.old.title_fi for c in found.removed if c.old] == ["Yhteistyöverkosto kokoontuu"]
    assert found.added[0].gained == TAMPERE_REGION and found.removed[0].lost == ("Tampere",)
    assert [c.kind for c in found.changes] == [DutyChangeKind.UNCHANGED, DutyChangeKind.ADDED, DutyChangeKind.REMOVED]
    assert found.gaining == TAMPERE_REGION and found.losing == ("Tampere",)


def test_the_fields_changed_are_named():
    old = duty("plan", "Toimintasuunnitelma", schedule=Schedule.yearly(1, 31), quote="päivitetään vuosittain")
    new = duty("plan", "Toimintasuunnitelman päivitys", schedule=Schedule.yearly(2, 28), section_number="5",
               kind=ObligationKind.DELIVER_DOCUMENT, quote="päivitetään vuosittain")
    (change,) = compare([old], [new]).changed
    assert change.fields == (DutyField.TITLE, DutyField.KIND, DutyField.CLAUSE, DutyField.SCHEDULE)
    assert change.gained == change.lost == ()


def test_a_party_the_amendment_adds_gains_the_duties_of_each_party_and_one_it_leaves_out_loses_them():
    fewer = (*(p for p in TAMPERE_REGION if p != "Virrat"), "Mänttä-Vilppula")
    found = compare([duty("coordination"), INTEGRATION], [duty("coordination"), INTEGRATION], new_parties=fewer)
    coordination, integration = found.changes
    assert coordination.gained == ("Mänttä-Vilppula",) and coordination.lost == ("Virrat",)
    assert coordination.fields == (DutyField.HOLDERS,)
    assert integration.kind is DutyChangeKind.UNCHANGED  # Tampere holds it, for whichever parties there are
    assert found.gaining == ("Mänttä-Vilppula",) and found.losing == ("Virrat",)


def test_an_exception_that_is_no_longer_a_party_is_excepted_from_nothing():
    without_valkeakoski = tuple(p for p in TAMPERE_REGION if p != "Valkeakoski")
    (tampere,) = held_by(INTEGRATION.holders, without_valkeakoski, lead="Tampere")
    assert tampere.holder == "Tampere" and tampere.on_behalf_of == without_valkeakoski
    assert held_by(HolderRule(HolderScope.NAMED_PARTIES, named=("Valkeakoski",)), without_valkeakoski, "Tampere") == ()


titles = st.sampled_from(["Koordinaatioryhmä", "Tilat", "Verkosto", "Suunnitelma"])
scopes = st.sampled_from([HolderRule(HolderScope.EACH_PARTY), HolderRule(HolderScope.LEAD),
                          INTEGRATION.holders, HolderRule(HolderScope.NAMED_PARTIES, named=("Nokia",))])
duty_lists = st.lists(st.builds(duty, st.sampled_from("abcdef"), titles, holders=scopes), max_size=6,
                      unique_by=lambda d: d.lineage)
party_lists = st.lists(st.sampled_from(TAMPERE_REGION), min_size=2, unique=True).map(
    lambda parties: tuple(sorted({*parties, "Tampere", "Nokia", "Valkeakoski"}, key=TAMPERE_REGION.index)))


@given(old=duty_lists, new=duty_lists, old_parties=party_lists, new_parties=party_lists)
def test_comparing_the_other_way_round_swaps_added_and_removed_and_what_begins_and_ends(old, new, old_parties,
                                                                                       new_parties):
    forward = compare(old, new, old_parties, new_parties)
    backward = compare(new, old, new_parties, old_parties)
    assert {c.lineage for c in forward.added} == {c.lineage for c in backward.removed}
    assert {c.lineage for c in forward.changed} == {c.lineage for c in backward.changed}
    assert set(forward.gaining) == set(backward.losing) and set(forward.losing) == set(backward.gaining)
    assert compare(new, new, new_parties, new_parties).changes == tuple(
        c for c in compare(new, new, new_parties, new_parties).unchanged)
    assert all(not set(c.gained) & set(c.lost) for c in forward.changes)


def test_an_amendment_in_force_tomorrow_leaves_today_to_the_old_version():
    tomorrow = date(2026, 12, 5)
    found = windows([version(1), version(2, amends=1)], {1: state(1, date(2025, 1, 1)), 2: state(2, tomorrow)})
    assert found[1] == Window(None, tomorrow - timedelta(days=1))

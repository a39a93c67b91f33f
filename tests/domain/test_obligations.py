"""Obligations (velvoitteet): holders, schedules on Finnish working days, instances and their status on a date."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.obligations import (
    HolderRule,
    HolderScope,
    InstanceStatus,
    InvalidHolders,
    InvalidSchedule,
    Mark,
    MarkKind,
    Schedule,
    ScheduleKind,
    TooManyOccurrences,
    holdings,
    instances,
    occurrences,
    status_on,
)
from domain.obligations.instances import due_soon
from domain.obligations.reminders import ReminderKind, recipients, reminder_due
from domain.working_days import is_working_day

TAMPERE_REGION = (
    "Tampere", "Akaa", "Juupajoki", "Kangasala", "Lempäälä", "Nokia", "Orivesi", "Pirkkala",
    "Pälkäne", "Ruovesi", "Urjala", "Valkeakoski", "Vesilahti", "Virrat", "Ylöjärvi",
)  # fmt: skip


def due_dates(schedule: Schedule, start: date, until: date) -> list[tuple[date, date]]:
    return [(o.nominal, o.due_on) for o in occurrences(schedule, start, until)]


# --- holders ------------------------------------------------------------------------------------------------------


def test_integration_services_are_tampere_s_for_every_party_but_valkeakoski_which_holds_them_itself():
    rule = HolderRule(HolderScope.LEAD, exceptions=("Valkeakoski",), exceptions_hold_themselves=True)
    tampere, valkeakoski = holdings(rule, TAMPERE_REGION, lead="Tampere")
    assert tampere.holder == "Tampere"
    assert "Valkeakoski" not in tampere.on_behalf_of
    assert len(tampere.on_behalf_of) == 14 and "Tampere" in tampere.on_behalf_of
    assert (valkeakoski.holder, valkeakoski.on_behalf_of) == ("Valkeakoski", ("Valkeakoski",))


def test_each_party_holds_for_itself_minus_the_exceptions():
    result = holdings(HolderRule(HolderScope.EACH_PARTY, exceptions=("Virrat",)), TAMPERE_REGION, lead="Tampere")
    assert [h.holder for h in result] == [p for p in TAMPERE_REGION if p != "Virrat"]
    assert all(h.on_behalf_of == (h.holder,) for h in result)


def test_a_named_party_and_a_group_hold_what_the_clause_gives_them():
    convener = holdings(HolderRule(HolderScope.NAMED_PARTIES, named=("Tampere",)), TAMPERE_REGION, "Tampere")
    assert [(h.holder, h.on_behalf_of) for h in convener] == [("Tampere", ("Tampere",))]
    group = holdings(HolderRule(HolderScope.GROUP, named=("steering group",)), TAMPERE_REGION, "Tampere")
    assert [h.holder for h in group] == ["steering group"] and group[0].on_behalf_of == TAMPERE_REGION


def test_the_employment_authority_is_the_lead_acting_for_every_party():
    (authority,) = holdings(HolderRule(HolderScope.EMPLOYMENT_AUTHORITY), TAMPERE_REGION, lead="Tampere")
    assert authority.holder == "Tampere" and authority.on_behalf_of == TAMPERE_REGION


@pytest.mark.parametrize("rule", [
    HolderRule(HolderScope.NAMED_PARTIES, named=("Helsinki",)),
    HolderRule(HolderScope.EACH_PARTY, exceptions=("Espoo",)),
    HolderRule(HolderScope.NAMED_PARTIES),
    HolderRule(HolderScope.GROUP),
])
def test_holders_naming_no_one_or_a_stranger_are_refused(rule):
    with pytest.raises(InvalidHolders) as refused:
        holdings(rule, TAMPERE_REGION, lead="Tampere")
    assert refused.value.code == "obligation.holders_invalid"


def test_a_lead_duty_needs_a_lead():
    with pytest.raises(InvalidHolders):
        holdings(HolderRule(HolderScope.LEAD), TAMPERE_REGION, lead=None)


# --- schedules ----------------------------------------------------------------------------------------------------


def test_a_yearly_duty_due_on_31_january_falls_due_on_monday_2_february_2026():
    assert due_dates(Schedule.yearly(1, 31), date(2025, 1, 1), date(2027, 12, 31)) == [
        (date(2025, 1, 31), date(2025, 1, 31)),  # a Friday
        (date(2026, 1, 31), date(2026, 2, 2)),  # a Saturday
        (date(2027, 1, 31), date(2027, 2, 1)),  # a Sunday
    ]


def test_midsummer_eve_christmas_eve_and_the_holidays_after_them_move_a_due_date_on():
    assert due_dates(Schedule.yearly(6, 19), date(2026, 1, 1), date(2026, 12, 31)) == [
        (date(2026, 6, 19), date(2026, 6, 22))]  # juhannusaatto (Fri) → Monday
    assert due_dates(Schedule.yearly(12, 24), date(2026, 1, 1), date(2026, 12, 31)) == [
        (date(2026, 12, 24), date(2026, 12, 28))]  # jouluaatto, joulupäivä, tapaninpäivä, Sunday → Monday
    assert due_dates(Schedule.one_off(date(2026, 12, 6)), date(2026, 1, 1), date(2026, 12, 31)) == [
        (date(2026, 12, 6), date(2026, 12, 7))]  # itsenäisyyspäivä on a Sunday


def test_29_february_is_the_last_day_of_february_in_a_common_year():
    assert [n for n, _ in due_dates(Schedule.yearly(2, 29), date(2027, 1, 1), date(2028, 12, 31))] == [
        date(2027, 2, 28), date(2028, 2, 29)]


def test_a_monthly_duty_on_the_30th_falls_on_the_last_day_of_february():
    assert [n for n, _ in due_dates(Schedule.monthly(30), date(2026, 1, 1), date(2026, 3, 31))] == [
        date(2026, 1, 30), date(2026, 2, 28), date(2026, 3, 30)]


def test_quarterly_and_continuous_duties():
    assert [n for n, _ in due_dates(Schedule.quarterly(), date(2026, 1, 1), date(2026, 12, 31))] == [
        date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]
    assert [n for n, _ in due_dates(Schedule.continuous(), date(2025, 3, 1), date(2026, 12, 31))] == [
        date(2025, 12, 31), date(2026, 12, 31)]


def test_any_rfc_5545_rule_a_person_writes_is_read():
    rule = Schedule(kind=ScheduleKind.RECURRING, rule="RRULE:FREQ=WEEKLY;BYDAY=MO;INTERVAL=2")
    # every other week counts from the week the duty begins in (29.12.2025-4.1.2026), whose Monday is before it
    assert [n for n, _ in due_dates(rule, date(2026, 1, 1), date(2026, 1, 31))] == [
        date(2026, 1, 12), date(2026, 1, 26)]


@pytest.mark.parametrize("rule", ["FREQ=HOURLY", "FREQ=SOMETIMES", "", "DTSTART:20260101\nRRULE:FREQ=DAILY"])
def test_a_rule_that_is_not_a_duty_s_schedule_is_refused(rule):
    with pytest.raises(InvalidSchedule) as refused:
        occurrences(Schedule(kind=ScheduleKind.RECURRING, rule=rule), date(2026, 1, 1), date(2026, 12, 31))
    assert refused.value.code == "obligation.schedule_invalid"


def test_more_due_dates_than_a_person_follows_are_refused():
    with pytest.raises(TooManyOccurrences):
        occurrences(Schedule(kind=ScheduleKind.RECURRING, rule="FREQ=DAILY"), date(2020, 1, 1), date(2026, 1, 1))


def test_each_period_starts_the_day_after_the_previous_one_fell_due():
    periods = occurrences(Schedule.quarterly(), date(2026, 1, 1), date(2026, 12, 31))
    assert [p.period_start for p in periods] == [date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1),
                                                 date(2026, 10, 1)]


# --- instances and their status ----------------------------------------------------------------------------------


def test_a_party_whose_notice_has_ended_holds_nothing_after_its_last_day():
    rule = HolderRule(HolderScope.LEAD, exceptions=("Valkeakoski",), exceptions_hold_themselves=True)
    periods = occurrences(Schedule.yearly(1, 31), date(2025, 1, 1), date(2027, 12, 31))
    result = instances(holdings(rule, TAMPERE_REGION, "Tampere"), periods,
                       {"Nokia": date(2026, 2, 28), "Valkeakoski": date(2026, 6, 30)})
    by_year = {year: [i for i in result if i.nominal.year == year] for year in (2025, 2026, 2027)}
    assert "Nokia" in by_year[2026][0].on_behalf_of  # due 2.2.2026, before Nokia's last day
    assert "Nokia" not in by_year[2027][0].on_behalf_of
    assert [i.holder for i in by_year[2026]] == ["Tampere", "Valkeakoski"]
    assert [i.holder for i in by_year[2027]] == ["Tampere"]


def test_the_status_is_computed_on_the_date_asked_and_the_latest_mark_counts():
    due = date(2026, 2, 2)
    assert status_on(due, [], date(2026, 2, 2)) is InstanceStatus.OPEN
    assert status_on(due, [], date(2026, 2, 3)) is InstanceStatus.OVERDUE
    done = Mark(MarkKind.DONE, date(2026, 1, 20))
    assert status_on(due, [done], date(2026, 3, 1)) is InstanceStatus.DONE
    assert status_on(due, [done], date(2026, 1, 19)) is InstanceStatus.OPEN  # not yet done on that day
    reopened = [done, Mark(MarkKind.REOPENED, date(2026, 2, 10))]
    assert status_on(due, reopened, date(2026, 2, 11)) is InstanceStatus.OVERDUE
    not_applicable = [*reopened, Mark(MarkKind.NOT_APPLICABLE, date(2026, 2, 12))]
    assert status_on(due, not_applicable, date(2026, 2, 12)) is InstanceStatus.NOT_APPLICABLE


def test_what_asks_for_attention_is_overdue_or_due_within_30_days():
    today = date(2026, 12, 4)
    assert due_soon(date(2027, 1, 3), InstanceStatus.OPEN, today)
    assert not due_soon(date(2027, 1, 4), InstanceStatus.OPEN, today)
    assert due_soon(date(2026, 1, 1), InstanceStatus.OVERDUE, today)
    assert not due_soon(date(2026, 12, 10), InstanceStatus.DONE, today)


# --- properties --------------------------------------------------------------------------------------------------

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31))
schedules = st.one_of(
    st.builds(Schedule.one_off, days),
    st.builds(Schedule.yearly, st.integers(1, 12), st.integers(1, 31)).filter(lambda s: s.rule is not None),
    st.builds(Schedule.monthly, st.integers(1, 31)),
    st.just(Schedule.quarterly()),
    st.builds(Schedule.continuous, st.just(12), st.integers(1, 31)),
)


@given(schedule=schedules, start=days, length=st.integers(0, 1500))
def test_a_due_date_never_lands_on_a_day_off_and_moves_at_most_a_few_days(schedule, start, length):
    for period in occurrences(schedule, start, start + timedelta(days=length)):
        assert is_working_day(period.due_on)
        assert period.nominal <= period.due_on <= period.nominal + timedelta(days=5)


@given(
    schedule=schedules, start=days, length=st.integers(0, 1500),
    leaving=st.dictionaries(st.sampled_from(TAMPERE_REGION), days, max_size=5),
    scope=st.sampled_from([HolderScope.EACH_PARTY, HolderScope.LEAD]),
)
def test_one_instance_per_holder_and_period_and_none_after_a_party_s_last_day(schedule, start, length, leaving, scope):
    rule = HolderRule(scope, exceptions=("Valkeakoski",), exceptions_hold_themselves=True)
    result = instances(holdings(rule, TAMPERE_REGION, "Tampere"),
                       occurrences(schedule, start, start + timedelta(days=length)), leaving)
    keys = [(i.holder, i.nominal) for i in result]
    assert len(keys) == len(set(keys))
    for instance in result:
        for party in (instance.holder, *instance.on_behalf_of):
            assert party not in leaving or instance.due_on <= leaving[party]


# --- reminders ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("on", "expected"), [
    (date(2026, 1, 18), None),
    (date(2026, 1, 19), ReminderKind.DUE_IN_14_DAYS),
    (date(2026, 1, 31), ReminderKind.DUE_IN_14_DAYS),
    (date(2026, 2, 1), ReminderKind.DUE_TOMORROW),
    (date(2026, 2, 2), ReminderKind.DUE_TOMORROW),
    (date(2026, 2, 3), ReminderKind.OVERDUE),
    (date(2026, 2, 16), ReminderKind.OVERDUE),
    (date(2026, 2, 17), None),
])
def test_reminders_come_14_days_and_a_day_before_and_when_overdue(on, expected):
    status = status_on(date(2026, 2, 2), [], on)
    assert reminder_due(date(2026, 2, 2), status, on) is expected


def test_a_done_duty_is_not_reminded_and_the_area_admins_stand_in_for_no_one_named():
    assert reminder_due(date(2026, 2, 2), InstanceStatus.DONE, date(2026, 2, 1)) is None
    assert recipients([], ["admin@tampere"]) == ("admin@tampere",)
    assert recipients(["a@nokia", "a@nokia", "b@nokia"], ["admin@tampere"]) == ("a@nokia", "b@nokia")

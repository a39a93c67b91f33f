"""Notice (irtisanominen) end dates (domain/agreements/notice.py)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.agreements import (
    InvalidNotice,
    Notice,
    departures,
    notice_end_date,
    parties_on,
    termination_date,
)


@pytest.mark.parametrize(
    ("given_on", "months", "ends_on"),
    [
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # into a leap year
        (date(2024, 8, 31), 6, date(2025, 2, 28)),  # into a common year
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2024, 8, 30), 6, date(2025, 2, 28)),
        (date(2024, 3, 15), 6, date(2024, 9, 15)),
        (date(2024, 10, 31), 1, date(2024, 11, 30)),
        (date(2024, 12, 31), 12, date(2025, 12, 31)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 5, 20), 0, date(2024, 5, 20)),
    ],
)
def test_notice_end_date_adds_calendar_months(given_on, months, ends_on):
    assert notice_end_date(given_on, months) == ends_on
    assert Notice("nokia", given_on, months).ends_on == ends_on


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 60))
def test_notice_end_is_the_same_day_months_later_or_the_last_day_of_that_month(given_on, months):
    end = notice_end_date(given_on, months)
    assert (end.year * 12 + end.month) - (given_on.year * 12 + given_on.month) == months
    last_day = calendar.monthrange(end.year, end.month)[1]
    assert end.day == min(given_on.day, last_day)
    notice = Notice("akaa", given_on, months)
    assert notice.is_party_on(end)
    assert not notice.is_party_on(end + timedelta(days=1))


def test_a_party_leaves_the_day_after_the_end_date():
    parties = ("tampere", "nokia", "akaa")
    notices = [Notice("akaa", date(2023, 8, 31), 6), Notice("stranger", date(2023, 1, 1), 1)]
    assert parties_on(parties, notices, date(2024, 2, 29)) == parties
    assert parties_on(parties, notices, date(2024, 3, 1)) == ("tampere", "nokia")
    assert [d.party for d in departures(parties, notices, date(2024, 1, 1))] == ["akaa"]
    # A notice is known only from the day it is given.
    assert departures(parties, notices, date(2023, 8, 30)) == ()
    assert termination_date(parties, notices, date(2024, 3, 1)) is None


def test_the_agreement_ends_when_fewer_than_two_parties_would_remain():
    parties = ("tampere", "nokia", "akaa")
    notices = [Notice("akaa", date(2024, 1, 31), 6), Notice("nokia", date(2024, 3, 31), 3)]
    assert termination_date(parties, notices, date(2024, 12, 31)) == date(2024, 7, 31)
    ending = [Notice("tampere", date(2024, 1, 10), 6, ends_agreement=True)]
    assert termination_date(parties, ending, date(2024, 12, 31)) == date(2024, 7, 10)


@pytest.mark.parametrize("months", [-1, 1.5, "6", True])
def test_a_notice_period_must_be_whole_non_negative_months(months):
    with pytest.raises(InvalidNotice):
        notice_end_date(date(2024, 1, 1), months)

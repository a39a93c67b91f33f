"""The Finnish working-day calendar that deadlines and instalments use."""

from datetime import date

from domain.working_days import is_working_day, next_working_day


def test_due_dates_move_to_the_next_finnish_working_day():
    assert next_working_day(date(2025, 1, 1)) == date(2025, 1, 2)  # New Year's Day, a Wednesday
    assert next_working_day(date(2025, 12, 6)) == date(2025, 12, 8)  # Independence Day, a Saturday
    assert next_working_day(date(2025, 12, 24)) == date(2025, 12, 29)  # Christmas Eve to Boxing Day, then a weekend
    assert next_working_day(date(2025, 4, 18)) == date(2025, 4, 22)  # Good Friday to Easter Monday
    assert next_working_day(date(2025, 6, 20)) == date(2025, 6, 23)  # Midsummer Eve
    assert next_working_day(date(2025, 4, 1)) == date(2025, 4, 1)  # an ordinary Tuesday stays
    assert next_working_day(date(2026, 1, 31)) == date(2026, 2, 2)  # a yearly duty due 31.1. on a Saturday


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 6, 19))  # Midsummer Eve 2026, a Friday
    assert not is_working_day(date(2026, 12, 24))  # Christmas Eve, a Thursday
    assert is_working_day(date(2026, 12, 2))

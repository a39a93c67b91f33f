"""The Finnish working-day calendar (arkipäivät): due dates that fall on a day off move to the next working day.

Used by advance invoicing and by every deadline the rules compute.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=128)
def _finnish_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Finland(years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Finnish public holiday (arkipäivä).

    Holidays are the ``holidays`` package's Finland, which like the law on
    computing deadlines (laki säädettyjen määräaikain laskemisesta 150/1930)
    also counts Midsummer Eve and Christmas Eve.
    """
    return day.weekday() < 5 and day not in _finnish_holidays(day.year)


def next_working_day(day: date) -> date:
    """The day itself if it is a working day, else the next one (6.12.2025, a Saturday → 8.12.2025)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day

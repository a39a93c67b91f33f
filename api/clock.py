"""The one clock: "today" is the date in Finland (Europe/Helsinki), taken at the edge of a request and handed to
the rules as an argument (they never read a clock themselves)."""

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends

HELSINKI = ZoneInfo("Europe/Helsinki")


def today() -> date:
    return datetime.now(HELSINKI).date()


Today = Annotated[date, Depends(today)]

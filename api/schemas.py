"""What every request body shares: unknown fields are refused, text is trimmed; money and rates are decimal strings."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from domain.errors import InvalidValue


class Input(BaseModel):
    """The base of every request body: a field the model does not know is an error (422, `value.unknown_field`),
    so that a typo such as `cofinancing_rate` is never silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NotADecimalString(InvalidValue):
    code = "value.decimal_string"
    message = 'Write the figure as a decimal string, e.g. "1949.85".'

    def __init__(self) -> None:
        super().__init__("value")


def decimal_string(value: Any) -> Any:
    """Money, rates and statistics travel as strings, never as JSON numbers that a client may have rounded."""
    if value is None or isinstance(value, Decimal):
        return value
    if not isinstance(value, str) or not DECIMAL_TEXT.fullmatch(value.strip()):
        raise NotADecimalString()
    return value.strip()


DECIMAL_TEXT = re.compile(r"[+-]?\d+(\.\d+)?")


def DecimalString(pattern: str, description: str, example: str, **limits: Any) -> Any:  # noqa: N802 - a type factory
    """A decimal figure as a string in the schema, with its pattern and limits."""
    return Annotated[
        Decimal,
        BeforeValidator(decimal_string),
        Field(description=description, **limits),
        WithJsonSchema({"type": "string", "pattern": pattern, "description": description, "examples": [example]}),
    ]


#: Euros with at most two decimals, or person-years with one; not negative; below ten thousand billion.
Amount = DecimalString(r"^\d{1,13}(\.\d{1,2})?$", "A decimal string in euros (two decimals at most) or person-years "
                       "(one decimal at most), e.g. \"126740.00\".", "126740.00", max_digits=16)
#: A share of 1 with at most six decimals, e.g. the co-financing rate 0.80 or a mix weight 0.5.
Rate = DecimalString(r"^(0(\.\d{1,6})?|1(\.0{1,6})?)$", "A decimal string between 0 and 1 with at most six decimals, "
                     "e.g. \"0.80\".", "0.80", max_digits=8, decimal_places=6)
#: A fixed percentage with at most six decimals.
Percentage = DecimalString(r"^\d{1,3}(\.\d{1,6})?$", "A percentage as a decimal string, e.g. \"62.5\".", "62.5",
                           max_digits=10, decimal_places=6)
#: A statistic's value: not negative, at most six decimals.
StatisticFigure = DecimalString(r"^\d{1,12}(\.\d{1,6})?$", "A decimal string, e.g. \"241009\" or \"62.35\"; not negative.",
                                "241009", max_digits=20)


def iso_date_text(value: Any) -> Any:
    """A date in a query is written 2025-06-05: Pydantic alone would also take `0` (a Unix time) as 1970-01-01."""
    if isinstance(value, str) and not ISO_DATE_TEXT.fullmatch(value.strip()):
        raise PydanticCustomError("date_parsing", "Input should be a valid date in the format YYYY-MM-DD")
    return value


def iso_datetime_text(value: Any) -> Any:
    """A moment in a query begins with its date, 2025-06-05T14:30:00+03:00; `0` is not a moment."""
    if isinstance(value, str) and not ISO_DATE_TEXT.match(value.strip()[:10]):
        raise PydanticCustomError("datetime_parsing", "Input should be a valid datetime in ISO 8601 format")
    return value


ISO_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
IsoDate = Annotated[date, BeforeValidator(iso_date_text)]
IsoDateTime = Annotated[datetime, BeforeValidator(iso_datetime_text)]

"""What every request body shares: unknown fields are refused, text is trimmed; money and rates are decimal strings."""

import re
import types
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Self, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from domain.errors import InvalidValue

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}.*)?")


def without_nul(value: Any) -> Any:
    """Text never holds a NUL character: PostgreSQL cannot store one, and no person types one."""
    if isinstance(value, str) and "\x00" in value:
        raise PydanticCustomError("string_nul", "Text cannot contain a NUL character.")
    return value


def written_as_iso_8601(kind: type, pattern: re.Pattern[str], error_type: str, message: str) -> Callable[[Any], Any]:
    """A check that a date or a moment is written as ISO 8601 (2026-12-31, 2026-12-31T12:00:00+02:00): a number
    such as 0 is not 1.1.1970."""

    def check(value: Any) -> Any:
        if value is None or isinstance(value, kind) or (isinstance(value, str) and pattern.fullmatch(value)):
            return value
        raise PydanticCustomError(error_type, message)

    return check


written_as_date = written_as_iso_8601(date, ISO_DATE, "date_parsing", "Write the date as YYYY-MM-DD, e.g. 2026-12-31.")
written_as_datetime = written_as_iso_8601(datetime, ISO_DATETIME, "datetime_parsing",
                                          "Write the moment as ISO 8601, e.g. 2026-12-31T12:00:00+02:00.")


#: A date in a query, written as ISO 8601 only.
IsoDate = Annotated[date, BeforeValidator(written_as_date)]
#: A moment in a query, written as ISO 8601 only.
IsoDateTime = Annotated[datetime, BeforeValidator(written_as_datetime)]


def mentions(annotation: Any, kind: type) -> bool:
    """Whether a field's type is `kind`, optionally or inside a list (`date | None`, `list[date]`)."""
    if annotation is kind:
        return True
    if get_origin(annotation) in (Union, types.UnionType, list, tuple, set, Annotated):
        return any(mentions(argument, kind) for argument in get_args(annotation))
    return False


class Input(BaseModel):
    """The base of every request body: a field the model does not know is an error (422, `value.unknown_field`),
    so that a typo such as `cofinancing_rate` is never silently dropped. Text holds no NUL character; dates and
    moments are written as ISO 8601, not as numbers."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="wrap")
    @classmethod
    def _as_written(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        if isinstance(data, dict) and (problems := list(cls._not_as_written(data))):
            raise ValidationError.from_exception_data(cls.__name__, problems)
        return handler(data)

    @classmethod
    def _not_as_written(cls, data: dict[str, Any]) -> Iterator[InitErrorDetails]:
        """Each text with a NUL character and each date or moment not written as ISO 8601, at its place; nested
        models look at their own fields."""
        for name, value in data.items():
            field = cls.model_fields.get(name)
            if field is None or value is None:
                continue
            check = (written_as_datetime if mentions(field.annotation, datetime)
                     else written_as_date if mentions(field.annotation, date) else without_nul)
            items = enumerate(value) if isinstance(value, list | tuple) else [(None, value)]
            for index, item in items:
                if isinstance(item, dict):
                    continue
                try:
                    check(item)
                except PydanticCustomError as error:
                    place = (name,) if index is None else (name, index)
                    yield InitErrorDetails(type=error, loc=place, input=item)


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

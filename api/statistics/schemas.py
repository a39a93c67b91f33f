import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.organisations.schemas import OrganisationSummary
from api.problems import FieldError
from api.schemas import Input, StatisticFigure
from domain.costs.statistics_file import check_statistic_name, check_value

StatisticName = Annotated[
    str,
    Field(
        min_length=1, max_length=60, pattern=r"^[a-z][a-z0-9_]*$",
        description="Lower-case letters, digits and underscores: population, jobseekers, customers, immigrants_18_64…",
        examples=["population"],
    ),
]
Source = Annotated[str | None, Field(max_length=200, description="Where the figure comes from.")]


def valid_value(value: Decimal) -> Decimal:
    return check_value(value)


class StatisticValueFields(Input):
    value: StatisticFigure = Field(description="The figure, a decimal string, e.g. \"241009\" or \"62.35\"; not negative.")
    source: Source = None

    @field_validator("value")
    @classmethod
    def _value(cls, value: Decimal) -> Decimal:
        return valid_value(value)


class StatisticCreate(StatisticValueFields):
    """One organisation's value of a statistic on a date."""

    model_config = ConfigDict(
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{
            "organisation_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "name": "population",
            "reference_date": "2020-12-31", "value": "241009", "source": "Tilastokeskus",
        }]},
    )

    organisation_id: uuid.UUID
    name: StatisticName
    reference_date: date

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> object:
        return check_statistic_name(value) if isinstance(value, str) and value.strip() else value


class StatisticUpdate(Input):
    """A new value (or source); the organisation, statistic and date stay."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"value": "241500"}]})

    value: StatisticFigure | None = None
    source: Source = None

    @field_validator("value")
    @classmethod
    def _value(cls, value: Decimal | None) -> Decimal | None:
        return None if value is None else valid_value(value)


class StatisticRead(BaseModel):
    id: uuid.UUID
    organisation: OrganisationSummary
    name: str
    reference_date: date
    value: Decimal
    source: str | None
    version: int
    updated_at: datetime


class SeriesRead(BaseModel):
    """One statistic on one date: how many organisations have a value."""

    name: str
    reference_date: date
    count: int
    total: Decimal = Field(description="The values added up.")


class BatchItem(Input):
    """A value by organisation id or by municipality code."""

    model_config = ConfigDict(str_strip_whitespace=True)

    organisation_id: uuid.UUID | None = None
    municipality_code: Annotated[str | None, Field(max_length=3)] = None
    name: Annotated[str, Field(max_length=60)]
    reference_date: date
    value: StatisticFigure
    source: Source = None


class StatisticsBatch(Input):
    """Many values at once (a series edited in a page, or another system's figures)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [
        {"municipality_code": "837", "name": "population", "reference_date": "2020-12-31", "value": "241009"},
        {"municipality_code": "536", "name": "population", "reference_date": "2020-12-31", "value": "34996"},
    ]}]})

    items: Annotated[list[BatchItem], Field(max_length=20_000)]


class StatisticImportRow(BaseModel):
    line: int = Field(description="Line in the file (the header is line 1), or position in the batch from 1.")
    municipality_code: str | None
    organisation_id: uuid.UUID | None
    organisation_name: str | None
    name: str | None
    reference_date: date | None
    value: Decimal | None
    previous_value: Decimal | None
    action: Literal["create", "update", "unchanged", "error"]
    errors: list[FieldError] = Field(description="What is wrong with the row, each with its code.")


class StatisticImportReport(BaseModel):
    """What the values do (preview) or did (applied), row by row; any row with errors stops them all."""

    applied: bool
    created: int
    updated: int
    unchanged: int
    errors: int
    rows: list[StatisticImportRow]

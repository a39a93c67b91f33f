"""Payloads and answers of the decisions API (päätökset)."""

import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator
from pydantic.config import JsonDict

from api.agreements.schemas import AreaRef, VersionState
from api.organisations.schemas import OrganisationSummary
from api.schemas import Input
from domain.agreements import DecisionOutcome
from domain.errors import InvalidValue


class DecisionBody(StrEnum):
    """The deciding body: KH (kunnan-/kaupunginhallitus), valtuusto, lautakunta, jaosto, muu."""

    MUNICIPAL_BOARD = "municipal_board"
    COUNCIL = "council"
    COMMITTEE = "committee"
    DIVISION = "division"
    OTHER = "other"


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.quantize(Decimal('0.01'))}"


Money = Annotated[Decimal, PlainSerializer(_money, return_type=str | None, when_used="always")]

class MoneyFormat(InvalidValue):
    code = "money.format"
    message = "Write the amount in euros as a decimal string, e.g. 1950.00."


class MoneyRange(InvalidValue):
    code = "money.range"
    message = "The amount must be zero or more and less than a trillion euros."


class MoneyCents(InvalidValue):
    code = "money.cents"
    message = "The amount has more than two decimals (cents)."


def parse_cap(value: Any) -> str | None:
    """A euro amount as typed ("1950", "1 950,00 €", 1950) → "1950.00"; refuses what is not one."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise MoneyFormat("commitment_cap")
    text = str(value).replace("\u00a0", "").replace(" ", "").replace("€", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise MoneyFormat("commitment_cap") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1000000000000"):
        raise MoneyRange("commitment_cap")
    if amount != amount.quantize(Decimal("0.01")):
        raise MoneyCents("commitment_cap")
    return f"{amount.quantize(Decimal('0.01'))}"


EXAMPLE: JsonDict = {
    "organisation_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "version_id": "1fa85f64-5717-4562-b3fc-2c963f66afa6",
    "body": "municipal_board",
    "body_name": "Kaupunginhallitus",
    "meeting_date": "2020-08-11",
    "section": 149,
    "case_number": "133/00.04.01/2019",
    "outcome": "approved",
    "decision_text": "Kaupunginhallitus päättää sitoutua … omarahoitusosuuteen, enintään 1.950 euroa hankkeen ajalle.",
    "commitment_cap": "1950.00",
}


class DecisionFields(Input):
    model_config = ConfigDict(str_strip_whitespace=True)

    body: DecisionBody
    body_name: Annotated[str | None, Field(max_length=200, description='As the minutes write it, e.g. "KHALL".')] = None
    meeting_date: date
    section: Annotated[int | None, Field(ge=1, le=100000, description="The § number in the minutes.")] = None
    case_number: Annotated[str | None, Field(max_length=60, description="Diary number, e.g. 133/00.04.01/2019.")] = None
    title: Annotated[str | None, Field(max_length=500)] = None
    proposal: Annotated[str | None, Field(max_length=50000, description="The proposal (päätösehdotus).")] = None
    outcome: DecisionOutcome
    decision_text: Annotated[str | None, Field(max_length=50000)] = None
    commitment_cap: Annotated[
        str | None, Field(description='A money commitment "at most" this much, in euros: "1950.00".')
    ] = None
    commitment_note: Annotated[str | None, Field(max_length=2000)] = None

    @field_validator("commitment_cap", mode="before")
    @classmethod
    def _cap(cls, value: Any) -> Any:
        return parse_cap(value)


class DecisionCreate(DecisionFields):
    """A decision of one organisation's body. Give `version_id` when it decides on a version of an agreement;
    otherwise `area_id` (e.g. a decision on a project's financing in a case's chain of decisions)."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    organisation_id: uuid.UUID
    version_id: uuid.UUID | None = None
    area_id: uuid.UUID | None = None


class DecisionRow(DecisionFields):
    """One party's decision in a batch on a version (one row of the decisions grid)."""

    organisation_id: uuid.UUID


class DecisionBatch(Input):
    """The decisions of several parties on one version sent to them, recorded together: all of them or, when a
    row breaks a rule, none (422, each fault named `decisions.<row>.<field>`)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "version_id": EXAMPLE["version_id"],
        "decisions": [{key: EXAMPLE[key] for key in ("organisation_id", "body", "meeting_date", "section",
                                                     "outcome")}],
    }]})

    version_id: uuid.UUID
    decisions: Annotated[list[DecisionRow], Field(min_length=1, max_length=500)]


class DecisionUpdate(Input):
    """The fields to change; those left out keep their values. The organisation and version stay."""

    model_config = ConfigDict(str_strip_whitespace=True,
                              json_schema_extra={"examples": [{"outcome": "approved_unanimously"}]})

    body: DecisionBody | None = None
    body_name: Annotated[str | None, Field(max_length=200)] = None
    meeting_date: date | None = None
    section: Annotated[int | None, Field(ge=1, le=100000)] = None
    case_number: Annotated[str | None, Field(max_length=60)] = None
    title: Annotated[str | None, Field(max_length=500)] = None
    proposal: Annotated[str | None, Field(max_length=50000)] = None
    outcome: DecisionOutcome | None = None
    decision_text: Annotated[str | None, Field(max_length=50000)] = None
    commitment_cap: str | None = None
    commitment_note: Annotated[str | None, Field(max_length=2000)] = None

    @field_validator("commitment_cap", mode="before")
    @classmethod
    def _cap(cls, value: Any) -> Any:
        return parse_cap(value)


class AgreementRef(BaseModel):
    id: uuid.UUID
    title: str


class VersionRef(BaseModel):
    id: uuid.UUID
    number: int


class DecisionRead(BaseModel):
    id: uuid.UUID
    area: AreaRef
    organisation: OrganisationSummary
    agreement: AgreementRef | None
    agreement_version: VersionRef | None
    body: DecisionBody
    body_name: str | None
    meeting_date: date
    section: int | None
    case_number: str | None
    title: str | None
    proposal: str | None
    outcome: DecisionOutcome
    decision_text: str | None
    commitment_cap: Money | None = Field(None, description='"At most" this much, in euros, e.g. "1950.00".')
    commitment_note: str | None
    version: int
    created_at: datetime
    updated_at: datetime
    version_state: VersionState | None = Field(
        None, description="After recording: the state of the version decided on, on the date `on`."
    )
    allowed_actions: list[str] = Field(default_factory=list, description="update, delete.")


class DecisionBatchRead(BaseModel):
    items: list[DecisionRead] = Field(description="The decisions recorded, in the order sent.")
    version_state: VersionState = Field(description="The version's state on the date `on`, after them.")

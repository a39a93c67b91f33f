import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.config import JsonDict

from api.schemas import Input
from domain.organisations import (
    OrganisationKind,
    check_municipality_code_kind,
    normalise_business_id,
    normalise_municipality_code,
)

Name = Annotated[str, Field(min_length=1, max_length=200)]
OptionalText = Annotated[str | None, Field(max_length=200)]

EXAMPLE: JsonDict = {
    "kind": "municipality",
    "name_fi": "Tampere",
    "name_sv": "Tammerfors",
    "municipality_code": "837",
    "business_id": "0211675-2",
    "street_address": "Aleksis Kiven katu 14-16 C",
    "postal_code": "33210",
    "post_office": "Tampere",
    "region": "Pirkanmaa",
    "wellbeing_county": "Pirkanmaan hyvinvointialue",
    "population": 241009,
}


class OrganisationData(Input):
    """The fields a person edits."""

    model_config = ConfigDict(str_strip_whitespace=True, json_schema_extra={"examples": [EXAMPLE]})

    kind: OrganisationKind = Field(description="What kind of body this is.")
    name_fi: Name = Field(description="Name in Finnish.")
    name_sv: OptionalText = Field(None, description="Name in Swedish, where it has one.")
    municipality_code: str | None = Field(None, description="Three-digit municipality code (municipalities only).")
    business_id: str | None = Field(None, description="Y-tunnus, e.g. 0211675-2; the check digit is verified.")
    street_address: OptionalText = None
    postal_code: Annotated[str | None, Field(pattern=r"^\d{5}$", description="Five digits.")] = None
    post_office: Annotated[str | None, Field(max_length=100)] = None
    region: Annotated[str | None, Field(max_length=100, description="Region (maakunta), e.g. Pirkanmaa.")] = None
    wellbeing_county: OptionalText = None
    population: Annotated[int | None, Field(ge=0, le=10_000_000)] = None


class OrganisationFields(OrganisationData):
    """The fields a person edits, validated by the organisation rules."""

    model_config = ConfigDict(validate_default=True)

    @field_validator("name_sv", "street_address", "post_office", "region", "wellbeing_county", "postal_code",
                     "municipality_code", "business_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("business_id")
    @classmethod
    def _business_id(cls, value: str | None) -> str | None:
        return normalise_business_id(value) if value else None

    @field_validator("municipality_code")
    @classmethod
    def _municipality_code(cls, value: str | None, info: ValidationInfo) -> str | None:
        code = normalise_municipality_code(value) if value else None
        kind = info.data.get("kind")
        if kind is not None:
            check_municipality_code_kind(kind, code)
        return code


class OrganisationCreate(OrganisationFields):
    """A new organisation."""


class OrganisationUpdate(Input):
    """The fields to change; those left out keep their values."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"business_id": "0211675-2"}]})

    kind: OrganisationKind | None = None
    name_fi: Name | None = None
    name_sv: OptionalText = None
    municipality_code: str | None = None
    business_id: str | None = None
    street_address: OptionalText = None
    postal_code: str | None = None
    post_office: str | None = None
    region: str | None = None
    wellbeing_county: OptionalText = None
    population: int | None = None


class OrganisationSummary(BaseModel):
    """An organisation as other resources refer to it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: OrganisationKind
    name_fi: str
    name_sv: str | None
    municipality_code: str | None


READ_EXAMPLE: dict[str, Any] = {
    **EXAMPLE, "id": "9b6a3f0e-4c1d-4e8a-9f3b-2d7c5e1a8b40", "version": 3,
    "created_at": "2025-01-07T08:30:00Z", "updated_at": "2025-03-12T13:05:00Z", "allowed_actions": ["update"],
}


class OrganisationRead(OrganisationData):
    """An organisation as stored."""

    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [READ_EXAMPLE]})

    id: uuid.UUID
    version: int = Field(description="Changes on every update; the ETag carries it.")
    created_at: datetime
    updated_at: datetime
    allowed_actions: list[str] = Field(default_factory=list, description="What the caller may do: update, delete.")

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    ValidationInfo,
    field_validator,
)

from api.organisations.schemas import OrganisationSummary
from api.schemas import Input
from domain.areas import AreaKind, MembershipPeriod

AreaName = Annotated[str, Field(min_length=1, max_length=200)]


class MemberCreate(Input):
    """An organisation joining the area (from a date, until a date or open-ended)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"organisation_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "from_date": "2025-01-01"}]}
    )

    organisation_id: uuid.UUID
    from_date: date
    to_date: date | None = None

    @field_validator("to_date")
    @classmethod
    def _period(cls, to_date: date | None, info: ValidationInfo) -> date | None:
        if "from_date" in info.data:
            MembershipPeriod(info.data["from_date"], to_date)
        return to_date


class MemberUpdate(Input):
    """Change a membership's period, e.g. end it on a date."""


    from_date: date | None = None
    to_date: date | None = None


class MemberRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    organisation: OrganisationSummary
    from_date: date
    to_date: date | None


class SubRegionFields(Input):
    """A sub-region: a name, its member municipalities and its regional coordinator."""

    model_config = ConfigDict(
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"name": "Kuopion seutu", "coordinator_name": "Aluekoordinaattori", "municipality_ids": []}]
        },
    )

    name: AreaName
    coordinator_name: Annotated[str | None, Field(max_length=200, description="Regional coordinator.")] = None
    coordinator_email: EmailStr | None = None
    municipality_ids: list[uuid.UUID] = Field(default_factory=list, description="Member municipalities of the area.")


class SubRegionUpdate(Input):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: AreaName | None = None
    coordinator_name: Annotated[str | None, Field(max_length=200)] = None
    coordinator_email: EmailStr | None = None
    municipality_ids: list[uuid.UUID] | None = None


class SubRegionRead(BaseModel):
    id: uuid.UUID
    name: str
    coordinator_name: str | None
    coordinator_email: str | None
    municipalities: list[OrganisationSummary]


class AreaFields(Input):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: AreaName
    kind: AreaKind
    description: Annotated[str | None, Field(max_length=5000)] = None
    lead_organisation_id: uuid.UUID = Field(description="The lead organisation (vastuukunta).")


class AreaCreate(AreaFields):
    """A new cooperation area, optionally with its first members."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Tampereen seudun työllisyysalue",
                    "kind": "employment_area",
                    "lead_organisation_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                    "members": [{"organisation_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "from_date": "2025-01-01"}],
                }
            ]
        }
    )

    members: list[MemberCreate] = Field(default_factory=list)


class AreaUpdate(Input):
    """The fields to change; those left out keep their values."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"description": "Updated."}]})

    name: AreaName | None = None
    kind: AreaKind | None = None
    description: str | None = None
    lead_organisation_id: uuid.UUID | None = None


class AreaSummary(BaseModel):
    id: uuid.UUID
    name: str
    kind: AreaKind
    lead: OrganisationSummary
    member_count: int
    version: int


class AreaRead(BaseModel):
    id: uuid.UUID
    name: str
    kind: AreaKind
    description: str | None
    lead: OrganisationSummary
    members: list[MemberRead]
    sub_regions: list[SubRegionRead]
    version: int
    created_at: datetime
    updated_at: datetime
    allowed_actions: list[str] = Field(
        default_factory=list, description="What the caller may do: update, manage_members, manage_api_keys, delete."
    )

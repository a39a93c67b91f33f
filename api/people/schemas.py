"""Payloads and answers of the directory of contact persons (yhteyshenkilöt)."""

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from api.organisations.schemas import OrganisationSummary
from api.schemas import Input

Language = Literal["fi", "sv", "en"]


class ContactCreate(Input):
    """A person of an organisation, with or without a login (`user_id`); reminders go to `email` in `language`."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "organisation_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "name": "Maija Meikäläinen",
        "title": "Työllisyyskoordinaattori", "email": "maija.meikalainen@nokiankaupunki.fi", "phone": "+358 40 123 4567",
        "language": "fi"}]})

    organisation_id: uuid.UUID
    name: Annotated[str, Field(min_length=1, max_length=200)]
    title: Annotated[str | None, Field(max_length=200)] = None
    email: EmailStr | None = None
    phone: Annotated[str | None, Field(max_length=50)] = None
    language: Language = "fi"
    user_id: uuid.UUID | None = None


class ContactUpdate(Input):
    name: Annotated[str | None, Field(min_length=1, max_length=200)] = None
    title: Annotated[str | None, Field(max_length=200)] = None
    email: EmailStr | None = None
    phone: Annotated[str | None, Field(max_length=50)] = None
    language: Language | None = None
    user_id: uuid.UUID | None = None


class ContactRead(BaseModel):
    id: uuid.UUID
    organisation: OrganisationSummary
    name: str
    title: str | None
    email: str | None
    phone: str | None
    language: Language
    user_id: uuid.UUID | None
    version: int
    allowed_actions: list[str] = Field(description="update, delete")


class ResponsiblesUpdate(Input):
    """The persons of one holder organisation responsible for a duty (its reminders go to them)."""

    contact_ids: Annotated[list[uuid.UUID], Field(max_length=20)]


class ResponsiblesRead(BaseModel):
    obligation_id: uuid.UUID
    organisation_id: uuid.UUID
    contacts: list[ContactRead]

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from api.schemas import Input
from domain.access import Role, Scope


class TokenRead(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="Seconds until the token ends at the latest (it ends sooner when unused).")


class RoleGrant(Input):
    area_id: uuid.UUID
    role: Role


class AreaRoles(BaseModel):
    area_id: uuid.UUID
    area_name: str
    roles: list[Role]


class MeRead(BaseModel):
    """Who the token belongs to and what they may do."""

    kind: str
    id: uuid.UUID
    label: str
    name: str | None = None
    organisation_id: uuid.UUID | None = None
    organisation_name: str | None = None
    is_admin: bool = False
    areas: list[AreaRoles] = Field(default_factory=list)
    scopes: list[Scope] = Field(default_factory=list)
    allowed_actions: list[str] = Field(default_factory=list, description=(
        "What the caller may start anywhere: create_area, manage_people, import_organisations, create_organisation, "
        "create_agreement, create_cost_plan, change_statistics, add_contact, read_mail."))
    today: date = Field(description="Today in Finland (Europe/Helsinki), the date every state is computed for by default.")


class UserCreate(Input):
    model_config = ConfigDict(
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{
            "email": "koordinaattori@nokiankaupunki.fi", "name": "Nokian koordinaattori",
            "organisation_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "password": "pitkä salasana 2025",
            "roles": [{"area_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "role": "coordinator"}],
        }]},
    )

    email: EmailStr
    name: Annotated[str, Field(min_length=1, max_length=200)]
    organisation_id: uuid.UUID
    password: Annotated[str, Field(min_length=8, max_length=128)]
    is_admin: bool = False
    roles: list[RoleGrant] = Field(default_factory=list)


class UserUpdate(Input):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: Annotated[str | None, Field(min_length=1, max_length=200)] = None
    organisation_id: uuid.UUID | None = None
    password: Annotated[str | None, Field(min_length=8, max_length=128)] = None
    is_admin: bool | None = None
    is_active: bool | None = None
    roles: list[RoleGrant] | None = None


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    name: str
    organisation_id: uuid.UUID
    is_admin: bool
    is_active: bool
    roles: list[RoleGrant]
    version: int


class ApiKeyCreate(Input):
    model_config = ConfigDict(
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"name": "Talousjärjestelmä", "scopes": ["read", "finance"]}]},
    )

    name: Annotated[str, Field(min_length=1, max_length=200)]
    scopes: Annotated[list[Scope], Field(min_length=1)]


class ApiKeyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    area_id: uuid.UUID
    name: str
    scopes: list[Scope]
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The key itself; shown only now. Send it as `Authorization: Bearer <key>`.")

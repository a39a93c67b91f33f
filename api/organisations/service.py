"""Use cases on organisations: they validate, change and flush; the request commits."""

from api.concurrency import require_current
from api.organisations.models import Organisation
from api.organisations.repository import OrganisationRepository
from api.organisations.schemas import (
    OrganisationCreate,
    OrganisationFields,
    OrganisationUpdate,
)
from api.validation import validate_as
from domain.errors import ReferencedElsewhere, ValueTaken
from domain.organisations import search_text

UNIQUE_FIELDS = ("municipality_code", "business_id")


class TakenByOrganisation(ValueTaken):
    code = "organisation.value_taken"
    message = "{value} already belongs to {holder}."


async def check_unique(repository: OrganisationRepository, fields: OrganisationFields, own: Organisation | None) -> None:
    for field in UNIQUE_FIELDS:
        value = getattr(fields, field)
        if value is None:
            continue
        holder = await repository.find_by(**{field: value})
        if holder is not None and holder is not own:
            raise TakenByOrganisation(field, value=value, holder=holder.name_fi)


def apply_fields(organisation: Organisation, fields: OrganisationFields) -> None:
    for name, value in fields.model_dump().items():
        setattr(organisation, name, value)
    organisation.search_text = search_text(fields.name_fi, fields.name_sv)


async def create_organisation(repository: OrganisationRepository, data: OrganisationCreate) -> Organisation:
    await check_unique(repository, data, None)
    organisation = Organisation()
    apply_fields(organisation, data)
    repository.add(organisation)
    await repository.session.flush()
    return organisation


async def update_organisation(
    repository: OrganisationRepository,
    organisation: Organisation,
    changes: OrganisationUpdate,
    if_match: str | None,
) -> Organisation:
    require_current(if_match, organisation.version)
    current = OrganisationFields.model_validate(organisation, from_attributes=True).model_dump()
    merged = validate_as(OrganisationFields, {**current, **changes.model_dump(exclude_unset=True)})
    await check_unique(repository, merged, organisation)
    apply_fields(organisation, merged)
    await repository.session.flush()
    return organisation


async def delete_organisation(
    repository: OrganisationRepository, organisation: Organisation, if_match: str | None
) -> None:
    require_current(if_match, organisation.version, required=False)
    references = await repository.references(organisation.id)
    if references:
        listed = ", ".join(f"{table} ({count})" for table, count in sorted(references.items()))
        raise ReferencedElsewhere(name=organisation.name_fi, references=listed, tables=sorted(references))
    await repository.delete(organisation)
    await repository.session.flush()

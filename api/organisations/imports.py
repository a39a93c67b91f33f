"""Importing a reference file of organisations: a preview first, then the same rows applied."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Query, UploadFile
from pydantic import BaseModel, Field

from api.auth.dependencies import AdminActor
from api.db import SessionDep
from api.organisations.models import Organisation
from api.organisations.repository import OrganisationRepository
from api.problems import FieldError, field_error
from api.settings import get_settings
from api.uploads import read_in_worker, read_upload
from domain.errors import InvalidValue
from domain.files import RowsWithErrors
from domain.organisations import OrganisationKind, search_text
from domain.reference_data import BusinessIdTaken, ReferenceFile, UnknownMunicipality, read_reference_bytes

router = APIRouter(prefix="/organisations/imports", tags=["Organisations"])


class ImportRow(BaseModel):
    line: int = Field(description="Line number in the file (the header is line 1).")
    municipality_code: str | None
    name_fi: str | None
    action: Literal["create", "update", "unchanged", "error"]
    changes: list[str] = Field(description="The fields an update changes.")
    errors: list[FieldError] = Field(description="What is wrong with the row, each with its code.")


class ImportReport(BaseModel):
    """What the file does (preview) or did (applied), row by row."""

    file_kind: Literal["municipalities", "business_ids"]
    applied: bool
    created: int
    updated: int
    unchanged: int
    errors: int
    rows: list[ImportRow]


async def plan_import(
    repository: OrganisationRepository, reference: ReferenceFile
) -> tuple[ImportReport, list, list[tuple[int, list[InvalidValue]]]]:
    """Compare the file with what is stored; returns the report and the changes to make."""
    stored = await repository.by_municipality_code()
    taken_business_ids = {o.business_id: o.municipality_code for o in stored.values() if o.business_id}
    rows, changes = [], []
    failed: list[tuple[int, list[InvalidValue]]] = []
    for row in reference.rows:
        existing = stored.get(row.municipality_code or "")
        errors: list[InvalidValue] = list(row.errors)
        if reference.kind == "business_ids" and existing is None and row.municipality_code and not errors:
            errors.append(UnknownMunicipality("code", municipality_code=row.municipality_code))
        business_id = row.values.get("business_id")
        if (isinstance(business_id, str) and business_id
                and taken_business_ids.get(business_id, row.municipality_code) != row.municipality_code):
            errors.append(BusinessIdTaken("business_id", business_id=business_id,
                                          municipality_code=taken_business_ids[business_id]))
        name = row.values.get("name_fi") or (existing.name_fi if existing else None)
        if errors:
            rows.append(ImportRow(line=row.line, municipality_code=row.municipality_code, name_fi=name or None,
                                  action="error", changes=[], errors=row_errors(errors)))
            failed.append((row.line, errors))
            continue
        changed = [key for key, value in row.values.items() if existing is None or getattr(existing, key) != value]
        action = "create" if existing is None else ("update" if changed else "unchanged")
        rows.append(ImportRow(line=row.line, municipality_code=row.municipality_code, name_fi=name or None,
                              action=action, changes=changed if existing else [], errors=[]))
        if action != "unchanged":
            changes.append((existing, row))
    counts = {action: sum(1 for r in rows if r.action == action) for action in ("create", "update", "unchanged", "error")}
    report = ImportReport(
        file_kind=reference.kind, applied=False, created=counts["create"], updated=counts["update"],
        unchanged=counts["unchanged"], errors=counts["error"], rows=rows,
    )
    return report, changes, failed


def row_errors(errors: list[InvalidValue]) -> list[FieldError]:
    return [field_error(problem, "file") for error in errors for problem in error.field_problems]


async def import_reference_file(repository: OrganisationRepository, content: bytes, apply: bool) -> ImportReport:
    """Preview (apply=False) or apply a reference file; a file with any bad row changes nothing."""
    reference = await read_in_worker(read_reference_bytes, content)
    report, changes, failed = await plan_import(repository, reference)
    if not apply:
        return report
    if failed:
        raise RowsWithErrors(failed)
    for existing, row in changes:
        organisation = existing or Organisation(kind=OrganisationKind.MUNICIPALITY, municipality_code=row.municipality_code)
        for key, value in row.values.items():
            setattr(organisation, key, value)
        organisation.search_text = search_text(organisation.name_fi, organisation.name_sv)
        if existing is None:
            repository.add(organisation)
    await repository.session.flush()
    return report.model_copy(update={"applied": True})


def repository(session: SessionDep) -> OrganisationRepository:
    return OrganisationRepository(session)


@router.post(
    "",
    summary="Import a reference file of organisations",
    response_model=ImportReport,
    responses={413: {"description": "The file is larger than 5 MB."},
               422: {"description": "Unreadable file or rows with errors."}},
)
async def import_organisations(
    _: AdminActor,
    repo: Annotated[OrganisationRepository, Depends(repository)],
    file: Annotated[UploadFile, File(description="CSV: code,name_fi,name_sv,…,population_2020 or code,name_fi,business_id.")],
    apply: Annotated[bool, Query(description="false: only preview; true: import (all rows or none).")] = False,
) -> ImportReport:
    """Installation admins only. Statistics Finland's municipality list (creates or updates municipalities by code) or a list of
    Y-tunnus by municipality code. Without `apply=true` nothing is saved: the answer is the preview."""
    return await import_reference_file(repo, await read_upload(file, get_settings().csv_max_mb), apply)

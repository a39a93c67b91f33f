"""Agreements (sopimukset) and their versions. Reads of published versions are public; changes need a token."""

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status

from api.agreements import access, listing, service
from api.agreements.dependencies import (
    ManagedAgreement,
    OnDate,
    PartiesAgreement,
    RepositoryDep,
)
from api.agreements.models import AgreementVersion
from api.agreements.repository import AgreementRepository
from api.agreements.responses import organisation_summary
from api.agreements.schemas import (
    AgreementCreate,
    AgreementKind,
    AgreementRead,
    AgreementSummary,
    AgreementUpdate,
    AmendmentCreate,
    AnnexRead,
    ImportPreviewRead,
    ImportText,
    LinkAnnexCreate,
    NoticeCreate,
    NoticePreview,
    RedlineRead,
    SendData,
    SignatureCreate,
    VersionRead,
    VersionSummary,
    VersionUpdate,
)
from api.auth.dependencies import CurrentActor, OptionalActor, requires
from api.clock import Today
from api.concurrency import IfMatch, set_etag
from api.obligations import service as obligations
from api.obligations.repository import ObligationRepository
from api.pagination import Page, PageParams
from api.settings import get_settings
from api.uploads import attachment, read_upload
from domain import access as access_rules
from domain.access import Actor, Permission
from domain.agreements import AnnexIsLink, ImportPreview, NothingToCompare, NothingToImport, VersionStatus
from domain.errors import NotFound

TAG = "Agreements"
public_router = APIRouter(prefix="/agreements", tags=[TAG])
router = APIRouter(prefix="/agreements", tags=[TAG], dependencies=[requires(Permission.WRITE)])

READ_PROBLEMS: dict[int | str, dict[str, Any]] = {404: {"description": "No such agreement, or it is a draft you may not see."}}


async def respond_agreement(repo: RepositoryDep, agreement_id: uuid.UUID, actor: Actor | None, on: date,
                            response: Response, with_version: bool = False) -> AgreementRead:
    agreement = await service.visible_agreement(repo, agreement_id, actor)
    current = await service.view(repo, agreement, actor, on)
    set_etag(response, agreement.version)
    read = current.read(await repo.incoming_links(agreement.id))
    if with_version and (shown := current.shown_version()) is not None:
        read.shown_version = current.version_read(shown)
    return read


async def respond_version(repo: RepositoryDep, agreement_id: uuid.UUID, version_id: uuid.UUID, actor: Actor | None,
                          on: date, response: Response) -> VersionRead:
    agreement = await service.visible_agreement(repo, agreement_id, actor)
    version = service.find_version(agreement, version_id, actor)
    current = await service.view(repo, agreement, actor, on)
    set_etag(response, version.version)
    return current.version_read(version)


# --- public reads ------------------------------------------------------------------------------------


@public_router.get("", summary="List agreements", response_model=Page[AgreementSummary])
async def list_agreements(
    actor: OptionalActor,
    repo: RepositoryDep,
    on: OnDate,
    params: Annotated[PageParams, Depends(listing.SORTING.page_params)],
    area_id: Annotated[uuid.UUID | None, Query(description="Only this area's agreements.")] = None,
    kind: Annotated[AgreementKind | None, Query(description="Only this kind.")] = None,
    status_: Annotated[
        VersionStatus | None, Query(alias="status", description="Only agreements with this status on `on`.")
    ] = None,
    party_id: Annotated[uuid.UUID | None, Query(description="Only agreements this organisation is a party of.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the title.")] = None,
    awaiting: Annotated[bool, Query(description="Only agreements with a version awaiting decisions on `on`.")] = False,
) -> Page[AgreementSummary]:
    """Agreements in title order (or as `sort` and `order` ask) with their status on `on`. Published agreements
    are public; drafts are listed only to the people and keys of their area."""
    visible = None if actor is None else actor.visible_areas
    statement = repo.filtered(visible=visible if actor is not None else set(), published_only_outside=True,
                              area_id=area_id, kind=kind.value if kind else None, party_id=party_id, query=q)
    if awaiting:
        statement = listing.awaiting_on(statement, actor, on)
    items, next_cursor = await listing.summaries(repo.session, statement, params, actor, on, status_)
    return Page(items=items, next_cursor=next_cursor)


@public_router.get("/{agreement_id}", summary="Get an agreement", response_model=AgreementRead,
                   responses=READ_PROBLEMS)
async def get_agreement(
    agreement_id: uuid.UUID, actor: OptionalActor, repo: RepositoryDep, on: OnDate, response: Response,
    with_version: Annotated[bool, Query(description="Also the version to show, whole (`shown_version`).")] = False,
) -> AgreementRead:
    """The agreement on `on`: its parties, versions with their states, the parties × versions matrix of
    decisions, and the notices given with the day each party's participation ends."""
    return await respond_agreement(repo, agreement_id, actor, on, response, with_version)


@public_router.get("/{agreement_id}/versions", summary="List an agreement's versions",
                   response_model=list[VersionSummary], responses=READ_PROBLEMS)
async def list_versions(agreement_id: uuid.UUID, actor: OptionalActor, repo: RepositoryDep, on: OnDate
                        ) -> list[VersionSummary]:
    """The version timeline, oldest first, each with its state on `on`."""
    agreement = await service.visible_agreement(repo, agreement_id, actor)
    current = await service.view(repo, agreement, actor, on)
    return [current.summary_of(v) for v in current.visible]


@public_router.get("/{agreement_id}/versions/{version_id}", summary="Get a version", response_model=VersionRead,
                   responses=READ_PROBLEMS)
async def get_version(agreement_id: uuid.UUID, version_id: uuid.UUID, actor: OptionalActor, repo: RepositoryDep,
                      on: OnDate, response: Response) -> VersionRead:
    """The version's sections, parties with their standing, annexes, decisions and state on `on`; a rejected
    version names the parties that block it and their decisions."""
    return await respond_version(repo, agreement_id, version_id, actor, on, response)


@public_router.get("/{agreement_id}/versions/{version_id}/annexes/{annex_id}/content",
                   summary="Download an annex", responses={200: {"content": {"application/octet-stream": {}}},
                                                           **READ_PROBLEMS})
async def download_annex(agreement_id: uuid.UUID, version_id: uuid.UUID, annex_id: uuid.UUID, actor: OptionalActor,
                         repo: RepositoryDep) -> Response:
    """The uploaded file of an annex (a link annex has no file: its `url` is the annex)."""
    agreement = await service.visible_agreement(repo, agreement_id, actor)
    version = service.find_version(agreement, version_id, actor)
    if annex_id not in {a.id for a in version.annexes}:
        raise NotFound("annex", annex_id)
    annex = await repo.annex_content(annex_id)
    if annex is None or annex.content is None:
        raise AnnexIsLink()
    return Response(annex.content, media_type=annex.media_type or "application/octet-stream",
                    headers={"Content-Disposition": attachment(annex.filename or "liite")})


@public_router.get("/{agreement_id}/redline", summary="Compare two versions (tracked changes)",
                   response_model=RedlineRead,
                   responses={**READ_PROBLEMS, 409: {"description": "The agreement has only one version: nothing to compare."}})
async def get_redline(
    agreement_id: uuid.UUID, actor: OptionalActor, repo: RepositoryDep, on: OnDate,
    old: Annotated[uuid.UUID | None, Query(description="The older version; default: the one `new` amends.")] = None,
    new: Annotated[uuid.UUID | None, Query(description="The newer version; default: the newest one.")] = None,
) -> RedlineRead:
    """Any two versions compared section by section ("muutokset näkyvissä"): sections added, removed, renamed
    or moved, and inside each the words added (`insert`) and removed (`delete`). For those who read the area,
    `obligations` compares the versions' duties by lineage: added, changed (which fields) and removed, and the
    parties whose duties begin or end on the day the newer version comes into force (null for others)."""
    agreement = await service.visible_agreement(repo, agreement_id, actor)
    current = await service.view(repo, agreement, actor, on)
    visible = current.visible
    if len(visible) < 2 and (old is None or new is None):
        raise NothingToCompare()
    newer = service.find_version(agreement, new, actor) if new else visible[-1]
    older = service.find_version(agreement, old, actor) if old else default_base(newer, visible)
    changes = service.redline(older, newer).to_dict()
    duties = None
    if access_rules.may_read_area(actor, agreement.area_id):
        duties = await obligations.changes_between(
            ObligationRepository(repo.session), older, newer, current.area.lead_organisation_id,
            current.state.of(newer.id).in_force_from, actor)
    return RedlineRead(agreement_id=agreement.id, old=current.summary_of(older), new=current.summary_of(newer),
                       summary=changes["summary"], sections=changes["sections"], obligations=duties)


def default_base(newer: AgreementVersion, visible: list[AgreementVersion]) -> AgreementVersion:
    by_id = {v.id: v for v in visible}
    if newer.amends_id in by_id:
        return by_id[newer.amends_id]
    earlier = [v for v in visible if v.number < newer.number]
    if not earlier:
        later = [v for v in visible if v.number > newer.number]
        if not later:
            raise NothingToCompare()
        return later[0]
    return earlier[-1]


# --- import ------------------------------------------------------------------------------------------------


@router.post("/import-preview", summary="Preview an imported agreement text", response_model=ImportPreviewRead,
             responses={413: {"description": "Larger than 10 MB, or unpacking to or holding more text than the limits."},
                        415: {"description": "Not text, .docx or PDF."},
                        422: {"description": "Not a valid document, too complex, or reading it took too long."},
                        503: {"description": "Too many files are being read; try again after Retry-After."}})
async def import_preview(
    repo: RepositoryDep,
    file: Annotated[UploadFile | None, File(description="A .txt (UTF-8), .docx or .pdf file.")] = None,
    text: Annotated[str | None, Form(max_length=2_000_000, description="Or the text pasted.")] = None,
    area_id: Annotated[uuid.UUID | None, Form(description="Propose as parties the members of this area the text "
                                                          "names.")] = None,
) -> ImportPreviewRead:
    """Reads a document into its numbered sections (title, paragraphs, bullet lists), repairing PDF damage
    such as the ligatures `Ɵ` → ti, `Ʃ` → tt, `ƫ` → tti. Nothing is saved: create the agreement (or update a
    draft) with the sections you accept. Send `multipart/form-data` with `file` or `text`.

    The document is read in a worker process within limits (README, "Uploads"): a file larger than 10 MB, a
    .docx unpacking to more than 30 MB or a text longer than 2 000 000 characters is refused with 413; a .docx
    of more than 1 000 parts, a PDF of more than 500 pages, a reading that takes longer than 20 s or needs more
    than 1 GB of memory, with 422."""
    if file is not None and file.filename:
        data = await read_upload(file, get_settings().upload_max_mb)
        preview = await service.import_preview(data, file.filename, file.content_type)
    elif text and text.strip():
        preview = await service.import_pasted(text)
    else:
        raise NothingToImport("file")
    return await preview_read(repo, preview, area_id)


@router.post("/import-preview/text", summary="Preview a pasted agreement text", response_model=ImportPreviewRead)
async def import_preview_text(data: ImportText, repo: RepositoryDep) -> ImportPreviewRead:
    """The same as the file preview, for text sent as JSON."""
    return await preview_read(repo, await service.import_pasted(data.text), data.area_id)


async def preview_read(repo: AgreementRepository, preview: ImportPreview, area_id: uuid.UUID | None
                       ) -> ImportPreviewRead:
    read = ImportPreviewRead.model_validate(preview.to_dict())
    if area_id is not None:
        read.proposed_party_ids = await service.proposed_party_ids(repo, area_id, preview)
    return read


# --- changes: agreements ----------------------------------------------------------------------------------


@router.post("", summary="Create an agreement", status_code=status.HTTP_201_CREATED, response_model=AgreementRead)
async def create_agreement(actor: CurrentActor, data: AgreementCreate, repo: RepositoryDep, on: OnDate,
                           response: Response) -> AgreementRead:
    """A new agreement of an area with its first version as a draft (e.g. the sections of an import preview).
    The area's admins create agreements."""
    access.authorize_manage(actor, data.area_id)
    agreement = await service.create_agreement(repo, data)
    response.headers["Location"] = f"/api/v1/agreements/{agreement.id}"
    return await respond_agreement(repo, agreement.id, actor, on, response)


@router.patch("/{agreement_id}", summary="Update an agreement", response_model=AgreementRead)
async def update_agreement(agreement: ManagedAgreement, changes: AgreementUpdate, repo: RepositoryDep,
                           if_match: IfMatch, actor: CurrentActor, on: OnDate, response: Response) -> AgreementRead:
    """Title, kind, description, statutes and links to other agreements; needs `If-Match`."""
    await service.update_agreement(repo, agreement, changes, if_match)
    return await respond_agreement(repo, agreement.id, actor, on, response)


@router.delete("/{agreement_id}", summary="Delete an unpublished agreement", status_code=status.HTTP_204_NO_CONTENT)
async def delete_agreement(agreement: ManagedAgreement, repo: RepositoryDep, if_match: IfMatch) -> Response:
    """Only an agreement never sent to its parties can be deleted."""
    await service.delete_agreement(repo, agreement, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- changes: versions ------------------------------------------------------------------------------------


@router.post("/{agreement_id}/versions", summary="Start an amendment", status_code=status.HTTP_201_CREATED,
             response_model=VersionRead)
async def start_amendment(agreement: ManagedAgreement, data: AmendmentCreate, repo: RepositoryDep,
                          actor: CurrentActor, on: OnDate, today: Today, response: Response) -> VersionRead:
    """A new draft copied from the version in force on `on` (its text, rule, notice period and the parties still
    in it), with the reasons for the change. Its obligations are carried over as copies (same `lineage_id`) with
    no instances: a draft binds no one. From the day it comes into force its copies hold the duties' periods, the
    version it amends holds them until the day before."""
    version = await service.start_amendment(repo, agreement, data.reasons, on)
    await obligations.sync_agreement(ObligationRepository(repo.session), agreement.id, today)
    response.headers["Location"] = f"/api/v1/agreements/{agreement.id}/versions/{version.id}"
    return await respond_version(repo, agreement.id, version.id, actor, on, response)


@router.patch("/{agreement_id}/versions/{version_id}", summary="Edit a draft", response_model=VersionRead)
async def update_version(agreement: ManagedAgreement, version_id: uuid.UUID, changes: VersionUpdate,
                         repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor, on: OnDate,
                         response: Response) -> VersionRead:
    """Only a draft can be edited (409 once sent); needs the version's `If-Match`."""
    version = service.find_version(agreement, version_id, actor)
    await service.update_version(repo, agreement, version, changes, if_match)
    return await respond_version(repo, agreement.id, version_id, actor, on, response)


@router.delete("/{agreement_id}/versions/{version_id}", summary="Delete a draft",
               status_code=status.HTTP_204_NO_CONTENT)
async def delete_version(agreement: ManagedAgreement, version_id: uuid.UUID, repo: RepositoryDep,
                         if_match: IfMatch, actor: CurrentActor) -> Response:
    """A draft amendment that will not go ahead."""
    await service.delete_version(repo, agreement, service.find_version(agreement, version_id, actor), if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{agreement_id}/versions/{version_id}/send", summary="Send a draft to the parties",
             response_model=VersionRead)
async def send_version(agreement: ManagedAgreement, version_id: uuid.UUID, data: SendData, repo: RepositoryDep,
                       if_match: IfMatch, actor: CurrentActor, on: OnDate, today: Today, response: Response
                       ) -> VersionRead:
    """Freezes the draft and sends it to the parties for decision on `sent_on` (default: `on`). Needs at least
    two parties and one section; the parties listed now are the ones whose decisions count."""
    version = service.find_version(agreement, version_id, actor)
    await service.send_version(repo, agreement, version, data.sent_on or on, if_match)
    await obligations.sync_agreement(ObligationRepository(repo.session), agreement.id, today)
    return await respond_version(repo, agreement.id, version_id, actor, on, response)


@router.post("/{agreement_id}/versions/{version_id}/annexes", summary="Add a link annex",
             status_code=status.HTTP_201_CREATED, response_model=AnnexRead)
async def add_link_annex(agreement: ManagedAgreement, version_id: uuid.UUID, data: LinkAnnexCreate,
                         repo: RepositoryDep, actor: CurrentActor) -> AnnexRead:
    """An annex kept elsewhere, by its address; drafts only."""
    annex = await service.add_link_annex(repo, agreement, service.find_version(agreement, version_id, actor), data)
    return AnnexRead(id=annex.id, title=annex.title, kind="link", url=annex.url, filename=None, media_type=None,
                     size=None)


@router.post("/{agreement_id}/versions/{version_id}/annexes/files", summary="Upload a file annex",
             status_code=status.HTTP_201_CREATED, response_model=AnnexRead,
             responses={413: {"description": "Larger than 10 MB."}})
async def add_file_annex(agreement: ManagedAgreement, version_id: uuid.UUID, repo: RepositoryDep,
                         actor: CurrentActor, file: Annotated[UploadFile, File()],
                         title: Annotated[str, Form(max_length=500)] = "") -> AnnexRead:
    """An uploaded annex (e.g. the cost-sharing annex as PDF), at most 10 MB; drafts only."""
    content = await read_upload(file, get_settings().upload_max_mb)
    annex = await service.add_file_annex(repo, agreement, service.find_version(agreement, version_id, actor),
                                         title.strip(), file.filename or "liite", file.content_type or "", content)
    return AnnexRead(id=annex.id, title=annex.title, kind="file", url=None, filename=annex.filename,
                     media_type=annex.media_type, size=annex.size)


@router.delete("/{agreement_id}/versions/{version_id}/annexes/{annex_id}", summary="Remove an annex",
               status_code=status.HTTP_204_NO_CONTENT)
async def delete_annex(agreement: ManagedAgreement, version_id: uuid.UUID, annex_id: uuid.UUID,
                       repo: RepositoryDep, actor: CurrentActor) -> Response:
    """Drafts only."""
    await service.delete_annex(repo, agreement, service.find_version(agreement, version_id, actor), annex_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{agreement_id}/versions/{version_id}/signatures", summary="Record a party's signature",
             status_code=status.HTTP_201_CREATED, response_model=VersionRead)
async def add_signature(agreement: PartiesAgreement, version_id: uuid.UUID, data: SignatureCreate,
                        repo: RepositoryDep, actor: CurrentActor, on: OnDate, today: Today, response: Response
                        ) -> VersionRead:
    """For the rule "on signature": the party's coordinators or the area's admins record that it signed."""
    access.authorize_act_for(actor, agreement.area_id, data.organisation_id, "agreements", agreement.id)
    version = service.find_version(agreement, version_id, actor)
    await service.add_signature(repo, agreement, version, data)
    await obligations.sync_agreement(ObligationRepository(repo.session), agreement.id, today)
    return await respond_version(repo, agreement.id, version_id, actor, on, response)


# --- changes: notices ------------------------------------------------------------------------------------------


@router.post("/{agreement_id}/notices", summary="Give notice", status_code=status.HTTP_201_CREATED,
             response_model=AgreementRead)
async def give_notice(agreement: PartiesAgreement, data: NoticeCreate, repo: RepositoryDep, actor: CurrentActor,
                      on: OnDate, today: Today, response: Response) -> AgreementRead:
    """A party gives notice on `given_on`; it stays a party until that day plus the notice period of the
    version in force (calendar months: 31.8. + 6 months = 28.2. or 29.2.). It holds none of the agreement's
    obligations due after its last day."""
    access.authorize_act_for(actor, agreement.area_id, data.organisation_id, "agreements", agreement.id)
    await service.give_notice(repo, agreement, data)
    await obligations.sync_agreement(ObligationRepository(repo.session), agreement.id, today)
    return await respond_agreement(repo, agreement.id, actor, on, response)


@router.post("/{agreement_id}/notices/preview", summary="Preview a notice", response_model=NoticePreview)
async def preview_notice(agreement: PartiesAgreement, data: NoticeCreate, repo: RepositoryDep, actor: CurrentActor
                         ) -> NoticePreview:
    """What giving this notice would do, refused as giving it would be (403, 409, 422) and recorded nowhere: the
    party's last day as a party, for a person to confirm before the notice is given."""
    access.authorize_act_for(actor, agreement.area_id, data.organisation_id, "agreements", agreement.id)
    planned = await service.planned_notice(repo, agreement, data)
    organisation = (await repo.organisations.by_ids([data.organisation_id]))[data.organisation_id]
    return NoticePreview(organisation=organisation_summary(organisation), given_on=data.given_on,
                         notice_months=planned.notice_months, ends_on=planned.ends_on,
                         ends_agreement=planned.ends_agreement)


@router.delete("/{agreement_id}/notices/{notice_id}", summary="Withdraw a notice",
               status_code=status.HTTP_204_NO_CONTENT)
async def withdraw_notice(agreement: PartiesAgreement, notice_id: uuid.UUID, repo: RepositoryDep,
                          if_match: IfMatch, actor: CurrentActor, today: Today) -> Response:
    """A notice recorded by mistake, or withdrawn by agreement: the party holds its obligations again."""
    notice = service.find_notice(agreement, notice_id)
    access.authorize_act_for(actor, agreement.area_id, notice.organisation_id, "agreements", agreement.id)
    await service.withdraw_notice(repo, agreement, notice, if_match)
    await obligations.sync_agreement(ObligationRepository(repo.session), agreement.id, today)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

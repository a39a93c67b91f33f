"""Obligations (velvoitteet) of agreement versions and their instances: who owes what, by when, with evidence.

They are read by the people and keys of the agreement's area; the area's admins write the duties; a party's own
coordinators mark its instances done (with evidence) or not applicable.
"""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status

from api.agreements.dependencies import OnDate
from api.agreements.models import Agreement
from api.auth.dependencies import CurrentActor, requires
from api.clock import Today
from api.concurrency import IfMatch, set_etag
from api.db import SessionDep
from api.obligations import service
from api.obligations.repository import INSTANCE_SORTING, OBLIGATION_SORTING, ObligationRepository
from api.obligations.schemas import (
    InstanceDetail,
    InstanceRead,
    MarkCreate,
    ObligationCreate,
    ObligationMatrix,
    ObligationRead,
    ObligationUpdate,
    SuggestionRead,
)
from api.pagination import Page, PageParams
from api.schemas import IsoDate
from api.settings import get_settings
from api.uploads import attachment, read_upload
from domain import access as access_rules
from domain.access import Actor, Permission
from domain.errors import NotFound
from domain.obligations import InstanceStatus, MarkKind, ObligationKind


def repository(session: SessionDep) -> ObligationRepository:
    return ObligationRepository(session)


Repo = Annotated[ObligationRepository, Depends(repository)]
TAG = "Obligations"
router = APIRouter(tags=[TAG])
writes = APIRouter(tags=[TAG], dependencies=[requires(Permission.WRITE)])


async def readable_version(repo: ObligationRepository, version_id: uuid.UUID, actor: Actor) -> service.VersionContext:
    context = await service.version_context(repo, version_id)
    if not access_rules.may_read_area(actor, context.area_id):
        raise NotFound("version", version_id)
    return context


async def respond(repo: ObligationRepository, obligation_id: uuid.UUID, actor: Actor, response: Response
                  ) -> ObligationRead:
    obligation = await service.obligation_or_404(repo, obligation_id, actor)
    set_etag(response, obligation.version)
    return (await service.obligation_reads(repo, [obligation], actor))[0]


@router.get("/obligations", summary="List obligations", response_model=Page[ObligationRead])
async def list_obligations(
    actor: CurrentActor, repo: Repo, params: Annotated[PageParams, Depends(OBLIGATION_SORTING.page_params)],
    area_id: Annotated[uuid.UUID | None, Query()] = None,
    agreement_id: Annotated[uuid.UUID | None, Query()] = None,
    version_id: Annotated[uuid.UUID | None, Query()] = None,
    kind: Annotated[ObligationKind | None, Query()] = None,
) -> Page[ObligationRead]:
    """The duties of the areas the caller reads, in title order."""
    rows, next_cursor = await repo.page(params, areas=actor.visible_areas, area_id=area_id,
                                        agreement_id=agreement_id, version_id=version_id,
                                        kind=kind.value if kind else None)
    return Page(items=await service.obligation_reads(repo, rows, actor), next_cursor=next_cursor)


@writes.post("/obligations", summary="Add an obligation", status_code=status.HTTP_201_CREATED,
             response_model=ObligationRead)
async def create_obligation(actor: CurrentActor, data: ObligationCreate, repo: Repo, today: Today,
                            response: Response) -> ObligationRead:
    """A duty of a version, pointing to its clause, with its holders and schedule (the area's admins). Its
    instances, one per holder and period, are written at once up to the end of next year; a due date on a
    weekend or a Finnish public holiday moves to the next working day. A draft's duties have none until it is sent
    (a first version) or comes into force (an amendment): a draft binds no one."""
    obligation = await service.create_obligation(repo, actor, data, today)
    response.headers["Location"] = f"/api/v1/obligations/{obligation.id}"
    return await respond(repo, obligation.id, actor, response)


@router.get("/obligations/suggestions", summary="Propose obligations from a version's text",
            response_model=list[SuggestionRead])
async def suggest_obligations(actor: CurrentActor, repo: Repo, today: Today,
                              version_id: Annotated[uuid.UUID, Query()]) -> list[SuggestionRead]:
    """The duties the version's clauses write by the Finnish patterns of duty ("Kukin sopijakunta nimeää …",
    "Osapuolet sitoutuvat …", "Tampere vastuukuntana vastaa …", "jokainen luovutus on arvioitava etukäteen"),
    with the holders and exceptions read from the text, for a person to accept (POST /obligations), edit or
    discard. Nothing is saved."""
    await readable_version(repo, version_id, actor)
    return await service.suggestions(repo, version_id, today)


@router.get("/obligations/matrix", summary="Parties × obligations of an agreement", response_model=ObligationMatrix)
async def obligation_matrix(
    actor: CurrentActor, repo: Repo, on: OnDate, today: Today, agreement_id: Annotated[uuid.UUID, Query()],
    version_id: Annotated[uuid.UUID | None, Query(description="Default: the latest version sent.")] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="Default: the year of `on`.")] = None,
) -> ObligationMatrix:
    """Each party's standing on each duty of the version in the year, on `on`: its most pressing instance's status
    (overdue, open, done, not applicable), and who holds it for the party where that is someone else (a lead).
    A draft's duties have no instances (null in every cell): `owed` says whether the version's duties are owed,
    and `owed_from` / `owed_until` which periods it holds (an amendment from the day it comes into force)."""
    agreement = await repo.session.get(Agreement, agreement_id)
    if agreement is None or not access_rules.may_read_area(actor, agreement.area_id):
        raise NotFound("agreement", agreement_id)
    return await service.matrix(repo, agreement, version_id, year or on.year, on, actor, today)


@router.get("/obligations/{obligation_id}", summary="Get an obligation", response_model=ObligationRead)
async def get_obligation(obligation_id: uuid.UUID, actor: CurrentActor, repo: Repo, response: Response
                         ) -> ObligationRead:
    return await respond(repo, obligation_id, actor, response)


@writes.patch("/obligations/{obligation_id}", summary="Change an obligation", response_model=ObligationRead)
async def update_obligation(obligation_id: uuid.UUID, data: ObligationUpdate, actor: CurrentActor, repo: Repo,
                            if_match: IfMatch, today: Today, response: Response) -> ObligationRead:
    """Needs `If-Match`. The instances follow the new holders and schedule; a marked one no longer held keeps its
    history but leaves the lists."""
    obligation = await service.obligation_or_404(repo, obligation_id, actor)
    service.access.authorize_manage(actor, obligation.area_id)
    await service.update_obligation(repo, obligation, data, if_match, today)
    return await respond(repo, obligation_id, actor, response)


@writes.delete("/obligations/{obligation_id}", summary="Remove an obligation", status_code=status.HTTP_204_NO_CONTENT)
async def delete_obligation(obligation_id: uuid.UUID, actor: CurrentActor, repo: Repo, if_match: IfMatch
                            ) -> Response:
    """Needs `If-Match`; its instances and their marks go with it."""
    obligation = await service.obligation_or_404(repo, obligation_id, actor)
    service.access.authorize_manage(actor, obligation.area_id)
    await service.delete_obligation(repo, obligation, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/obligation-instances", summary="List obligation instances", response_model=Page[InstanceRead])
async def list_instances(
    actor: CurrentActor, repo: Repo, on: OnDate, params: Annotated[PageParams, Depends(INSTANCE_SORTING.page_params)],
    area_id: Annotated[uuid.UUID | None, Query()] = None,
    agreement_id: Annotated[uuid.UUID | None, Query()] = None,
    obligation_id: Annotated[uuid.UUID | None, Query()] = None,
    holder_id: Annotated[uuid.UUID | None, Query(description="What this organisation owes.")] = None,
    status_: Annotated[list[InstanceStatus] | None, Query(alias="status", description="Statuses on `on`.")] = None,
    due_after: Annotated[IsoDate | None, Query(description="Due on or after this date.")] = None,
    due_before: Annotated[IsoDate | None, Query(description="Due on or before this date.")] = None,
) -> Page[InstanceRead]:
    """Each holder's duty per period in order of due date, with its status on `on` (overdue is computed, never
    stored): `status=overdue` is the overdue list, `holder_id` "what we owe"."""
    rows, next_cursor = await repo.instances.page(
        params, on=on, areas=actor.visible_areas, area_id=area_id, agreement_id=agreement_id,
        obligation_id=obligation_id, holder_id=holder_id, statuses=[s.value for s in status_ or []],
        due_after=due_after, due_before=due_before)
    return Page(items=[service.instance_read(row, actor, on) for row in rows], next_cursor=next_cursor)


@router.get("/obligation-instances/{instance_id}", summary="Get an obligation instance",
            response_model=InstanceDetail)
async def get_instance(instance_id: uuid.UUID, actor: CurrentActor, repo: Repo, on: OnDate, response: Response
                       ) -> InstanceDetail:
    """The instance with every mark made on it, oldest first."""
    row = await service.instance_or_404(repo, instance_id, actor)
    set_etag(response, row.version)
    return await service.instance_detail(repo, row, actor, on)


@writes.post("/obligation-instances/{instance_id}/marks", summary="Mark an obligation instance",
             status_code=status.HTTP_201_CREATED, response_model=InstanceDetail)
async def mark_instance(instance_id: uuid.UUID, data: MarkCreate, actor: CurrentActor, repo: Repo, on: OnDate,
                        today: Today, if_match: IfMatch, response: Response) -> InstanceDetail:
    """Done (with a note, a link or a recorded decision as evidence), not applicable (with a reason), or
    reopened; by the holder's own coordinators or the area's admins. Needs `If-Match`: of two people marking at
    once, the second gets 412. A marked instance is reopened before it is marked again (409)."""
    row = await service.instance_or_404(repo, instance_id, actor)
    await service.mark_instance(repo, actor, row, data, if_match, today)
    row = await service.instance_or_404(repo, instance_id, actor)
    set_etag(response, row.version)
    return await service.instance_detail(repo, row, actor, on)


@writes.post("/obligation-instances/{instance_id}/evidence", summary="Mark an obligation instance done with a file",
             status_code=status.HTTP_201_CREATED, response_model=InstanceDetail,
             responses={413: {"description": "Larger than the upload limit."}})
async def add_evidence(instance_id: uuid.UUID, actor: CurrentActor, repo: Repo, on: OnDate, today: Today,
                       if_match: IfMatch, response: Response, file: Annotated[UploadFile, File()],
                       note: Annotated[str, Form(max_length=5000)] = "") -> InstanceDetail:
    """The instance marked done with a file as its evidence (e.g. the minutes naming the coordination group)."""
    row = await service.instance_or_404(repo, instance_id, actor)
    content = await read_upload(file, get_settings().upload_max_mb)
    await service.mark_instance(repo, actor, row, MarkCreate(kind=MarkKind.DONE, note=note.strip() or None),
                                if_match, today, service.Evidence(file.filename or "liite", file.content_type or "",
                                                                  content))
    row = await service.instance_or_404(repo, instance_id, actor)
    set_etag(response, row.version)
    return await service.instance_detail(repo, row, actor, on)


@router.get("/obligation-instances/{instance_id}/marks/{mark_id}/file", summary="Download a mark's evidence file",
            responses={200: {"content": {"application/octet-stream": {}}}}, response_class=Response)
async def evidence_file(instance_id: uuid.UUID, mark_id: uuid.UUID, actor: CurrentActor, repo: Repo) -> Response:
    await service.instance_or_404(repo, instance_id, actor)
    mark = await repo.instances.mark(mark_id)
    if mark is None or mark.instance_id != instance_id or mark.file_content is None:
        raise NotFound("file", mark_id)
    return Response(mark.file_content, media_type=mark.file_type or "application/octet-stream",
                    headers={"Content-Disposition": attachment(mark.file_name or "liite")})



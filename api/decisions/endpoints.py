"""Decisions (päätökset) of the parties' bodies. They are public documents: anyone reads them; a decision is
recorded by its organisation's coordinators or the area's admins."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.agreements.dependencies import OnDate, RepositoryDep
from api.agreements.repository import AgreementRepository
from api.auth.dependencies import CurrentActor, OptionalActor, requires
from api.clock import Today
from api.concurrency import IfMatch, set_etag
from api.decisions import service
from api.decisions.repository import SORTING
from api.decisions.schemas import (
    DecisionBatch,
    DecisionBatchRead,
    DecisionBody,
    DecisionCreate,
    DecisionRead,
    DecisionUpdate,
)
from api.obligations import service as obligations
from api.obligations.repository import ObligationRepository
from api.pagination import Page, PageParams
from api.schemas import IsoDate
from domain.access import Actor, Permission

TAG = "Decisions"
public_router = APIRouter(prefix="/decisions", tags=[TAG])
router = APIRouter(prefix="/decisions", tags=[TAG], dependencies=[requires(Permission.WRITE)])


async def keep_duties_in_step(repo: AgreementRepository, agreement_id: uuid.UUID | None, today: date) -> None:
    """A decision on a version can bring it into force, or take that back: the agreement's obligations follow
    (an amendment's copies hold the duties from the day it comes into force)."""
    if agreement_id is not None:
        await obligations.sync_agreement(ObligationRepository(repo.session), agreement_id, today)


async def respond(repo: RepositoryDep, decision_id: uuid.UUID, actor: Actor | None, on: date,
                  response: Response, with_state: bool = False) -> DecisionRead:
    decision = await service.decision_or_404(repo, decision_id)
    read = (await service.decision_reads(repo, [decision], actor))[0]
    if with_state:
        read.version_state = await service.version_state_after(repo, decision, actor, on)
    set_etag(response, decision.version)
    return read


@public_router.get("", summary="List decisions", response_model=Page[DecisionRead])
async def list_decisions(
    actor: OptionalActor,
    repo: RepositoryDep,
    params: Annotated[PageParams, Depends(SORTING.page_params)],
    area_id: Annotated[uuid.UUID | None, Query()] = None,
    organisation_id: Annotated[uuid.UUID | None, Query(description="Decisions of this organisation.")] = None,
    agreement_id: Annotated[uuid.UUID | None, Query()] = None,
    version_id: Annotated[uuid.UUID | None, Query()] = None,
    case_number: Annotated[str | None, Query(max_length=60, description="A case's chain, e.g. 133/00.04.01/2019.")]
    = None,
    since: Annotated[IsoDate | None, Query(description="Meetings on or after this date.")] = None,
    until: Annotated[IsoDate | None, Query(description="Meetings on or before this date.")] = None,
    body: Annotated[DecisionBody | None, Query(description="Decisions of this kind of body.")] = None,
) -> Page[DecisionRead]:
    """Decisions in order of meeting date (the chain of a case reads top to bottom), or as `sort` and `order` ask."""
    rows, next_cursor = await repo.decisions.page(
        params, area_id=area_id, organisation_id=organisation_id, agreement_id=agreement_id, version_id=version_id,
        case_number=case_number, since=since, until=until, body=body.value if body else None,
    )
    return Page(items=await service.decision_reads(repo, rows, actor), next_cursor=next_cursor)


@public_router.get("/{decision_id}", summary="Get a decision", response_model=DecisionRead)
async def get_decision(decision_id: uuid.UUID, actor: OptionalActor, repo: RepositoryDep, on: OnDate,
                       response: Response) -> DecisionRead:
    """The decision, and the state on `on` of the agreement version it concerns."""
    return await respond(repo, decision_id, actor, on, response, with_state=True)


@router.post("", summary="Record a decision", status_code=status.HTTP_201_CREATED, response_model=DecisionRead)
async def create_decision(actor: CurrentActor, data: DecisionCreate, repo: RepositoryDep, on: OnDate, today: Today,
                          response: Response) -> DecisionRead:
    """A body's decision on a version sent to the parties (or, with `area_id` only, another decision of a case).
    The answer carries the version's state on `on`: adopted once every party has approved, in force from its
    effective date; a rejection names the party that blocks it. The meeting date cannot be after today (in
    Finland), nor before the version was sent, nor after the party's last day after a notice (422)."""
    decision = await service.record_decision(repo, actor, data, today)
    await keep_duties_in_step(repo, decision.agreement_id, today)
    response.headers["Location"] = f"/api/v1/decisions/{decision.id}"
    return await respond(repo, decision.id, actor, on, response, with_state=True)


@router.post("/batch", summary="Record several parties' decisions on a version", status_code=status.HTTP_201_CREATED,
             response_model=DecisionBatchRead)
async def create_decisions(actor: CurrentActor, data: DecisionBatch, repo: RepositoryDep, on: OnDate, today: Today
                           ) -> DecisionBatchRead:
    """The parties' decisions on one version sent to them, e.g. every municipality's approval, in one request:
    each row is checked as when recording one decision, and against the rows above it. One row at fault refuses
    them all (422, the fault at `decisions.<row>.<field>`); a row for an organisation the caller does not act for
    refuses them all with 403. The answer carries the version's state on `on` after them."""
    agreement, decisions = await service.record_decisions(repo, actor, data, today)
    await keep_duties_in_step(repo, agreement.id, today)
    state = await service.state_of_version(repo, agreement, data.version_id, actor, on)
    return DecisionBatchRead(items=await service.decision_reads(repo, decisions, actor), version_state=state)


@router.patch("/{decision_id}", summary="Correct a decision", response_model=DecisionRead)
async def update_decision(decision_id: uuid.UUID, changes: DecisionUpdate, repo: RepositoryDep, if_match: IfMatch,
                          actor: CurrentActor, on: OnDate, today: Today, response: Response) -> DecisionRead:
    """Needs `If-Match`; a new meeting date is checked as when recording."""
    decision = await service.decision_or_404(repo, decision_id)
    await service.update_decision(repo, actor, decision, changes, if_match, today)
    await keep_duties_in_step(repo, decision.agreement_id, today)
    return await respond(repo, decision_id, actor, on, response, with_state=True)


@router.delete("/{decision_id}", summary="Remove a decision recorded by mistake",
               status_code=status.HTTP_204_NO_CONTENT)
async def delete_decision(decision_id: uuid.UUID, repo: RepositoryDep, if_match: IfMatch, actor: CurrentActor,
                          today: Today) -> Response:
    """The version's state is computed again without it, and the agreement's obligations follow."""
    decision = await service.decision_or_404(repo, decision_id)
    agreement_id = decision.agreement_id
    await service.delete_decision(repo, actor, decision, if_match)
    await keep_duties_in_step(repo, agreement_id, today)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

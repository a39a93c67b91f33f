"""Dependencies of the agreement routes: the repository, the date asked about, and loading with the checks."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from api.agreements import access
from api.agreements.models import Agreement
from api.agreements.repository import AgreementRepository
from api.agreements.responses import on_or_today
from api.agreements.service import reload
from api.auth.dependencies import CurrentActor
from api.db import SessionDep
from api.schemas import IsoDate
from domain.errors import NotFound


def repository(session: SessionDep) -> AgreementRepository:
    return AgreementRepository(session)


RepositoryDep = Annotated[AgreementRepository, Depends(repository)]


def on_date(
    on: Annotated[IsoDate | None, Query(description="The date the states are computed for (ISO 8601); default today.")]
    = None,
) -> date:
    return on_or_today(on)


OnDate = Annotated[date, Depends(on_date)]


async def managed_agreement(agreement_id: uuid.UUID, actor: CurrentActor, repo: RepositoryDep) -> Agreement:
    """The agreement, for a change only the area's admins may make (403 before anything else is told)."""
    area_id = await repo.area_id_of(agreement_id)
    if area_id is None:
        raise NotFound("agreement", agreement_id)
    access.authorize_manage(actor, area_id)
    return await reload(repo, agreement_id)


async def agreement_for_parties(agreement_id: uuid.UUID, repo: RepositoryDep) -> Agreement:
    """The agreement, for a change a party's coordinators make (checked once the party is known)."""
    return await reload(repo, agreement_id)


ManagedAgreement = Annotated[Agreement, Depends(managed_agreement)]
PartiesAgreement = Annotated[Agreement, Depends(agreement_for_parties)]

"""Who sees and changes agreements. Agreements and decisions are public documents once sent to the parties
(julkisuuslaki): anyone reads published versions; drafts only the people and keys of the agreement's area."""

import uuid

from api.agreements.models import Agreement, AgreementVersion
from api.auth.dependencies import authorize
from domain.access import Actor, Permission, may_read_area


def reads_drafts(actor: Actor | None, area_id: uuid.UUID) -> bool:
    return may_read_area(actor, area_id)


def draft_areas(actor: Actor) -> set[uuid.UUID] | None:
    """The areas whose drafts the actor reads; None: every area's."""
    areas = actor.visible_areas
    return None if areas is None else {area_id for area_id in areas if reads_drafts(actor, area_id)}


def visible_versions(agreement: Agreement, actor: Actor | None) -> list[AgreementVersion]:
    if reads_drafts(actor, agreement.area_id):
        return list(agreement.versions)
    return [v for v in agreement.versions if v.status != "draft"]


def is_published(agreement: Agreement) -> bool:
    return any(v.status != "draft" for v in agreement.versions)


def authorize_manage(actor: Actor, agreement_or_area: Agreement | uuid.UUID) -> None:
    area_id = agreement_or_area.area_id if isinstance(agreement_or_area, Agreement) else agreement_or_area
    resource_id = agreement_or_area.id if isinstance(agreement_or_area, Agreement) else None
    authorize(actor, Permission.WRITE, area_id=area_id, resource_type="agreements", resource_id=resource_id)


def authorize_act_for(actor: Actor, area_id: uuid.UUID, organisation_id: uuid.UUID, resource_type: str,
                      resource_id: uuid.UUID | None = None) -> None:
    authorize(actor, Permission.WRITE, area_id=area_id, organisation_id=organisation_id,
              resource_type=resource_type, resource_id=resource_id)

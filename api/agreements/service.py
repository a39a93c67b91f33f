"""Use cases on agreements and their versions: load, ask the rules, change, flush. The request commits."""

import uuid
from collections.abc import Hashable
from datetime import date
from functools import partial
from typing import Any

from api.agreements import access, listing
from api.agreements.models import (
    Agreement,
    AgreementAnnex,
    AgreementLink,
    AgreementNotice,
    AgreementParty,
    AgreementSignature,
    AgreementVersion,
)
from api.agreements.repository import AgreementRepository
from api.agreements.responses import AgreementView
from api.agreements.schemas import (
    AgreementCreate,
    AgreementUpdate,
    LinkAnnexCreate,
    LinkData,
    NoticeCreate,
    PartyData,
    SignatureCreate,
    VersionUpdate,
)
from api.agreements.state import agreement_state, domain_version, stored_id
from api.concurrency import require_current
from api.models import utc_now
from api.obligations import service as obligations
from api.obligations.repository import ObligationRepository
from api.uploads import document_limits, read_in_worker
from api.validation import validate_as
from domain import agreements as rules
from domain.access import Actor
from domain.agreements.proposals import proposed_parties
from domain.errors import InvalidValue, NotFound, Required, UnknownReference
from domain.files import FileEmpty, clean_filename
from domain.organisations import search_text

# --- loading -------------------------------------------------------------------------------------


async def view(repository: AgreementRepository, agreement: Agreement, actor: Actor | None, on: date) -> AgreementView:
    decisions = (await repository.decisions.of_agreements([agreement.id]))[agreement.id]
    state = agreement_state(agreement, decisions, agreement.notices, on)
    area = (await repository.areas.by_ids([agreement.area_id]))[agreement.area_id]
    return AgreementView(agreement, decisions, agreement.notices, state, actor, area)


async def listed_views(repository: AgreementRepository, rows: list[listing.ListedAgreement], actor: Actor | None,
                       on: date) -> list[listing.ListedView]:
    areas = await repository.areas.by_ids({row.area_id for row in rows})
    return [listing.ListedView(row, actor, areas[row.area_id], on) for row in rows]


async def visible_agreement(repository: AgreementRepository, agreement_id: uuid.UUID, actor: Actor | None) -> Agreement:
    """The agreement, if the caller may see it: published ones for everyone, drafts for the area's readers."""
    agreement = await repository.get(agreement_id)
    if agreement is None or not (access.is_published(agreement) or access.reads_drafts(actor, agreement.area_id)):
        raise NotFound("agreement", agreement_id)
    return agreement


def find_version(agreement: Agreement, version_id: uuid.UUID, actor: Actor | None) -> AgreementVersion:
    for version in access.visible_versions(agreement, actor):
        if version.id == version_id:
            return version
    raise NotFound("version", version_id)


async def reload(repository: AgreementRepository, agreement_id: uuid.UUID) -> Agreement:
    agreement = await repository.get(agreement_id)
    if agreement is None:
        raise NotFound("agreement", agreement_id)
    return agreement


# --- agreements ------------------------------------------------------------------------------------


async def check_parties(repository: AgreementRepository, parties: list[PartyData]) -> None:
    ids = [p.organisation_id for p in parties]
    if len(set(ids)) != len(ids):
        raise rules.PartyListedTwice("parties")
    found = await repository.organisations.by_ids(ids)
    missing = set(ids) - found.keys()
    if missing:
        raise UnknownReference("parties", "organisation", sorted(missing, key=str)[0])


async def check_links(repository: AgreementRepository, links: list[LinkData], own_id: uuid.UUID | None) -> None:
    targets = {link.target_id for link in links}
    if own_id in targets:
        raise rules.SelfLink("links")
    missing = targets - (await repository.by_ids(targets)).keys()
    if missing:
        raise UnknownReference("links", "agreement", sorted(missing, key=str)[0])


def party_rows(version: AgreementVersion, parties: list[PartyData]) -> list[AgreementParty]:
    return [
        AgreementParty(agreement_id=version.agreement_id, area_id=version.area_id, organisation_id=p.organisation_id,
                       role=p.role.value, position=index)
        for index, p in enumerate(parties)
    ]


def dumped(blocks: list[Any]) -> list[dict[str, Any]]:
    return [b.model_dump() for b in blocks]


async def create_agreement(repository: AgreementRepository, data: AgreementCreate) -> Agreement:
    if not (await repository.areas.by_ids([data.area_id])):
        raise UnknownReference("area_id", "area", data.area_id)
    await check_parties(repository, data.parties)
    await check_links(repository, data.links, None)
    agreement = Agreement(
        id=uuid.uuid4(), area_id=data.area_id, title=data.title, kind=data.kind.value, description=data.description,
        statutes=[s.model_dump() for s in data.statutes], search_text=search_text(data.title),
    )
    agreement.links = [AgreementLink(agreement_id=agreement.id, area_id=data.area_id, target_id=link.target_id,
                                     kind=link.kind.value) for link in data.links]
    version = AgreementVersion(
        id=uuid.uuid4(), agreement_id=agreement.id, area_id=data.area_id, number=1, title=data.title,
        status="draft", effective_date=data.effective_date, rule=data.rule.value, notice_months=data.notice_months,
        reasons=data.reasons, preamble=dumped(data.preamble), sections=dumped(data.sections),
    )
    version.parties = party_rows(version, data.parties)
    version.annexes, version.signatures = [], []
    agreement.versions = [version]
    agreement.notices = []
    repository.add(agreement)
    await repository.session.flush()
    return await reload(repository, agreement.id)


async def update_agreement(
    repository: AgreementRepository, agreement: Agreement, changes: AgreementUpdate, if_match: str | None
) -> Agreement:
    require_current(if_match, agreement.version)
    values = changes.model_dump(exclude_unset=True)
    for field in ("title", "kind", "statutes", "links"):
        if field in values and values[field] is None:
            raise Required(field)
    if "links" in values:
        links = changes.links or []
        await check_links(repository, links, agreement.id)
        agreement.links.clear()
        await repository.session.flush()
        agreement.links.extend(AgreementLink(agreement_id=agreement.id, area_id=agreement.area_id, target_id=link.target_id,
                                         kind=link.kind.value) for link in links)
    if "statutes" in values:
        agreement.statutes = [s.model_dump() for s in changes.statutes or []]
    for field in ("title", "kind", "description"):
        if field in values:
            setattr(agreement, field, values[field])
    agreement.search_text = search_text(agreement.title)
    agreement.updated_at = utc_now()
    await repository.session.flush()
    return await reload(repository, agreement.id)


async def delete_agreement(repository: AgreementRepository, agreement: Agreement, if_match: str | None) -> None:
    require_current(if_match, agreement.version, required=False)
    if access.is_published(agreement) or await repository.has_decisions(agreement.id):
        raise rules.PublishedAgreementNotDeletable()
    await repository.delete(agreement)
    await repository.session.flush()


def touch(agreement: Agreement) -> None:
    """A change to a version, an annex or a notice is a change of the agreement: its ETag moves on."""
    agreement.updated_at = utc_now()


# --- versions -------------------------------------------------------------------------------------------


async def start_amendment(
    repository: AgreementRepository, agreement: Agreement, reasons: str, on: date
) -> AgreementVersion:
    if any(v.status == "draft" for v in agreement.versions):
        raise rules.DraftExists()
    decisions = (await repository.decisions.of_agreements([agreement.id]))[agreement.id]
    state = agreement_state(agreement, decisions, agreement.notices, on)
    if state.current is None:
        raise rules.NoVersionToAmend()
    base = next(v for v in agreement.versions if v.id == state.current.version_id)
    amendment = rules.start_amendment(
            domain_version(base), state.current, new_id=uuid.uuid4(), reasons=reasons,
            number=max(v.number for v in agreement.versions) + 1,
        )
    roles = {p.organisation_id: p.role for p in base.parties}
    version = AgreementVersion(
        id=amendment.id, agreement_id=agreement.id, area_id=agreement.area_id, number=amendment.number,
        title=amendment.title, status="draft", effective_date=None, rule=amendment.rule.value,
        notice_months=amendment.notice_months, reasons=amendment.reasons, amends_id=base.id,
        preamble=list(base.preamble or []), sections=[s.to_dict() for s in amendment.sections],
    )
    version.parties = [
        AgreementParty(agreement_id=agreement.id, area_id=agreement.area_id, organisation_id=party,
                       role=roles.get(party, "member"), position=index)
        for index, party in enumerate(map(stored_id, amendment.parties))
    ]
    agreement.versions.append(version)
    touch(agreement)
    await repository.session.flush()
    await obligations.carry_over(ObligationRepository(repository.session), base.id, version)
    return version


async def update_version(
    repository: AgreementRepository, agreement: Agreement, version: AgreementVersion, changes: VersionUpdate,
    if_match: str | None,
) -> None:
    require_current(if_match, version.version)
    values = changes.model_dump(exclude_unset=True)
    for field in ("title", "rule", "reasons", "parties", "preamble", "sections", "text"):
        if field in values and values[field] is None:
            raise Required(field)
    rules.edit_draft(domain_version(version))  # only a draft can be changed
    if changes.text is not None:
        changes = await read_text(changes)
    if changes.parties is not None:
        await check_parties(repository, changes.parties)
        version.parties.clear()
        await repository.session.flush()
        version.parties.extend(party_rows(version, changes.parties))
    if changes.preamble is not None:
        version.preamble = dumped(changes.preamble)
    if changes.sections is not None:
        version.sections = dumped(changes.sections)
    for field in ("title", "effective_date", "notice_months", "reasons"):
        if field in values:
            setattr(version, field, values[field])
    if "rule" in values:
        assert changes.rule is not None  # a rule given as null was refused above
        version.rule = changes.rule.value
    version.updated_at = utc_now()
    touch(agreement)
    await repository.session.flush()


class TextWithSections(InvalidValue):
    """A draft's text comes either as text or as preamble and sections: both at once would contradict each other."""

    code = "version.text_with_sections"
    message = "Send the text either as `text` or as `preamble` and `sections`, not both."

    def __init__(self) -> None:
        super().__init__("text")


#: A version's text longer than this is read in a worker process: reading 2 000 000 characters takes a second.
TEXT_READ_AT_ONCE = 50_000


async def read_text(changes: VersionUpdate) -> VersionUpdate:
    """The update with its `text` read into the preamble and sections, checked as if they had been sent so."""
    if changes.preamble is not None or changes.sections is not None:
        raise TextWithSections()
    text = changes.text or ""
    if len(text) > TEXT_READ_AT_ONCE:
        preamble, sections = await read_in_worker(rules.read_sections_text, text)
    else:
        preamble, sections = rules.read_sections_text(text)
    parsed = validate_as(VersionUpdate, {"preamble": [b.to_dict() for b in preamble],
                                         "sections": [s.to_dict() for s in sections]})
    return changes.model_copy(update={"preamble": parsed.preamble, "sections": parsed.sections, "text": None})


async def send_version(
    repository: AgreementRepository, agreement: Agreement, version: AgreementVersion, sent_on: date,
    if_match: str | None,
) -> None:
    require_current(if_match, version.version)
    sent = rules.send_for_decision(domain_version(version), on=sent_on)
    version.status = "circulating"
    version.sent_on = sent.sent_on
    touch(agreement)
    await repository.session.flush()


async def delete_version(
    repository: AgreementRepository, agreement: Agreement, version: AgreementVersion, if_match: str | None
) -> None:
    require_current(if_match, version.version, required=False)
    if version.status != "draft":
        raise rules.OnlyDraftsDeletable()
    if len(agreement.versions) == 1:
        raise rules.OnlyVersion()
    await obligations.remove_of_version(ObligationRepository(repository.session), version.id)
    agreement.versions.remove(version)
    touch(agreement)
    await repository.session.flush()


# --- annexes and signatures ---------------------------------------------------------------------------


def require_draft(version: AgreementVersion) -> None:
    rules.edit_draft(domain_version(version))


async def add_link_annex(
    repository: AgreementRepository, agreement: Agreement, version: AgreementVersion, data: LinkAnnexCreate
) -> AgreementAnnex:
    require_draft(version)
    annex = AgreementAnnex(version_id=version.id, agreement_id=agreement.id, area_id=agreement.area_id,
                           title=data.title, kind="link", url=data.url, position=len(version.annexes))
    version.annexes.append(annex)
    touch(agreement)
    await repository.session.flush()
    return annex


async def add_file_annex(
    repository: AgreementRepository, agreement: Agreement, version: AgreementVersion, title: str, filename: str,
    media_type: str, content: bytes,
) -> AgreementAnnex:
    require_draft(version)
    if not content:
        raise FileEmpty()
    filename = clean_filename(filename)
    media_type = clean_filename(media_type, default="application/octet-stream")
    annex = AgreementAnnex(
        version_id=version.id, agreement_id=agreement.id, area_id=agreement.area_id, title=title or filename,
        kind="file", filename=filename, media_type=media_type[:200],
        size=len(content), content=content, position=len(version.annexes),
    )
    version.annexes.append(annex)
    touch(agreement)
    await repository.session.flush()
    return annex


async def delete_annex(
    repository: AgreementRepository, agreement: Agreement, version: AgreementVersion, annex_id: uuid.UUID
) -> None:
    require_draft(version)
    annex = next((a for a in version.annexes if a.id == annex_id), None)
    if annex is None:
        raise NotFound("annex", annex_id)
    version.annexes.remove(annex)
    touch(agreement)
    await repository.session.flush()


async def add_signature(
    repository: AgreementRepository, agreement: Agreement, version: AgreementVersion, data: SignatureCreate
) -> None:
    if version.status == "draft":
        raise rules.DraftNotSignable()
    if data.organisation_id not in {p.organisation_id for p in version.parties}:
        raise rules.NotAPartyOfVersion("organisation_id")
    if any(s.organisation_id == data.organisation_id for s in version.signatures):
        raise rules.AlreadySigned()
    version.signatures.append(AgreementSignature(
        version_id=version.id, agreement_id=agreement.id, area_id=agreement.area_id,
        organisation_id=data.organisation_id, signed_on=data.signed_on,
    ))
    touch(agreement)
    await repository.session.flush()


# --- notices ------------------------------------------------------------------------------------------


async def planned_notice(repository: AgreementRepository, agreement: Agreement, data: NoticeCreate) -> rules.Notice:
    """The notice `data` asks for, checked as giving it is checked, with the party's last day; nothing is written."""
    decisions = (await repository.decisions.of_agreements([agreement.id]))[agreement.id]
    state = agreement_state(agreement, decisions, agreement.notices, data.given_on)
    if state.current is None:
        raise rules.NoVersionInForce(given_on=data.given_on)
    current = next(v for v in agreement.versions if v.id == state.current.version_id)
    if data.organisation_id not in state.current.parties_on_date:
        raise rules.NotAPartyInForce("organisation_id")
    if any(n.organisation_id == data.organisation_id for n in agreement.notices):
        raise rules.NoticeAlreadyGiven()
    if current.notice_months is None:
        raise rules.NoNoticePeriod()
    try:
        planned = rules.Notice(data.organisation_id, data.given_on, current.notice_months, data.ends_agreement)
    except (OverflowError, ValueError):
        raise rules.NoticeBeyondCalendar("given_on") from None
    return planned


async def give_notice(repository: AgreementRepository, agreement: Agreement, data: NoticeCreate) -> AgreementNotice:
    planned = await planned_notice(repository, agreement, data)
    notice = AgreementNotice(
        agreement_id=agreement.id, area_id=agreement.area_id, organisation_id=data.organisation_id,
        given_on=data.given_on, notice_months=planned.notice_months, ends_agreement=data.ends_agreement,
        note=data.note,
    )
    agreement.notices.append(notice)
    touch(agreement)
    await repository.session.flush()
    return notice


def find_notice(agreement: Agreement, notice_id: uuid.UUID) -> AgreementNotice:
    notice = next((n for n in agreement.notices if n.id == notice_id), None)
    if notice is None:
        raise NotFound("notice", notice_id)
    return notice


async def withdraw_notice(
    repository: AgreementRepository, agreement: Agreement, notice: AgreementNotice, if_match: str | None
) -> None:
    require_current(if_match, notice.version, required=False)
    agreement.notices.remove(notice)
    touch(agreement)
    await repository.session.flush()


# --- import and redline ------------------------------------------------------------------------------------


async def proposed_party_ids(
    repository: AgreementRepository, area_id: uuid.UUID, preview: rules.ImportPreview
) -> list[uuid.UUID]:
    """The area's member organisations that the imported text names as parties, in the text's order."""
    area = await repository.areas.get(area_id)
    if area is None:
        raise UnknownReference("area_id", "area", area_id)
    candidates: dict[Hashable, list[str]] = {
        member.organisation_id: [name for name in (member.organisation.name_fi, member.organisation.name_sv) if name]
        for member in area.members
    }
    return [party for party in proposed_parties(preview.parties_text, candidates) if isinstance(party, uuid.UUID)]


async def import_preview(data: bytes, filename: str | None, media_type: str | None) -> rules.ImportPreview:
    """The document read in a worker process, within the limits of the settings."""
    read = partial(rules.import_document, filename=filename, media_type=media_type, limits=document_limits())
    return await read_in_worker(read, data)


async def import_pasted(text: str) -> rules.ImportPreview:
    return await read_in_worker(partial(rules.import_text, limits=document_limits()), text)


def redline(old: AgreementVersion, new: AgreementVersion) -> rules.Redline:
    return rules.redline(domain_version(old).sections, domain_version(new).sections)

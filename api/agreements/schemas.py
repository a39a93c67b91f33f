"""Payloads and answers of the agreements API (sopimukset, versiot, irtisanomiset, tuonti, muutokset näkyvissä)."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.config import JsonDict

from api.obligations.schemas import ObligationChanges
from api.organisations.schemas import OrganisationSummary
from api.problems import ErrorBrief
from api.schemas import Input
from domain.agreements import EntryIntoForceRule, Standing, VersionStatus
from domain.agreements.sections import MAX_BLOCKS, MAX_ITEM_CHARS, MAX_LIST_ITEMS, MAX_PARAGRAPH_CHARS, MAX_SECTIONS


class AgreementKind(StrEnum):
    """aiesopimus, yhteistyösopimus, kumppanuussopimus, pääsopimus, hankesopimus, muu."""

    LETTER_OF_INTENT = "letter_of_intent"
    COOPERATION_AGREEMENT = "cooperation_agreement"
    PARTNERSHIP = "partnership"
    MAIN_AGREEMENT = "main_agreement"
    PROJECT_AGREEMENT = "project_agreement"
    OTHER = "other"


class PartyRole(StrEnum):
    """vastuukunta, jäsen, rahoittaja, palveluntuottaja, muu."""

    LEAD = "lead"
    MEMBER = "member"
    FINANCIER = "financier"
    SERVICE_PROVIDER = "service_provider"
    OTHER = "other"


class LinkKind(StrEnum):
    """How this agreement relates to another one."""

    FOLLOWS_LETTER_OF_INTENT = "follows_letter_of_intent"
    ANNEX_OF = "annex_of"
    SUPERSEDES = "supersedes"


Title = Annotated[str, Field(min_length=1, max_length=500)]
LongText = Annotated[str, Field(max_length=20000)]


# --- content -----------------------------------------------------------------------------------


class ParagraphBlock(Input):
    type: Literal["paragraph"]
    text: Annotated[str, Field(max_length=MAX_PARAGRAPH_CHARS)]


class ListBlock(Input):
    type: Literal["list"]
    items: list[Annotated[str, Field(max_length=MAX_ITEM_CHARS)]] = Field(max_length=MAX_LIST_ITEMS)


Block = Annotated[ParagraphBlock | ListBlock, Field(discriminator="type")]


class SectionData(Input):
    """A numbered section (kohta): number as written ("3", "3.2", or null), title and its paragraphs and lists."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "number": "11",
                    "title": "Sopimuksen voimassaolo, muutoksista sopiminen",
                    "blocks": [{"type": "paragraph", "text": "Tämä sopimus on voimassa toistaiseksi."}],
                }
            ]
        }
    )

    number: Annotated[str | None, Field(max_length=20)] = None
    title: Annotated[str, Field(max_length=500)] = ""
    blocks: list[Block] = Field(default_factory=list, max_length=MAX_BLOCKS)


class Statute(Input):
    """A statute the agreement rests on: "Laki työvoimapalveluiden järjestämisestä", "380/2023"."""

    model_config = ConfigDict(str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1, max_length=300)]
    number: Annotated[str, Field(pattern=r"^\d{1,4}/\d{1,4}$",
                                 description="Number/year, e.g. 380/2023 (an EU act: year/number, 2016/679).")]


class PartyData(Input):
    organisation_id: uuid.UUID
    role: PartyRole = PartyRole.MEMBER


class LinkData(Input):
    target_id: uuid.UUID = Field(description="The other agreement.")
    kind: LinkKind


# --- agreements ----------------------------------------------------------------------------------

AGREEMENT_EXAMPLE: JsonDict = {
    "area_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "title": "Sopimus työllisyys- ja elinvoimatehtävien yhteensovittamisesta Tampereen seudun työllisyysalueella",
    "kind": "cooperation_agreement",
    "statutes": [{"name": "Laki työvoimapalveluiden järjestämisestä", "number": "380/2023"}],
    "notice_months": 6,
    "rule": "all_parties_approve",
    "effective_date": "2025-01-01",
    "parties": [
        {"organisation_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "role": "lead"},
        {"organisation_id": "1fa85f64-5717-4562-b3fc-2c963f66afa6", "role": "member"},
    ],
    "sections": [{"number": "1", "title": "Sopijaosapuolet", "blocks": [{"type": "paragraph", "text": "…"}]}],
}


class AgreementCreate(Input):
    """A new agreement with its first version (a draft), e.g. from an import preview."""

    model_config = ConfigDict(str_strip_whitespace=True, json_schema_extra={"examples": [AGREEMENT_EXAMPLE]})

    area_id: uuid.UUID
    title: Title
    kind: AgreementKind
    description: Annotated[str | None, Field(max_length=5000)] = None
    statutes: list[Statute] = Field(default_factory=list, max_length=100)
    links: list[LinkData] = Field(default_factory=list, max_length=50)
    notice_months: Annotated[int | None, Field(ge=0, le=120, description="Notice period in months.")] = None
    rule: EntryIntoForceRule = EntryIntoForceRule.ALL_PARTIES_APPROVE
    effective_date: date | None = None
    reasons: LongText = ""
    parties: list[PartyData] = Field(default_factory=list, max_length=500)
    preamble: list[Block] = Field(default_factory=list, max_length=MAX_BLOCKS)
    sections: list[SectionData] = Field(default_factory=list, max_length=MAX_SECTIONS)


class AgreementUpdate(Input):
    """The agreement's own fields; the text and parties belong to its versions."""

    model_config = ConfigDict(str_strip_whitespace=True,
                              json_schema_extra={"examples": [{"description": "Päivitetty kuvaus."}]})

    title: Title | None = None
    kind: AgreementKind | None = None
    description: Annotated[str | None, Field(max_length=5000)] = None
    statutes: list[Statute] | None = Field(None, max_length=100)
    links: list[LinkData] | None = Field(None, max_length=50)


class AreaRef(BaseModel):
    id: uuid.UUID
    name: str


class PartyRead(BaseModel):
    organisation: OrganisationSummary
    role: PartyRole
    standing: Standing | None = Field(None, description="Its standing on this version on the date asked.")
    may_record_decision: bool = Field(False, description="Whether the caller may record its decisions.")
    allowed_actions: list[str] = Field(default_factory=list, description="record_decision, give_notice.")


class LinkRead(BaseModel):
    kind: LinkKind
    target_id: uuid.UUID
    target_title: str
    direction: Literal["outgoing", "incoming"]


class DecisionBrief(BaseModel):
    id: uuid.UUID
    organisation_id: uuid.UUID
    body: str
    body_name: str | None
    meeting_date: date
    section: int | None
    case_number: str | None
    outcome: str
    decision_text: str | None


class Blocker(BaseModel):
    organisation: OrganisationSummary
    decision: DecisionBrief


class Departure(BaseModel):
    organisation_id: uuid.UUID
    notice_given_on: date
    last_day: date


class VersionState(BaseModel):
    """A version's state on the date `on`, computed by the agreement rules from its decisions."""

    on: date
    status: VersionStatus
    adopted_on: date | None = None
    signed_on: date | None = None
    in_force_from: date | None = None
    retroactive: bool = False
    superseded_on: date | None = None
    superseded_by: uuid.UUID | None = None
    ends_on: date | None = None
    approved: int = 0
    pending: int = 0
    blocking: int = 0
    blockers: list[Blocker] = Field(default_factory=list, description="The parties that reject it, and why.")
    departures: list[Departure] = Field(default_factory=list)
    problem: ErrorBrief | None = Field(None, description="Why the state cannot be computed, e.g. conflicting decisions.")


class VersionSummary(BaseModel):
    id: uuid.UUID
    number: int
    title: str
    sent_on: date | None
    effective_date: date | None
    amends_id: uuid.UUID | None
    reasons: str
    state: VersionState
    version: int


class AnnexRead(BaseModel):
    id: uuid.UUID
    title: str
    kind: Literal["file", "link"]
    url: str | None
    filename: str | None
    media_type: str | None
    size: int | None


class SignatureRead(BaseModel):
    organisation_id: uuid.UUID
    signed_on: date


class VersionRead(VersionSummary):
    agreement_id: uuid.UUID
    agreement_title: str
    area: AreaRef
    rule: EntryIntoForceRule
    notice_months: int | None
    preamble: list[Block]
    sections: list[SectionData]
    text: str = Field(description="The preamble and sections written out as text for editing: each section's heading "
                      "(\"3. Otsikko\") on a line of its own, blank lines between paragraphs, list items as \"• \" "
                      "lines. A draft's `text` sent back unchanged in an update gives the same preamble and sections.")
    parties: list[PartyRead] = Field(description="The parties on the date asked (a party whose notice has ended is "
                                     "no longer one); of a draft, the parties listed.")
    annexes: list[AnnexRead]
    signatures: list[SignatureRead]
    decisions: list[DecisionBrief]
    allowed_actions: list[str] = Field(default_factory=list, description="edit, send, delete, sign, record_decision.")


class NoticeRead(BaseModel):
    id: uuid.UUID
    organisation: OrganisationSummary
    given_on: date
    notice_months: int
    ends_on: date = Field(description="The last day on which the party is still a party.")
    ends_agreement: bool
    note: str | None
    version: int
    allowed_actions: list[str] = Field(default_factory=list, description="withdraw.")


class NoticePreview(BaseModel):
    """What a notice would do if given: checked as giving it is, nothing recorded."""

    organisation: OrganisationSummary
    given_on: date
    notice_months: int
    ends_on: date = Field(description="The last day on which the party would still be a party.")
    ends_agreement: bool


class MatrixCell(BaseModel):
    version_id: uuid.UUID
    party: bool = Field(description="Whether the organisation is a party of this version on the date asked.")
    sent: bool = Field(description="Whether the version has been sent to the parties (a draft takes no decisions).")
    standing: Standing | None = None
    decision: DecisionBrief | None = None
    decisions: int = 0
    allowed_actions: list[str] = Field(default_factory=list, description="record_decision.")


class MatrixRow(BaseModel):
    organisation: OrganisationSummary
    role: PartyRole
    may_record_decision: bool
    cells: list[MatrixCell]


class AgreementSummary(BaseModel):
    id: uuid.UUID
    title: str
    kind: AgreementKind
    area: AreaRef
    status: VersionStatus = Field(description="The status of the version in force, else of the newest version.")
    current_version_id: uuid.UUID | None
    in_force_from: date | None
    party_count: int
    version: int


class AgreementRead(BaseModel):
    id: uuid.UUID
    title: str
    kind: AgreementKind
    description: str | None
    area: AreaRef
    statutes: list[Statute]
    links: list[LinkRead]
    on: date
    status: VersionStatus
    rule: EntryIntoForceRule
    notice_months: int | None
    current_version_id: uuid.UUID | None = Field(description="The version in force on `on`.")
    parties: list[PartyRead] = Field(description="The parties of the version in force, else of the newest version, "
                                     "on `on`: a party whose notice has ended is no longer listed.")
    versions: list[VersionSummary]
    matrix: list[MatrixRow] = Field(description="Parties × versions: each party's latest decision on each version.")
    notices: list[NoticeRead]
    ends_on: date | None = Field(None, description="The agreement's last day after notices, once known.")
    draft_version_id: uuid.UUID | None = Field(None, description="The open draft (at most one at a time), if any.")
    version: int
    created_at: datetime
    updated_at: datetime
    allowed_actions: list[str] = Field(default_factory=list,
                                       description="update, delete, amend, give_notice, record_decision.")
    shown_version: VersionRead | None = Field(
        None, description="With `with_version=true`: the version to show, whole (the one in force on `on`, else "
                          "the newest the caller sees), so that a page needs one read.")


# --- versions ----------------------------------------------------------------------------------------


class VersionUpdate(Input):
    """Changes to a draft; a version already sent to the parties cannot be changed (409). The text is given either
    as `preamble` and `sections` or as `text` (as the version read writes it out), not both."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"reasons": "Kevennetään vuodelle 2024."},
                                                              {"text": "Johdanto.\n\n5. Kustannukset\n\nJaetaan."}]})

    title: Title | None = None
    rule: EntryIntoForceRule | None = None
    effective_date: date | None = None
    notice_months: Annotated[int | None, Field(ge=0, le=120)] = None
    reasons: LongText | None = None
    parties: list[PartyData] | None = Field(None, max_length=500)
    preamble: list[Block] | None = Field(None, max_length=MAX_BLOCKS)
    sections: list[SectionData] | None = Field(None, max_length=MAX_SECTIONS)
    text: Annotated[str | None, Field(max_length=2_000_000, description=(
        "The preamble and sections as text, read as the version read's `text` is written: what comes before the "
        "first numbered section is the preamble; the numbering may start at any number."))] = None


class AmendmentCreate(Input):
    """An amendment: a new draft copied from the version in force, with the reasons for the change."""

    model_config = ConfigDict(str_strip_whitespace=True,
                              json_schema_extra={"examples": [{"reasons": "Kehittämispanokset kohdennetaan uudelleen."}]})

    reasons: LongText = ""


class SendData(Input):
    """Send the draft to the parties for decision on a date (default: today)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"sent_on": "2025-02-01"}]})

    sent_on: date | None = None


class LinkAnnexCreate(Input):
    model_config = ConfigDict(str_strip_whitespace=True,
                              json_schema_extra={"examples": [{"title": "Kustannustenjakoliite", "url": "https://example.fi/liite.pdf"}]})

    title: Title
    url: Annotated[str, Field(min_length=1, max_length=2000, pattern=r"^https?://\S+$")]


class SignatureCreate(Input):
    organisation_id: uuid.UUID
    signed_on: date


class NoticeCreate(Input):
    """A party gives notice on a date; the notice period is the one of the version in force then."""

    model_config = ConfigDict(str_strip_whitespace=True, json_schema_extra={
        "examples": [{"organisation_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "given_on": "2025-08-31"}]})

    organisation_id: uuid.UUID
    given_on: date
    ends_agreement: bool = False
    note: Annotated[str | None, Field(max_length=5000)] = None


# --- import and redline ------------------------------------------------------------------------------


class ImportText(Input):
    model_config = ConfigDict(json_schema_extra={"examples": [{"text": "1. Sopijaosapuolet\n\nTampereen kaupunki"}]})

    text: Annotated[str, Field(min_length=1, max_length=2_000_000)]
    area_id: uuid.UUID | None = Field(None, description="Propose as parties the members of this area the text names.")


class Repairs(BaseModel):
    ligatures: int
    soft_hyphens: int
    hyphenations: int
    page_lines: int
    form_feeds: int


class ImportPreviewRead(BaseModel):
    """What was read from the document, for checking before it is saved. Nothing is saved."""

    kind: Literal["txt", "docx", "pdf"]
    title: str | None
    preamble: list[Block]
    sections: list[SectionData]
    repairs: Repairs
    warnings: list[ErrorBrief] = Field(description="What to check before saving, each with its code.")
    proposed_notice_months: int | None = Field(
        None, description='The notice period the text gives ("6 kuukauden irtisanomisajalla" → 6), to check.')
    proposed_effective_date: date | None = Field(
        None, description='The day the text says the agreement comes into force ("tulee voimaan 1.1.2025").')
    proposed_party_ids: list[uuid.UUID] = Field(
        default_factory=list, description="With `area_id`: the area's members the text names as parties, in its order.")


class WordOpRead(BaseModel):
    op: Literal["equal", "insert", "delete"]
    words: list[str]
    text: str
    space_before: bool = Field(False, description="Whether a space separates this run from the one before it.")


class SectionRefRead(BaseModel):
    index: int
    number: str | None
    title: str


class SectionChangeRead(BaseModel):
    kind: Literal["unchanged", "changed", "added", "removed"]
    old: SectionRefRead | None
    new: SectionRefRead | None
    renamed: bool
    renumbered: bool
    moved: bool
    similarity: float
    title_ops: list[WordOpRead]
    body_ops: list[WordOpRead]


class RedlineRead(BaseModel):
    """The differences between two versions, section by section, with the words added and removed."""

    agreement_id: uuid.UUID
    old: VersionSummary
    new: VersionSummary
    summary: dict[str, int]
    sections: list[SectionChangeRead]
    obligations: ObligationChanges | None = Field(
        None, description="The versions' obligations compared, for those who read the area; null for others.")

    @field_validator("summary")
    @classmethod
    def _summary(cls, value: dict[str, Any]) -> dict[str, int]:
        return {key: int(count) for key, count in value.items()}

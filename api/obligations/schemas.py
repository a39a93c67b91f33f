"""Payloads and answers of the obligations API (velvoitteet)."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.config import JsonDict

from api.organisations.schemas import OrganisationSummary
from api.schemas import Input
from domain.errors import InvalidValue
from domain.obligations import (
    DutyChangeKind,
    DutyField,
    Every,
    HolderScope,
    InstanceStatus,
    MarkKind,
    ObligationKind,
    ScheduleKind,
)


class LinkFormat(InvalidValue):
    code = "link.format"
    message = "Give a web address that starts with https:// or http://."


class HoldersIn(Input):
    """Who holds the duty, as the agreement writes it: `each_party`, `lead`, `named_parties` (give `named`),
    `group` (give `group`), `employment_authority`; minus `exceptions`, who hold it themselves when
    `exceptions_hold_themselves` (seed 001: Tampere for all but Valkeakoski, which handles it itself)."""

    scope: HolderScope
    named: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    exceptions: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    exceptions_hold_themselves: bool = False
    group: Annotated[str | None, Field(max_length=200, description="The group holding the duty, by name.")] = None


class ScheduleIn(Input):
    """When the duty falls due: `one_off` on `due_on`; `recurring` every year on `day`.`month`., every quarter,
    every month on `day` (`every`), or by any RFC 5545 `rule`; `continuous`, reviewed yearly on
    `review_day`.`review_month`. A due date on a day off moves to the next working day."""

    kind: ScheduleKind
    due_on: date | None = None
    every: Every | None = None
    month: Annotated[int | None, Field(ge=1, le=12)] = None
    day: Annotated[int | None, Field(ge=1, le=31)] = None
    rule: Annotated[str | None, Field(max_length=500, description="e.g. FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31")] = None
    review_month: Annotated[int, Field(ge=1, le=12)] = 12
    review_day: Annotated[int, Field(ge=1, le=31)] = 31


EXAMPLE: JsonDict = {
    "version_id": "1fa85f64-5717-4562-b3fc-2c963f66afa6",
    "section_number": "4",
    "quote": "Kukin sopijakunta perustaa sopimuskokonaisuudelle kuntakohtaisen koordinaatioryhmän …",
    "title_fi": "Kuntakohtainen koordinaatioryhmä ja vastuuhenkilöt",
    "title_sv": "Kommunvis koordineringsgrupp och ansvarspersoner",
    "kind": "name_body_or_person",
    "holders": {"scope": "each_party"},
    "schedule": {"kind": "one_off", "due_on": "2025-03-31"},
}


class ObligationFields(Input):
    section_number: Annotated[str | None, Field(max_length=20, description='The clause, e.g. "4" or "3.2".')] = None
    quote: Annotated[str | None, Field(max_length=5000, description="The sentence of the clause, quoted.")] = None
    title_fi: Annotated[str, Field(min_length=1, max_length=300)]
    title_sv: Annotated[str | None, Field(max_length=300)] = None
    description: Annotated[str | None, Field(max_length=20000)] = None
    kind: ObligationKind
    holders: HoldersIn
    schedule: ScheduleIn
    starts_on: Annotated[date | None, Field(
        description="The first day the duty runs; by default the version's effective date, else today.")] = None


class ObligationCreate(ObligationFields):
    """A duty of an agreement version, pointing to its clause."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    version_id: uuid.UUID


class ObligationUpdate(Input):
    """Any of the fields; the instances follow the new holders and schedule (marked ones keep their history)."""

    section_number: Annotated[str | None, Field(max_length=20)] = None
    quote: Annotated[str | None, Field(max_length=5000)] = None
    title_fi: Annotated[str | None, Field(min_length=1, max_length=300)] = None
    title_sv: Annotated[str | None, Field(max_length=300)] = None
    description: Annotated[str | None, Field(max_length=20000)] = None
    kind: ObligationKind | None = None
    holders: HoldersIn | None = None
    schedule: ScheduleIn | None = None
    starts_on: date | None = None


class HoldersRead(BaseModel):
    scope: HolderScope
    named: list[OrganisationSummary]
    exceptions: list[OrganisationSummary]
    exceptions_hold_themselves: bool
    group: str | None


class ScheduleRead(BaseModel):
    kind: ScheduleKind
    due_on: date | None
    rule: str | None
    every: Every | None = Field(None, description="The rule in words, where it is one of the presets.")
    month: int | None = None
    day: int | None = None
    review_month: int
    review_day: int


class ObligationRead(BaseModel):
    id: uuid.UUID
    area_id: uuid.UUID
    agreement_id: uuid.UUID
    version_id: uuid.UUID
    lineage_id: uuid.UUID = Field(description="The same on the copies an amendment carries over.")
    section_number: str | None
    quote: str | None
    title_fi: str
    title_sv: str | None
    description: str | None
    kind: ObligationKind
    holders: HoldersRead
    schedule: ScheduleRead
    starts_on: date
    version: int
    allowed_actions: list[str] = Field(description="update, delete")


class ObligationBrief(BaseModel):
    id: uuid.UUID
    agreement_id: uuid.UUID
    title_fi: str
    title_sv: str | None
    kind: ObligationKind
    section_number: str | None


class InstanceRead(BaseModel):
    """One holder's duty for one period, with its status on the date asked."""

    id: uuid.UUID
    area_id: uuid.UUID
    obligation: ObligationBrief
    holder: OrganisationSummary | None = Field(description="Null when a group holds the duty.")
    holder_group: str | None
    on_behalf_of: list[uuid.UUID] = Field(description="The parties the holder holds it for (itself, or those it "
                                                      "acts for).")
    period_start: date
    nominal: date = Field(description="The date the schedule names; it identifies the period.")
    due_on: date = Field(description="The nominal date, or the next working day after it.")
    status: InstanceStatus
    marked_on: date | None
    version: int
    allowed_actions: list[str] = Field(description="mark_done, mark_not_applicable, reopen, name_responsibles")


class EvidenceFile(BaseModel):
    name: str
    media_type: str
    size: int
    url: str


class MarkRead(BaseModel):
    id: uuid.UUID
    kind: MarkKind
    marked_on: date
    marked_at: datetime
    actor: str = Field(description="Who marked it: name (e-mail), or `demo` for the demo data.")
    by_demo: bool = Field(description="Marked by the demo data loader, not a person.")
    note: str | None
    link: str | None
    decision_id: uuid.UUID | None
    reason: str | None
    file: EvidenceFile | None


class InstanceDetail(InstanceRead):
    marks: list[MarkRead] = Field(description="Every mark, oldest first: the latest decides the status.")


class MarkCreate(Input):
    """Mark the instance `done` (with evidence: a note, a link, a recorded decision, or a file sent to
    `…/evidence`), `not_applicable` (with a `reason`), or `reopened`."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"kind": "done", "note": "Koordinaatioryhmä nimetty, kh 3.2.2025 § 18", "link": "https://www.nokiankaupunki.fi"}
    ]})

    kind: MarkKind
    note: Annotated[str | None, Field(max_length=5000)] = None
    link: Annotated[str | None, Field(max_length=2000)] = None
    decision_id: uuid.UUID | None = None
    reason: Annotated[str | None, Field(max_length=5000)] = None

    @field_validator("link")
    @classmethod
    def _link(cls, value: str | None) -> str | None:
        if value and not value.lower().startswith(("https://", "http://")):
            raise LinkFormat("link")
        return value or None


class SuggestionRead(BaseModel):
    """A duty read from one sentence of the version's text, to accept (POST it as an obligation), edit or discard."""

    section_number: str | None
    section_title: str
    quote: str
    title_fi: str
    kind: ObligationKind
    holders: HoldersRead
    schedule: ScheduleRead
    holder_text: str = Field(description="The words the holders were read from.")
    exception_text: str = Field(description="The sentence that makes an exception, if any.")
    already_recorded: bool = Field(description="An obligation of this version already quotes this sentence.")


class ObligationMatrixCell(BaseModel):
    organisation_id: uuid.UUID
    status: InstanceStatus | None = Field(description="The cell's worst status in the year: overdue, open, done, "
                                                      "not applicable; null when the party holds nothing.")
    held_by: uuid.UUID | None = Field(description="Who holds it for this party when not the party itself (a lead).")
    instances: list[uuid.UUID]


class DueDate(BaseModel):
    """One due date of a duty in the year: how many instances fall due then and the most pressing status."""

    due_on: date
    month: int
    instances: int
    status: InstanceStatus


class ObligationMatrixRow(BaseModel):
    obligation: ObligationRead
    cells: list[ObligationMatrixCell]
    due_dates: list[DueDate] = Field(description="The duty's due dates in the year: its line on the timeline.")


class ObligationMatrix(BaseModel):
    """Parties × obligations of one agreement version in one year, each cell's status on `on`."""

    agreement_id: uuid.UUID
    version_id: uuid.UUID | None
    year: int
    on: date
    parties: list[OrganisationSummary]
    rows: list[ObligationMatrixRow]
    owed: bool = Field(True, description="Whether the version's duties are owed at all: not while it is a draft, nor "
                                         "while an amendment is not adopted (the version it amends holds them).")
    owed_from: date | None = Field(None, description="The first period the version holds: the day an amendment "
                                                     "comes into force; null for a first version (each duty's own).")
    owed_until: date | None = Field(None, description="The last period it holds: the day before the version "
                                                      "amending it comes into force; null while none has.")
    allowed_actions: list[str] = Field(description="create, suggest")




class DutyChangeRead(BaseModel):
    """One duty compared across two versions by its lineage: its copy in the older version and in the newer one
    (null where it has none), what changed, and whose instances begin or end with the newer version."""

    lineage_id: uuid.UUID
    kind: DutyChangeKind
    old: ObligationRead | None
    new: ObligationRead | None
    fields: list[DutyField] = Field(description="What changed: title, description, kind, clause, holders, schedule.")
    gained: list[OrganisationSummary] = Field(description="Parties that hold the duty in the newer version only: "
                                                          "their instances begin on `in_force_from`.")
    lost: list[OrganisationSummary] = Field(description="Parties that hold it in the older version only: their "
                                                        "instances end the day before.")


class ObligationChanges(BaseModel):
    """The obligations of two versions compared, and from which day the newer version's duties are owed."""

    in_force_from: date | None = Field(description="The day the newer version comes into force, its duties with it; "
                                                   "null while that is not known.")
    summary: dict[str, int] = Field(description="How many duties were added, changed, removed and left unchanged.")
    added: list[DutyChangeRead]
    changed: list[DutyChangeRead]
    removed: list[DutyChangeRead]
    gaining: list[OrganisationSummary] = Field(description="The parties whose duties begin with the newer version.")
    losing: list[OrganisationSummary] = Field(description="The parties whose duties end with it.")

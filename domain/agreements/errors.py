"""Domain errors of agreements (sopimukset), kept beside the model, each with a stable code.

They say what went wrong in domain terms and carry no HTTP codes; the API maps the classes once.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date

from domain.errors import CodedError, DomainError, FieldProblem, InvalidValue, NotFound


class AgreementError(DomainError):
    """Base of every agreement rule violation."""

    code = "agreement.refused"
    message = "The agreement rules do not allow this."


# --- lifecycle ---------------------------------------------------------------


class VersionNotEditable(AgreementError):
    """Only a draft (luonnos) can be changed; a version is frozen once sent."""

    code = "version.not_editable"
    message = "This version was sent to the parties on {sent_on} and can no longer be changed; start an amendment instead."

    def __init__(self, version_id: Hashable, sent_on: date | None) -> None:
        self.version_id = version_id
        self.sent_on = sent_on
        super().__init__(version_id=str(version_id), sent_on=sent_on)


class TooFewParties(InvalidValue):
    code = "version.too_few_parties"
    message = "an agreement needs at least two parties"
    declared_params = ("minimum",)


class PartyListedTwice(InvalidValue):
    code = "version.party_listed_twice"
    message = "a party is listed twice"


class NoSections(InvalidValue):
    code = "version.no_sections"
    message = "the version has no sections"


class EffectiveDateMissing(InvalidValue):
    code = "version.effective_date_missing"
    message = "a fixed-date rule needs an effective date"


class VersionIncomplete(AgreementError):
    """A version cannot be sent (or evaluated) because something is missing; each gap names its field."""

    code = "version.incomplete"
    message = "The version cannot be sent yet: {reasons}."

    def __init__(self, version_id: Hashable, problems: Sequence[InvalidValue]) -> None:
        self.version_id = version_id
        self.problems = tuple(problems)
        super().__init__(version_id=str(version_id), reasons="; ".join(p.detail for p in self.problems))

    @property
    def field_problems(self) -> list[FieldProblem]:
        return [problem for gap in self.problems for problem in gap.field_problems]


class ConflictingDecisions(AgreementError):
    """One party has two decisions on one version with the same date and § number
    that lead to different standings, so neither can be called the latest."""

    code = "decision.conflicting"
    message = ("The party already has a decision with another outcome at the same meeting and § "
               "({meeting_date} § {section}); correct that decision instead.")

    def __init__(self, party: Hashable, version_id: Hashable, meeting_date: date, section: int) -> None:
        self.party = party
        self.version_id = version_id
        self.meeting_date = meeting_date
        self.section = section
        super().__init__(party=str(party), version_id=str(version_id), meeting_date=meeting_date, section=section)


class InvalidChain(AgreementError):
    """The versions of an agreement do not form a chain (unknown base, cycle, duplicate id)."""

    code = "chain.invalid"
    message = "The versions of the agreement do not form a chain."


class VersionAppearsTwice(InvalidChain):
    code = "chain.duplicate_version"
    message = "Version {version_id} appears twice."


class UnknownBaseVersion(InvalidChain):
    code = "chain.unknown_base"
    message = "Version {version_id} amends {amends}, which is not in the chain."


class CyclicAmendments(InvalidChain):
    code = "chain.cycle"
    message = "Versions amend each other in a cycle from {version_id}."


class VersionNotInForce(AgreementError):
    """An amendment (muutos) starts from the version in force, and this one is not."""

    code = "version.not_in_force"
    message = "An amendment starts from the version in force, and version {version_id} is {status}."

    def __init__(self, version_id: Hashable, status: str) -> None:
        self.version_id = version_id
        self.status = status
        super().__init__(version_id=str(version_id), status=status)


class InvalidNotice(AgreementError):
    """A notice (irtisanominen) that cannot be computed, e.g. a negative period."""

    code = "notice.invalid"
    message = "The notice cannot be computed."


class NoticePeriodNotWhole(InvalidNotice):
    code = "notice.period_not_whole"
    message = "The notice period must be whole months, not {notice_months!r}."


class NoticePeriodNegative(InvalidNotice):
    code = "notice.period_negative"
    message = "The notice period cannot be negative ({notice_months} months)."


# --- import of documents -------------------------------------------------------


class ImportWarning(CodedError):
    """Not a refusal: something the person checking an import preview should know (never raised)."""

    code = "import.warning"
    message = "Check the preview."


class UnnumberedHeadings(ImportWarning):
    code = "import.unnumbered_headings"
    message = "The headings have no numbers; sections were found by layout."


class NoSectionsFound(ImportWarning):
    code = "import.no_sections_found"
    message = "No sections were found; the text is kept as one section."


class SectionWithoutText(ImportWarning):
    code = "import.section_without_text"
    message = "Section {number} ({title}) has no text."


class DocumentError(AgreementError):
    """A document handed in for import cannot be read."""

    code = "document.unreadable"
    message = "The document cannot be read."


class UnsupportedDocument(DocumentError):
    """The bytes are not a plain-text, .docx or .pdf document."""

    code = "document.unsupported"
    message = "This kind of file cannot be imported; use UTF-8 text, .docx or PDF."


class ZipNotWord(UnsupportedDocument):
    code = "document.zip_not_docx"
    message = "{filename}: a zip archive that is not a Word (.docx) document."


class OldWordDocument(UnsupportedDocument):
    code = "document.old_word"
    message = "An old Word (.doc) file; save it as .docx, PDF or UTF-8 text."


class UndecodableDocument(DocumentError):
    """A text file is not valid UTF-8."""

    code = "document.not_utf8"
    message = "The text file is not valid UTF-8 (byte {position}: {reason}); save it as UTF-8 and try again."

    def __init__(self, position: int, reason: str) -> None:
        self.position = position
        self.reason = reason
        super().__init__(position=position, reason=reason)


class EmptyDocument(DocumentError):
    """The document contains no text (e.g. an empty file or a scanned PDF without a text layer)."""

    code = "document.empty"
    message = "The document contains no text."


class EmptyFile(EmptyDocument):
    code = "document.empty_file"
    message = "The file is empty."


class PdfWithoutText(EmptyDocument):
    code = "document.pdf_without_text"
    message = ("The PDF has no text layer (a scanned document?); import a text, .docx or searchable PDF "
               "version.")


class DamagedDocument(DocumentError):
    """A .docx or .pdf whose structure cannot be parsed."""

    code = "document.damaged"
    message = "{filename} is not a valid {kind} document."


class UnreadableDocx(DamagedDocument):
    code = "document.docx_unreadable"
    message = "The .docx document cannot be read: {reason}."


class EncryptedPdf(DamagedDocument):
    code = "document.pdf_encrypted"
    message = "The PDF is password-protected."


class UnreadablePdf(DamagedDocument):
    code = "document.pdf_unreadable"
    message = "The PDF cannot be read: {reason}."


class DocumentTooLarge(DocumentError):
    """A document whose size, once unpacked or read, is beyond a limit (413)."""

    code = "document.too_large"
    message = "The document is too large to import."


class UnpackedTooLarge(DocumentTooLarge):
    code = "document.unpacked_too_large"
    message = "The .docx document unpacks to more than {limit_mb} MB."


class TextTooLong(DocumentTooLarge):
    code = "document.text_too_long"
    message = "The document's text is longer than {limit} characters."


class DocumentTooComplex(DocumentError):
    """A document whose structure is beyond a limit: too many parts, pages, sections or too long a paragraph."""

    code = "document.too_complex"
    message = "The document is too complex to import."


class TooManyParts(DocumentTooComplex):
    code = "document.too_many_parts"
    message = "The .docx document has more than {limit} parts."


class TooManyPages(DocumentTooComplex):
    code = "document.too_many_pages"
    message = "The PDF has more than {limit} pages."


class TooManySections(DocumentTooComplex):
    code = "document.too_many_sections"
    message = "The document has more than {limit} sections."


class TooManyBlocks(DocumentTooComplex):
    code = "document.too_many_blocks"
    message = "A section has more than {limit} paragraphs and lists."


class ListTooLong(DocumentTooComplex):
    code = "document.list_too_long"
    message = "A list has more than {limit} items."


class ParagraphTooLong(DocumentTooComplex):
    code = "document.paragraph_too_long"
    message = "A paragraph or a list item is longer than {limit} characters."


# --- agreements, versions, annexes, signatures and notices as stored ------------------------------


class PublishedAgreementNotDeletable(AgreementError):
    code = "agreement.published"
    message = "An agreement sent to its parties is a public document and cannot be deleted."


class DecisionAlreadyRecorded(AgreementError):
    """One decision per party, version, meeting and § (pykälä): a second record of it is refused (409), whatever its
    outcome, so that two people recording the same minutes at once cannot store two outcomes."""

    code = "decision.already_recorded"
    message = "This party's decision at this meeting and § is already recorded; correct that decision instead."


class DraftExists(AgreementError):
    code = "agreement.draft_exists"
    message = "This agreement already has a draft; finish or delete it before starting another."


class NoVersionToAmend(AgreementError):
    code = "amendment.none_in_force"
    message = "An amendment starts from the version in force, and no version is in force."


class OnlyDraftsDeletable(AgreementError):
    code = "version.not_a_draft"
    message = "Only a draft can be deleted; a version sent to the parties is a public document."


class OnlyVersion(AgreementError):
    code = "version.only_version"
    message = "This is the agreement's only version; delete the agreement instead."


class SelfLink(InvalidValue):
    code = "link.self"
    message = "An agreement cannot refer to itself."


class NothingToCompare(AgreementError):
    code = "redline.one_version"
    message = "The agreement has only one version; there is nothing to compare."


class DraftNotSignable(AgreementError):
    code = "signature.draft"
    message = "A draft cannot be signed; send it to the parties first."


class AlreadySigned(AgreementError):
    code = "signature.already_signed"
    message = "This party has already signed the version."


class NotAPartyOfVersion(InvalidValue):
    code = "party.not_of_version"
    message = "This organisation is not a party of the version."


class NoVersionInForce(AgreementError):
    code = "notice.none_in_force"
    message = "Notice is given on an agreement in force, and none is in force on {given_on}."


class NotAPartyInForce(InvalidValue):
    code = "party.not_in_force"
    message = "This organisation is not a party of the agreement in force."


class NoticeAlreadyGiven(AgreementError):
    code = "notice.already_given"
    message = "This party has already given notice; withdraw that notice first."


class NoNoticePeriod(AgreementError):
    code = "notice.no_period"
    message = "The version in force names no notice period; amend it to give one."


class NoticeBeyondCalendar(InvalidValue):
    code = "notice.beyond_calendar"
    message = "The notice period would end beyond the year 9999."


class DecisionOnDraft(AgreementError):
    code = "decision.on_draft"
    message = "This version is still a draft; send it to the parties before recording decisions."


class VersionOfAnotherArea(InvalidValue):
    code = "decision.other_area"
    message = "The version belongs to another area."


class DecisionTargetMissing(InvalidValue):
    code = "decision.target_required"
    message = "Say which agreement version the decision concerns, or at least its area."


class NothingToImport(InvalidValue):
    code = "import.nothing_sent"
    message = "Send a file or paste the text."


class AnnexIsLink(NotFound):
    code = "annex.is_link"
    message = "This annex is a link; it has no file."

    def __init__(self) -> None:
        CodedError.__init__(self)


# --- dating a decision ---------------------------------------------------------
# Field errors of a decision's meeting date (päätöspäivä): 422 on ``meeting_date``.


class DecisionBeforeSent(InvalidValue):
    """A body cannot decide on a version before it was sent to the parties."""

    code = "decision.before_sent"
    message = "The decision is dated {meeting_date}, before the version was sent to the parties on {sent_on}."

    def __init__(self, meeting_date: date, sent_on: date) -> None:
        self.meeting_date = meeting_date
        self.sent_on = sent_on
        super().__init__("meeting_date", meeting_date=meeting_date, sent_on=sent_on)


class DecisionInFuture(InvalidValue):
    """A decision is recorded once it has been made, never ahead of its meeting."""

    code = "decision.in_future"
    message = "The decision is dated {meeting_date}, after today ({today})."

    def __init__(self, meeting_date: date, today: date) -> None:
        self.meeting_date = meeting_date
        self.today = today
        super().__init__("meeting_date", meeting_date=meeting_date, today=today)


class DecisionAfterDeparture(InvalidValue):
    """After its last day (notice) an organisation is no longer a party whose decision counts."""

    code = "decision.after_departure"
    message = ("The decision is dated {meeting_date}, after {last_day}, the organisation's last day as a party "
               "after its notice.")

    def __init__(self, meeting_date: date, last_day: date) -> None:
        self.meeting_date = meeting_date
        self.last_day = last_day
        super().__init__("meeting_date", meeting_date=meeting_date, last_day=last_day)

"""Domain errors of agreements (sopimukset), kept beside the model.

They carry what went wrong in domain terms and no HTTP codes; the API maps them
once, in its exception handlers.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date

from domain.errors import InvalidValue


class AgreementError(Exception):
    """Base of every agreement rule violation."""


# --- lifecycle ---------------------------------------------------------------


class VersionNotEditable(AgreementError):
    """Only a draft (luonnos) can be changed; a version is frozen once sent."""

    def __init__(self, version_id: Hashable, sent_on: date | None) -> None:
        self.version_id = version_id
        self.sent_on = sent_on
        super().__init__(
            f"version {version_id} was sent to the parties on {sent_on} and can no "
            "longer be changed; start an amendment instead"
        )


class VersionIncomplete(AgreementError):
    """A version cannot be sent (or evaluated) because something is missing."""

    def __init__(self, version_id: Hashable, problems: tuple[str, ...]) -> None:
        self.version_id = version_id
        self.problems = problems
        super().__init__(f"version {version_id} is incomplete: " + "; ".join(problems))


class ConflictingDecisions(AgreementError):
    """One party has two decisions on one version with the same date and § number
    that lead to different standings, so neither can be called the latest."""

    def __init__(
        self, party: Hashable, version_id: Hashable, meeting_date: date, section: int
    ) -> None:
        self.party = party
        self.version_id = version_id
        self.meeting_date = meeting_date
        self.section = section
        super().__init__(
            f"party {party} has conflicting decisions on version {version_id} "
            f"dated {meeting_date} § {section}"
        )


class InvalidChain(AgreementError):
    """The versions of an agreement do not form a chain (unknown base, cycle,
    duplicate id)."""


class VersionNotInForce(AgreementError):
    """An amendment (muutos) starts from the version in force, and this one is not."""

    def __init__(self, version_id: Hashable, status: str) -> None:
        self.version_id = version_id
        self.status = status
        super().__init__(
            f"version {version_id} is {status}, not in force; an amendment starts "
            "from the version in force"
        )


class InvalidNotice(AgreementError):
    """A notice (irtisanominen) that cannot be computed, e.g. a negative period."""


# --- import of documents -------------------------------------------------------


class DocumentError(AgreementError):
    """A document handed in for import cannot be read."""


class UnsupportedDocument(DocumentError):
    """The bytes are not a plain-text, .docx or .pdf document."""


class UndecodableDocument(DocumentError):
    """A text file is not valid UTF-8."""

    def __init__(self, position: int, reason: str) -> None:
        self.position = position
        self.reason = reason
        super().__init__(
            f"the text file is not valid UTF-8 (byte {position}: {reason}); "
            "save it as UTF-8 and try again"
        )


class EmptyDocument(DocumentError):
    """The document contains no text (e.g. an empty file or a scanned PDF
    without a text layer)."""


class DamagedDocument(DocumentError):
    """A .docx or .pdf whose structure cannot be parsed."""


# --- dating a decision ---------------------------------------------------------
#
# Field errors of a decision's meeting date (päätöspäivä): the API answers 422 on
# ``meeting_date``. ``code`` is stable; ``message`` names its parameters.


class DecisionBeforeSent(InvalidValue):
    """A body cannot decide on a version before it was sent to the parties."""

    code = "decision.before_sent"
    message = "The decision is dated {meeting_date}, before the version was sent to the parties on {sent_on}."

    def __init__(self, meeting_date: date, sent_on: date) -> None:
        self.meeting_date = meeting_date
        self.sent_on = sent_on
        super().__init__(
            "meeting_date",
            self.message.format(meeting_date=meeting_date.isoformat(), sent_on=sent_on.isoformat()),
            self.code,
        )


class DecisionInFuture(InvalidValue):
    """A decision is recorded once it has been made, never ahead of its meeting."""

    code = "decision.in_future"
    message = "The decision is dated {meeting_date}, after today ({today})."

    def __init__(self, meeting_date: date, today: date) -> None:
        self.meeting_date = meeting_date
        self.today = today
        super().__init__(
            "meeting_date",
            self.message.format(meeting_date=meeting_date.isoformat(), today=today.isoformat()),
            self.code,
        )


class DecisionAfterDeparture(InvalidValue):
    """After its last day (notice) an organisation is no longer a party whose decision counts."""

    code = "decision.after_departure"
    message = (
        "The decision is dated {meeting_date}, after {last_day}, the organisation's last day as a party "
        "after its notice."
    )

    def __init__(self, meeting_date: date, last_day: date) -> None:
        self.meeting_date = meeting_date
        self.last_day = last_day
        super().__init__(
            "meeting_date",
            self.message.format(meeting_date=meeting_date.isoformat(), last_day=last_day.isoformat()),
            self.code,
        )

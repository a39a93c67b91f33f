"""Agreements (sopimukset): the pure rules.

* :mod:`.lifecycle` — versions (sopimusversiot), decisions (päätökset) and
  entry into force (voimaantulo); editing, sending and amending a version;
* :mod:`.notice` — notice (irtisanominen) and the end date it gives;
* :mod:`.decisions` — the dates a decision (päätös) can have;
* :mod:`.sections` — the text of a version as numbered sections;
* :mod:`.importing` — import of a .txt/.docx/.pdf text into sections;
* :mod:`.redline` — the differences between two versions ("muutokset näkyvissä");
* :mod:`.errors` — the domain errors.

No I/O beyond the bytes handed in, no database, no web framework, no clock.
"""

from .decisions import check_decision_date
from .errors import (
    AgreementError,
    ConflictingDecisions,
    DamagedDocument,
    DecisionAfterDeparture,
    DecisionBeforeSent,
    DecisionInFuture,
    DocumentError,
    EmptyDocument,
    InvalidChain,
    InvalidNotice,
    UndecodableDocument,
    UnsupportedDocument,
    VersionIncomplete,
    VersionNotEditable,
    VersionNotInForce,
)
from .importing import (
    DocumentKind,
    ImportPreview,
    Repairs,
    detect_kind,
    extract_text,
    import_document,
    import_text,
    repair_text,
    split_sections,
)
from .lifecycle import (
    AgreementVersion,
    Blocker,
    ChainState,
    Decision,
    DecisionOutcome,
    EntryIntoForceRule,
    PartyStanding,
    Signature,
    Standing,
    VersionState,
    VersionStatus,
    chain_state,
    edit_draft,
    party_standings,
    send_for_decision,
    start_amendment,
    version_state,
)
from .notice import (
    Departure,
    Notice,
    departures,
    notice_end_date,
    parties_in_year,
    parties_on,
    termination_date,
)
from .redline import (
    ChangeKind,
    Op,
    Redline,
    SectionChange,
    SectionRef,
    WordOp,
    redline,
    tokenize,
    word_diff,
)
from .sections import Block, BulletList, Paragraph, Section, section_from_dict

__all__ = [
    "AgreementError",
    "AgreementVersion",
    "Block",
    "Blocker",
    "BulletList",
    "ChainState",
    "ChangeKind",
    "ConflictingDecisions",
    "DamagedDocument",
    "Decision",
    "DecisionAfterDeparture",
    "DecisionBeforeSent",
    "DecisionInFuture",
    "DecisionOutcome",
    "Departure",
    "DocumentError",
    "DocumentKind",
    "EmptyDocument",
    "EntryIntoForceRule",
    "ImportPreview",
    "InvalidChain",
    "InvalidNotice",
    "Notice",
    "Op",
    "Paragraph",
    "PartyStanding",
    "Redline",
    "Repairs",
    "Section",
    "SectionChange",
    "SectionRef",
    "Signature",
    "Standing",
    "UndecodableDocument",
    "UnsupportedDocument",
    "VersionIncomplete",
    "VersionNotEditable",
    "VersionNotInForce",
    "VersionState",
    "VersionStatus",
    "WordOp",
    "chain_state",
    "check_decision_date",
    "departures",
    "detect_kind",
    "edit_draft",
    "extract_text",
    "import_document",
    "import_text",
    "notice_end_date",
    "parties_in_year",
    "parties_on",
    "party_standings",
    "redline",
    "repair_text",
    "section_from_dict",
    "send_for_decision",
    "split_sections",
    "start_amendment",
    "termination_date",
    "tokenize",
    "version_state",
    "word_diff",
]

"""What an imported agreement text says about itself, proposed for the person to check before saving: its notice
period ("6 kuukauden irtisanomisajalla" → 6), its effective date ("tulee voimaan 1.1.2025") and its parties, found
by their names as Finnish inflects them ("Nokian kaupunki", "Vihdin kunta", "Virtain kaupunki")."""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence
from datetime import date

from .sections import Block, BulletList, Section

#: Finnish number words as a notice period writes them, in the genitive and the nominative.
NUMBER_WORDS = {
    "yhden": 1, "yksi": 1, "kahden": 2, "kaksi": 2, "kolmen": 3, "kolme": 3, "neljän": 4, "neljä": 4,
    "viiden": 5, "viisi": 5, "kuuden": 6, "kuusi": 6, "seitsemän": 7, "kahdeksan": 8, "yhdeksän": 9,
    "kymmenen": 10, "yhdentoista": 11, "yksitoista": 11, "kahdentoista": 12, "kaksitoista": 12,
}
NUMBER = r"(\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
NOTICE_PATTERNS = (
    # "6 kuukauden irtisanomisajalla", "kuuden (6) kuukauden irtisanomisaika"
    re.compile(NUMBER + r"\s*(?:\(\s*\d{1,2}\s*\)\s*)?kuukauden\s+irtisanomisaja", re.IGNORECASE),
    # "irtisanomisaika on kuusi (6) kuukautta"
    re.compile(r"irtisanomisaika\s+on\s+" + NUMBER + r"\s*(?:\(\s*\d{1,2}\s*\)\s*)?kuukautta", re.IGNORECASE),
    # "uppsägningstiden är sex månader" is left to the person: Swedish agreements are rare in the seeds.
)
DATE = r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})"
EFFECTIVE_PATTERNS = (
    re.compile(r"(?:tulee|astuu)\s+voimaan\s+" + DATE, re.IGNORECASE),
    re.compile(r"voimassa\s+" + DATE + r"\s+(?:alkaen|lukien)", re.IGNORECASE),
    re.compile(r"voimaan\s+" + DATE + r"\s+(?:alkaen|lukien)", re.IGNORECASE),
    re.compile(r"träder\s+i\s+kraft\s+(?:den\s+)?" + DATE, re.IGNORECASE),
)
PARTIES_HEADING = re.compile(r"^(sopija)?(osa)?puolet$|^sopijapuolet$|^avtalsparter(na)?$|^parter(na)?$",
                             re.IGNORECASE)
WORD = re.compile(r"[A-ZÅÄÖ][\wÅÄÖåäö]*(?:-[A-ZÅÄÖ][\wÅÄÖåäö]*)?")
BODY_WORDS = ("kunta", "kaupunki", "kunnan", "kaupungin", "kommun", "stad")
#: How much of the parties' section is read: names are listed at its start.
PARTIES_TEXT_LIMIT = 20_000


def proposed_notice_months(text: str) -> int | None:
    """The notice period in months the text gives, if it gives one."""
    for pattern in NOTICE_PATTERNS:
        match = pattern.search(text)
        if match:
            word = match.group(1).lower()
            return int(word) if word.isdigit() else NUMBER_WORDS[word]
    return None


def proposed_effective_date(text: str) -> date | None:
    """The day the text says the agreement comes into force, if it names one that exists."""
    for pattern in EFFECTIVE_PATTERNS:
        for match in pattern.finditer(text):
            day, month, year = (int(part) for part in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None


def parties_text(preamble: Sequence[Block], sections: Sequence[Section]) -> str:
    """The text that names the parties: the section headed "Sopijaosapuolet" (or "Osapuolet", "Parter"), else
    the preamble and the first section."""
    chosen = next((s for s in sections if PARTIES_HEADING.match((s.title or "").strip())), None)
    blocks = list(chosen.blocks) if chosen else [*preamble, *(sections[0].blocks if sections else ())]
    return "\n".join(block_text(block) for block in blocks)[:PARTIES_TEXT_LIMIT]


def block_text(block: Block) -> str:
    return "\n".join(block.items) if isinstance(block, BulletList) else block.text


def names_the_party(word: str, name: str, *, before_body_word: bool) -> bool:
    """Whether `word` is `name` inflected: the same start, allowing the consonant gradation of the stem's end
    (Vihti → Vihdin, Orivesi → Oriveden); one followed by "kunta" or "kaupunki" may differ a little more (Virrat →
    Virtain)."""
    if word == name:
        return True
    shared = 0
    for ours, theirs in zip(word.casefold(), name.casefold()):
        if ours != theirs:
            break
        shared += 1
    slack = 3 if before_body_word else 2
    return shared >= max(3, len(name) - slack) and len(word) <= len(name) + 4


def proposed_parties(text: str, candidates: Mapping[Hashable, Sequence[str]]) -> list[Hashable]:
    """The candidates (each by its names, e.g. Finnish and Swedish) that the text names, in the order it names
    them."""
    by_start: dict[str, list[tuple[Hashable, str]]] = {}
    for candidate, names in candidates.items():
        for name in names:
            if name:
                by_start.setdefault(name[:3].casefold(), []).append((candidate, name))
    found: list[Hashable] = []
    for match in WORD.finditer(text):
        word = match.group(0)
        following = text[match.end():match.end() + 12].strip().casefold()
        before_body_word = following.startswith(BODY_WORDS)
        for candidate, name in by_start.get(word[:3].casefold(), ()):
            if candidate not in found and names_the_party(word, name, before_body_word=before_body_word):
                found.append(candidate)
                break
    return found

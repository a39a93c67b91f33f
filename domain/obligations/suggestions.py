"""Obligations proposed from a version's text by the Finnish patterns of duty, for a person to accept, edit or discard.

A duty in these agreements is a sentence with a holder and a verb of duty: "Kukin sopijakunta perustaa …",
"Jokaisen kunnan tulee määrittää …", "Osapuolet sitoutuvat …", "Tampere vastuukuntana vastaa …", or a passive
one whose holder the context gives ("suunnitelmat päivitetään vuosittain", "jokainen luovutus on arvioitava
etukäteen"). A following sentence may name the convener ("Koollekutsujana toimii Tampereen kaupunki") or an
exception ("Poikkeuksena … Valkeakosken kaupunki vastaa itsenäisesti …"). Nothing here is a model: the patterns
are written out, so what is found and what is missed can be told.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from domain.agreements.sections import BulletList, Paragraph, Section

from .model import HolderRule, HolderScope, ObligationKind, Schedule

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”(]?[A-ZÅÄÖ])")
EACH = re.compile(r"\b(kukin|jokainen|jokaisen|kunkin)\s+(sopija)?(kunta|kunnan|osapuoli|osapuolen|sopijapuoli"
                  r"|sopijapuolen|toimija|toimijan)\b", re.IGNORECASE)
ALL_COMMIT = re.compile(r"\b(osapuolet|sopijapuolet|kunnat|sopijakunnat)\s+(?=(myös\s+)?sitoutuvat\b)", re.IGNORECASE)
ONE_MUNICIPALITY = re.compile(r"^(kunta|sopijakunta|osapuoli)\s+(myös\s+)?(?=(nimeää|perustaa|osoittaa|vastaa"
                              r"|huolehtii|laatii|järjestää|tarjoaa|määrittää)\b)", re.IGNORECASE)
LEAD = re.compile(r"\bvastuukunta(na)?\s+(\w+\s+)?(vastaa|järjestää|tarjoaa|huolehtii)\b", re.IGNORECASE)
AUTHORITY = re.compile(r"\btyövoimaviranomainen\s+(vastaa|järjestää|laatii|tuottaa|huolehtii)\b", re.IGNORECASE)
EXCEPTION = re.compile(r"^poikkeuksena\b.*\bvastaa\s+itsenäisesti\b", re.IGNORECASE)
CONVENER = re.compile(r"^koollekutsujana\s+toimii\s+", re.IGNORECASE)
YEARLY_PLAN = re.compile(r"päivit\w*\s+(\w+\s+)?suunnitelm\w*\s+vuosittain|suunnitelm\w*\s+päivitetään\s+vuosittain",
                         re.IGNORECASE)
ASSESS = re.compile(r"\b(on|tulee)\s+arvioi(tava|da)\s+etukäteen\b|\barvioidaan\s+etukäteen\b", re.IGNORECASE)
DUTY_VERB = re.compile(r"\b(nimeää|nimeävät|perustaa|perustavat|osoittaa|osoittavat|vastaa|vastaavat|sitoutuu"
                       r"|sitoutuvat|tulee|huolehtii|huolehtivat|määrittää|laatii|järjestää|tarjoaa|viestii"
                       r"|ylläpitää|päivittää)\b", re.IGNORECASE)
#: "vastaa lähtökohtaisesti omista palveluistaan" states who does what in principle; it asks nothing new.
PRINCIPLE = re.compile(r"\blähtökohtaisesti\b", re.IGNORECASE)
KINDS = (
    (re.compile(r"kokoontu", re.IGNORECASE), ObligationKind.MEET),
    (re.compile(r"ajantasai|ajan tasalla", re.IGNORECASE), ObligationKind.KEEP_UP_TO_DATE),
    (re.compile(r"arvioi\w*\s+etukäteen", re.IGNORECASE), ObligationKind.ASSESS_BEFOREHAND),
    (re.compile(r"\b(nimeää|nimeävät|nimetään|perustaa|perustavat|määrittää|määrittävät)\b", re.IGNORECASE),
     ObligationKind.NAME_BODY_OR_PERSON),
    (re.compile(r"\blaatii\b|suunnitelm\w*\s+(päivitetään|vuosittain)|päivit\w*\s+suunnitelm", re.IGNORECASE),
     ObligationKind.DELIVER_DOCUMENT),
    (re.compile(r"osoitta|tarjoa|järjestä|tuotta", re.IGNORECASE), ObligationKind.PROVIDE),
)
TITLE_LENGTH = 100
PLACE_SUFFIXES = re.compile(r"\s+(kaupunki|kunta|stad|kommun)$", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    """A duty read from one sentence: where it is, what it asks, of whom and when, and the words it was read from."""

    section_number: str | None
    section_title: str
    quote: str
    title: str
    kind: ObligationKind
    holders: HolderRule
    schedule: Schedule
    holder_text: str
    exception_text: str = ""


def suggest(
    sections: Sequence[Section], party_names: Mapping[Any, Sequence[str]], starts_on: date,
) -> tuple[Suggestion, ...]:
    """The duties found in ``sections``, in text order.

    ``party_names`` gives each party's names (Finnish, Swedish) to find named holders and exceptions in the text;
    a duty of "the lead" (vastuukunta) is the area's lead's, whoever it is; a one-off duty (naming a body, founding
    a group) is proposed as due on ``starts_on``, the day the version comes into force, for the person to change.
    """
    found: list[Suggestion] = []
    for section in sections:
        in_section: list[Suggestion] = []
        for sentence in sentences(section):
            if EXCEPTION.search(sentence):
                _attach_exception(in_section, sentence, party_names)
                continue
            if CONVENER.search(sentence):
                _attach_convener(in_section, sentence, party_names)
                continue
            suggestion = _read(section, sentence, party_names, starts_on)
            if suggestion is not None:
                in_section.append(suggestion)
        found.extend(in_section)
    return tuple(found)


def sentences(section: Section) -> list[str]:
    """The sentences of a section's paragraphs and the items of its lists, whitespace normalised."""
    parts: list[str] = []
    for block in section.blocks:
        texts = block.items if isinstance(block, BulletList) else (block.text,) if isinstance(block, Paragraph) else ()
        for text in texts:
            parts.extend(s.strip() for s in SENTENCE_END.split(" ".join(text.split())) if s.strip())
    return parts


def _read(section: Section, sentence: str, names: Mapping[Any, Sequence[str]], starts_on: date) -> Suggestion | None:
    holder_match: re.Match[str] | None
    kind: ObligationKind | None = None
    if (holder_match := YEARLY_PLAN.search(sentence)) is not None:
        rule, holder_text, kind = HolderRule(HolderScope.EACH_PARTY), "", ObligationKind.DELIVER_DOCUMENT
        title_from = holder_match.start()
    elif (holder_match := ASSESS.search(sentence)) is not None:
        rule, holder_text, title_from = HolderRule(HolderScope.EACH_PARTY), "", 0
    elif (holder_match := LEAD.search(sentence)) is not None:
        # "Tampere vastuukuntana vastaa …": the lead, whose name the title keeps
        named = party_positions(sentence[: holder_match.start()], names)
        rule = HolderRule(HolderScope.LEAD)
        title_from = named[-1][0] if named else holder_match.start()
        holder_text = sentence[title_from: holder_match.end()]
    elif (holder_match := AUTHORITY.search(sentence)) is not None:
        rule, holder_text = HolderRule(HolderScope.EMPLOYMENT_AUTHORITY), holder_match.group(0)
        title_from = holder_match.start()
    elif PRINCIPLE.search(sentence) or not DUTY_VERB.search(sentence):
        return None
    elif (holder_match := EACH.search(sentence) or ALL_COMMIT.search(sentence)
          or ONE_MUNICIPALITY.search(sentence)) is not None:
        rule, holder_text = HolderRule(HolderScope.EACH_PARTY), holder_match.group(0).strip().removesuffix(" myös")
        title_from = holder_match.end()
    else:
        return None
    if kind is None:
        kind = next((kind for pattern, kind in KINDS if pattern.search(sentence)), ObligationKind.OTHER)
    return Suggestion(
        section_number=section.number, section_title=section.title, quote=sentence,
        title=_title(sentence[title_from:]), kind=kind, holders=rule,
        schedule=_schedule(sentence, kind, starts_on), holder_text=holder_text,
    )


def _schedule(sentence: str, kind: ObligationKind, starts_on: date) -> Schedule:
    lowered = sentence.lower()
    if "neljännesvuosittain" in lowered:
        return Schedule.quarterly()
    if "kuukausittain" in lowered:
        return Schedule.monthly(31)
    if "vuosittain" in lowered or (kind is ObligationKind.MEET and "säännöllisesti" in lowered):
        return Schedule.yearly(12, 31)
    if kind is ObligationKind.NAME_BODY_OR_PERSON:
        return Schedule.one_off(starts_on)
    return Schedule.continuous()


def _title(text: str) -> str:
    """The sentence from its duty on, capitalised and cut at a word boundary: a title for a person to edit."""
    rest = text.strip(" ,").rstrip(".")
    if len(rest) > TITLE_LENGTH:
        rest = rest[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return rest[:1].upper() + rest[1:]


def _attach_exception(found: list[Suggestion], sentence: str, names: Mapping[Any, Sequence[str]]) -> None:
    """"Poikkeuksena … X vastaa itsenäisesti …": X is left out of the last duty a lead or authority holds for the
    others in this section, and holds it itself."""
    parties = parties_in(sentence, names)
    for index in range(len(found) - 1, -1, -1):
        rule = found[index].holders
        if parties and rule.scope in (HolderScope.LEAD, HolderScope.EMPLOYMENT_AUTHORITY):
            exceptions = tuple(dict.fromkeys((*rule.exceptions, *parties)))
            found[index] = replace(found[index], holders=HolderRule(rule.scope, (), exceptions, True),
                                   exception_text=sentence)
            return


def _attach_convener(found: list[Suggestion], sentence: str, names: Mapping[Any, Sequence[str]]) -> None:
    """"Koollekutsujana toimii X": the meeting duty just before is held by its convener X."""
    parties = parties_in(sentence, names)
    if found and parties and found[-1].kind is ObligationKind.MEET:
        found[-1] = replace(found[-1], holders=HolderRule(HolderScope.NAMED_PARTIES, named=(parties[0],)),
                            holder_text=sentence.rstrip("."))


def parties_in(text: str, names: Mapping[Any, Sequence[str]]) -> list[Hashable]:
    """The parties whose name appears in ``text`` in any case form, in the order they appear."""
    return [party for _, party in party_positions(text, names)]


def party_positions(text: str, names: Mapping[Any, Sequence[str]]) -> list[tuple[int, Hashable]]:
    """Where each party's name first appears in ``text`` in any case form (Valkeakosken, Tampereen, Nokian), in
    text order; "Tampereen seudun" names the region, not the city."""
    words = [(match.start(), match.group(0).lower(), text[match.end():match.end() + 7].strip().lower())
             for match in re.finditer(r"[\wÅÄÖåäö-]+", text)]
    found: list[tuple[int, Hashable]] = []
    for party, party_names in names.items():
        stems = {_stem(name) for name in party_names if name}
        for position, word, following in words:
            if any(word.startswith(stem) for stem in stems) and not following.startswith("seud"):
                found.append((position, party))
                break
    return sorted(found, key=lambda item: item[0])


def _stem(name: str) -> str:
    """The start every case form of a place name shares: Tampere → tampe(reen), Orivesi → orive(den),
    Ikaalinen → ikaali(sten), Akaa → akaa(n)."""
    base = PLACE_SUFFIXES.sub("", name.strip()).split()[0].lower() if name.strip() else ""
    return base[: max(5, len(base) - 3)]

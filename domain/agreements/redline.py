"""Redline ("muutokset näkyvissä"): the differences between two versions'
sections, section by section, with a word-level diff inside each.

Sections of the old and the new version are paired in this order:

1. the same title (ignoring case and spacing), where that title is unique on
   both sides;
2. content similarity (difflib's ratio over the words of the body) of at least
   ``threshold``, the most similar pairs first;
3. the same number (or, unnumbered, the same position) with a body at least
   a quarter similar or a similar title — a section rewritten in place.

A paired section is *renamed* when its title changed, *renumbered* when its
number changed, and *moved* when it is out of order relative to the other
paired sections (those outside a longest run kept in the same order). A new
section without a pair is *added*, an old one *removed*. Inside a pair the
title and the body are diffed word by word into ``equal`` / ``insert`` /
``delete`` operations (a replacement is a delete followed by an insert).

Everything is a plain frozen dataclass; :meth:`Redline.to_dict` gives JSON.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

from .sections import Section


class Op(StrEnum):
    """A word-diff operation."""

    EQUAL = "equal"
    """ennallaan."""
    INSERT = "insert"
    """lisätty."""
    DELETE = "delete"
    """poistettu."""


@dataclass(frozen=True)
class WordOp:
    """A run of words with one operation. Paragraph breaks are the token
    ``"\\n\\n"`` and list-item breaks ``"\\n"``."""

    op: Op
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return _detokenize(self.words)

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op.value, "words": list(self.words), "text": self.text}


class ChangeKind(StrEnum):
    """What happened to a section between the versions."""

    UNCHANGED = "unchanged"
    """ennallaan (it may still have moved or been renumbered)."""
    CHANGED = "changed"
    """muutettu: title or text changed."""
    ADDED = "added"
    """lisätty."""
    REMOVED = "removed"
    """poistettu."""


@dataclass(frozen=True)
class SectionRef:
    """A section's place in one version: position (0-based), number, title."""

    index: int
    number: str | None
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "number": self.number, "title": self.title}


@dataclass(frozen=True)
class SectionChange:
    """One line of the redline: a section of the old version, of the new, or
    a pair of both."""

    kind: ChangeKind
    old: SectionRef | None
    new: SectionRef | None
    renamed: bool = False
    renumbered: bool = False
    moved: bool = False
    similarity: float = 1.0
    title_ops: tuple[WordOp, ...] = ()
    body_ops: tuple[WordOp, ...] = ()

    @property
    def text_changed(self) -> bool:
        return any(op.op is not Op.EQUAL for op in self.body_ops)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "renamed": self.renamed,
            "renumbered": self.renumbered,
            "moved": self.moved,
            "similarity": round(self.similarity, 4),
            "title_ops": ops_to_dicts(self.title_ops),
            "body_ops": ops_to_dicts(self.body_ops),
        }


@dataclass(frozen=True)
class Redline:
    """The section-by-section differences, in the new version's order with
    each removed section where it stood."""

    changes: tuple[SectionChange, ...]

    @property
    def added(self) -> tuple[SectionChange, ...]:
        return tuple(c for c in self.changes if c.kind is ChangeKind.ADDED)

    @property
    def removed(self) -> tuple[SectionChange, ...]:
        return tuple(c for c in self.changes if c.kind is ChangeKind.REMOVED)

    @property
    def changed(self) -> tuple[SectionChange, ...]:
        return tuple(c for c in self.changes if c.kind is ChangeKind.CHANGED)

    @property
    def renamed(self) -> tuple[SectionChange, ...]:
        return tuple(c for c in self.changes if c.renamed)

    @property
    def moved(self) -> tuple[SectionChange, ...]:
        return tuple(c for c in self.changes if c.moved)

    @property
    def is_empty(self) -> bool:
        """True when the versions' sections are the same, in the same order."""
        return all(
            c.kind is ChangeKind.UNCHANGED and not c.moved and not c.renumbered
            for c in self.changes
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
                "renamed": len(self.renamed),
                "moved": len(self.moved),
            },
            "sections": [c.to_dict() for c in self.changes],
        }


# --- diffing ------------------------------------------------------------------------

_TOKEN = re.compile(r"\n+|[^\s]+")
_OPENING = "(["
_CLOSING = ",.;:!?)]"


def tokenize(text: str) -> tuple[str, ...]:
    """Words of ``text``, with punctuation at a word's edges as tokens of its
    own (so "ohjaus," and "ohjaus" share the word); a run of line breaks is
    one token, "\n" (list items) or "\n\n" (paragraphs)."""
    out: list[str] = []
    for tok in _TOKEN.findall(text.strip()):
        if tok.startswith("\n"):
            out.append("\n\n" if len(tok) > 1 else "\n")
            continue
        lead: list[str] = []
        trail: list[str] = []
        while len(tok) > 1 and tok[0] in _OPENING:
            lead.append(tok[0])
            tok = tok[1:]
        while len(tok) > 1 and tok[-1] in _CLOSING:
            trail.insert(0, tok[-1])
            tok = tok[:-1]
        out += [*lead, tok, *trail]
    return tuple(out)


def _glued(before: str, word: str) -> bool:
    """Whether `word` follows the text `before` with no space: at a start or a break, before closing punctuation,
    after an opening bracket."""
    return (
        not before
        or before.endswith("\n")
        or word.startswith("\n")
        or (len(word) == 1 and word in _CLOSING)
        or before[-1] in _OPENING
    )


def _detokenize(words: Sequence[str]) -> str:
    out = ""
    for word in words:
        out += word if _glued(out, word) else " " + word
    return out


def ops_to_dicts(ops: Sequence[WordOp]) -> list[dict[str, Any]]:
    """The runs as the API gives them, each saying whether a space comes before it, so that a reader that marks
    insertions and deletions joins the runs as the text reads (the rule of `_detokenize`, across runs)."""
    out = []
    previous = ""
    for op in ops:
        first = op.words[0] if op.words else ""
        out.append({**op.to_dict(), "space_before": bool(previous) and bool(first) and not _glued(previous, first)})
        if op.words:
            previous = op.words[-1]
    return out


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """The word-level diff of two texts as equal / delete / insert runs."""
    return _ops(tokenize(old), tokenize(new))


def _ops(a: Sequence[str], b: Sequence[str]) -> tuple[WordOp, ...]:
    ops: list[WordOp] = []

    def emit(op: Op, words: Sequence[str]) -> None:
        if not words:
            return
        if ops and ops[-1].op is op:
            ops[-1] = WordOp(op, ops[-1].words + tuple(words))
        else:
            ops.append(WordOp(op, tuple(words)))

    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit(Op.EQUAL, a[i1:i2])
        else:
            emit(Op.DELETE, a[i1:i2])
            emit(Op.INSERT, b[j1:j2])
    return tuple(ops)


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.2 or matcher.quick_ratio() < 0.2:
        return matcher.quick_ratio()
    return matcher.ratio()


def _norm_title(title: str) -> str:
    return " ".join(title.casefold().split())


def redline(
    old: Sequence[Section], new: Sequence[Section], *, threshold: float = 0.5
) -> Redline:
    """Compare the sections of two versions (old → new)."""
    old, new = tuple(old), tuple(new)
    old_words = [tokenize(s.text) for s in old]
    new_words = [tokenize(s.text) for s in new]
    pairs: dict[int, int] = {}  # old index → new index
    taken: set[int] = set()

    # 1. Unique identical titles.
    old_titles: dict[str, list[int]] = {}
    new_titles: dict[str, list[int]] = {}
    for i, s in enumerate(old):
        old_titles.setdefault(_norm_title(s.title), []).append(i)
    for j, s in enumerate(new):
        new_titles.setdefault(_norm_title(s.title), []).append(j)
    for title, olds in old_titles.items():
        news = new_titles.get(title, [])
        if title and len(olds) == 1 and len(news) == 1:
            pairs[olds[0]] = news[0]
            taken.add(news[0])

    # 2. Content similarity, best first.
    sims: dict[tuple[int, int], float] = {}

    def sim(i: int, j: int) -> float:
        if (i, j) not in sims:
            a, b = old_words[i], new_words[j]
            if not a and not b:
                sims[i, j] = _ratio(
                    tokenize(old[i].title.casefold()), tokenize(new[j].title.casefold())
                )
            else:
                sims[i, j] = _ratio(a, b)
        return sims[i, j]

    candidates = sorted(
        (-sim(i, j), abs(i - j), i, j)
        for i in range(len(old))
        if i not in pairs
        for j in range(len(new))
        if j not in taken
    )
    for negative, _, i, j in candidates:
        if -negative < threshold:
            break
        if i in pairs or j in taken:
            continue
        pairs[i] = j
        taken.add(j)

    # 3. Same number (or position) and somewhat similar: rewritten in place.
    def place(section: Section, index: int) -> str:
        return section.number if section.number else f"#{index}"

    new_by_place = {place(s, j): j for j, s in enumerate(new) if j not in taken}
    for i, s in enumerate(old):
        if i in pairs:
            continue
        same_place = new_by_place.get(place(s, i))
        if same_place is None or same_place in taken:
            continue
        title_sim = _ratio(tokenize(s.title.casefold()), tokenize(new[same_place].title.casefold()))
        if sim(i, same_place) >= 0.25 or title_sim >= 0.5:
            pairs[i] = same_place
            taken.add(same_place)

    # Moved: paired sections outside a longest increasing run of old indices.
    by_new = sorted(pairs.items(), key=lambda p: p[1])
    kept = _longest_increasing([i for i, _ in by_new])

    entries: list[tuple[tuple[int, int, int], SectionChange]] = []
    for i, j in by_new:
        a, b = old[i], new[j]
        renamed = _norm_title(a.title) != _norm_title(b.title)
        body_ops = _ops(old_words[i], new_words[j])
        title_ops = _ops(tokenize(a.title), tokenize(b.title))
        changed = renamed or any(op.op is not Op.EQUAL for op in body_ops)
        change = SectionChange(
            kind=ChangeKind.CHANGED if changed else ChangeKind.UNCHANGED,
            old=SectionRef(i, a.number, a.title),
            new=SectionRef(j, b.number, b.title),
            renamed=renamed,
            renumbered=(a.number or None) != (b.number or None),
            moved=i not in kept,
            similarity=_ratio(old_words[i], new_words[j]),
            title_ops=title_ops,
            body_ops=body_ops,
        )
        entries.append(((j, 0, i), change))
    for j, b in enumerate(new):
        if j not in taken:
            change = SectionChange(
                kind=ChangeKind.ADDED,
                old=None,
                new=SectionRef(j, b.number, b.title),
                similarity=0.0,
                title_ops=_ops((), tokenize(b.title)),
                body_ops=_ops((), new_words[j]),
            )
            entries.append(((j, 0, -1), change))
    for i, a in enumerate(old):
        if i in pairs:
            continue
        # Shown right after the nearest earlier old section that is still there.
        before = [pairs[k] for k in range(i) if k in pairs]
        anchor = before[-1] if before else -1
        change = SectionChange(
            kind=ChangeKind.REMOVED,
            old=SectionRef(i, a.number, a.title),
            new=None,
            similarity=0.0,
            title_ops=_ops(tokenize(a.title), ()),
            body_ops=_ops(old_words[i], ()),
        )
        entries.append(((anchor, 1, i), change))
    entries.sort(key=lambda e: e[0])
    return Redline(tuple(change for _, change in entries))


def _longest_increasing(seq: Sequence[int]) -> set[int]:
    """The values of one longest strictly increasing subsequence of ``seq``."""
    tails: list[int] = []  # smallest tail value of a run of each length
    tail_pos: list[int] = []
    parent: list[int] = [-1] * len(seq)
    for pos, value in enumerate(seq):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(pos)
        else:
            tails[k] = value
            tail_pos[k] = pos
        parent[pos] = tail_pos[k - 1] if k else -1
    result: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos != -1:
        result.add(seq[pos])
        pos = parent[pos]
    return result

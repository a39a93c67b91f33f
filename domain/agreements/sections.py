"""The text of an agreement version: numbered sections (kohdat, pykälät) made of
paragraphs (kappaleet) and bullet lists (luettelot).

Plain frozen values shared by the import (:mod:`.importing`), the versions
(:mod:`.lifecycle`) and the redline (:mod:`.redline`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The most a version's text holds: sections, blocks (paragraphs and lists) in a section or in the preamble,
#: items in a list, and characters in a paragraph and in a list item.
MAX_SECTIONS = 1000
MAX_BLOCKS = 1000
MAX_LIST_ITEMS = 500
MAX_PARAGRAPH_CHARS = 50_000
MAX_ITEM_CHARS = 10_000


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (kappale) of running text, whitespace normalised."""

    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": "paragraph", "text": self.text}


@dataclass(frozen=True)
class BulletList:
    """A bullet list (luettelo); each item is one line of running text."""

    items: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))

    def to_dict(self) -> dict[str, Any]:
        return {"type": "list", "items": list(self.items)}


Block = Paragraph | BulletList


@dataclass(frozen=True)
class Section:
    """One numbered section (kohta) of an agreement.

    ``number`` is the number as written ("1", "3.2"), or ``None`` for a
    section without a number; ``title`` is its heading (otsikko); ``blocks``
    its paragraphs and lists in order.
    """

    number: str | None
    title: str
    blocks: tuple[Block, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))

    @property
    def heading(self) -> str:
        """The heading as shown: ``"3. Kuntakohtaiset toimintasuunnitelmat"``."""
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def text(self) -> str:
        """The body as plain text: paragraphs separated by blank lines, list items
        as ``• item`` lines."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.append("\n".join(f"• {item}" for item in block.items))
        return "\n\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "blocks": [block.to_dict() for block in self.blocks],
        }


def block_from_dict(data: dict[str, Any]) -> Block:
    """Inverse of ``to_dict`` of a paragraph or a list (for content stored as JSON)."""
    if data.get("type") == "list":
        return BulletList(tuple(data["items"]))
    return Paragraph(data["text"])


def section_from_dict(data: dict[str, Any]) -> Section:
    """Inverse of :meth:`Section.to_dict` (for content stored as JSON)."""
    blocks = tuple(block_from_dict(block) for block in data.get("blocks", ()))
    return Section(data.get("number"), data.get("title", ""), blocks)

"""A version's text written out for editing and read back (domain/agreements/importing.py):
nothing is lost either way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain.agreements import (
    BulletList,
    Paragraph,
    Section,
    read_sections_text,
    write_sections_text,
)

UPPER = "ABDEFGHIJKLMNOPRSTUVYÄÖÅ"
LOWER = "abdefghijklmnoprstuvyäöå"

word = st.text(LOWER + UPPER, min_size=2, max_size=12)
mark = st.sampled_from(["", "", "", ",", ".", ":", ";", "!", "?"])
capitalised = st.builds(lambda first, rest: first + rest, st.sampled_from(UPPER), st.text(LOWER, max_size=10))


@st.composite
def sentence(draw, min_words: int = 1, max_words: int = 25) -> str:
    words = draw(st.lists(st.tuples(word, mark), min_size=min_words, max_size=max_words))
    return " ".join(w + m for w, m in words)


@st.composite
def title(draw) -> str:
    rest = draw(st.lists(word, max_size=8))
    return " ".join([draw(capitalised), *rest]) + draw(st.sampled_from(["", "", ".", ":"]))


item = st.one_of(sentence(), st.builds(lambda n, s: f"{n}) {s}", st.integers(1, 20), sentence()),
                 st.builds(lambda n, s: f"{n}. {s}", st.integers(1, 20), sentence()))


@st.composite
def blocks(draw, max_size: int = 5) -> tuple:
    """Paragraphs and lists; never two lists in a row (a list simply goes on)."""
    out: list = []
    for _ in range(draw(st.integers(0, max_size))):
        if (out and isinstance(out[-1], BulletList)) or draw(st.booleans()):
            out.append(Paragraph(draw(sentence())))
        else:
            out.append(BulletList(tuple(draw(st.lists(item, min_size=1, max_size=5)))))
    return tuple(out)


@st.composite
def version_text(draw) -> tuple[tuple, tuple[Section, ...]]:
    """A preamble and numbered sections whose numbering starts anywhere and runs on in order."""
    preamble = draw(blocks())
    number = draw(st.integers(1, 20))
    sections = []
    for _ in range(draw(st.integers(1, 6))):
        sections.append(Section(str(number), draw(title()), draw(blocks())))
        for sub in range(1, draw(st.integers(0, 2)) + 1):
            sections.append(Section(f"{number}.{sub}", draw(title()), draw(blocks())))
        number += draw(st.integers(1, 3))
    return preamble, tuple(sections)


@given(version_text())
def test_sections_written_out_read_back_the_same(version):
    preamble, sections = version
    assert read_sections_text(write_sections_text(preamble, sections)) == (preamble, sections)


@st.composite
def retyped(draw, text: str) -> str:
    """The text as a person's editor may leave it: other line ends, stray spaces, blank lines, long
    paragraphs wrapped where the next word starts in lower case."""
    lines = []
    for line in text.split("\n"):
        if line and not line.startswith("•") and " " in line and not line[0].isdigit():
            words = line.split(" ")
            cut = draw(st.integers(1, len(words) - 1))
            if words[cut][:1].islower() and not words[cut - 1].endswith("-"):
                line = " ".join(words[:cut]) + "\n" + " ".join(words[cut:])
        spaces = draw(st.sampled_from(["", "", "  ", " \t"]))
        lines.append(line.replace(" ", draw(st.sampled_from([" ", " ", "  "]))) + spaces)
        if not line and draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "   "])))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return draw(st.sampled_from(["", "\n\n"])) + ending.join(lines) + draw(st.sampled_from(["", "\n\n  \n"]))


@given(version_text().flatmap(lambda v: st.tuples(st.just(v), retyped(write_sections_text(*v)))))
def test_text_read_and_written_out_again_is_the_text(data):
    (preamble, sections), typed = data
    written = write_sections_text(preamble, sections)
    assert read_sections_text(typed) == (preamble, sections)
    assert write_sections_text(*read_sections_text(typed)) == written


def test_the_lead_before_the_first_section_and_a_first_section_numbered_five_are_kept():
    text = ("Sopimus työllisyyspalvelujen järjestämisestä\n\nKunnat sopivat seuraavaa.\n\n"
            "5. Kustannusten jakaminen\n\nKustannukset jaetaan asukasluvun mukaan.\n\n"
            "• hallinto\n• tietojärjestelmät\n\n6. Voimassaolo\n\nToistaiseksi.\n")
    preamble, sections = read_sections_text(text)
    assert preamble == (Paragraph("Sopimus työllisyyspalvelujen järjestämisestä"),
                        Paragraph("Kunnat sopivat seuraavaa."))
    assert [(s.number, s.title) for s in sections] == [("5", "Kustannusten jakaminen"), ("6", "Voimassaolo")]
    assert sections[0].blocks[1] == BulletList(("hallinto", "tietojärjestelmät"))
    assert write_sections_text(preamble, sections) == text


def test_a_line_that_looks_like_a_page_number_is_the_text_s_own():
    text = "1. Maksuerät\n\nSivu 2\n\n12\n"
    assert read_sections_text(text)[1] == (Section("1", "Maksuerät", (Paragraph("Sivu 2"), Paragraph("12"))),)


def test_an_empty_text_has_no_sections_and_a_text_without_headings_is_one_section():
    assert read_sections_text(" \n\n") == ((), ())
    assert read_sections_text("vain tekstiä\n\nja lisää") == (
        (), (Section(None, "", (Paragraph("vain tekstiä"), Paragraph("ja lisää"))),))

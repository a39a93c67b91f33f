"""Redline, "muutokset näkyvissä" (domain/agreements/redline.py)."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.agreements import (
    ChangeKind,
    Op,
    Paragraph,
    Section,
    WordOp,
    import_text,
    redline,
    tokenize,
    word_diff,
)
from domain.agreements.redline import ops_to_dicts

SEED_001 = Path(__file__).parent / "fixtures" / "seed_001_tampere_agreement.txt"


@pytest.fixture(scope="module")
def v1() -> tuple[Section, ...]:
    return import_text(SEED_001.read_text(encoding="utf-8")).sections


@pytest.fixture(scope="module")
def v2(v1) -> tuple[Section, ...]:
    """An amendment: §11 sentence changed, §4 renamed, "Viestintä" removed,
    "Tietosuoja" moved after §3, a new cost-sharing section at the end, and
    everything renumbered."""
    by_title = {s.title: s for s in v1}
    validity = by_title["Sopimuksen voimassaolo, muutoksista sopiminen"]
    changed = replace(
        validity,
        blocks=(
            Paragraph(
                validity.blocks[0].text.replace("6 kuukauden", "12 kuukauden")
            ),
        ),
    )
    renamed = replace(by_title["Vastuut ja ohjaus"], title="Vastuut, ohjaus ja seuranta")
    costs = Section(
        None,
        "Kustannusten jakaminen",
        (Paragraph("Yhteiset kustannukset jaetaan kuntien asukasluvun suhteessa."),),
    )
    order = [
        v1[0], v1[1], v1[2], by_title["Tietosuoja"], renamed, v1[4], v1[5], v1[6], v1[7],
        changed, costs,
    ]
    return tuple(replace(s, number=str(n)) for n, s in enumerate(order, start=1))


def test_redline_of_an_amendment(v1, v2):
    result = redline(v1, v2)
    assert [c.old.title for c in result.removed] == ["Viestintä"]
    assert [c.new.title for c in result.added] == ["Kustannusten jakaminen"]
    assert [c.new.title for c in result.moved] == ["Tietosuoja"]
    assert [(c.old.title, c.new.title) for c in result.renamed] == [
        ("Vastuut ja ohjaus", "Vastuut, ohjaus ja seuranta")
    ]
    assert {c.new.title for c in result.changed} == {
        "Vastuut, ohjaus ja seuranta",
        "Sopimuksen voimassaolo, muutoksista sopiminen",
    }
    # Each old section appears once, each new section once.
    assert sorted(c.old.index for c in result.changes if c.old) == list(range(len(v1)))
    assert sorted(c.new.index for c in result.changes if c.new) == list(range(len(v2)))

    validity = next(c for c in result.changes if c.new and c.new.number == "10")
    assert (validity.old.number, validity.renumbered, validity.moved) == ("11", True, False)
    assert [(op.op, op.text) for op in validity.body_ops] == [
        (Op.EQUAL, "Tämä sopimus on voimassa toistaiseksi. Sopimus on irtisanottavissa"),
        (Op.DELETE, "6"),
        (Op.INSERT, "12"),
        (Op.EQUAL, "kuukauden irtisanomisajalla."),
    ]

    renamed = result.renamed[0]
    assert not renamed.text_changed
    assert [(op.op, op.text) for op in renamed.title_ops] == [
        (Op.EQUAL, "Vastuut"),
        (Op.INSERT, ", ohjaus"),
        (Op.EQUAL, "ja"),
        (Op.DELETE, "ohjaus"),
        (Op.INSERT, "seuranta"),
    ]

    # The removed section is shown where it stood: after old §8, before old §11.
    kinds = [(c.kind, c.old.title if c.old else c.new.title) for c in result.changes]
    removed_at = kinds.index((ChangeKind.REMOVED, "Viestintä"))
    assert kinds[removed_at - 1][1] == "Maahanmuutto ja kotoutumisen edistäminen"
    assert kinds[removed_at + 1][1] == "Sopimuksen voimassaolo, muutoksista sopiminen"
    assert kinds[-1] == (ChangeKind.ADDED, "Kustannusten jakaminen")

    data = json.loads(json.dumps(result.to_dict()))
    assert data["summary"] == {"added": 1, "removed": 1, "changed": 2, "renamed": 1, "moved": 1}


def test_title_ops_rebuild_both_titles(v1, v2):
    for change in redline(v1, v2).changes:
        old = [w for op in change.title_ops if op.op is not Op.INSERT for w in op.words]
        new = [w for op in change.title_ops if op.op is not Op.DELETE for w in op.words]
        assert old == (list(tokenize(change.old.title)) if change.old else [])
        assert new == (list(tokenize(change.new.title)) if change.new else [])


def test_a_section_rewritten_in_place_is_matched_by_its_number():
    old = [
        Section("1", "Osapuolet", (Paragraph("Tampere ja Nokia."),)),
        Section("2", "Kustannukset", (Paragraph("Kustannukset jaetaan tasan kuntien kesken."),)),
    ]
    new = [
        old[0],
        Section(
            "2",
            "Kustannusten jako",
            (Paragraph("Kustannukset jaetaan asukasluvun suhteessa kuntien kesken."),),
        ),
    ]
    result = redline(old, new)
    assert not result.added and not result.removed
    assert result.renamed[0].new.title == "Kustannusten jako"


def test_an_unrelated_new_section_in_the_same_place_is_a_removal_and_an_addition():
    old = [Section("1", "Viestintä", (Paragraph("Kukin kunta viestii omista palveluistaan."),))]
    new = [Section("1", "Tietosuoja", (Paragraph("Rekisterinpitäjänä toimii jokainen osapuoli."),))]
    result = redline(old, new)
    assert [c.kind for c in result.changes] == [ChangeKind.REMOVED, ChangeKind.ADDED]


# --- properties ---------------------------------------------------------------------------

words = st.sampled_from(
    ["sopimus", "kunta", "osapuoli", "palvelu", "työllisyys", "kustannus", "vastuukunta", "päätös", "hyväksyy",
     "jakaa", "asukasluku", "ja", "tai", "sekä", "vuosittain", "yhdessä"]
)
texts = st.lists(words, min_size=0, max_size=40).map(" ".join)


@st.composite
def section_lists(draw):
    titles = draw(st.lists(st.lists(words, min_size=1, max_size=4).map(" ".join), min_size=1,
                           max_size=8, unique=True))
    return [
        Section(str(n), title.capitalize(), (Paragraph(draw(texts) or "teksti"),))
        for n, title in enumerate(titles, start=1)
    ]


def test_tokens_keep_punctuation_apart_and_text_rebuilds():
    text = "Sopimus (380/2023) on voimassa, ks. 2. luku.\n\n• Tampere\n• Nokia"
    assert tokenize(text)[:6] == ("Sopimus", "(", "380/2023", ")", "on", "voimassa")
    assert word_diff(text, text)[0].text == text


@given(texts, texts)
def test_word_diff_rebuilds_both_texts(old, new):
    ops = word_diff(old, new)
    assert [w for op in ops if op.op is not Op.INSERT for w in op.words] == list(tokenize(old))
    assert [w for op in ops if op.op is not Op.DELETE for w in op.words] == list(tokenize(new))
    assert all(a.op is not b.op for a, b in itertools.pairwise(ops))


@given(section_lists())
def test_a_version_compared_with_itself_has_no_changes(sections):
    result = redline(sections, sections)
    assert result.is_empty
    assert all(c.kind is ChangeKind.UNCHANGED for c in result.changes)


@given(section_lists().flatmap(lambda s: st.tuples(st.just(s), st.permutations(s))))
def test_reordering_sections_only_moves_them(data):
    old, new = data
    result = redline(old, new)
    assert not result.added and not result.removed and not result.changed
    new_order_of_old = [c.old.index for c in sorted(result.changes, key=lambda c: c.new.index)]
    assert [new[c.new.index] for c in result.changes] == [old[c.old.index] for c in result.changes]
    if new_order_of_old == sorted(new_order_of_old):
        assert not result.moved
    else:
        assert result.moved
    # The sections not moved keep their relative order.
    kept = [c.old.index for c in sorted(result.changes, key=lambda c: c.new.index) if not c.moved]
    assert kept == sorted(kept)


WORDS = st.sampled_from(["Kunnat", "sopivat", "työllisyydestä", ",", ".", "(", ")", "Tampere", "ja", "\n", "vuosittain", ":"])


@given(st.lists(WORDS, max_size=12), st.lists(WORDS, max_size=12))
def test_the_runs_say_where_the_spaces_go(old: list[str], new: list[str]) -> None:
    """The page shows every run (kept, added, removed) in order: joined by their space_before they read as the
    same words joined as a text, with no space before a comma nor after an opening bracket."""
    runs = ops_to_dicts(word_diff(" ".join(old), " ".join(new)))
    shown = "".join((" " if run["space_before"] else "") + run["text"] for run in runs)
    words = tuple(word for run in runs for word in run["words"])
    assert shown == WordOp(Op.EQUAL, words).text

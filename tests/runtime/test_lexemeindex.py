"""runtime.lexemeindex: spaCy's lexeme index stays compact across memory zones."""

from __future__ import annotations

import pytest

from annotator.api import annotate
from annotator.runtime.lexemeindex import (
    LexemeIndexCompactor,
    compact,
    compaction_works,
    lexeme_map,
    live_entries,
)



def test_compaction_is_supported_by_this_spacy():
    # If this fails, spaCy changed how it keeps lexemes: the compactor then does nothing, and
    # memory grows as it does without it (the benchmark's memory section shows it).
    assert compaction_works()


def test_without_compaction_deleted_lexemes_keep_growing_the_index(blank, churn):
    """The problem itself, so a spaCy that fixes it shows up here (then the module can go)."""
    churn(blank, 50)
    table = lexeme_map(blank.vocab)
    before, live = table.capacity, live_entries(table)
    churn(blank, 6000, start=50)
    table = lexeme_map(blank.vocab)
    assert table.capacity >= 4 * before
    assert live_entries(table) == live


def test_compact_keeps_every_live_lexeme_and_drops_the_dead(blank, churn):
    blank("permanent words stay here")
    churn(blank, 3000)
    old = lexeme_map(blank.vocab)
    live = sorted(old.keys())
    grown = old.capacity
    capacity = compact(blank.vocab)
    table = lexeme_map(blank.vocab)
    assert table is not old and capacity == table.capacity < grown
    assert sorted(table.keys()) == live
    for orth in live:
        assert blank.vocab[orth].orth == orth
    # The vocab keeps working: new lexemes, new zones, new docs, lexical attributes.
    assert blank.vocab["added later"].orth in lexeme_map(blank.vocab)
    churn(blank, 10, start=5000)
    doc = blank("permanent words stay here 42")
    assert [t.text for t in doc] == ["permanent", "words", "stay", "here", "42"]
    assert doc[-1].like_num and doc[0].is_lower


def test_compactor_bounds_the_index(blank, churn):
    compactor = LexemeIndexCompactor(lambda: blank.vocab, lambda: blank.vocab.in_memory_zone, every=100, floor=1024)
    churn(blank, 20_000, after=compactor.tick)
    table = lexeme_map(blank.vocab)
    assert compactor.compactions > 0
    assert table.capacity <= max(1024, 4 * live_entries(table)) * 2


def test_compactor_never_runs_inside_a_zone(blank, churn):
    compactor = LexemeIndexCompactor(lambda: blank.vocab, lambda: blank.vocab.in_memory_zone,
                                     every=1, floor=8, slack=1)
    churn(blank, 2000)
    with blank.memory_zone():
        assert not compactor.tick()
    assert compactor.tick() and compactor.compactions == 1


def test_annotate_keeps_the_lexeme_index_compact(make_fixture_nlp):
    nlp = make_fixture_nlp()
    upkeep = nlp.get_pipe("helpdesk_glossary").upkeep
    upkeep.lexeme_index.every, upkeep.lexeme_index.floor = 50, 1024
    for i in range(4000):
        annotate(f"Ticket T{i}-{i * 7919:x} for cust{i}@example.org: our SLA and AHT.", nlp=nlp)
    table = lexeme_map(nlp.vocab)
    assert upkeep.lexeme_index.compactions > 0
    assert table.capacity <= 8 * live_entries(table)
    result = annotate("The SLA covers AHT.", nlp=nlp)
    assert [s["text"] for s in result["spans"]] == ["SLA", "AHT"]

"""runtime.stringindex: spaCy's string index stays compact across memory zones."""

from __future__ import annotations

import pytest

from annotator.api import annotate
from annotator.runtime.stringindex import StringIndexCompactor, compact, compaction_works



def compactor_for(nlp, **limits) -> StringIndexCompactor:
    return StringIndexCompactor(lambda: nlp.vocab.strings, lambda: nlp.vocab.in_memory_zone, **limits)


def test_compaction_is_supported_by_this_spacy():
    # If this fails, spaCy changed how it stores strings: the compactor then does nothing, and
    # memory grows as it does without it (the benchmark's memory section shows it).
    assert compaction_works()


def test_without_compaction_deleted_strings_keep_growing_the_index(blank, churn):
    """The problem itself, so a spaCy that fixes it shows up here (then the module can go)."""
    churn(blank, 50)
    before = blank.vocab.strings._map.capacity
    churn(blank, 6000, start=50)
    assert blank.vocab.strings._map.capacity >= 4 * before
    assert len(blank.vocab.strings) < before  # while the live strings did not grow


def test_compact_keeps_every_live_string_and_drops_the_dead(blank, churn):
    blank("permanent words stay here")
    churn(blank, 3000)
    strings = blank.vocab.strings
    live = list(strings)
    grown = strings._map.capacity
    capacity = compact(strings)
    assert capacity < grown
    assert list(strings) == live
    for text in live:
        assert strings[strings[text]] == text and text in strings
    assert "ord7x55433" not in strings
    # The store keeps working: new strings, new zones, new docs.
    assert strings[strings.add("added later")] == "added later"
    churn(blank, 10, start=5000)
    assert [t.text for t in blank("permanent words stay here")] == ["permanent", "words", "stay", "here"]


def test_compactor_bounds_the_index(blank, churn):
    compactor = compactor_for(blank, every=100, floor=1024)
    churn(blank, 20_000, after=compactor.tick)
    assert compactor.compactions > 0
    assert blank.vocab.strings._map.capacity <= max(1024, 4 * len(blank.vocab.strings)) * 2


def test_compactor_waits_for_its_turn_and_never_runs_inside_a_zone(blank, churn):
    compactor = compactor_for(blank, every=3, floor=8, slack=1)
    churn(blank, 2000)
    assert not compactor.tick() and not compactor.tick()
    with blank.memory_zone():
        assert not compactor.tick()  # the third tick, but a zone is open
    assert not compactor.tick() and not compactor.tick()
    assert compactor.tick()
    assert compactor.compactions == 1


def test_compactor_leaves_a_small_index_alone(blank, churn):
    compactor = compactor_for(blank, every=1)
    churn(blank, 200, after=compactor.tick)
    assert compactor.compactions == 0


def test_annotate_keeps_the_string_index_compact(make_fixture_nlp):
    nlp = make_fixture_nlp()
    component = nlp.get_pipe("helpdesk_glossary")
    component.string_index.every, component.string_index.floor = 50, 1024
    for i in range(4000):
        annotate(f"Ticket T{i}-{i * 7919:x} for cust{i}@example.org: our SLA and AHT.", nlp=nlp)
    strings = nlp.vocab.strings
    assert component.string_index.compactions > 0
    assert strings._map.capacity <= 8 * len(strings)
    result = annotate("The SLA covers AHT.", nlp=nlp)
    assert [s["text"] for s in result["spans"]] == ["SLA", "AHT"]


def test_a_pickled_component_gets_its_own_compactor(make_fixture_nlp):
    import pickle

    component = make_fixture_nlp().get_pipe("helpdesk_glossary")
    for _ in range(3):
        component.learn_vocab("words")
    copy = pickle.loads(pickle.dumps(component))
    assert copy.string_index is not component.string_index
    assert copy.string_index._strings() is copy.nlp.vocab.strings
    assert copy.learn_vocab("words") == 0 and copy.string_index.compactions == 0

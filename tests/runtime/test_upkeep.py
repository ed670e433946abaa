"""runtime.upkeep: the learner and the compactor of one pipeline, outside memory zones only."""

from __future__ import annotations

import spacy

from annotator.runtime.upkeep import VocabUpkeep, in_memory_zone


def test_upkeep_learns_recurring_chunks_and_counts_documents():
    nlp = spacy.blank("en")
    upkeep = VocabUpkeep(lambda: nlp)
    assert upkeep.after_document("escalated tickets") == 0
    assert upkeep.after_document("escalated again") == 1
    assert "escalated" in upkeep.learner.learned
    assert upkeep.string_index._count == 2


def test_upkeep_does_nothing_inside_a_zone():
    nlp = spacy.blank("en")
    upkeep = VocabUpkeep(lambda: nlp)
    upkeep.after_document("escalated")
    with nlp.memory_zone():
        assert in_memory_zone(nlp)
        assert upkeep.after_document("escalated") == 0
    assert not in_memory_zone(nlp)


def test_upkeep_follows_a_replaced_tokenizer():
    nlp = spacy.blank("en")
    upkeep = VocabUpkeep(lambda: nlp)
    calls = []
    real = nlp.tokenizer
    nlp.tokenizer = lambda text: calls.append(text) or real(text)
    upkeep.after_document("queue")
    upkeep.after_document("queue")
    assert calls == ["queue"]

from __future__ import annotations

import pytest

from annotator.discover.aggregate import Discovery
from annotator.discover.candidates import term_hits
from annotator.discover.context import (
    SMOOTH, WINDOW, DocumentContext, acronym_mentions, context_weight)
from annotator.discover.counters import Entry
from annotator.discover.termhood import CONTEXT, CONTEXT_FULL, context_factor
from annotator.discover.words import words


def _context(text, *mentioned):
    """A document's context with each ``mentioned`` string as a glossary mention."""
    tokens = list(words(text))
    spans = [(text.index(m), text.index(m) + len(m)) for m in mentioned]
    return DocumentContext(tokens, spans)


def test_context_seeds_are_the_content_words_around_mentions():
    text = "please escalate the urgent tickets to the Escalation Board quickly today"
    context = _context(text, "Escalation Board")
    # five words either side ("escalate" is the sixth before), stopwords ("the", "to",
    # "today") skipped, plurals folded, the mention's own words never its context
    assert WINDOW == 5
    assert context.seeds == {"urgent": 1, "ticket": 1, "quickly": 1}
    assert context.words == {"escalate": 1, "urgent": 1, "ticket": 1, "escalation": 1,
                             "board": 1, "quickly": 1}


def test_context_window_is_bounded():
    text = "Escalation Board " + " ".join(["filler"] * WINDOW) + " faraway"
    context = _context(text, "Escalation Board")
    assert context.seeds == {"filler": WINDOW}


def test_context_around_a_candidate_skips_mentions():
    text = "an internal note on the ticket SLA review"
    context = _context(text, "SLA")
    around: dict[str, int] = {}
    start = text.index("internal note")
    context.around(start, start + len("internal note"), around)
    assert around == {"ticket": 1, "review": 1}  # "SLA" is a mention, not a context word


def test_context_acronym_mentions_fold_plurals():
    text = "SLAs and AHT, not FAQ"
    known = {"SLA", "AHT"}
    spans = acronym_mentions(words(text), known.__contains__)
    assert [text[a:b] for a, b in spans] == ["SLAs", "AHT"]


def test_context_weight_is_the_seed_share_of_each_word():
    seeds = {"ticket": 8}
    uses = {"ticket": 8, "lunch": 10}
    weight = context_weight({"ticket": 2, "lunch": 3}, lambda w: seeds.get(w, 0),
                            lambda w: uses.get(w, 0))
    assert weight == pytest.approx(2 * 8 / (8 + SMOOTH))


@pytest.mark.parametrize(("context", "uses", "factor"), [
    (0.0, 0, 1.0),  # no context words: no evidence either way
    (0.0, 10, 1 - CONTEXT),
    (10 * CONTEXT_FULL, 10, 1.0),
    (20 * CONTEXT_FULL, 10, 1.0),
    (5 * CONTEXT_FULL, 10, 1 - CONTEXT / 2),
])
def test_context_factor(context, uses, factor):
    assert context_factor(Entry(count=3, context=context, context_uses=uses)) == \
        pytest.approx(factor)


class _Known:
    def domain_words(self, key):
        return 0

    def has_term(self, text):
        return False

    def has_acronym(self, acronym):
        return acronym == "SLA"


def test_context_term_hits_carry_their_context_words():
    # the window runs across sentences; the glossary acronym is no context word
    hits = term_hits("the SLA breach review. Ring strategy applies", _Known())
    assert hits["ring strategy"].context == {"breach": 1, "review": 1, "apply": 1}
    assert hits["breach review"].context == {"ring": 1, "strategy": 1, "apply": 1}


def test_context_terms_in_glossary_company_rank_higher(miner):
    # "ring strategy" and "lunch break" are written as often, in as many documents; only
    # the first is written among the words that surround the glossary's terms
    texts = [
        "Check the SLA on every urgent ticket and escalate it.",
        "Every urgent ticket follows the ring strategy; escalate it.",
        "Every urgent ticket follows the ring strategy; escalate it.",
        "Our lunch break was sunny and long, with pizza.",
        "Our lunch break was sunny and long, with pizza.",
        "The AHT of each urgent ticket we escalate stays low.",
    ]
    discovery = Discovery(capacity=1000)
    for i, text in enumerate(texts):
        discovery.add(miner.mine(f"d{i}", text))
    ring, lunch = discovery.terms.get("ring strategy"), discovery.terms.get("lunch break")
    assert ring.context / ring.context_uses > lunch.context / lunch.context_uses
    assert context_factor(lunch) == pytest.approx(1 - CONTEXT)
    scores = {c.candidate: c.score for c in discovery.candidates()}
    assert scores["ring strategy"] > scores["lunch break"]


def test_context_word_tables_are_bounded_per_document(miner):
    from annotator.discover.candidates import MAX_KEYS_PER_DOCUMENT

    # more distinct words than one document may send (letters only: digits split words)
    letters = "bcdfghjklmnpqrstvwxz"
    distinct = [a + b + c + "o" for a in letters for b in letters for c in letters[:15]]
    assert len(distinct) > MAX_KEYS_PER_DOCUMENT
    found = miner.mine("big", "SLA " + " ".join(distinct))
    assert len(found.words) == MAX_KEYS_PER_DOCUMENT
    assert len(found.seeds) <= MAX_KEYS_PER_DOCUMENT

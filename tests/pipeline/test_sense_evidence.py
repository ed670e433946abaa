"""Phrases of a text and their weights for the senses of an ambiguous acronym."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from annotator.pipeline.sense_evidence import (
    Rarity,
    SenseWeights,
    content_words,
    iter_phrases,
    phrase_counts,
    phrases,
    stem,
)



@pytest.mark.parametrize(
    "words,same",
    [
        (("resolve", "resolved", "resolves", "resolution"), True),
        (("handle", "handled", "handling", "handles"), True),
        (("wait", "waits", "waited", "waiting"), True),
        (("wrap", "wrapping"), True),
        (("renew", "renewal", "renewals"), True),
        (("hold", "handle"), False),
    ],
)
def test_sense_evidence_stem(words, same):
    assert (len({stem(w) for w in words}) == 1) is same


def test_sense_evidence_phrases_pair_words_within_a_clause():
    found = phrases("Customers were on hold; the talk time (AHT) grew.")
    assert {"on hold", "hold", "talk tim", "custo"} <= set(found)
    assert "on" not in found  # a stop word counts only inside a pair
    assert not any(p.startswith("hold ") for p in found)  # punctuation ends a pair
    assert "tim aht" not in found
    assert (found["on hold"], found["talk tim"], found["custo"]) == ("on hold", "talk time", "customers")


@pytest.mark.parametrize(
    "text,kept,denied",
    [
        ("Unlike first response time, MTTR includes the fix.", {"inclu", "fix"}, {"respo", "first respo"}),
        ("It counts first answers, not until it is solved.", {"count", "first answe"}, {"solv"}),
        ("It doesn't change the queue; callers wait.", {"calle", "wait"}, {"chang", "queu"}),
        ("Measured on retention rather than on tickets.", {"reten"}, {"ticke", "on ticke"}),
        # "not only" and "not just" add, they do not deny.
        ("BPO is not only about technology.", {"techn"}, set()),
    ],
)
def test_sense_evidence_phrases_drop_what_a_clause_denies(text, kept, denied):
    found = set(phrases(text))
    assert kept <= found and not denied & found
    assert kept | denied <= set(phrases(text, denials=False))  # what the text is about


def test_sense_evidence_weights_shared_phrase_weighs_nothing_and_distinctive_one_counts():
    handle = Counter({"avera": 2, "talk": 2, "hold": 1})
    hold = Counter({"avera": 2, "on hold": 1, "hold": 2})
    weights = SenseWeights([handle, hold])
    assert "avera" not in weights.weights  # both use "average" alike: no evidence either way
    # "hold" is in both texts, but more in one: it counts for that one, it is not dropped.
    assert weights.weights["hold"][1] > 0 == weights.weights["hold"][0]
    (handle_score, handle_found), (hold_score, hold_found) = weights.score({"on hold": "on hold", "hold": "hold"})
    assert hold_score > handle_score == 0
    assert hold_found == ["on hold", "hold"] and handle_found == []


def test_sense_evidence_weights_a_phrase_a_sense_never_uses_is_no_evidence_for_it():
    # A short sense text against a long one: smoothing alone would make a phrase only the long
    # text uses (once, lightly) look likelier in the short one.
    short = Counter({"repai": 3})
    long = Counter({"ticke": 40, "resol": 30, "knowl base": 0.25})
    weights = SenseWeights([short, long])
    assert weights.weights.get("knowl base", (0.0, 0.0))[0] == 0
    (short_score, short_found), _ = weights.score({"knowl base": "knowledge base"})
    assert short_score == 0 and short_found == []


def test_sense_evidence_weights_rarity_damps_common_words():
    a, b = Counter({"custo": 2, "repai": 2}), Counter({"resol": 2, "ticke": 2})
    plain = SenseWeights([a, b])
    damped = SenseWeights([a, b], rarity=Rarity(100, {"custo": 90}))
    assert damped.weights["custo"][0] < plain.weights["custo"][0] / 10
    assert damped.weights["repai"][0] == plain.weights["repai"][0]  # in no other text: full weight


def test_sense_evidence_weights_never_count_excluded_words():
    a = phrase_counts([("Mean time to repair (MTTR) of equipment", 1.0)])
    b = phrase_counts([("Mean time to respond to tickets", 1.0)])
    weights = SenseWeights([a, b], excluded={"mttr"})
    assert not any("mttr" in phrase.split() for phrase in weights.weights)


@pytest.mark.parametrize(
    "text",
    [
        "Average Handle Time (AHT): talk time plus after-call work.",
        "Calling back instead of keeping them on hold; not a transfer.",
        "a_b c-d e - f 'x' don't it’s café 12ab ab12 __init__ co-op",
        "Re-opened tickets, 3 queues and the agents' wrap-up — all of it.",
        "",
    ],
)
def test_sense_evidence_content_words_are_the_one_word_phrases(text):
    words = {p for p in phrases(text, denials=False) if " " not in p}
    assert content_words(text) == words


_CLAUSE_PARTS = ["hold", "Hold", "time", "on", "not", "don't", "only", "talk", " ", " ", ",", "_", "(", " - ", "*"]


@given(st.lists(st.sampled_from(_CLAUSE_PARTS), max_size=24), st.booleans())
@example(["*", "hold", "*", " ", "_", "talk", "_", " "] * 4, True)
@example(["Hold", " ", "on", ",", "hold", " ", "not", " ", "talk", ",", "hold", " ", "on"], True)
def test_sense_evidence_phrases_read_each_distinct_clause_once(parts, denials):
    """Reading a repeated clause once gives every phrase of the text, each with the first way
    it was written, as reading them all in order does."""
    text = "".join(parts)
    expected: dict[str, str] = {}
    for phrase, surface in iter_phrases(text, denials=denials):
        expected.setdefault(phrase, surface)
    assert phrases(text, denials=denials) == expected
    assert list(phrases(text, denials=denials)) == list(expected)  # the same order


@given(st.lists(st.sampled_from(["hold", "Hold", "time", "on", "not", "only", "talk", "12", "the"]), min_size=60,
                max_size=160), st.booleans())
@example(["hold", "on", "talk", "time"] * 30 + ["not", "talk", "on", "hold"], True)
@example(["the", "hold", "on", "time", "12", "talk", "on"] * 12, True)
@example(["12", "talk", "the", "time", "on"] * 20 + ["don't", "hold"], True)
def test_sense_evidence_phrases_of_a_long_clause_read_each_word_pair_once(words, denials):
    """A clause of many words (a run of glued or repeated ones) yields what each distinct pair
    of words yields once: the same phrases, each first written the same way, in the same order."""
    text = " ".join(words)
    expected: dict[str, str] = {}
    for phrase, surface in iter_phrases(text, denials=denials):
        expected.setdefault(phrase, surface)
    assert list(phrases(text, denials=denials).items()) == list(expected.items())

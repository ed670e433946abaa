"""vocabulary.spelling: British and American spellings, only where both are words."""

from __future__ import annotations

import pytest

from annotator.vocabulary.spelling import other_spellings, regional_variants


@pytest.mark.parametrize(
    "word, expected",
    [
        ("center", ("centre",)), ("centres", ("centers",)), ("prioritize", ("prioritise",)),
        ("prioritisation", ("prioritization",)), ("analyze", ("analyse",)), ("behavior", ("behaviour",)),
        ("labour", ("labor",)), ("dialog", ("dialogue",)), ("canceled", ("cancelled",)),
        ("license", ("licence",)),
    ],
)
def test_spelling_pairs_both_ways(word, expected):
    assert other_spellings(word) == expected


@pytest.mark.parametrize("word", ["monitor", "tour", "hour", "after", "water", "sla", "Center", "co-op", "tier2"])
def test_spelling_no_pair_that_is_not_a_word(word):
    assert other_spellings(word) == ()


def test_spelling_regional_variants_of_phrases():
    assert regional_variants(["call center", "call centers", "first response time"]) == ["call centre", "call centres"]
    assert regional_variants(["customer behavior analysis"]) == ["customer behaviour analysis"]
    assert regional_variants(["queue"]) == []


def test_spelling_both_words_respelled_is_one_of_a_bounded_few():
    variants = regional_variants(["center prioritization labor"])
    assert "centre prioritisation labour" in variants and len(variants) == 7


def test_spelling_every_respelled_word_has_a_listed_ending():
    # The endings pre-filter only skips words the rules would leave alone: checked on every
    # rule's own shape and on the commonest English words.
    from wordfreq import top_n_list

    from annotator.vocabulary.spelling import _ENDINGS

    words = [w for w in top_n_list("en", 30000) if other_spellings(w)]
    assert len(words) > 100
    assert [w for w in words if not w.endswith(_ENDINGS)] == []


@pytest.mark.parametrize("phrases", [iter(["call center"]), ("call-center",), ["first response time", "call centers"]])
def test_spelling_regional_variants_of_any_iterable_and_hyphens(phrases):
    assert regional_variants(phrases) in (["call centre"], ["call-centre"], ["call centres"])

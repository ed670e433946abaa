from __future__ import annotations

import pytest

from annotator.discover.variants import VariantIndex, edit_distance


@pytest.fixture(scope="module")
def index(known):
    return VariantIndex(known)


@pytest.mark.parametrize(
    ("surface", "concept", "reason"),
    [
        ("escalaton managment", "escalation-management", "misspelling"),
        ("Escalation Managment", "escalation-management", "misspelling"),
        ("averge handle time", "average-handle-time", "misspelling"),
        ("co - browsing", "co-browsing", "spelling"),
    ],
)
def test_variants_found(index, surface, concept, reason):
    found = index.match(surface)
    assert found is not None and (found.concept_id, found.reason) == (concept, reason)


@pytest.mark.parametrize(
    "surface",
    [
        "escalation management",  # the term itself
        "co-browsing", "cobrowsing",  # spellings the annotator already matches
        "escalation managements",  # an inflection, not a variant
        "the escalation process",  # starts with a stopword
        "handle",  # too short to fuzzy-match
        "ring strategy",  # unrelated
    ],
)
def test_variants_not_proposed(index, surface):
    assert index.match(surface) is None


def test_variants_cache_is_bounded(index, monkeypatch):
    import annotator.discover.variants as variants

    monkeypatch.setattr(variants, "CACHE_SIZE", 3)
    for word in ["aaaaaaa", "bbbbbbb", "ccccccc", "ddddddd", "eeeeeee"]:
        index.match(word)
    assert len(index._cache) <= 3


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [("kitten", "sitting", 3, 3), ("abcd", "abdc", 2, 1), ("same", "same", 1, 0),
     ("short", "muchlongerword", 2, 3)],
)
def test_variants_edit_distance(a, b, limit, expected):
    assert edit_distance(a, b, limit) == expected


@pytest.mark.parametrize(
    ("written", "name", "typo"),
    [("customer serivce", "customer service", True), ("return date", "return rate", False),
     ("adjusted", "adjuster", False), ("escalaton", "escalation", True),
     ("callcentre", "call center", True)],
)
def test_variants_word_by_word(written, name, typo):
    from annotator.discover.variants import _word_by_word

    assert _word_by_word(written, name) is typo

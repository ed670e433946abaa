"""matcher.PhraseTable: a search that stops where no pattern continues finds exactly what a full
scan of every pattern at every position finds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.pipeline.matcher import PhraseTable

# Hashes across the whole uint64 range (spaCy's hashes use all 64 bits); few of them, so
# patterns share prefixes and words repeat.
HASHES = st.sampled_from([1, 2, 3, 2**63 - 1, 2**63, 2**64 - 1, 12345678901234567890])


def full_scan(patterns: list[tuple[int, ...]], words: list[int]) -> list[tuple[int, int, int]]:
    return sorted(
        (start, start + len(p), t)
        for t, p in enumerate(patterns)
        for start in range(len(words) - len(p) + 1)
        if tuple(words[start : start + len(p)]) == p
    )


@given(
    patterns=st.lists(st.lists(HASHES, min_size=1, max_size=5).map(tuple), max_size=10),
    words=st.lists(HASHES, max_size=24),
)
def test_phrase_table_find_matches_a_full_scan(patterns, words):
    table = PhraseTable()
    for target, hashes in enumerate(patterns):
        table.add(hashes, target)
    assert sorted(set(table.find(words))) == sorted(set(full_scan(patterns, words)))


def test_phrase_table_prefixes_are_the_proper_prefixes_of_long_keys():
    table = PhraseTable()
    table.add((1, 2), 0)
    table.add((1, 2, 3, 4), 1)
    assert table.prefixes == {(1, 2), (1, 2, 3)}
    assert table.longest == {1: 4}


def test_phrase_table_finds_a_long_pattern_past_a_shorter_one():
    # (1, 2) is a pattern and a prefix; (1, 2, 3) is only a prefix; (1, 2, 3, 4) matches.
    table = PhraseTable()
    table.add((1, 2), 0)
    table.add((1, 2, 3, 4), 1)
    assert sorted(table.find([1, 2, 3, 4])) == [(0, 2, 0), (0, 4, 1)]
    assert table.find([1, 2, 5, 4]) == [(0, 2, 0)]  # stops at 5: nothing continues (1, 2, 5)


@pytest.mark.parametrize("words", [[], [5]])
def test_phrase_table_empty_inputs(words):
    assert PhraseTable().find(words) == []

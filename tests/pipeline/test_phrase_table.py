"""matcher.PhraseTable: the vectorised first pass finds exactly the positions a full scan tries."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.pipeline.matcher import PhraseTable

# Hashes across the whole uint64 range (spaCy's hashes use all 64 bits).
HASHES = st.sampled_from([1, 2, 3, 2**63 - 1, 2**63, 2**64 - 1, 12345678901234567890])


@given(
    patterns=st.lists(st.lists(HASHES, min_size=1, max_size=3).map(tuple), max_size=8),
    words=st.lists(HASHES, max_size=20),
)
def test_phrase_table_starts_and_find_match_a_full_scan(patterns, words):
    table = PhraseTable()
    for target, hashes in enumerate(patterns):
        table.add(hashes, target)
    array = np.asarray(words, dtype=np.uint64)
    assert table.starts(array) == [i for i, w in enumerate(words) if w in table.longest]
    assert sorted(table.find(words, table.starts(array))) == sorted(table.find(words))
    expected = sorted(
        (start, start + len(p), t)
        for t, p in enumerate(patterns)
        for start in range(len(words) - len(p) + 1)
        if tuple(words[start : start + len(p)]) == p
    )
    assert sorted(set(table.find(words))) == sorted(set(expected))


def test_phrase_table_first_words_follow_additions():
    table = PhraseTable()
    assert table.starts(np.asarray([1, 2], dtype=np.uint64)) == []
    table.add((2,), 0)
    assert table.starts(np.asarray([1, 2], dtype=np.uint64)) == [1]
    table.add((1, 2), 1)  # a new first word: the sorted array is made again
    assert table.starts(np.asarray([1, 2], dtype=np.uint64)) == [0, 1]


@pytest.mark.parametrize("words", [[], [5]])
def test_phrase_table_empty_inputs(words):
    assert PhraseTable().find(words) == []
    assert PhraseTable().starts(np.asarray(words, dtype=np.uint64)) == []

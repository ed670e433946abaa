"""tuplehash: numpy's hashes of tuples of ints are Python's own, for every prefix."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.pipeline.tuplehash import (
    agrees_with_python,
    hashes_like_python,
    prefix_hashes,
    proper_prefix_hashes,
)

WORDS = st.integers(0, 2**64 - 1)


def test_this_interpreter_hashes_as_the_arithmetic_says():
    assert hashes_like_python()


@given(st.integers(1, 6).flatmap(lambda n: st.lists(st.lists(WORDS, min_size=n, max_size=n).map(tuple),
                                                     min_size=1, max_size=20)))
def test_prefix_hashes_are_pythons(keys):
    rows = np.array(keys, dtype=np.uint64)
    for k, hashes in prefix_hashes(rows):
        assert hashes.tolist() == [hash(key[:k]) & (2**64 - 1) for key in keys]
    assert agrees_with_python(keys)


@pytest.mark.parametrize("block", [1, 3, 65_536])
def test_proper_prefix_hashes_cover_every_proper_prefix_of_two_words_or_more(block):
    keys = [(1,), (1, 2), (1, 2, 3), (4, 5, 6, 7), (2**64 - 1, 0, 2**63, 9, 9)]
    expected = sorted(hash(key[:k]) & (2**64 - 1) for key in keys for k in range(2, len(key)))
    found = sorted(h for hashes in proper_prefix_hashes(keys, block=block) for h in hashes.tolist())
    assert found == expected


@pytest.mark.parametrize("word", [-1, 2**64])
def test_proper_prefix_hashes_refuse_words_outside_64_bits(word):
    with pytest.raises(OverflowError):
        list(proper_prefix_hashes([(1, 2, word)]))

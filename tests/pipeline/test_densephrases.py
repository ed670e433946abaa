"""pipeline.densephrases: the phrase table's lookups by distinct key where pattern starts are
dense answer as the lookups at each start do, in the same order."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from annotator.pipeline import matcher
from annotator.pipeline.densephrases import DENSE_TOKENS_PER_START
from annotator.pipeline.matcher import PhraseTable

#: Keys of one to four words over the words 1-6; some with several targets, some sharing a
#: first word or a prefix; 7 and 8 start nothing.
_KEYS = [((1,), 0), ((1,), 1), ((1, 2), 2), ((1, 2, 3), 3), ((1, 2, 3, 4), 4), ((2,), 5), ((2, 2), 6),
         ((2, 2), 7), ((3, 1), 8), ((3, 1, 1), 9), ((4, 5, 6), 10), ((5,), 11), ((6, 6, 6, 6), 12),
         ((1, 7), 13)]


@pytest.fixture(scope="module")
def table() -> PhraseTable:
    made = PhraseTable()
    for key, target in _KEYS:
        made.add(key, target)
    return made


@given(words=st.lists(st.integers(1, 8), max_size=120), several=st.booleans())
@example(words=[1, 7] * 50, several=False)  # glued: one pair over and over
@example(words=[2, 2, 2] * 30 + [1, 2, 3, 4], several=True)
@example(words=[6] * 40, several=False)
def test_densephrases_answer_as_the_lookups_at_each_start(table, words, several):
    with mock.patch.object(matcher, "_BULK_STARTS", 1):
        per_start = table.spans(words, several)
        dense = table.spans(words, several, column=np.array(words, dtype=np.uint64))
    assert dense == per_start


def test_densephrases_only_where_starts_are_dense(table):
    """Sparse starts (prose) keep the per-start lookups; dense ones take the distinct keys."""
    sparse = [1] + [8] * (DENSE_TOKENS_PER_START * 300)
    glued = [1, 7] * 300
    with mock.patch.object(matcher, "dense_spans", side_effect=AssertionError) as dense:
        table.spans(sparse, column=np.array(sparse, dtype=np.uint64))
        with pytest.raises(AssertionError):
            table.spans(glued, column=np.array(glued, dtype=np.uint64))
    assert dense.call_count == 1
    assert sorted(table.find(glued))[:3] == [(0, 1, 0), (0, 1, 1), (0, 2, 13)]

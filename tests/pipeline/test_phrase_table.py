"""matcher.PhraseTable: a search that stops where no pattern continues finds exactly what a full
scan of every pattern at every position finds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.pipeline import matcher
from annotator.pipeline.matcher import PhraseTable, PrefixBits

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


@given(
    patterns=st.lists(st.lists(HASHES, min_size=1, max_size=5).map(tuple), max_size=10),
    words=st.lists(HASHES, max_size=24),
)
def test_phrase_table_spans_are_the_hits_once_each_and_find_orders_them(patterns, words):
    # spans() looks one- and two-word keys up in bulk (past a few starts; here from any) and
    # walks only from longer prefixes: each hit once, and find() gives them by start, then end.
    table = PhraseTable()
    for target, hashes in enumerate(patterns):
        table.add(hashes, target)
    for bulk_from in (0, 10**9):
        saved, matcher._BULK_STARTS = matcher._BULK_STARTS, bulk_from
        try:
            starts, ends, targets = table.spans(words)
            found = table.find(words)
        finally:
            matcher._BULK_STARTS = saved
        hits = list(zip(starts, ends, targets))
        assert len(hits) == len(set(hits)) and set(hits) == set(full_scan(patterns, words))
        assert sorted(found) == sorted(hits) and found == sorted(found, key=lambda hit: hit[:2])
        # several=True: the same hits of two words or more, and only those.
        saved, matcher._BULK_STARTS = matcher._BULK_STARTS, bulk_from
        try:
            several = list(zip(*table.spans(words, several=True)))
        finally:
            matcher._BULK_STARTS = saved
        assert sorted(several) == sorted(hit for hit in hits if hit[1] - hit[0] > 1)


def test_phrase_table_prefixes_hold_every_proper_prefix_of_long_keys():
    table = PhraseTable()
    table.add((1, 2), 0)
    table.add((1, 2, 3, 4), 1)
    prefixes = table.prefixes()
    assert (1, 2) in prefixes and (1, 2, 3) in prefixes
    assert table.longest == {1: 4}
    table.add((5, 6, 7), 2)  # an addition makes the bitmap again
    assert (5, 6) in table.prefixes()


@given(st.lists(st.lists(st.integers(0, 2**64 - 1), min_size=3, max_size=6).map(tuple), min_size=1, max_size=30))
def test_prefix_bits_never_miss_a_prefix(keys):
    bits = PrefixBits.of(keys)
    assert all(key[:size] in bits for key in keys for size in range(2, len(key)))


@given(st.lists(st.lists(st.integers(0, 2**64 - 1), min_size=3, max_size=5).map(tuple), min_size=1, max_size=20),
       st.lists(st.tuples(st.integers(0, 2**64 - 1), st.integers(0, 2**64 - 1)), max_size=20))
def test_prefix_bits_holds_answers_as_in_does(keys, strangers):
    bits = PrefixBits.of(keys)
    asked = [key[:2] for key in keys] + strangers
    assert bits.holds(asked).tolist() == [prefix in bits for prefix in asked]


def test_prefix_bits_rarely_answer_yes_for_others():
    keys = [(i, i + 1, i + 2) for i in range(0, 30_000, 3)]
    bits = PrefixBits.of(keys)
    strangers = sum((i + 1, i) in bits for i in range(10_000))
    assert strangers < 1_500  # about one in sixteen: each costs a search one more lookup


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


def _bitmap_by_hand(keys):
    count = sum(len(key) - 2 for key in keys if len(key) > 2)
    size = 1 << max(13, (16 * count).bit_length())
    bits, mask = bytearray(size >> 3), size - 1
    for key in keys:
        for length in range(2, len(key)):
            at = hash(key[:length]) & mask
            bits[at >> 3] |= 1 << (at & 7)
    return PrefixBits(bits, mask)


@pytest.mark.parametrize("words", [
    [1, 2, 3, 2**63, 2**64 - 1, 12345678901234567890],  # spaCy's hashes: numpy works them out
    [-3, 1, 2, 3, 2**64],  # a word outside 64 bits: each prefix hashed in Python
])
def test_prefix_bits_of_many_keys_are_the_bitmap_made_one_prefix_at_a_time(words):
    keys = [tuple(words[(i * 7 + j * 3) % len(words)] for j in range(2 + i % 4)) for i in range(2_000)]
    assert PrefixBits.of(keys) == _bitmap_by_hand(keys)

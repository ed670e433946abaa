"""Phrase-table lookups where pattern starts are dense: each distinct key looked up once.

:meth:`~.matcher.PhraseTable.spans` looks up the one- and two-word keys at every token that
begins a pattern. On a text of glued or repeated terms that is every second token, and the
same few keys come back tens of thousands of times ("SLA", then "SLA" and the emoji glued to
it): the lookups, the key tuples and the prefix hashes were one Python step each per start.
Here the starts' words, and then their pairs, are numbered by distinct value with numpy
(``np.unique``), each distinct key is looked up once, and the answers are spread back over
the starts; what is found, and its order, are what the per-start lookups give.
"""

from __future__ import annotations

import numpy as np

#: Starts at least one token in this many: :func:`dense_spans` pays (its sorts cost more than
#: the per-start lookups where starts are sparse, as in prose).
DENSE_TOKENS_PER_START = 4


def dense_spans(table, column: np.ndarray, starts: list[int], several: bool,
                found: tuple[list[int], list[int], list[int]]) -> list[int]:  # fmt: skip
    """Add to ``found`` (starts, ends, targets) the one-word keys (unless ``several``), then
    the two-word keys of ``table`` (a :class:`~.matcher.PhraseTable`) at ``starts`` (the
    tokens whose hash in ``column``, the document's hashes, begins a key), in that order and
    by start, as :meth:`~.matcher.PhraseTable.spans` does. Returns the starts from which a key
    of three words or more may follow (its first two words are a key's prefix, with room for
    a third), for the walk."""
    longest, keys = table.longest, table.table
    n = len(column)
    at = np.array(starts, dtype=np.int64)
    words, word_of = np.unique(column[at], return_inverse=True)
    distinct = words.tolist()
    if not several:
        _add(found, at, 1, list(map(keys.get, zip(distinct))), word_of)  # ``zip`` of one list: 1-tuples
    reach = np.fromiter(map(longest.__getitem__, distinct), dtype=np.int64, count=len(distinct))[word_of]
    longer = (reach > 1) & (at + 1 < n)
    at, word_of, reach = at[longer], word_of[longer], reach[longer]
    if not len(at):
        return []
    following, next_of = np.unique(column[at + 1], return_inverse=True)
    width = len(following)
    codes, pair_of = np.unique(word_of.astype(np.int64) * width + next_of, return_inverse=True)
    pairs = list(zip(words[codes // width].tolist(), following[codes % width].tolist()))
    _add(found, at, 2, list(map(keys.get, pairs)), pair_of)
    deep = reach > 2
    if not deep.any():
        return []
    marked = table.prefixes().holds(pairs)  # for each distinct pair
    return at[deep & marked[pair_of] & (at + 2 < n)].tolist()


def _add(found: tuple[list[int], list[int], list[int]], at: np.ndarray, width: int, hits: list,
         key_of: np.ndarray) -> None:  # fmt: skip
    """Add to ``found`` the keys of ``width`` words at ``at``: ``hits`` holds each distinct
    key's table entry (None, a target, or a tuple of targets, each added in its order) and
    ``key_of`` each start's distinct key."""
    counts = np.array([0 if hit is None else 1 if isinstance(hit, int) else len(hit) for hit in hits], dtype=np.int64)
    if not counts.any():
        return
    targets = np.array([t for hit in hits if hit is not None for t in ((hit,) if isinstance(hit, int) else hit)],
                       dtype=np.int64)
    offsets = np.cumsum(counts) - counts  # each distinct key's first target in ``targets``
    each = counts[key_of]
    kept = each > 0
    positions, first, each = at[kept], offsets[key_of[kept]], each[kept]
    if (each > 1).any():  # a key of several targets: its start once per target
        positions, first = np.repeat(positions, each), np.repeat(first, each)
        first = first + np.arange(len(first)) - np.repeat(np.cumsum(each) - each, each)
    found[0].extend(positions.tolist())
    found[1].extend((positions + width).tolist())
    found[2].extend(targets[first].tolist())

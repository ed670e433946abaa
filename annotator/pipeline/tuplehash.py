"""Python's ``hash()`` of many tuples of ints at once, with numpy.

The matcher's prefix bitmap (:class:`~.matcher.PrefixBits`) sets one bit at ``hash(prefix) &
mask`` for every proper prefix of every phrase key, and the search tests the bit with the hash
of the tuple it holds. At 100,000 concepts that is ~650,000 prefixes, each sliced off its key and
hashed one at a time in Python, on the first document of a freshly built or restored pipeline.

A tuple's hash is a fixed function of its items' hashes (CPython's xxHash-style ``tuplehash``
in ``Objects/tupleobject.c``), and a non-negative int's hash is its value modulo
``2**61 - 1``: worked column by column over equal-length keys, the hashes of every prefix of
every key come out along the way. :func:`agrees_with_python` checks the arithmetic against
``hash()`` itself, so a caller can fall back where an interpreter hashes tuples otherwise.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

_PRIME_1 = np.uint64(11400714785074694791)
_PRIME_2 = np.uint64(14029467366897019727)
_PRIME_5 = np.uint64(2870177450012600261)
#: The modulus of an int's hash (``sys.hash_info.modulus`` on 64-bit builds).
_INT_MODULUS = np.uint64(2**61 - 1)
_LENGTH_MIX = 2870177450012600261 ^ 3527539
_ALL_ONES = np.uint64(2**64 - 1)  # -1 as an unsigned hash, which tuplehash never returns
_INSTEAD_OF_ALL_ONES = np.uint64(1546275796)


def prefix_hashes(rows: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """For ``rows``, an ``(n, length)`` uint64 array of keys (ints in ``0 .. 2**64 - 1``),
    ``(k, hashes)`` for ``k`` in ``1 .. length``: ``hashes[i]`` is ``hash(tuple(rows[i, :k]))``
    as an unsigned 64-bit number (its low bits are those of the signed ``hash()``)."""
    acc = np.full(len(rows), _PRIME_5, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(rows.shape[1]):
            acc += (rows[:, k] % _INT_MODULUS) * _PRIME_2
            acc = (acc << np.uint64(31)) | (acc >> np.uint64(33))
            acc *= _PRIME_1
            hashes = acc + np.uint64((k + 1) ^ _LENGTH_MIX)
            hashes[hashes == _ALL_ONES] = _INSTEAD_OF_ALL_ONES
            yield k + 1, hashes


def proper_prefix_hashes(
    keys: Iterable[tuple[int, ...]], shortest: int = 2, block: int = 65_536
) -> Iterator[np.ndarray]:
    """The hashes (uint64, see :func:`prefix_hashes`) of every proper prefix of ``shortest``
    items or more of each of ``keys``, tuples of ints in ``0 .. 2**64 - 1`` (OverflowError for
    one out of that range), a few arrays per ``block`` keys (so the arrays stay small)."""
    keys = iter(keys)
    while chunk := list(itertools.islice(keys, block)):
        lengths = np.fromiter(map(len, chunk), dtype=np.intp, count=len(chunk))
        flat = np.fromiter(itertools.chain.from_iterable(chunk), dtype=np.uint64, count=int(lengths.sum()))
        starts = np.cumsum(lengths) - lengths
        for length in np.unique(lengths[lengths > shortest]).tolist():
            rows = flat[starts[lengths == length, None] + np.arange(length)]
            for k, hashes in prefix_hashes(rows):
                if shortest <= k < length:
                    yield hashes


@functools.cache
def hashes_like_python() -> bool:
    """Whether :func:`prefix_hashes` is this interpreter's ``hash()`` (asked once, of keys
    spanning the whole range of spaCy's 64-bit hashes)."""
    edges = [0, 1, 2**61 - 2, 2**61 - 1, 2**61, 2**63 - 1, 2**63, 2**64 - 1, 12345678901234567890]
    keys = [tuple(edges[(i + j) % len(edges)] for j in range(5)) for i in range(len(edges))]
    return agrees_with_python(keys)


def agrees_with_python(keys: Sequence[tuple[int, ...]]) -> bool:
    """Whether :func:`prefix_hashes` gives ``hash()`` of each prefix of ``keys`` (equal-length
    tuples of ints in range) in this interpreter."""
    rows = np.array(keys, dtype=np.uint64).reshape(len(keys), -1)
    mask = 2**64 - 1
    return all(
        [hash(key[:k]) & mask for key in keys] == hashes.tolist() for k, hashes in prefix_hashes(rows)
    )

"""Keeping Python's cyclic garbage collector out of the hot path (and of glossary loading).

Annotating a long document allocates millions of small container objects (spans, matches,
extension keys), none of them in reference cycles. The cyclic collector still walks them
every few hundred allocations, and every full collection walks everything alive, a big
glossary included: on ``"SLA " * 250000`` that was 40% of the CPU time. Reference counting
frees all of it either way; only the cycle search is put off.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager


class _Paused:
    """One :func:`paused` block. A class rather than a generator-based context manager: the
    block opens and closes around every document, and a generator's machinery cost more than
    what the block does."""

    __slots__ = ("collect", "settled", "_owner")

    def __init__(self, collect: bool) -> None:
        self.collect = collect
        self.settled = False
        self._owner = False  # did this block switch the collector off?

    def __enter__(self) -> None:
        global _active
        if gc.isenabled():
            gc.disable()
            self._owner = True
            _active = self

    def __exit__(self, *_: object) -> None:
        global _active
        if not self._owner:
            return
        self._owner = False
        _active = None
        if self.collect:
            # After settle() everything older is in the oldest generation already: only what
            # was made since is young, and a collection of the young generations settles it.
            gc.collect(1 if self.settled else 2)
        gc.enable()


#: The block that switched the collector off, while it runs.
_active: _Paused | None = None


def paused(*, collect: bool = False) -> AbstractContextManager[None]:
    """No cyclic collection inside the block; the collector's previous state after it.

    Nested or concurrent blocks are safe: only the block that found the collector enabled
    turns it back on (after one full collection when ``collect`` is set), and a collection that
    runs late is still a correct collection.
    """
    return _Paused(collect)


@contextmanager
def preserved() -> Iterator[None]:
    """The collector left as the block found it, whatever the code inside switches.

    For library calls that switch it themselves: srsly's ``msgpack_loads`` disables it and
    enables it again when it returns, so it switched the collector on inside a :func:`paused`
    block, and left it off for good when the data was unreadable.
    """
    enabled = gc.isenabled()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        else:
            gc.disable()


def loading() -> AbstractContextManager[None]:
    """:func:`paused` for building long-lived data, then one full collection.

    Everything built in the block is young when it ends; left alone, the first collections
    after it (during the first requests) would walk all of it: ~0.3 s for a 100,000-concept
    glossary. One collection here settles it into the oldest generation at load time. It runs
    before the collector is switched back on: switched on first, the collector would start with
    a young-generation pass over everything just built (another ~0.5 s at that size).
    """
    return paused(collect=True)


@contextmanager
def kept_for_life() -> Iterator[None]:
    """No cyclic collection while a process builds what it keeps for its whole life (a server's
    modules, glossary and pipeline, before it forks its workers); at the end, everything alive
    is frozen (``gc.freeze``) instead of collected, and the collector is on again as it was.

    Collected as it grows, that data would be walked again and again for nothing, and once
    more by the full collection :func:`loading` ends with (blocks inside this one collect
    nothing). Frozen, no later collection walks it, in this process or in the children it
    forks (whose pages then stay shared), as Python's documentation advises for a process that
    forks without exec. The few cycles of garbage the imports left are frozen with the rest.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def settle() -> None:
    """Inside :func:`loading`, the collections of the block's end done earlier, when they cost
    nothing or less: the first call runs the full collection, later ones collect what was made
    since (the young generation), so that the collection at the end of the block has little
    left to walk. Anywhere else it does nothing.

    At 100,000 concepts the matcher's 740,000 table keys are tuples that a young collection
    stops tracking: collected as they come, while the matcher waits for a forked pattern
    generator (see :func:`annotator.runtime.forked.forked_iter`), they are no part of the
    end-of-load collection (~0.2 s less).
    """
    block = _active
    if block is None or not block.collect or gc.isenabled():
        return
    if block.settled:
        gc.collect(0)
    else:
        gc.collect()
        block.settled = True

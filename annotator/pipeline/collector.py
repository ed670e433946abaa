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


@contextmanager
def paused(*, collect: bool = False) -> Iterator[None]:
    """No cyclic collection inside the block; the collector's previous state after it.

    Nested or concurrent blocks are safe: only the block that found the collector enabled
    turns it back on (after one full collection when ``collect`` is set), and a collection that
    runs late is still a correct collection.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if collect:
            gc.collect()
        gc.enable()


def loading() -> AbstractContextManager[None]:
    """:func:`paused` for building long-lived data, then one full collection.

    Everything built in the block is young when it ends; left alone, the first collections
    after it (during the first requests) would walk all of it: ~0.3 s for a 100,000-concept
    glossary. One collection here settles it into the oldest generation at load time. It runs
    before the collector is switched back on: switched on first, the collector would start with
    a young-generation pass over everything just built (another ~0.5 s at that size).
    """
    return paused(collect=True)

"""Keeping spaCy's string index from growing in a long-running worker.

A ``StringStore`` finds its strings through a preshed ``PreshMap`` (hash -> string). A memory
zone (where ``annotate()``, the service and the tagger process every document) removes the
strings it added by marking their cells *deleted*; preshed reuses such a cell only when a later
insertion happens to probe through it, and keeps counting it as filled, so a worker that sees
new words on every request doubles the table again and again. Measured in a worker: after
100,000 distinct tickets the index had 524,288 cells (8 MB) for 6,799 live strings, most of the
worker's 10 MB of growth.

:class:`StringIndexCompactor` rebuilds the map from its live entries once it is several times
larger than they need (a few thousand entries, about a millisecond, every few thousand
documents). Only between documents, never inside a zone. The map is spaCy's own attribute
(``StringStore._map``, public in spaCy 3.8's ``strings.pxd``), so :func:`compaction_works`
first checks on a probe store that a rebuilt map still answers every lookup; a spaCy that
keeps its strings some other way is left alone.

The lexeme index (``Vocab._by_orth``) has the same tombstones; :mod:`.lexemeindex` compacts it
with the same :class:`IndexCompactor`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from preshed.maps import PreshMap
from spacy.strings import StringStore

#: Documents between two looks at the index (a look is two attribute reads).
DEFAULT_EVERY = 500
#: Rebuild when the table has more than this many cells per live string...
DEFAULT_SLACK = 4
#: ...and more than this many cells in all (small tables are not worth the bother).
DEFAULT_FLOOR = 16_384


def compact(strings: StringStore) -> int:
    """Rebuild ``strings``' index without its deleted cells; returns the new capacity.

    Not inside a memory zone (its transient strings would be copied, then deleted from the
    new map by the zone's end, which is correct but wasted work) and not concurrently with
    anything else using the store.
    """
    old = strings._map
    rebuilt = PreshMap(initial_size=2 * max(len(strings), 8))
    for key, value in old.items():
        rebuilt[key] = value
    strings._map = rebuilt
    return rebuilt.capacity


@functools.cache
def compaction_works() -> bool:
    """Does :func:`compact` keep a ``StringStore`` answering as before? Checked once."""
    try:
        store = StringStore(["probe", "words", "kept"])
        with store.memory_zone():
            for i in range(64):
                store.add(f"transient-{i}", allow_transient=True)
        before = {s: store[s] for s in ("probe", "words", "kept")}
        if not isinstance(store._map, PreshMap):
            return False
        compact(store)
        store.add("added after")
        return (
            all(store[s] == h and store[h] == s and s in store for s, h in before.items())
            and store[store["added after"]] == "added after"
            and "transient-3" not in store
        )
    except Exception:  # any other layout: leave spaCy's index alone
        return False


class IndexCompactor:
    """Call :meth:`tick` after each document (outside its memory zone); every :attr:`every`
    documents it rebuilds an index that has grown past :attr:`slack` cells per live entry.

    What an index is comes from the subclass: :meth:`capacity`, :meth:`live`, :meth:`compact`
    and :meth:`works` (whether compaction is safe on this spaCy at all).
    """

    def __init__(
        self,
        in_zone: Callable[[], bool],
        *,
        every: int = DEFAULT_EVERY,
        slack: int = DEFAULT_SLACK,
        floor: int = DEFAULT_FLOOR,
    ) -> None:
        self._in_zone = in_zone
        self.every, self.slack, self.floor = every, slack, floor
        self._count = 0
        self.compactions = 0

    def tick(self) -> bool:
        """Count one document; every :attr:`every` documents, compact the index if it has
        grown well past what its live entries need. Returns whether it compacted."""
        self._count += 1
        if self._count < self.every:
            return False
        self._count = 0
        if self._in_zone() or not self.works():
            return False
        capacity = self.capacity()
        if capacity <= self.floor or capacity <= self.slack * self.live():
            return False
        self.compact()
        self.compactions += 1
        return True

    def works(self) -> bool:
        raise NotImplementedError

    def capacity(self) -> int:
        raise NotImplementedError

    def live(self) -> int:
        raise NotImplementedError

    def compact(self) -> None:
        raise NotImplementedError


class StringIndexCompactor(IndexCompactor):
    """The :class:`IndexCompactor` of a pipeline's ``StringStore`` (``strings`` returns it)."""

    def __init__(self, strings: Callable[[], StringStore], in_zone: Callable[[], bool], **limits: int) -> None:
        super().__init__(in_zone, **limits)
        self._strings = strings

    def works(self) -> bool:
        return compaction_works()

    def capacity(self) -> int:
        return self._strings()._map.capacity

    def live(self) -> int:
        return len(self._strings())

    def compact(self) -> None:
        compact(self._strings())

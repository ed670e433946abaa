"""Keeping spaCy's lexeme index from growing in a long-running worker.

``Vocab._by_orth`` (orth -> lexeme) is a preshed ``PreshMap`` like the string index, with the
same tombstones: a memory zone removes the lexemes of the words it saw by marking their cells
*deleted*, preshed keeps counting those cells as filled, and every resize doubles the table
whatever is still alive. A worker that sees new words (order ids, e-mail addresses, names) on
every request therefore doubles its lexeme table again and again: the memory section of the
benchmark shows the growth with and without this module.

Unlike ``StringStore._map`` the attribute is private to Cython (``cdef PreshMap _by_orth`` in
``vocab.pxd``, no Python accessor, and spaCy offers no way to compact it), so the rebuilt map is
put in place through the object's slot: the slot is found by the map's address among the
vocab's fields (the map itself is reachable as one of the vocab's garbage-collector
referents), and references are counted as CPython would. :func:`compaction_works` proves the
whole move on a probe vocab first; where the layout differs (another spaCy, another Python
implementation, more than one map) nothing is touched and the growth simply stays.

Only between documents, outside any memory zone, with nothing else using the vocab.
"""

from __future__ import annotations

import ctypes
import functools
import gc
from collections.abc import Callable

from preshed.maps import PreshMap
from spacy.vocab import Vocab

from .stringindex import IndexCompactor

_WORD = ctypes.sizeof(ctypes.c_void_p)


def lexeme_map(vocab: Vocab) -> PreshMap | None:
    """The vocab's one ``PreshMap`` field (its lexeme index), or ``None`` if it has not one."""
    maps = [ref for ref in gc.get_referents(vocab) if isinstance(ref, PreshMap)]
    return maps[0] if len(maps) == 1 else None


def _slot(vocab: Vocab, table: PreshMap) -> int | None:
    """Index of the pointer-sized field of ``vocab`` that holds ``table``, if exactly one does."""
    words = (ctypes.c_void_p * (type(vocab).__basicsize__ // _WORD)).from_address(id(vocab))
    found = [i for i, value in enumerate(words) if value == id(table)]
    return found[0] if len(found) == 1 else None


def live_entries(table: PreshMap) -> int:
    """Entries a map still holds (``len()`` of a ``PreshMap`` counts deleted cells too)."""
    return sum(1 for _ in table.keys())


def compact(vocab: Vocab) -> int:
    """Rebuild ``vocab``'s lexeme index without its deleted cells; returns the new capacity.

    Callers check :func:`compaction_works` first (a layout this does not know is refused with
    ``RuntimeError`` rather than guessed at)."""
    old = lexeme_map(vocab)
    slot = None if old is None else _slot(vocab, old)
    if old is None or slot is None:
        raise RuntimeError("this spaCy keeps its lexeme index in a way this module does not know")
    rebuilt = PreshMap(initial_size=2 * max(live_entries(old), 8))
    for key, value in old.items():
        rebuilt[key] = value
    words = (ctypes.c_void_p * (slot + 1)).from_address(id(vocab))
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(rebuilt))
    words[slot] = id(rebuilt)
    # The vocab's own reference to the old map is released here; ``old`` (ours) keeps it
    # alive until this function returns.
    ctypes.pythonapi.Py_DecRef(ctypes.py_object(old))
    return rebuilt.capacity


@functools.cache
def compaction_works() -> bool:
    """Does :func:`compact` keep a vocab answering as before? Checked once, on a probe vocab."""
    try:
        vocab = Vocab()
        kept = {word: vocab[word].orth for word in ("probe", "words", "kept")}
        with vocab.memory_zone():
            for i in range(64):
                vocab[f"transient-{i}"]
        before = lexeme_map(vocab)
        compact(vocab)
        after = lexeme_map(vocab)
        added = vocab["added after"].orth
        return (
            after is not None and after is not before
            and live_entries(after) == len(kept) + 1
            and all(vocab[word].orth == orth and orth in after for word, orth in kept.items())
            and added in after and vocab.strings[added] == "added after"
        )
    except Exception:  # any other layout: leave spaCy's index alone
        return False


class LexemeIndexCompactor(IndexCompactor):
    """The :class:`IndexCompactor` of a pipeline's lexeme index (``vocab`` returns the vocab)."""

    def __init__(self, vocab: Callable[[], Vocab], in_zone: Callable[[], bool], **limits: int) -> None:
        super().__init__(in_zone, **limits)
        self._vocab = vocab

    def works(self) -> bool:
        return compaction_works()

    def capacity(self) -> int:
        table = lexeme_map(self._vocab())
        return 0 if table is None else table.capacity

    def live(self) -> int:
        table = lexeme_map(self._vocab())
        return 0 if table is None else live_entries(table)

    def compact(self) -> None:
        compact(self._vocab())

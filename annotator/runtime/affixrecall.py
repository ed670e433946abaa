"""The tokenizer's affix searches remembered by chunk: a chunk is searched once.

spaCy's tokenizer keeps the tokens of a chunk it has split in a cache, but never inside a memory
zone (their lexemes die with the zone), so a document repeating one chunk ("SLA(s)", "-to",
"(see") runs the prefix, suffix and infix regexes again on every copy, and in the first
documents a worker sees, before :mod:`.warmup` has kept its words, every ordinary chunk with
punctuation does too. What the searches answer depends on the chunk alone (spaCy reads where
each match starts and ends), so :class:`Recalled` remembers it by chunk: the same answers, and
no lexeme kept. Chunks up to :data:`MAX_CHUNK` characters are remembered, at most
:data:`CAPACITY` of them, forgotten all at once when full, so memory stays bounded however many
different chunks come. Longer ones (URLs, glued runs) are rarely seen twice, except in a text
with no whitespace, which the input checks break into pieces of one length: a periodic run then
has as many different pieces as its period and the piece length allow, each searched from end
to end, hundreds of matches. The last few of them, up to :data:`MAX_LONG_CHUNK` characters,
are remembered apart (:data:`LONG_CAPACITY`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

#: Longest chunk remembered, in characters.
MAX_CHUNK = 32
#: Chunks remembered per search before all are forgotten (a few hundred KB at most).
CAPACITY = 8192
#: Longest long chunk remembered: the piece length of a text with no whitespace, and its
#: break (see :func:`annotator.text.safety.sanitize`).
MAX_LONG_CHUNK = 1024
#: Long chunks remembered per search before all are forgotten (about a megabyte at most).
LONG_CAPACITY = 8

_UNKNOWN = object()


class Recalled:
    """``find`` (a search of one chunk) remembering its answer per chunk. Carries the regex's
    ``pattern``, by which spaCy saves an affix search; pickles without what it remembers."""

    __slots__ = ("find", "pattern", "_known", "_long")

    def __init__(self, find: Callable[[str], object], pattern: str) -> None:
        self.find, self.pattern = find, pattern
        self._known: dict[str, object] = {}
        self._long: dict[str, object] = {}

    def __reduce__(self):
        return type(self), (self.find, self.pattern)

    def search(self, chunk: str):
        known = self._known
        found = known.get(chunk, _UNKNOWN)
        if found is _UNKNOWN:
            if len(chunk) > MAX_CHUNK:
                return self._search_long(chunk)
            found = self.find(chunk)  # inline, not _remember: a call per new word of every text
            if len(known) >= CAPACITY:
                known.clear()
            known[chunk] = found
        return found

    def _search_long(self, chunk: str):
        found = self._long.get(chunk, _UNKNOWN)
        if found is _UNKNOWN:
            if len(chunk) > MAX_LONG_CHUNK:
                return self.find(chunk)
            found = self.find(chunk)
            if len(self._long) >= LONG_CAPACITY:
                self._long.clear()
            self._long[chunk] = found
        return found


def _every_match(regex: re.Pattern, chunk: str) -> tuple[re.Match, ...]:
    # A tuple, not finditer's iterator: read again for every copy of the chunk.
    return tuple(regex.finditer(chunk))


def recalled_search(regex: re.Pattern, find: Callable[[str], object] | None = None) -> Callable[[str], object]:
    """``regex.search`` (or ``find``, a search with the same answers), remembered by chunk:
    for a tokenizer's ``prefix_search`` or ``suffix_search``."""
    return Recalled(find or regex.search, regex.pattern).search


def recalled_finditer(regex: re.Pattern) -> Callable[[str], tuple[re.Match, ...]]:
    """``regex.finditer``'s matches, remembered by chunk: for a tokenizer's ``infix_finditer``."""
    return Recalled(partial(_every_match, regex), regex.pattern).search


def is_recalled(search: object) -> bool:
    """Whether ``search`` is one of :class:`Recalled`'s."""
    return isinstance(getattr(search, "__self__", None), Recalled)

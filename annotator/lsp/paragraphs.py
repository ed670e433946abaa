"""Incremental annotation: re-annotate only the paragraphs an edit touched.

The visible text of a document is cut into blocks at blank lines (and, for a block longer than
:data:`MAX_BLOCK`, at line ends or spaces). Each block's annotation is cached under the block's
own text with offsets relative to the block, so after an edit every untouched block is found
in the cache wherever it has moved to and only its offset changes. The cache holds exactly the
blocks of the latest version, so memory follows the document, not the number of edits.

Document-level facts (an acronym defined in another paragraph, which sense the whole article
implies) are not in a block's annotation; the server adds them from the linter's cheap
whole-document pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

#: A block longer than this (a document with no blank lines) is cut at a line end or space.
MAX_BLOCK = 4000

_BLANK_LINES = re.compile(r"(?:\r\n|\r|\n)(?:[ \t\f\v]*(?:\r\n|\r|\n))+")

T = TypeVar("T")


def blocks(text: str, max_block: int = MAX_BLOCK) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each non-blank block of ``text``, in order."""
    start = 0
    for match in _BLANK_LINES.finditer(text):
        yield from _cut(text, start, match.start(), max_block)
        start = match.end()
    yield from _cut(text, start, len(text), max_block)


def _cut(text: str, start: int, end: int, max_block: int) -> Iterator[tuple[int, int]]:
    while end - start > max_block:
        # A term never spans a line end inside a paragraph often enough to matter, and never
        # spans whitespace at all when no line end is near.
        limit = start + max_block
        cut = text.rfind("\n", start + max_block // 2, limit)
        if cut < 0:
            cut = max(text.rfind(" ", start + max_block // 2, limit), -1)
        if cut < 0:
            cut = limit
        else:
            cut += 1
        if text[start:cut].strip():
            yield start, cut
        start = cut
    if text[start:end].strip():
        yield start, end


class BlockCache(Generic[T]):
    """Per-document cache of block annotations; ``annotate_block(block) -> list[T]`` does the
    real work and ``shift(item, by)`` moves an item's offsets."""

    def __init__(
        self, annotate_block: Callable[[str], list[T]], shift: Callable[[T, int], T], max_block: int = MAX_BLOCK
    ) -> None:
        self._annotate = annotate_block
        self._shift = shift
        self._max_block = max_block
        self._cache: dict[str, list[T]] = {}
        #: Blocks annotated (cache misses) by the last :meth:`annotate` call.
        self.last_misses = 0
        #: Characters annotated by the last call: the work an edit caused.
        self.last_annotated_chars = 0

    def annotate(self, text: str) -> list[T]:
        """Every item of ``text``, offsets into ``text``, re-annotating only new blocks."""
        fresh: dict[str, list[T]] = {}
        out: list[T] = []
        misses = chars = 0
        for start, end in blocks(text, self._max_block):
            block = text[start:end]
            items = fresh.get(block)
            if items is None:
                items = self._cache.get(block)
            if items is None:
                items = self._annotate(block)
                misses += 1
                chars += len(block)
            fresh[block] = items
            out.extend(self._shift(item, start) for item in items)
        self._cache = fresh
        self.last_misses, self.last_annotated_chars = misses, chars
        return out

    def clear(self) -> None:
        """Forget everything (the glossary changed)."""
        self._cache = {}

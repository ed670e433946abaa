"""Is a match inside code? URLs, e-mail addresses, handles, paths and identifiers in prose.

Glossary words inside such a chunk (``/cs/``, ``@CS_team``, ``ticket_id``) are not prose: the
``code_like`` precision rule drops them, and other rules and the fuzzy matcher ask the same
question (the :class:`~..rulecontext.RuleContext`'s ``code_like``, one :class:`CodeLike` per text).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import numpy as np

# A whitespace-delimited chunk that is a URL, e-mail, handle, path or identifier: glossary
# words inside it (``/cs/``, ``@CS_team``, ``ticket_id``) are not prose. Underscores count
# between two letters or digits only (``ticket_id``, ``CS__team``): at a chunk's edge they are
# Markdown emphasis (``_Overdue_ queue``, ``__Support Channels__``), prose.
_CODE_LIKE = re.compile(
    r"://|www\.|@|[^\W_]_+[^\W_]|\\|`|/\S*/|\.\w+/"
    # a bare domain; not "SLA.Please", a sentence with its space missing
    r"|\w\.(?:com|org|net|io|co|gov|edu|dev|app|info|biz|ai)\b"
)
_CHUNK = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
#: Characters a chunk boundary is looked for either side of a match before the whole text's
#: chunks are indexed (see CodeLike).
_CHUNK_WALK = 64
#: How far from a match (either side, within its chunk) a code-like construct still counts.
CODE_REACH = 200
_BOUNDARY_CHARS = frozenset(" \t\n\r,;:!?()[]\"'\u2018\u2019\u201c\u201d")
_BOUNDARY_POINTS = np.array(sorted(map(ord, _BOUNDARY_CHARS)), dtype=np.uint32)
#: Every code point ``str.isspace`` (and the regex ``\s``) calls whitespace: none is above U+3000.
_SPACE_POINTS = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)


class CodeLike:
    """Whether matches sit inside a URL, e-mail, handle, path or identifier, for one text.

    A match is code-like when a :data:`_CODE_LIKE` construct lies in the whitespace-delimited
    chunk(s) around it, within :data:`CODE_REACH` characters of it (a path counts from the
    chunk's own start). Chunk boundaries and each chunk's constructs are found once per text, on
    first need, so the cost is linear in the text: a window re-scanned per match would cost
    ``2 * CODE_REACH`` characters per match, which a megabyte with no whitespace (``-SLA-SLA``)
    turns into minutes. Build one per document and ask it about every match.
    """

    __slots__ = ("text", "_starts", "_ends", "_hits", "_indexed", "_clean")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._hits: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
        self._indexed = False
        # The last whitespace-free chunk found to hold no construct (and no leading "/"): every
        # match inside it is prose. Matches come in text order, so a text of glued matches
        # ("-SLA-SLA...") asks about that one chunk again and again.
        self._clean = (0, 0)

    def __call__(self, start: int, end: int) -> bool:
        text = self.text
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        # Fast path: plain prose boundaries on both sides.
        if before in _BOUNDARY_CHARS and (after in _BOUNDARY_CHARS or after == "."):
            if after != "." or end + 1 >= len(text) or not text[end + 1].isalnum():
                return False
        clean_lo, clean_hi = self._clean
        if clean_lo <= start and end <= clean_hi:
            return False
        lo, hi = self._chunk_start(start), self._chunk_end(max(start, end - 1))
        window_lo, window_hi = max(lo, start - CODE_REACH), min(hi, end + CODE_REACH)
        if window_lo == lo and text.startswith("/", lo):
            return True
        hit_starts, hit_ends = self._constructs(lo, hi)
        if not hit_starts and _SPACE.search(text, lo, hi) is None:
            self._clean = (lo, hi)
        i = bisect_left(hit_starts, window_lo)
        return i < len(hit_starts) and hit_ends[i] <= window_hi

    def _chunks(self) -> None:
        self._indexed = True
        for found in _CHUNK.finditer(self.text):
            self._starts.append(found.start())
            self._ends.append(found.end())

    # Prose has whitespace a few characters away: each chunk boundary is found by a short walk
    # from the match. Only a text with a whitespace-free stretch longer than the walk makes
    # the whole text's chunk index, once, and every later question reads it.

    def _chunk_start(self, pos: int) -> int:
        """Start of the chunk holding ``pos`` (a non-whitespace character)."""
        if not self._indexed:
            text, lo = self.text, pos
            limit = max(0, pos - _CHUNK_WALK)
            while lo > limit and not text[lo - 1].isspace():
                lo -= 1
            if lo == 0 or text[lo - 1].isspace():
                return lo
            self._chunks()
        i = bisect_right(self._starts, pos) - 1
        return self._starts[i] if i >= 0 else pos

    def _chunk_end(self, pos: int) -> int:
        """End of the chunk holding ``pos`` (a non-whitespace character)."""
        if not self._indexed:
            text, hi = self.text, pos + 1
            limit = min(len(text), pos + 1 + _CHUNK_WALK)
            while hi < limit and not text[hi].isspace():
                hi += 1
            if hi == len(text) or text[hi].isspace():
                return hi
            self._chunks()
        i = bisect_right(self._starts, pos) - 1
        return self._ends[i] if i >= 0 else pos + 1

    def _constructs(self, lo: int, hi: int) -> tuple[list[int], list[int]]:
        found = self._hits.get((lo, hi))
        if found is None:
            spans = [hit.span() for hit in _CODE_LIKE.finditer(self.text, lo, hi)]
            found = self._hits[lo, hi] = ([s for s, _ in spans], [e for _, e in spans])
        return found


def code_like_screen(context, spans, arrays) -> np.ndarray:
    """The candidates :class:`CodeLike` might call code-like (the ``code_like`` rule's screen,
    see :mod:`..screens`): not those its first test passes (a boundary character either side),
    nor those whose chunks (from the whitespace before the first character to the whitespace
    after the last) hold no construct and do not open with "/", the only ways it answers yes.
    A candidate that starts or ends at whitespace is marked (its chunks are another question)."""
    text, n = context.text, len(context.text)
    starts, ends = spans.starts, spans.ends
    after = arrays.at(ends)
    # "." counts as a boundary only before something that is no letter or digit: a boundary
    # character (or the text's end) is surely none.
    plain = ((starts == 0) | np.isin(arrays.at(starts - 1), _BOUNDARY_POINTS)) & (
        (ends == n) | np.isin(after, _BOUNDARY_POINTS)
        | ((after == ord(".")) & ((ends + 1 >= n) | np.isin(arrays.at(ends + 1), _BOUNDARY_POINTS))))
    marked = ~plain
    if not marked.any():
        return marked
    asked = np.flatnonzero(marked)
    points = arrays.points()
    space = np.isin(points, _SPACE_POINTS)
    space[0] = space[-1] = False
    lo_in, hi_in = starts[asked], ends[asked]
    at_space = space[lo_in + 1] | space[hi_in]  # the first and the last character
    # The chunks' bounds: the last whitespace before the first character, the first at or
    # after the end (a sentinel either side of the text stands for its ends).
    spaces = np.concatenate(([-1], np.flatnonzero(space) - 1, [n]))
    lo = spaces[np.searchsorted(spaces, lo_in) - 1] + 1
    hi = spaces[np.searchsorted(spaces, hi_in)]
    # Each distinct stretch of chunks searched once (a text without whitespace is one), and
    # each distinct text of one once: the construct pattern looks neither behind nor past what
    # it is given, so a stretch's verdict is its text's (a text of "*SLA* _AHT_" repeated is
    # thousands of stretches of two texts).
    stretches, which = np.unique(lo * (n + 1) + hi, return_inverse=True)
    firsts, lasts = np.divmod(stretches, n + 1)
    chunks = list(map(text.__getitem__, map(slice, firsts.tolist(), lasts.tolist())))  # no Python step each
    by_text = {chunk: chunk.startswith("/") or _CODE_LIKE.search(chunk) is not None for chunk in dict.fromkeys(chunks)}
    verdicts = np.fromiter(map(by_text.__getitem__, chunks), dtype=bool, count=len(chunks))
    marked[asked] = at_space | verdicts[which.ravel()]
    return marked


def in_code_like_chunk(text: str, start: int, end: int) -> bool:
    """True when the words at ``start:end`` sit inside a URL, e-mail, handle or identifier.

    One question about one text; a caller with many matches in the same text keeps a
    :class:`CodeLike` instead.
    """
    return CodeLike(text)(start, end)

"""A document's token texts as slices of its text, read on demand, without making ``Token``
objects (the precision rules look at a few tokens around each match).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np


class TokenTexts:
    """A document's token texts, read on demand (a name check looks at a few tokens) as slices
    of its text: a token starts where the one before it ends, or one character later when that
    one is followed by a space (spaCy's only trailing whitespace), so no ``Token`` is made.
    ``token_end(i)`` is where token ``i`` ends; an index outside the document reads ``""``.

    Each token is read once and kept: the rules sharing one document's instance ask about the
    same few tokens around each match again and again."""

    __slots__ = ("text", "token_end", "n", "_read")

    def __init__(self, doc, text: str, token_end: Callable[[int], int]) -> None:
        self.text, self.token_end, self.n = text, token_end, len(doc)
        self._read: dict[int, str] = {}

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> str:
        word = self._read.get(i)
        if word is None:
            text = self.text
            if 0 < i < self.n:
                start = self.token_end(i - 1)
                if text[start] == " ":
                    start += 1
                word = text[start : self.token_end(i)]
            elif i == 0 and self.n:
                word = text[: self.token_end(0)]
            else:
                word = ""
            self._read[i] = word
        return word


#: Tokens that join a word to the noun after it ("call-center agent", "help-desk macro").
HYPHENS = ("-", "\u2010", "\u2011")


def word_before(tokens, start: int) -> str:
    """The text of the token before token ``start`` of ``tokens`` (a :class:`TokenTexts` or any
    sequence of token texts), a hyphen between them skipped ("call-center agent"); ``""`` at the
    document's start."""
    before = tokens[start - 1] if start else ""
    if before in HYPHENS and start > 1:
        before = tokens[start - 2]
    return before


def tokens_at(bounds: np.ndarray, offsets: Iterable[int]) -> list[int]:
    """The tokens whose bound in ``bounds`` (every token's start, or every token's end: sorted
    character offsets) is one of ``offsets``, in order."""
    wanted = np.fromiter(offsets, dtype=np.int64)
    at = np.minimum(np.searchsorted(bounds, wanted), len(bounds) - 1)
    return at[bounds[at] == wanted].tolist()


def token_windows(positions: Iterable[int], reach: int, n: int) -> list[list[int]]:
    """Token ranges of ``reach`` tokens either side of each of ``positions`` (in a doc of ``n``
    tokens), overlapping ones merged, in order."""
    windows: list[list[int]] = []
    for i in sorted(positions):
        lo, hi = max(0, i - reach), min(n, i + reach + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    return windows

"""A document's token texts as slices of its text, read on demand, without making ``Token``
objects (the precision rules look at a few tokens around each match).
"""

from __future__ import annotations

from collections.abc import Callable


class TokenTexts:
    """A document's token texts, read on demand (a name check looks at a few tokens) as slices
    of its text: a token starts where the one before it ends, or one character later when that
    one is followed by a space (spaCy's only trailing whitespace), so no ``Token`` is made.
    ``token_end(i)`` is where token ``i`` ends; an index outside the document reads ``""``."""

    __slots__ = ("text", "token_end", "n")

    def __init__(self, doc, text: str, token_end: Callable[[int], int]) -> None:
        self.text, self.token_end, self.n = text, token_end, len(doc)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> str:
        if not 0 <= i < self.n:
            return ""
        if i == 0:
            return self.text[: self.token_end(0)]
        start = self.token_end(i - 1)
        if self.text[start : start + 1] == " ":
            start += 1
        return self.text[start : self.token_end(i)]

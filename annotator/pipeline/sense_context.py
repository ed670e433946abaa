"""Where a mention of an ambiguous acronym takes its context from: its sentence first, then the
sentences around it, then the whole document.

A long document can use both senses of an acronym (a handbook page on call metrics speaks of
handle time in one section and hold time in the next), so each mention is decided on the
narrowest window that has any evidence: its own sentence; else the sentences up to
:data:`NEIGHBOURS` either side of it; else the whole document. Mentions in the same sentence
share one decision.

Before any window, the document as a whole may settle the matter: a document that writes out
one sense's long form in another sentence ("Our mean time to repair is too long. The MTTR
report ...", without defining the acronym) means that sense by its acronym (one sense per
discourse; :meth:`MentionWindows.uses`). A long form in the mention's own sentence does not
count: written beside the acronym without brackets it is as often a sibling in a list
("track average hold time, AHT and ASA") as the same thing, and the sentence's phrases weigh
it anyway.

Everything is computed on first need and cached, so a document pays only for the sentences
that hold an ambiguous acronym (and their neighbours), and for the whole document at most once.
Sentences are split on ``. ! ?`` followed by white space, and on line breaks (tickets and
chats often end a thought with the line, not with a full stop).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from .sense_evidence import phrases

#: How many sentences either side of a mention's own sentence form its neighbourhood.
NEIGHBOURS = 2

SENTENCE = "sentence"
NEARBY = "nearby"
DOCUMENT = "document"

_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n")
_NAME_WORD = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=4096)
def _long_form(name: str) -> tuple[str, re.Pattern]:
    """The longest word of ``name`` (a cheap first test) and the pattern of the whole name
    (see :meth:`DocumentContext.sentences_using`; the left word boundary is checked by the
    caller, so that the search can start from the pattern's first letter)."""
    words = _NAME_WORD.findall(name.lower())
    if not words:
        return "", re.compile(r"(?!)")
    return max(words, key=len), re.compile(r"[\s-]+".join(map(re.escape, words)) + r"s?(?![^\W_])")


class DocumentContext:
    """One document's sentences and their phrases (see :func:`.sense_evidence.phrases`)."""

    __slots__ = ("text", "scores", "_starts", "_sentences", "_windows", "_document", "_lower", "_uses")

    def __init__(self, text: str) -> None:
        self.text = text
        #: Evidence already weighed in this document, by window and acronym (see
        #: :meth:`.senses.SenseIndex.choose`): a thousand mentions that all fall back to the
        #: whole document weigh it once.
        self.scores: dict[tuple, list] = {}
        self._starts: list[int] | None = None
        self._sentences: dict[int, dict[str, str]] = {}
        self._windows: dict[int, dict[str, str]] = {}
        self._document: dict[str, str] | None = None
        self._lower: str | None = None
        self._uses: dict[str, frozenset[int]] = {}

    def _bounds(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _BOUNDARY.finditer(self.text))]
        return self._starts

    def sentence_of(self, char: int) -> int:
        """The index of the sentence holding character offset ``char``."""
        return max(0, bisect_right(self._bounds(), char) - 1)

    def sentence(self, index: int) -> dict[str, str]:
        found = self._sentences.get(index)
        if found is None:
            starts = self._bounds()
            end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
            found = self._sentences[index] = phrases(self.text[starts[index] : end])
        return found

    def nearby(self, index: int) -> dict[str, str]:
        """The phrases of sentence ``index`` and its neighbours (the sentence's own first)."""
        found = self._windows.get(index)
        if found is None:
            found = dict(self.sentence(index))
            last = len(self._bounds()) - 1
            for other in range(max(0, index - NEIGHBOURS), min(last, index + NEIGHBOURS) + 1):
                for phrase, surface in self.sentence(other).items():
                    found.setdefault(phrase, surface)
            self._windows[index] = found
        return found

    def document(self) -> dict[str, str]:
        if self._document is None:
            self._document = phrases(self.text)
        return self._document

    def sentences_using(self, name: str) -> frozenset[int]:
        """The sentences that write ``name`` (a sense's term or alias): its words in order, in
        any case, separated by spaces or hyphens, the last one maybe plural. Cached per name,
        so a document is searched once per long form, and only when it holds the name's
        longest word at all."""
        found = self._uses.get(name)
        if found is None:
            if self._lower is None:
                self._lower = self.text.lower()
            lower, (longest, pattern) = self._lower, _long_form(name)
            starts = [hit.start() for hit in pattern.finditer(lower)] if longest and longest in lower else []
            found = self._uses[name] = frozenset(
                self.sentence_of(start) for start in starts if not (start and lower[start - 1].isalnum())
            )
        return found

    def windows(self, char: int) -> MentionWindows:
        """The windows around the mention at ``char`` (see :class:`MentionWindows`)."""
        return MentionWindows(self, char)


class MentionWindows:
    """An iterator over ``(scope, key, phrases)``, from the narrowest window around one mention
    to the widest, each computed only when the one before it gave no evidence; ``key`` names
    the window within its document. :meth:`uses` asks the rest of the document for a long form."""

    __slots__ = ("context", "index", "_steps")

    def __init__(self, context: DocumentContext, char: int) -> None:
        self.context = context
        #: The mention's sentence.
        self.index = context.sentence_of(char)
        self._steps = self._widening()

    def __iter__(self) -> MentionWindows:
        return self

    def __next__(self) -> tuple[str, tuple, dict[str, str]]:
        return next(self._steps)

    def _widening(self) -> Iterator[tuple[str, tuple, dict[str, str]]]:
        context, index = self.context, self.index
        yield SENTENCE, (SENTENCE, index), context.sentence(index)
        yield NEARBY, (NEARBY, index), context.nearby(index)
        yield DOCUMENT, (DOCUMENT,), context.document()

    def uses(self, names: Sequence[str]) -> bool:
        """Whether a sentence other than the mention's writes one of ``names`` (see
        :meth:`DocumentContext.sentences_using`)."""
        return any(self.context.sentences_using(name) - {self.index} for name in names)

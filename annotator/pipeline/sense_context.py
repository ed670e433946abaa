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
discourse; :meth:`MentionWindows.sentences_using`). A long form in the mention's own sentence does not
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

#: Where a sentence ends: its stop, closing quotes or brackets and white space, or a line break.
#: Only a match's end is read (where the next sentence starts), so the stop is matched rather
#: than looked behind for, and the pattern opens on one character class (the line break
#: folded in, each branch then told apart behind it): the engine skips at C speed to the
#: positions holding a stop or a line break instead of trying both branches at every one.
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[\"')\]]*\s+|(?<=\n))")
_NAME_WORD = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=4096)
def long_form_spellings(name: str) -> tuple[str, ...]:
    """The usual spellings (lower, Capitalized, UPPER) of the longest word of ``name``: a cheap
    first test that needs no lower-cased copy of the document, and no pattern compiled for a
    document that writes none of them (most documents, for most names)."""
    words = _NAME_WORD.findall(name.lower())
    if not words:
        return ()
    longest = max(words, key=len)
    return longest, longest.capitalize(), longest.upper()


@functools.lru_cache(maxsize=4096)
def long_form(name: str) -> tuple[tuple[str, ...], re.Pattern]:
    """:func:`long_form_spellings` and the pattern of the whole name, any case (see
    :meth:`DocumentContext.sentences_using`; the left word boundary is checked by the caller,
    so that the search can start from the pattern's first letter)."""
    words = _NAME_WORD.findall(name.lower())
    if not words:
        return (), re.compile(r"(?!)")
    pattern = r"[\s-]+".join(map(re.escape, words)) + r"s?(?![^\W_])"
    return long_form_spellings(name), re.compile(pattern, re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _folded_pattern(name: str) -> re.Pattern | None:
    """:func:`long_form`'s pattern without ``IGNORECASE``, for a name of ASCII words, to run over
    the document in lower case (:meth:`DocumentContext._folded`); None for any other name. The
    engine finds a case-blind pattern by testing every position of the text, a case-sensitive
    one by its first letter."""
    pattern = long_form(name)[1].pattern
    return re.compile(pattern) if pattern.isascii() else None


#: The characters other than ASCII capitals that an ASCII letter matches under ``IGNORECASE``
#: and that ``str.lower`` does not make that letter (the Kelvin sign lowers to "k", the dotted
#: capital I to two characters, which the length test catches).
_CASE_BLIND_EXTRAS = ("\u0131", "\u017f")  # dotless i, long s


class DocumentContext:
    """One document's sentences and their phrases (see :func:`.sense_evidence.phrases`)."""

    __slots__ = ("text", "scores", "_starts", "_sentences", "_windows", "_document", "_uses", "_lower")

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
        self._uses: dict[str, frozenset[int]] = {}
        self._lower: str | bool | None = None  # see _folded

    def _bounds(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *map(re.Match.end, _BOUNDARY.finditer(self.text))]
        return self._starts

    def sentence_of(self, char: int) -> int:
        """The index of the sentence holding character offset ``char``."""
        return max(0, bisect_right(self._bounds(), char) - 1)

    def sentence_bounds(self, char: int) -> tuple[int, int]:
        """The first and the end character offsets of the sentence holding ``char``."""
        starts = self._bounds()
        index = self.sentence_of(char)
        return starts[index], starts[index + 1] if index + 1 < len(starts) else len(self.text)

    def sentence(self, index: int) -> dict[str, str]:
        found = self._sentences.get(index)
        if found is None:
            starts = self._bounds()
            end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
            if starts[index] == 0 and end == len(self.text):
                # A text of one sentence (no stop, no line break: a long run of glued or
                # controlled words) has the document's phrases: read once, not twice.
                found = self._sentences[index] = self.document()
            else:
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
        """The sentences that write ``name`` (a sense's term or alias): its words in order,
        separated by spaces or hyphens, the last one maybe plural, in any case as long as its
        longest word is written lower-case, Capitalized or in CAPITALS. Cached per name, so a
        document is searched once per long form, and only when it holds that longest word."""
        found = self._uses.get(name)
        if found is None:
            text = self.text
            starts: list[int] = []
            if any(s in text for s in long_form_spellings(name)):
                pattern = long_form(name)[1]
                searched, folded = self._folded(), _folded_pattern(name)
                if searched is None or folded is None:
                    searched, folded = text, pattern
                starts = [hit.start() for hit in folded.finditer(searched)]
            found = self._uses[name] = frozenset(
                self.sentence_of(start) for start in starts if not (start and text[start - 1].isalnum())
            )
        return found

    def _folded(self) -> str | None:
        """The document in lower case, where that is the same search for an ASCII name as the
        case-blind one over the text (every character in place, none that an ASCII letter
        matches case-blind other than by lowering); None on the first long form searched
        (one search costs less than lowering the document) and for any other document."""
        if self._lower is None:
            self._lower = False  # the next long form lowers it
            return None
        if self._lower is False:
            lower = self.text.lower()
            ok = len(lower) == len(self.text) and not any(c in lower for c in _CASE_BLIND_EXTRAS)
            self._lower = lower if ok else ""
        return self._lower or None

    def windows(self, char: int) -> MentionWindows:
        """The windows around the mention at ``char`` (see :class:`MentionWindows`)."""
        return MentionWindows(self, char)


class MentionWindows:
    """An iterator over ``(scope, key, phrases)``, from the narrowest window around one mention
    to the widest, each computed only when the one before it gave no evidence; ``key`` names
    the window within its document. :meth:`sentences_using` asks the document for a long form."""

    __slots__ = ("context", "char", "_index", "_steps")

    def __init__(self, context: DocumentContext, char: int) -> None:
        self.context = context
        self.char = char
        self._index: int | None = None
        self._steps = self._widening()

    @property
    def index(self) -> int:
        """The mention's sentence (found on first need: a mention the document spells out
        never asks)."""
        if self._index is None:
            self._index = self.context.sentence_of(self.char)
        return self._index

    def __iter__(self) -> MentionWindows:
        return self

    def __next__(self) -> tuple[str, tuple, dict[str, str]]:
        return next(self._steps)

    def _widening(self) -> Iterator[tuple[str, tuple, dict[str, str]]]:
        context, index = self.context, self.index
        yield SENTENCE, (SENTENCE, index), context.sentence(index)
        yield NEARBY, (NEARBY, index), context.nearby(index)
        yield DOCUMENT, (DOCUMENT,), context.document()

    @property
    def text(self) -> str:
        """The whole document."""
        return self.context.text

    def sentences_using(self, names: Sequence[str]) -> frozenset[int]:
        """The sentences of the document that write one of ``names`` (see
        :meth:`DocumentContext.sentences_using`); whether the mention's own sentence
        (:attr:`index`) is among them is the caller's question."""
        found: frozenset[int] = frozenset()
        for name in names:
            found |= self.context.sentences_using(name)
        return found

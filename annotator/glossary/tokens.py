"""Token texts of pattern phrases, exactly as a spaCy tokenizer splits them, but fast.

The one place that knows how spaCy tokenizes a pattern phrase: pattern generation asks it which
phrases are safe, and the matcher asks it for the tokens it keys its tables by.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .variants import POSSESSIVE_SUFFIXES

_PLAIN_SPACING = re.compile(r"\S+(?: \S+)*")
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


class PatternTokenizer:
    """Token texts for pattern strings, exactly as a spaCy tokenizer splits them, but fast.

    spaCy tokenizes each space-separated chunk on its own, so chunks are tokenized once and
    cached; a purely alphabetic chunk that is no special case ("cannot", "gonna") is always
    one token, and letters joined by hyphens split at each hyphen (spaCy's infix rule), so
    those skip the tokenizer (and the ``Doc`` it would build) altogether. A test checks the
    shortcut against the real tokenizer on every built-in pattern.
    """

    def __init__(self, tokenizer, *, cache: bool = True) -> None:
        """``cache=False``: no chunk is kept (each one the shortcuts do not answer goes to the
        tokenizer every time)."""
        self.tokenizer = tokenizer
        self.special = set(getattr(tokenizer, "rules", None) or ())
        self.cache: dict[str, tuple[str, ...]] | None = {} if cache else None
        self._possessive_answer: bool | None = None  # see _splits_possessives

    def fresh(self) -> PatternTokenizer:
        """The same tokenizer with an empty cache of its own (dropped with it)."""
        fresh = PatternTokenizer.__new__(PatternTokenizer)
        fresh.tokenizer, fresh.special, fresh.cache = self.tokenizer, self.special, {}
        fresh._possessive_answer = self._possessive_answer
        return fresh

    def chunk(self, chunk: str) -> tuple[str, ...]:
        # The shortcuts cost about what a cache lookup does, so only the tokenizer's answers
        # are cached: a big glossary's ~700,000 distinct chunks are mostly plain words.
        if chunk in self.special:
            pass
        elif chunk.isalpha():
            return (chunk,)
        elif _HYPHENATED.fullmatch(chunk):  # letters-letters: split at each hyphen
            parts = chunk.split("-")
            return tuple(x for part in parts for x in ("-", part))[1:]
        tokens = None if self.cache is None else self.cache.get(chunk)
        if tokens is None:
            tokens = tuple(t.text for t in self.tokenizer(chunk))
            if self.cache is not None:
                self.cache[chunk] = tokens
        return tokens

    def prefetch(self, chunks: Iterable[str]) -> None:
        """Tokenize, in one call, the ``chunks`` (whitespace-free strings) :meth:`chunk` would
        send to the tokenizer one at a time, and cache their tokens.

        The tokenizer splits a text at its spaces and tokenizes each chunk on its own (the
        fact :meth:`__call__` relies on), so one ``Doc`` of the chunks joined by spaces holds
        each chunk's tokens, end to end: one call instead of a ``Doc`` per chunk (~15 us each;
        a 100,000-concept glossary has ~23,000 possessive acronym forms). A chunk whose tokens
        do not spell it exactly is left for :meth:`chunk` to tokenize alone.

        A possessive of a plain word (``SLA's``, ``SLA’s``) is that word and the ending when
        the tokenizer splits possessives off (checked once, see :meth:`_splits_possessives`):
        the ending is a suffix, and a plain word is one token. Most chunks here are such.
        """
        if self.cache is None:
            return
        cache, special = self.cache, self.special
        possessives = self._splits_possessives()
        todo = []
        for chunk in dict.fromkeys(chunks):
            if (
                not chunk
                or chunk in cache
                or (chunk not in special and (chunk.isalpha() or _HYPHENATED.fullmatch(chunk)))
                or chunk.split() != [chunk]  # whitespace inside: not a chunk
            ):
                continue
            base = chunk[:-2]
            if possessives and chunk[-2:] in POSSESSIVE_SUFFIXES and base.isalpha() and (
                base not in special and chunk not in special
            ):
                cache[chunk] = (base, chunk[-2:])
            else:
                todo.append(chunk)
        if not todo:
            return
        doc = self.tokenizer(" ".join(todo))
        tokens = iter(doc)
        token = next(tokens, None)
        start = 0
        for chunk in todo:
            end = start + len(chunk)
            texts = []
            while token is not None and token.idx < end:
                texts.append(token.text)
                token = next(tokens, None)
            if "".join(texts) == chunk:
                cache[chunk] = tuple(texts)
            start = end + 1

    def _splits_possessives(self) -> bool:
        """Does the tokenizer split :data:`POSSESSIVE_SUFFIXES` off a plain word (English
        does)? Asked once, of a word no special case knows."""
        answer = self._possessive_answer
        if answer is None:
            probe = [f"Zqxw{suffix}" for suffix in POSSESSIVE_SUFFIXES]
            if any(word in self.special for word in probe):
                answer = False
            else:
                expected = [part for suffix in POSSESSIVE_SUFFIXES for part in ("Zqxw", suffix)]
                answer = [t.text for t in self.tokenizer(" ".join(probe))] == expected
            self._possessive_answer = answer
        return answer

    def plain_words(self, text: str) -> list[str] | None:
        """The tokens of ``text`` when its spelling alone decides them, else None.

        That is single-spaced chunks, none a special case, each alphabetic or ASCII letters
        joined by hyphens: what :meth:`__call__` gives them chunk by chunk (see :meth:`chunk`),
        found here with a few whole-string operations instead. Almost every pattern a
        glossary generates is such a phrase.
        """
        chunks = text.split(" ")
        if "" in chunks or not self.special.isdisjoint(chunks):
            return None
        letters = text.replace(" ", "")
        if letters.isalpha():
            return chunks
        # ASCII only: there ``[^\W\d_]`` (what _HYPHENATED calls a letter) is ``isalpha()``.
        if text.isascii() and letters.replace("-", "").isalpha():
            words = text.replace("-", " - ").split(" ")
            if "" not in words:  # no chunk starts or ends with a hyphen or holds two in a row
                return words
        return None

    def __call__(self, text: str) -> list[str]:
        if not _PLAIN_SPACING.fullmatch(text):
            # Leading, trailing, repeated or non-space whitespace become tokens of their own.
            return [t.text for t in self.tokenizer(text)]
        if " " not in text:
            return list(self.chunk(text))
        return [token for chunk in text.split(" ") if chunk for token in self.chunk(chunk)]


@functools.lru_cache(maxsize=1)
def english_tokenizer() -> PatternTokenizer:
    """A :class:`PatternTokenizer` over spaCy's blank English tokenizer (one per process)."""
    # A private blank English tokenizer: patterns must be exactly what spaCy's English
    # tokenizer produces, so we ask it rather than guess.
    from spacy.lang.en import English

    return PatternTokenizer(English().tokenizer)


def tokenize(text: str) -> list[str]:
    """Token texts of ``text`` as spaCy's English tokenizer splits them."""
    return english_tokenizer()(text)

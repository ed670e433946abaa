"""Lexical attributes computed only where a pipeline reads them.

spaCy makes a lexeme for every word its vocab does not hold and, for English, runs some twenty
Python functions on it (``Vocab.lex_attr_getters``: shape, number-likeness, stop word, norm,
prefix, suffix, URL-likeness ...), several of which also store a string. For a text of words
never seen before (order numbers, names, an unknown acronym in every word) that is about half
of the tokenizer's time, while a pipeline that reads three of those attributes throws the rest
away.

:func:`computing_only` narrows the getters while a memory zone is open: every lexeme made there
is freed when the zone closes, so none outlives it with attributes left unset, and the lexemes
made outside a zone (the vocabulary kept for good, :mod:`.warmup`) get every attribute as
before. The caller says which attributes its pipeline reads; a pipeline that cannot say keeps
them all.
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import AbstractContextManager

from spacy.vocab import Vocab


class _ComputingOnly:
    """One :func:`computing_only` block: a class rather than a generator-based context manager,
    as it opens and closes around every document."""

    __slots__ = ("_vocab", "_attrs", "_getters")

    def __init__(self, vocab: Vocab, attrs: Collection[int] | None) -> None:
        self._vocab = vocab
        self._attrs = attrs
        self._getters = None  # the vocab's own getters while narrowed

    def __enter__(self) -> None:
        vocab, attrs = self._vocab, self._attrs
        getters = vocab.lex_attr_getters
        if attrs is None or not getters or not getattr(vocab, "in_memory_zone", False):
            return
        vocab.lex_attr_getters = {attr: getter for attr, getter in getters.items() if attr in attrs}
        self._getters = getters

    def __exit__(self, *_: object) -> None:
        if self._getters is not None:
            self._vocab.lex_attr_getters, self._getters = self._getters, None


def computing_only(vocab: Vocab, attrs: Collection[int] | None) -> AbstractContextManager[None]:
    """Inside a memory zone open on ``vocab``, new lexemes get only the attributes ``attrs``
    (``spacy.attrs`` ids) of those the vocab computes; outside a zone, or with ``attrs`` None,
    nothing changes. The vocab's getters are put back on leaving, whatever happened."""
    return _ComputingOnly(vocab, attrs)

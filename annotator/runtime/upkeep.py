"""Vocabulary upkeep between documents: one object per pipeline, run outside memory zones.

After each document (outside the memory zone it was annotated in), keep the lexemes of its
recurring words for good (:mod:`.warmup`) and keep spaCy's string and lexeme indexes from
filling with the zone's deleted entries (:mod:`.stringindex`, :mod:`.lexemeindex`).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from .lexemeindex import LexemeIndexCompactor
from .stringindex import StringIndexCompactor
from .warmup import VocabLearner


def in_memory_zone(nlp: Language) -> bool:
    """Is a memory zone open on ``nlp``'s vocab? Lexemes made inside one are freed when it closes."""
    return getattr(nlp.vocab, "in_memory_zone", False)


class VocabUpkeep:
    """The learner and the compactor of one pipeline, reached through ``get_nlp`` each time (a
    pipeline's tokenizer may be replaced after this is made). Not picklable by design: a copy
    in another process makes its own (what was learned is this process's vocab)."""

    def __init__(self, get_nlp: Callable[[], Language]) -> None:
        # The vocab's flag read here, not through in_memory_zone(): asked after every document.
        in_zone = lambda: getattr(get_nlp().vocab, "in_memory_zone", False)  # noqa: E731
        self.learner = VocabLearner(lambda text: get_nlp().tokenizer(text), in_zone)
        self.string_index = StringIndexCompactor(lambda: get_nlp().vocab.strings, in_zone)
        self.lexeme_index = LexemeIndexCompactor(lambda: get_nlp().vocab, in_zone)

    def after_document(self, text: str) -> int:
        """Upkeep after one document's text; returns how many chunks were learned."""
        learned = self.learner.observe(text)
        self.string_index.tick()
        self.lexeme_index.tick()
        return learned

"""Loading the component's glossary: built-in data, user glossaries, and the vocab prewarm.

The configured sources are read once, under :func:`annotator.runtime.collector.loading`; a big
user glossary's patterns are generated in a forked child started before its files are read
(:func:`annotator.runtime.generation.start_generator_for`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from ..errors import PipelineError
from ..glossary.loading import load_glossary
from ..glossary.model import Glossary
from ..runtime.generation import generate_patterns, start_generator_for
from ..runtime.upkeep import in_memory_zone
from .serialize import SetData, iter_patterns

#: How much glossary text (characters) is tokenized at load to create its lexemes for good
#: (see :func:`prewarm_vocab`): the built-in glossary's ~100,000, in ~0.05 s.
PREWARM_CHARS = 250_000


def prewarm_texts(glossary: Glossary, limit: int) -> Iterator[str]:
    """Stop words (as written, capitalised and upper case), then the glossary's text in
    glossary order, until ``limit`` characters of the glossary's text have been given."""
    words = sorted(STOP_WORDS)
    yield " ".join(words)
    yield " ".join(w.capitalize() for w in words)
    yield " ".join(w.upper() for w in words)
    budget = limit
    for concept in glossary:
        for text in (concept.term, *concept.aliases, *concept.acronyms, *(d.text for d in concept.definitions)):
            if budget <= 0:
                return
            text = text[:budget]
            budget -= len(text)
            yield text


def load_configured(paths: Sequence[str], builtin: bool, set_data: SetData) -> None:
    """Built-in data (unless ``builtin`` is false) plus the user glossaries at ``paths``,
    installed in the component with its ``set_data``."""
    from ..resources import builtin_glossary_path, builtin_patterns_path

    # A big user glossary's patterns are generated in a forked child, forked now, before the
    # files are read: the parent's reading and collecting then overlap its start-up, and no
    # page the child shares is written while it runs.
    worker = start_generator_for(paths) if paths else None
    glossary = Glossary()
    if builtin:
        glossary_path = builtin_glossary_path()
        if not glossary_path.exists():
            raise PipelineError("E301")
        glossary = Glossary.load(glossary_path)
    if paths:
        glossary = load_glossary(paths, base=glossary.concepts)
    elif builtin and builtin_patterns_path().exists():
        path = builtin_patterns_path()
        data = path.read_bytes()
        set_data(glossary, iter_patterns(io.BytesIO(data), str(path)), saved_as=data)
        return
    set_data(glossary, generate_patterns(glossary, worker=worker), saved_as=None)


#: Runs of spaces up to this length are tokenized once for good (see :func:`prewarm_vocab`).
PREWARM_BLANK_RUN = 512


def prewarm_vocab(nlp: Language, glossary: Glossary) -> None:
    """Create, once and for good, the lexemes support text is likely to use.

    Inside ``nlp.memory_zone()`` (as every annotation session runs each document) every lexeme
    a text creates is freed again at the end, so each request would pay for creating
    "customer", "the" and "escalated" from scratch: most of ``annotate()``'s time beyond the
    tokenizer's. Tokenizing the glossary's own words (terms, aliases, acronyms, definitions)
    and spaCy's stop words here, outside any zone, keeps them: a fixed set, bounded by
    :data:`PREWARM_CHARS`, so memory stays flat however many requests come. Skipped when
    loading happens inside a zone (it would all be freed at its end).
    """
    if in_memory_zone(nlp):
        return
    for text in prewarm_texts(glossary, PREWARM_CHARS):
        nlp.tokenizer(text)
    # Masked markup and transcript metadata leave runs of spaces, one whitespace token per
    # run length; new in a zone, each such token would go through the affix rules every time.
    for length in range(2, PREWARM_BLANK_RUN + 1):
        nlp.tokenizer("x" + " " * length + "x")

"""Shared pipelines for the component tests, built once per session (the suite stays fast).

Unit tests use a small fixture glossary (``data/glossary.jsonl``) so they do not depend on how
the seed glossaries parse; a few tests use the built-in glossary through ``builtin_nlp``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from annotator.glossary.compile import records_from_dicts
from annotator.glossary.model import Concept, Definition, Glossary
from annotator.pipeline.matcher import GlossaryMatcher
from annotator.runtime.generation import generate_patterns

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def blank():
    """A blank English pipeline (its tokenizer alone), for tests that only need a Doc."""
    return spacy.blank("en")


@pytest.fixture(scope="session")
def fixture_glossary() -> Glossary:
    return Glossary.load(DATA / "glossary.jsonl")


@pytest.fixture(scope="session")
def fixture_patterns(fixture_glossary) -> list[dict]:
    return list(generate_patterns(fixture_glossary))


@pytest.fixture(scope="session")
def builtin_nlp():
    """blank English + helpdesk_glossary with the built-in glossary (patterns/)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary")
    return nlp


@pytest.fixture(scope="session")
def matcher_for():
    """Factory: ``matcher_for(patterns, tokenize=None)`` -> ``(nlp, matcher)``, a blank English
    pipeline and a GlossaryMatcher over pattern dicts (``patterns.jsonl`` lines) alone. Pattern
    text is split by that pipeline's tokenizer, as the component splits it, unless ``tokenize``
    (text -> words) says otherwise."""

    def make(patterns: list[dict], tokenize=None):
        nlp = spacy.blank("en")
        split = tokenize or (lambda text: [token.text for token in nlp.make_doc(text)])
        return nlp, GlossaryMatcher(nlp.vocab, split, records_from_dicts(patterns))

    return make


def concept(cid: str, term: str, acronyms=(), aliases=(), familiarity=None) -> Concept:
    """A concept of a hand-written test glossary, defined by its own name."""
    return Concept(cid, term, list(acronyms), list(aliases), definitions=[Definition(f"{term}.", "t.csv", 1)],
                   familiarity=familiarity)  # fmt: skip


@pytest.fixture(scope="session")
def glossary_nlp():
    """Factory: blank English + helpdesk_glossary over ``concepts`` alone (no built-in data),
    with extra component ``config``; for rules whose cases need a glossary of their own."""

    def make(concepts: list[Concept], **config):
        nlp = spacy.blank("en")
        component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False, **config})
        glossary = Glossary(concepts)
        component.set_data(glossary, list(generate_patterns(glossary)))
        return nlp

    return make


@pytest.fixture(scope="session")
def spoken_ents():
    """``spoken_ents(nlp, text, spoken="auto")``: the entity texts ``nlp`` finds in ``text``
    when told where to look for speech-to-text forms (``spoken``: a ``pipeline.spoken`` mode,
    or None to look nowhere)."""
    from annotator.pipeline.spoken import SPOKEN_KEY

    def ents(nlp, text, spoken="auto"):
        doc = nlp.make_doc(text)
        if spoken:
            doc.user_data[SPOKEN_KEY] = spoken
        return [e.text for e in nlp(doc).ents]

    return ents

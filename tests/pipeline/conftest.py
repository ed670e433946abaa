"""Shared pipelines for the component tests, built once per session (the suite stays fast).

Unit tests use a small fixture glossary (``data/glossary.jsonl``) so they do not depend on how
the seed glossaries parse; a few tests use the built-in glossary through ``builtin_nlp``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from annotator.glossary.model import Glossary
from annotator.runtime.generation import generate_patterns

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


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

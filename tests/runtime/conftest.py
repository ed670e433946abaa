"""Pipelines for the runtime tests: the component tests' fixture glossary (tests/pipeline/data)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

DATA = Path(__file__).parents[1] / "pipeline" / "data"


def _make_fixture_nlp(**config):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False, **config})
    component.from_disk(DATA)  # a directory holding only glossary.jsonl: patterns generated
    return nlp


@pytest.fixture(scope="session")
def nlp():
    """blank English + helpdesk_glossary loaded with the fixture glossary."""
    return _make_fixture_nlp()


@pytest.fixture(scope="session")
def make_fixture_nlp():
    """Factory for a fresh fixture pipeline with extra component config."""
    return _make_fixture_nlp

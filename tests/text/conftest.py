"""Fixtures for the text helpers: a blank English pipeline."""

from __future__ import annotations

import pytest
import spacy


@pytest.fixture(scope="session")
def nlp():
    """A blank English tokenizer: all the text helpers ever need from spaCy."""
    return spacy.blank("en")

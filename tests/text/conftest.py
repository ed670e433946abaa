"""Fixtures for the text helpers: a blank English pipeline and the golden-file folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def nlp():
    """A blank English tokenizer: all the text helpers ever need from spaCy."""
    return spacy.blank("en")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA

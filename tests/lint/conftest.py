"""Fixtures for the lint tests: a small fixture glossary (two ambiguous acronyms) and helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.glossary.model import Glossary
from annotator.lint.config import LintConfig
from annotator.lint.rules import lint_text

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"
REPO = HERE.parents[1]
SAMPLES = REPO / "samples" / "articles"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return Glossary.load(DATA / "glossary.jsonl")


@pytest.fixture
def config() -> LintConfig:
    return LintConfig()


@pytest.fixture
def lint(glossary):
    """``lint(text, format="markdown", **config) -> {acronym: code}`` for compact assertions."""

    def run(text: str, format: str = "markdown", **options) -> dict[str, str]:
        findings = lint_text(text, format, glossary=glossary, config=LintConfig(**options))
        return {f.acronym: f.code for f in findings}

    return run

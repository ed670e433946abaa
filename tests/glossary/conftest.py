"""Fixtures for the glossary tests: the seed files, a seed-file writer, an entry factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.glossary.model import Entry
from annotator.resources import builtin_sources_dir


@pytest.fixture
def seed_paths() -> list[Path]:
    """The five seed glossaries shipped in ``patterns/sources``."""
    paths = sorted(builtin_sources_dir().glob("*.txt"))
    assert paths, f"no seed glossaries in {builtin_sources_dir()}"
    return paths


@pytest.fixture
def write_seed(tmp_path: Path) -> Callable[..., Path]:
    """Write a seed-like glossary file (text or raw bytes) and return its path."""

    def write(content: str | bytes, name: str = "seed.txt") -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


@pytest.fixture
def make_entry() -> Callable[..., Entry]:
    """An :class:`Entry` with a generated definition unless one is given."""

    def make(term: str, source: str = "a.txt", line: int = 1, **fields) -> Entry:
        fields.setdefault("definition", f"{term} is defined in {source} on line {line}.")
        return Entry(term=term, source=source, line=line, **fields)

    return make

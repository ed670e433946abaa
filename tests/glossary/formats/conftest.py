"""Helpers shared by the format tests: write a glossary file, catch the error reading it raises."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.errors import GlossaryError
from annotator.glossary.formats import read_glossary_file


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def _error_of(path: Path) -> GlossaryError:
    with pytest.raises(GlossaryError) as info:
        read_glossary_file(path)
    return info.value


@pytest.fixture
def write() -> Callable[[Path, str, str | bytes], Path]:
    """``write(tmp_path, name, content)``: a glossary file with that content (text or bytes)."""
    return _write


@pytest.fixture
def error_of() -> Callable[[Path], GlossaryError]:
    """``error_of(path)``: the :class:`GlossaryError` reading ``path`` raises (fails if none)."""
    return _error_of

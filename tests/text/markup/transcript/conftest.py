"""Fixtures for the transcript tests: the golden cases and a pipeline with the built-in glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.resources import samples_dir

DATA = Path(__file__).parent / "data"
SAMPLE_SUFFIXES = (".vtt", ".srt", ".json")


def golden_cases() -> list[Path]:
    """Every transcript with a golden file: this folder's data and samples/transcripts."""
    own = [path for path in sorted(DATA.iterdir()) if not path.name.endswith(".golden.json")
           and path.is_file()]
    samples = [path for path in sorted((samples_dir() / "transcripts").iterdir())
               if path.suffix in SAMPLE_SUFFIXES]
    return own + samples


@pytest.fixture(scope="session")
def annotate_transcript():
    """``annotate(text, format)`` with the built-in glossary (loaded once)."""
    import annotator

    return lambda text, format="transcript": annotator.annotate(text, format)

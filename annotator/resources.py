"""Where the built-in data lives, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def patterns_dir() -> Path:
    """The directory holding ``glossary.jsonl``, ``patterns.jsonl`` and ``sources/``.

    In a checkout (and an editable install) that is the repo's top-level ``patterns/``; a wheel
    ships the same files as the ``annotator._patterns`` package (see pyproject's package-dir).
    """
    candidates = (_PACKAGE_DIR.parent / "patterns", _PACKAGE_DIR / "_patterns")
    for candidate in candidates:
        if (candidate / "sources").is_dir():
            return candidate
    return candidates[0]


def builtin_glossary_path() -> Path:
    return patterns_dir() / "glossary.jsonl"


def builtin_patterns_path() -> Path:
    return patterns_dir() / "patterns.jsonl"


def builtin_sources_dir() -> Path:
    return patterns_dir() / "sources"


def samples_dir() -> Path:
    return _PACKAGE_DIR.parent / "samples"

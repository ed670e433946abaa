"""Where the lab's data lives, relative to the checkout (nothing here is installed)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def eval_dir() -> Path:
    """``../shared/eval`` beside the checkout: the third-party evaluation set, read in place
    by the evaluation script, the lint scorer and the benchmark when it is there."""
    return REPO_ROOT.parent / "shared" / "eval"


def corpora_dir() -> Path:
    """``tools/corpora``: the project's own hand-annotated corpora, split into dev and test."""
    return REPO_ROOT / "tools" / "corpora"

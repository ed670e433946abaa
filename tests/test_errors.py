"""annotator.errors: every glossary code is raised somewhere and means one kind of failure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.errors import AnnotatorError, Errors

PACKAGE = Path(__file__).resolve().parents[1] / "annotator"
E1XX = sorted(name for name in vars(Errors) if re.fullmatch(r"E1\d\d", name))


def _raised_codes() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        found.update(re.findall(r'["\'](E1\d\d)["\']', path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("code", E1XX)
def test_errors_every_glossary_code_is_raised_somewhere(code):
    assert code in _raised_codes(), f"{code} is never raised: drop it"


def test_errors_templates_are_distinct():
    templates = [getattr(Errors, code) for code in E1XX]
    assert len(set(templates)) == len(templates)


def test_errors_message_carries_the_code():
    error = AnnotatorError("E114", path="g.csv", line=3, detail="empty term")
    assert str(error) == "[E114] g.csv:3: invalid entry: empty term"

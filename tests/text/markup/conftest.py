"""Checks shared by the markup tests: the visible-text contract, and where a word stays visible."""

from __future__ import annotations

import pytest

from annotator.text.markup import visible_text


def _check_contract(text: str, out: str, format: str) -> None:
    """Same length, line breaks kept, and every changed character is a blank, except where an
    HTML character reference starts (it holds the decoded character)."""
    assert len(out) == len(text)
    for index, (before, after) in enumerate(zip(text, out)):
        if before in "\r\n":
            assert after == before, index
        elif after != before:
            assert after == " " or (format in ("html", "markdown") and before == "&"), index


def _shown(text: str, format: str, word: str) -> list[int]:
    """Offsets where ``word`` is still visible (the original word, at the original place)."""
    out = visible_text(text, format)
    starts, position = [], out.find(word)
    while position != -1:
        assert text[position : position + len(word)] == word
        starts.append(position)
        position = out.find(word, position + 1)
    return starts


@pytest.fixture(scope="session")
def check_contract():
    return _check_contract


@pytest.fixture(scope="session")
def shown():
    return _shown

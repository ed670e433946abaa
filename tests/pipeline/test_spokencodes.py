"""annotator.pipeline.spokencodes: letters said one by one inside a spelled code."""

from __future__ import annotations

import pytest

import annotator
from annotator.pipeline.spokencodes import in_spelled_code


def _letters(text: str, letters: str) -> tuple[int, int]:
    start = text.index(letters)
    return start, start + len(letters)


@pytest.mark.parametrize(
    "text,letters,expected",
    [
        # a code's characters beside the letters: digits, number words, letters said alone
        ("my account number is k b four five two", "k b", True),
        ("the postcode is s l a one two b", "s l a", True),
        ("the reference is four five six k b", "k b", True),
        ("it's k b 4 5 2 thanks", "k b", True),
        ("so that's x one s l a", "s l a", True),
        # an acronym said among words, a count or two beside it
        ("we have a 24 seven s l a with them", "s l a", False),
        ("we missed two s l as this week", "s l as", False),
        ("the s l a two hours", "s l a", False),
        ("check the k b article one more time", "k b", False),
        # the article and the pronoun are words, not a code's letters
        ("is there a a h t target i mean", "a h t", False),
        # the code's characters must stand on the same line
        ("the s l a\none two three", "s l a", False),
    ],
)
def test_in_spelled_code(text, letters, expected):
    assert in_spelled_code(text, *_letters(text, letters)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "agent: can i get your account number please\ncustomer: it's k b four five two",
        "customer: my postcode is s l a one two b\nagent: thanks",
    ],
)
def test_spelled_code_letters_are_no_acronym(text):
    spans = annotator.annotate(text, "transcript")["spans"]
    assert [s["text"] for s in spans] == []


def test_acronyms_beside_a_spelled_code_are_still_found():
    text = "customer: the s l a and the k b are fine\nagent: and your code is x four five"
    spans = annotator.annotate(text, "transcript")["spans"]
    assert [(s["text"], s["match"]) for s in spans] == [("s l a", "spoken"), ("k b", "spoken")]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)

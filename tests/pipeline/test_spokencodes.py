"""annotator.pipeline.spokencodes: letters said one by one inside a spelled code."""

from __future__ import annotations

import pytest

import annotator
from annotator.pipeline.spokencodes import before_code_number, in_spelled_code


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
        # the code's number written as a number right after the letters
        ("my confirmation no s l a 852", "s l a", True),
        ("the s l a 24 seven", "s l a", False),
    ],
)
def test_in_spelled_code(text, letters, expected):
    assert in_spelled_code(text, *_letters(text, letters)) is expected


@pytest.mark.parametrize(
    "text,end,expected",
    [
        ("asa 852", 3, True), ("asa  236598741 ok", 3, True), ("asa 85", 3, False), ("asa 852a", 3, False),
        ("asa 852.5", 3, False), ("asa\n852", 3, False), ("asa", 3, False),
    ],
)
def test_before_code_number(text, end, expected):
    assert before_code_number(text, end) is expected


@pytest.mark.parametrize(
    "text",
    [
        # a code said as a word, then its number
        "customer: my confirmation no asa 852\ncustomer: ok thanks",
        "customer: can you check the seat for frt 342 please",
        "agent: can i get your account number please\ncustomer: it's k b four five two",
        "customer: my postcode is s l a one two b\nagent: thanks",
    ],
)
def test_spelled_code_letters_are_no_acronym(text):
    spans = annotator.annotate(text, "transcript")["spans"]
    assert [s["text"] for s in spans] == []


def test_an_acronym_said_as_a_word_before_a_count_is_still_found():
    text = "customer: our csat 85 percent last week and the slas t t o are fine"
    spans = annotator.annotate(text, "transcript")["spans"]
    assert [s["text"] for s in spans] == ["csat", "slas"]


def test_acronyms_beside_a_spelled_code_are_still_found():
    text = "customer: the s l a and the k b are fine\nagent: and your code is x four five"
    spans = annotator.annotate(text, "transcript")["spans"]
    assert [(s["text"], s["match"]) for s in spans] == [("s l a", "spoken"), ("k b", "spoken")]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)

"""vocabulary.grammar: closed-class words and the word right before a position."""

from __future__ import annotations

import pytest

from annotator.vocabulary.grammar import DETERMINERS, DIGIT_WORDS, LOOK_BACK, NOUN_PHRASE_CUES, word_before


def test_grammar_cues_are_lower_case_words_and_hold_the_determiners():
    assert all(w == w.lower() and w.isalpha() for w in NOUN_PHRASE_CUES)
    assert DETERMINERS < NOUN_PHRASE_CUES


@pytest.mark.parametrize(
    "text, expected",
    [
        ("check the |", "the"),
        ("Check The\t|", "the"),
        ("we don't |", "don't"),
        ("escalate to  |", "to"),
        ("|", None),
        ("nothing before|", None),  # no blank between the word and the position
        ("line one\n|", None),  # a line break comes first
        ("ends a sentence. |", None),  # a mark comes first
        ("tier 2 |", None),  # a digit is no word
    ],
)
def test_grammar_word_before(text, expected):
    assert word_before(text.replace("|", ""), text.index("|")) == expected


def test_grammar_word_before_never_reads_a_longer_words_tail():
    long_word = "x" * LOOK_BACK + "the"
    assert word_before(long_word + " a", len(long_word) + 1) is None


def test_grammar_digit_words_index_by_their_digit():
    assert len(DIGIT_WORDS) == 10
    assert [DIGIT_WORDS[int(digit)] for digit in "2024"] == ["two", "zero", "two", "four"]

"""vocabulary.english: spelled-right English words, without the misspellings people write."""

from __future__ import annotations

import pytest

from annotator.vocabulary.english import is_dictionary_word
from annotator.vocabulary.frequency import is_english_word


@pytest.mark.parametrize("word", ["escalation", "Queue", "customer", "separate"])
def test_english_dictionary_words(word):
    assert is_dictionary_word(word)


@pytest.mark.parametrize("word", ["escalaton", "custmer", "csta"])
def test_english_misspellings_are_not_dictionary_words(word):
    assert not is_dictionary_word(word)


def test_english_a_common_misspelling_is_written_but_not_spelled_right():
    """Why the misspelling check has its own list: people write "recieve" often enough for
    the frequency list to know it."""
    assert is_english_word("recieve") and not is_dictionary_word("recieve")

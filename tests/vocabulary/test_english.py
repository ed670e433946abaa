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


def test_english_words_are_the_spell_checkers_dictionary():
    """The list read from the dictionary file is exactly the checker's own word list."""
    from spellchecker import SpellChecker

    from annotator.vocabulary.english import english_words

    assert english_words() == frozenset(SpellChecker(language="en").word_frequency.keys())


def test_english_words_fall_back_to_the_checker_when_the_file_is_elsewhere(monkeypatch):
    from annotator.vocabulary import english

    monkeypatch.setattr(english, "_DICTIONARY", "resources/no-such-file.json.gz")
    english.english_words.cache_clear()
    try:
        assert "escalation" in english.english_words()
    finally:
        english.english_words.cache_clear()


@pytest.mark.parametrize(("dictionary", "expected"), [
    ({"queue": 5, "escalation": 3}, {"queue", "escalation"}),
    ({"Queue": 5, "escalation": 3, "SLA": 1}, {"queue", "escalation", "sla"}),
    ({"\u0130stanbul": 1}, {"\u0130stanbul".lower()}),  # lower-casing that lengthens a word
])
def test_english_words_are_lower_case_whatever_the_file_holds(monkeypatch, dictionary, expected):
    import gzip

    import orjson

    from annotator.vocabulary import english

    data = gzip.compress(orjson.dumps(dictionary))
    monkeypatch.setattr(english.pkgutil, "get_data", lambda package, resource: data)
    english.english_words.cache_clear()
    try:
        assert english.english_words() == frozenset(expected)
    finally:
        english.english_words.cache_clear()

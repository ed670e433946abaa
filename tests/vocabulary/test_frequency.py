"""vocabulary.frequency: everyday English words vs coined jargon, and real word forms."""

from __future__ import annotations

import pytest

from annotator.vocabulary.frequency import is_common_word, is_english_word, zipf


@pytest.mark.parametrize("word", ["feedback", "queue", "agent", "ticket", "reporting", "conversation", "macro"])
def test_frequency_everyday_words_are_common(word):
    assert is_common_word(word)


@pytest.mark.parametrize("word", ["webhook", "omnichannel", "hypergrowth", "cobrowsing", "sla", "ticket-id"])
def test_frequency_coined_words_are_not_common(word):
    assert not is_common_word(word)


@pytest.mark.parametrize("word,real", [("queued", True), ("escalated", True), ("documentated", False),
                                       ("gamificated", False)])
def test_frequency_real_word_forms(word, real):
    assert is_english_word(word) is real


def test_frequency_is_case_blind_and_a_threshold_setting():
    assert zipf("Queue") == zipf("queue") > 0
    assert not is_common_word("queue", threshold=9.0)

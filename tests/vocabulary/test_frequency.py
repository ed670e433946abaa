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


def test_frequency_table_answers_as_wordfreq_for_every_ascii_word():
    """The list read from wordfreq's file gives zipf_frequency's own answer for every plain
    word in it, and 0 for words it lacks, in any case."""
    from wordfreq import zipf_frequency

    from annotator.vocabulary.frequency import _zipf_table

    table = _zipf_table()
    words = [w for w in table if w.isascii() and w.isalpha()]
    assert len(words) > 200_000
    # every 50th word: each of the file's frequency buckets is reached many times over
    assert all(zipf(w) == zipf_frequency(w, "en", wordlist="large") for w in words[::50])
    for word in ("Escalation", "QUEUE", "xqzvbnmw", "documentated"):
        assert zipf(word) == zipf_frequency(word, "en", wordlist="large")


@pytest.mark.parametrize("word", ["naïve", "straße", "café", "don't", "e-mail", "24/7", ""])
def test_frequency_other_words_go_through_wordfreq(word):
    from wordfreq import zipf_frequency

    assert zipf(word) == zipf_frequency(word.lower(), "en", wordlist="large")


def test_frequency_without_the_list_file_every_word_goes_through_wordfreq(monkeypatch):
    from annotator.vocabulary import frequency

    monkeypatch.setattr(frequency, "_WORDLIST", "no-such-list.msgpack.gz")
    frequency._zipf_table.cache_clear()
    try:
        assert frequency._zipf_table() == {}
        assert zipf("queue") > 3 and zipf("xqzvbnmw") == 0.0
    finally:
        frequency._zipf_table.cache_clear()


def test_frequency_load_word_list_reads_it_once_for_later_questions():
    from annotator.vocabulary import frequency

    frequency._zipf_table.cache_clear()
    frequency.load_word_list()
    table = frequency._zipf_table()
    assert table and frequency._zipf_table.cache_info().currsize == 1
    assert is_english_word("escalated")
    assert frequency._zipf_table() is table

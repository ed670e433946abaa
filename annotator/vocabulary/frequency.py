"""How common an English word is: the one place the word-frequency list is read.

Two questions the rest of the package asks, both answered from ``wordfreq``'s English list
(Zipf scale: 7 is "the", 3 is a word seen once per million words, 0 a word not in the list):

* :func:`is_common_word` -- is a glossary word also an everyday English word, whose ordinary
  sense competes with the support sense ("feedback", "queue", "reporting"), unlike coined
  jargon ("webhook", "omnichannel")? The component decides such terms from context.
* :func:`is_english_word` -- is a generated inflection a word people write at all
  ("queued", "escalated" yes; "documentated" no)? Pattern generation keeps only those.

Lookups are cached per word; the list is loaded on the first question.
"""

from __future__ import annotations

import functools

#: Zipf frequency from which a word counts as an everyday English word (once in a million
#: words: "queue", "macro", "dashboard" and above; "triage", "chatbot", "webhook" below).
COMMON_WORD_ZIPF = 3.0
#: Zipf frequency from which a generated inflection counts as a word people write ("triaged",
#: "queued" and above; "conversate", "documentated" below).
ENGLISH_WORD_ZIPF = 1.5


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` (lower-cased) in English; 0.0 for a word not listed."""
    from wordfreq import zipf_frequency  # loaded on first use: most processes never ask

    return float(zipf_frequency(word.lower(), "en", wordlist="large"))


def is_common_word(word: str, threshold: float = COMMON_WORD_ZIPF) -> bool:
    """``word`` is one plain lower-case-able English word at least this frequent."""
    return word.isalpha() and zipf(word) >= threshold


def is_english_word(word: str, threshold: float = ENGLISH_WORD_ZIPF) -> bool:
    """``word`` is written in English often enough to be a real word form."""
    return word.isalpha() and zipf(word) >= threshold

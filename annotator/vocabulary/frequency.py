"""How common an English word is: the one place the word-frequency list is read.

Two questions the rest of the package asks, both answered from ``wordfreq``'s English list
(Zipf scale: 7 is "the", 3 is a word seen once per million words, 0 a word not in the list):

* :func:`is_common_word` -- is a glossary word also an everyday English word, whose ordinary
  sense competes with the support sense ("feedback", "queue", "reporting"), unlike coined
  jargon ("webhook", "omnichannel")? The component decides such terms from context.
* :func:`is_english_word` -- is a generated inflection a word people write at all
  ("queued", "escalated" yes; "documentated" no)? Pattern generation keeps only those.

The list is loaded on the first question. A plain ASCII word is looked up in wordfreq's own
data file, read here; anything else goes through ``wordfreq.zipf_frequency``. Importing
wordfreq (it brings ftfy, langcodes and a regex tokenizer) and its first lookup cost a fresh
service process more than reading the file: the service warms this list before it reports
ready. For one ASCII word the two answers are the same by construction (wordfreq's tokenizer
keeps such a word whole and lower-cases it, and its table holds one frequency per bucket of
the file read here); a test compares them over the whole list.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
from pathlib import Path

import msgpack

#: Zipf frequency from which a word counts as an everyday English word (once in a million
#: words: "queue", "macro", "dashboard" and above; "triage", "chatbot", "webhook" below).
COMMON_WORD_ZIPF = 3.0
#: Zipf frequency from which a generated inflection counts as a word people write ("triaged",
#: "queued" and above; "conversate", "documentated" below).
ENGLISH_WORD_ZIPF = 1.5

#: wordfreq's English list read by :func:`_zipf_table`, and the file format it must declare.
_WORDLIST = "large_en.msgpack.gz"
_HEADER = {"format": "cB", "version": 1}


@functools.cache
def _zipf_table() -> dict[str, float]:
    """Word -> Zipf frequency from wordfreq's English "large" list (a cBpack file: a header,
    then one bucket of words per centibel below frequency 1, most frequent first). Empty when
    the installed wordfreq ships the list in another shape: every word is then looked up
    through wordfreq's API."""
    # find_spec locates the package without importing it (importing is the cost saved here)
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return {}
    try:
        with gzip.open(Path(spec.submodule_search_locations[0], "data", _WORDLIST), "rb") as stream:
            header, *buckets = msgpack.load(stream, raw=False)
    except (OSError, ValueError, TypeError, msgpack.UnpackException):
        return {}
    if header != _HEADER:
        return {}
    table: dict[str, float] = {}
    for centibels_below, bucket in enumerate(buckets):
        # zipf = log10(frequency) + 9, rounded to hundredths as zipf_frequency rounds it
        table.update(dict.fromkeys(bucket, round((900 - centibels_below) / 100, 2)))
    return table


@functools.lru_cache(maxsize=65536)
def _library_zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # loaded on first use: most words never need it

    return float(zipf_frequency(word, "en", wordlist="large"))


def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` (lower-cased) in English; 0.0 for a word not listed."""
    word = word.lower()
    table = _zipf_table()
    if table and word.isascii() and word.isalpha():
        return table.get(word, 0.0)
    return _library_zipf(word)


def load_word_list() -> None:
    """Read the word list now rather than on the first question: a process about to fork a
    child that will ask (a big glossary's pattern generator) reads it once for both, so that
    they share its pages instead of each holding a copy of the table."""
    zipf("the")


def is_common_word(word: str, threshold: float = COMMON_WORD_ZIPF) -> bool:
    """``word`` is one plain lower-case-able English word at least this frequent."""
    return word.isalpha() and zipf(word) >= threshold


def is_english_word(word: str, threshold: float = ENGLISH_WORD_ZIPF) -> bool:
    """``word`` is written in English often enough to be a real word form."""
    return word.isalpha() and zipf(word) >= threshold

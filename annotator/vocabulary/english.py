"""English words: is a written form a real word of the language?

The word list is pyspellchecker's English dictionary (about 160,000 words with their
frequencies, maintained and cleaned of common misspellings: "recieve" and "seperate" are not in
it), read once per process on first use. A glossary may teach other words; this module only
knows the language's own.

Not :func:`annotator.vocabulary.frequency.is_english_word`, which asks whether people write a
form at all (wordfreq's web counts, which list common misspellings too): a misspelling check
needs a list without them, so it asks whether a form is spelled right.
"""

from __future__ import annotations

import functools
import gzip
import pkgutil

import orjson

#: pyspellchecker's English dictionary, inside its package: a gzipped JSON object word -> count.
_DICTIONARY = "resources/en.json.gz"


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every word of the English dictionary, lower case.

    Read from the dictionary file the way ``SpellChecker(language="en")`` reads it
    (``pkgutil.get_data``, keys lower-cased), but without building the checker, whose counts
    and JSON parsing cost the service's start-up more than the word list itself; when the file
    is not where that version keeps it, through the checker."""
    try:
        raw = pkgutil.get_data("spellchecker", _DICTIONARY)
        words = orjson.loads(gzip.decompress(raw)) if raw else None
    except (OSError, ValueError, orjson.JSONDecodeError):
        words = None
    if not isinstance(words, dict):
        from spellchecker import SpellChecker  # imported on first use: the CLI's --help never needs it

        words = list(SpellChecker(language="en").word_frequency.keys())  # keys() is a generator
    # The dictionary's words are lower case already: when lower-casing them all at once
    # changes nothing, the parsed keys are kept as they are (their hashes are computed
    # already), instead of lower-casing and hashing a copy of each one by one.
    joined = "\n".join(words)
    if joined == joined.lower():
        return frozenset(words)
    return frozenset(word.lower() for word in words)


def is_dictionary_word(word: str) -> bool:
    """Is ``word`` (any case) an English dictionary word? ``escalation`` is, ``escalaton`` not."""
    return word.lower() in english_words()

"""English words: is a written form a real word of the language?

The word list is pyspellchecker's English dictionary (about 160,000 words with their
frequencies, maintained and cleaned of common misspellings: "recieve" and "seperate" are not in
it), read once per process on first use (about a quarter of a second). A glossary may teach
other words; this module only knows the language's own.

Not :func:`annotator.vocabulary.frequency.is_english_word`, which asks whether people write a
form at all (wordfreq's web counts, which list common misspellings too): a misspelling check
needs a list without them, so it asks whether a form is spelled right.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every word of the English dictionary, lower case."""
    from spellchecker import SpellChecker  # imported on first use: the CLI's --help never needs it

    return frozenset(SpellChecker(language="en").word_frequency.keys())


def is_dictionary_word(word: str) -> bool:
    """Is ``word`` (any case) an English dictionary word? ``escalation`` is, ``escalaton`` not."""
    return word.lower() in english_words()

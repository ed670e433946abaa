"""British and American spellings of one word: ``centre``/``center``, ``prioritise``/``prioritize``.

A glossary written in one spelling must still find the other ("call centre" for Call Center).
The regular correspondences are rules on the word's ending; a rule's output is kept only when it
is itself a word people write (:func:`~.frequency.is_english_word`), so "monitor" never becomes
"monitour" nor "after" "aftre". Rules, not a word list, because glossaries are full of compounds
and derived forms no list has ("recentre", "deprioritised"); the frequency check is the list.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Iterable

from .frequency import is_english_word

#: (American ending, British ending), each a regular expression anchored at the word's end.
#: The -ize/-ise and -yze/-yse pairs carry their inflections; -er/-re only after t or b
#: (center, fiber, liter) where English has the pair at all; -or/-our only after three letters
#: (color, behavior: never "tour" -> "tor"). Doubled l (canceled/cancelled) is a rule of its own.
_PAIRS = (
    (r"([tb])er(s?)$", r"\1re\2"),
    (r"([tb])re(s?)$", r"\1er\2"),
    (r"iz(e|es|ed|ing|ation|ations)$", r"is\1"),
    (r"is(e|es|ed|ing|ation|ations)$", r"iz\1"),
    (r"yz(e|es|ed|ing)$", r"ys\1"),
    (r"ys(e|es|ed|ing)$", r"yz\1"),
    (r"(\w{3})or(s|ed|ing|able)?$", r"\1our\2"),
    (r"(\w{3})our(s|ed|ing|able)?$", r"\1or\2"),
    (r"og(s?)$", r"ogue\1"),
    (r"ogue(s?)$", r"og\1"),
    (r"ense(s?)$", r"ence\1"),
    (r"ence(s?)$", r"ense\1"),
)
_RULES = tuple((re.compile(a), b) for a, b in _PAIRS)
_SINGLE_L = re.compile(r"([aeiou])l(ed|ing|er|ers)$")
_DOUBLE_L = re.compile(r"([aeiou])ll(ed|ing|er|ers)$")
#: Every ending a rule above may respell (more loosely than the rules: the rules decide). A
#: phrase none of whose words ends so has no other spelling, and most glossary terms' words do
#: not: one ``str.endswith`` a word rules them out without running every rule on every word.
_ENDINGS = (
    "ter", "ters", "ber", "bers", "tre", "tres", "bre", "bres",
    *(stem + end for stem in ("iz", "is") for end in ("e", "es", "ed", "ing", "ation", "ations")),
    *(stem + end for stem in ("yz", "ys") for end in ("e", "es", "ed", "ing")),
    *(stem + end for stem in ("or", "our") for end in ("", "s", "ed", "ing", "able")),
    "og", "ogs", "ogue", "ogues", "ense", "enses", "ence", "ences",
    "led", "ling", "ler", "lers",
)  # fmt: skip
_HAS_ENDING = operator.methodcaller("endswith", _ENDINGS)


@functools.lru_cache(maxsize=16384)
def other_spellings(word: str) -> tuple[str, ...]:
    """Other regional spellings of a lower-case ``word`` that are real words, in rule order;
    empty for a word with none."""
    if len(word) < 4 or not word.isalpha() or not word.islower():
        return ()
    found: list[str] = []
    for pattern, replacement in _RULES:
        if pattern.search(word):
            found.append(pattern.sub(replacement, word, count=1))
    if _SINGLE_L.search(word):
        found.append(_SINGLE_L.sub(r"\1ll\2", word, count=1))
    elif _DOUBLE_L.search(word):
        found.append(_DOUBLE_L.sub(r"\1l\2", word, count=1))
    return tuple(dict.fromkeys(w for w in found if w != word and is_english_word(w)))


_PARTS = re.compile(r"([ -])")
#: Most respellings of one phrase: a term rarely has more than one word with two spellings.
MAX_RESPELLINGS = 7


def regional_variants(phrases: Iterable[str]) -> list[str]:
    """Each lower-case phrase respelled with the other regional spelling of one or more of its
    words ("call center" -> "call centre"), in a deterministic order, the phrases themselves
    left out."""
    phrases = phrases if isinstance(phrases, (list, tuple)) else list(phrases)
    # The words are what _PARTS splits the phrases into: joined by spaces, split at spaces.
    if not any(map(_HAS_ENDING, set(" ".join(phrases).replace("-", " ").split(" ")))):
        return []
    found: dict[str, None] = {}
    for phrase in phrases:
        parts = _PARTS.split(phrase)
        choices = [(part, *other_spellings(part)) for part in parts]
        if all(len(choice) == 1 for choice in choices):
            continue
        for combo in itertools.islice(itertools.product(*choices), 1, 1 + MAX_RESPELLINGS):
            found["".join(combo)] = None
    return [variant for variant in found if variant not in phrases]

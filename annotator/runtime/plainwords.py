"""Plain words past spaCy's affix search: the same tokens, without the regexes.

spaCy's tokenizer keeps the tokens of a chunk (a run of non-space characters) it has seen in a
cache, but never inside a memory zone (where every annotation runs) and never beyond
``max_cache_size`` chunks. Every other chunk goes through the prefix, suffix and infix searches
(Python regexes of some hundred alternatives, the suffix and infix ones tried at every position
of the chunk) before it is looked up as a word: on a text of words it has never seen, that is
about two thirds of what the tokenizer costs, more than making the new words' lexemes.

A chunk of ASCII letters alone is one token under spaCy's English affix rules: every prefix,
suffix and infix pattern there consumes a character other than a letter and other than
whitespace (punctuation, a symbol, a quote, an apostrophe) or looks behind for a digit; so is a
run of whitespace. So is a chunk of ASCII letters and digits ending in a digit (``2024``,
``P1``, ``v2``): the rules that look behind for a digit take a symbol, a currency or a unit
after it (``5km``, ``10am``), and no unit ends in an ASCII digit. The tokenizer asks its
``token_match`` first, before the affix searches and after its special cases (``cannot``,
``gonna``), and takes a chunk it matches as one token: with :data:`PLAIN_WORD` there, a
plain word skips the three searches and becomes the very token they would have left. Only a
tokenizer whose affix rules are exactly the English defaults and which has no ``token_match``
of its own gets it (:func:`skip_affix_search`); a test compares its docs with the stock
tokenizer's on any text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokenizer import Tokenizer

#: A chunk spaCy's English affix rules leave whole: ASCII letters, ASCII letters and digits
#: ending in a digit (what is left of "#1234," or "P1:" once the tokenizer has taken their
#: affixes off: it asks again at each step), or a run of ASCII whitespace
#: other than one space (a line break, "\r\n", spaces after a masked tag: the tokenizer makes
#: each such run a token and sends it through the same searches). ``match`` with an end
#: anchor: the form in which spaCy saves and restores a ``token_match`` (its pattern, compiled
#: again and matched), so a saved pipeline loads with the same test.
PLAIN_WORD = re.compile(r"(?:[A-Za-z]+|[A-Za-z0-9]*[0-9]|[ \t\n\r]+)\Z")


@lru_cache(maxsize=1)
def _english_affixes() -> tuple[str, str, str]:
    from spacy.lang.en import English
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = English.Defaults
    return (compile_prefix_regex(defaults.prefixes).pattern, compile_suffix_regex(defaults.suffixes).pattern,
            compile_infix_regex(defaults.infixes).pattern)


def _pattern(search) -> str | None:
    owner = getattr(search, "__self__", None)
    return getattr(owner, "pattern", None)


def has_english_affixes(tokenizer: Tokenizer) -> bool:
    """Whether ``tokenizer``'s prefix, suffix and infix rules are spaCy's English defaults."""
    found = (_pattern(tokenizer.prefix_search), _pattern(tokenizer.suffix_search),
             _pattern(tokenizer.infix_finditer))
    return found == _english_affixes()


#: Last characters after which the English suffix rules match that character alone, or
#: nothing, when all before it is ASCII letters and digits: no currency ("C$") or unit
#: ("m\u00b2") ends in one, and no rule reaching further back ends in one.
_LONE_TAILS = frozenset(".,:;!?)%")


class TailSuffixSearch:
    """spaCy's suffix search (``regex.search``, anchored at the end) with the same answers, that
    looks only at the last character of a chunk of ASCII letters and digits ending in one of
    :data:`_LONE_TAILS` ("ticket.", "P1:", "10%"): the suffix regex otherwise tries its
    alternatives at every position of the chunk before the one where its match starts, and
    these chunks are most of what the tokenizer still searches once plain words skip it. The
    search starts at that character but its lookbehinds still see the chunk. Carries the
    regex's ``pattern``, by which spaCy saves a suffix search (and :func:`has_english_affixes`
    recognises it)."""

    __slots__ = ("regex", "pattern")

    def __init__(self, regex: re.Pattern) -> None:
        self.regex, self.pattern = regex, regex.pattern

    def search(self, chunk: str) -> re.Match | None:
        last = len(chunk) - 1
        if last > 0 and chunk[last] in _LONE_TAILS:
            head = chunk[:last]
            if head.isascii() and head.isalnum():
                return self.regex.search(chunk, last)
        return self.regex.search(chunk)


def skip_affix_search(tokenizer: Tokenizer) -> bool:
    """Have ``tokenizer`` take plain words (:data:`PLAIN_WORD`) as they stand, and search
    suffixes with :class:`TailSuffixSearch`, when that gives exactly its tokens: its affix
    rules are the English defaults and it has no ``token_match`` of its own. Returns whether
    it now does.

    Setting ``token_match`` or ``suffix_search`` empties the tokenizer's cache (spaCy reloads
    its special cases): call it once, when the pipeline is made."""
    if tokenizer.token_match is not None:  # ours already (a saved pipeline restored), or another
        ours = _pattern(tokenizer.token_match) == PLAIN_WORD.pattern
    elif has_english_affixes(tokenizer):
        tokenizer.token_match = PLAIN_WORD.match
        ours = True
    else:
        return False
    # A restored pipeline has the stock suffix search again (spaCy saves only the pattern).
    if ours and has_english_affixes(tokenizer) and not isinstance(getattr(tokenizer.suffix_search, "__self__", None),
                                                                  TailSuffixSearch):
        tokenizer.suffix_search = TailSuffixSearch(tokenizer.suffix_search.__self__).search
    return ours

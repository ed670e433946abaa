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

from .affixrecall import is_recalled, recalled_finditer, recalled_search

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


#: The one English suffix rule with no bound on its length: a run of dots ("wait....").
_DOT_RUN = r"\.\.+"


@lru_cache(maxsize=1)
def _suffix_reach() -> int | None:
    """How far before a chunk's end an English suffix match can start, a run of dots aside:
    the longest the other suffix rules match (their lookbehinds read but do not take), plus one
    for the line break before which ``$`` also matches. None when a rule other than the dot run
    has no bound (a later spaCy's): then every search reads the whole chunk."""
    from re import _parser  # sre's own parser: the one way to ask a pattern's width

    from spacy.lang.en import English

    widest = 0
    for piece in English.Defaults.suffixes:
        if not piece.strip():  # spaCy leaves these out of the regex too
            continue
        high = _parser.parse(piece).getwidth()[1]
        if high >= _parser.MAXREPEAT:
            if piece != _DOT_RUN:
                return None
            continue
        widest = max(widest, high)
    return widest + 1


class TailSuffixSearch:
    """spaCy's suffix search (``regex.search``) with the same answers, that reads only the end
    of a chunk. Every English suffix rule is anchored at the chunk's end (``$``), and all but
    the run of dots match a few characters at most (:func:`_suffix_reach`), so no match can
    start further back than that, or than the trailing run of dots and line break; the regex
    otherwise tries its hundred alternatives at every position of the chunk before the one
    where its match starts, and a chunk of glued words ("-SLA-SLA...", up to the thousand
    characters :mod:`annotator.text.safety` leaves whole) is searched once or twice per
    prefix taken off it. The search starts there but its lookbehinds still see the chunk (the
    match is the one the whole search finds: the leftmost, and the first rule that matches
    there). Carries the regex's ``pattern``, by which spaCy saves a suffix search (and
    :func:`has_english_affixes` recognises it)."""

    __slots__ = ("regex", "pattern", "reach")

    def __init__(self, regex: re.Pattern) -> None:
        self.regex, self.pattern, self.reach = regex, regex.pattern, _suffix_reach()

    def search(self, chunk: str) -> re.Match | None:
        start = len(chunk) - self.reach if self.reach is not None else 0
        if start > 0:
            # Or where the trailing dots (and a line break after them) begin, if further back.
            return self.regex.search(chunk, min(start, len(chunk.rstrip(".\n"))))
        return self.regex.search(chunk)


def skip_affix_search(tokenizer: Tokenizer) -> bool:
    """Have ``tokenizer`` take plain words (:data:`PLAIN_WORD`) as they stand, search suffixes
    with :class:`TailSuffixSearch`, and remember each affix search's answers by chunk
    (:mod:`.affixrecall`), when that gives exactly its tokens: its affix rules are the English
    defaults and it has no ``token_match`` of its own. Returns whether it now does.

    Setting ``token_match`` or an affix search empties the tokenizer's cache (spaCy reloads
    its special cases): call it once, when the pipeline is made."""
    if tokenizer.token_match is not None:  # ours already (a saved pipeline restored), or another
        ours = _pattern(tokenizer.token_match) == PLAIN_WORD.pattern
    elif has_english_affixes(tokenizer):
        tokenizer.token_match = PLAIN_WORD.match
        ours = True
    else:
        return False
    # A restored pipeline has the stock searches again (spaCy saves only their patterns).
    if ours and has_english_affixes(tokenizer):
        if not is_recalled(tokenizer.prefix_search):
            tokenizer.prefix_search = recalled_search(tokenizer.prefix_search.__self__)
        if not is_recalled(tokenizer.suffix_search):
            regex = tokenizer.suffix_search.__self__
            regex = getattr(regex, "regex", regex)  # an earlier TailSuffixSearch of its own
            tokenizer.suffix_search = recalled_search(regex, TailSuffixSearch(regex).search)
        if not is_recalled(tokenizer.infix_finditer):
            tokenizer.infix_finditer = recalled_finditer(tokenizer.infix_finditer.__self__)
    return ours

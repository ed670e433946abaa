"""Closed compounds: a term of several words written as one word ("Helpdesk", "LiveChat").

A vendor's name is often a glossary term closed up ("LiveChat", "HelpDesk"), so the product
and name rules (:mod:`.rules.productnames`, :mod:`.rules.propernames`) take such a spelling for a name.
A document that writes the spelling in the plural ("Incoming LiveChats", "forward
LiveChats to agents") uses it as a count noun, though: a name has no plural, so there the
spelling is the term written closed up (one product's word for its chats), wherever the
document writes it, in either number and any casing.

Pure functions over the document's tokens and the glossary's words.
"""

from __future__ import annotations

from ..glossary.compile import TERM_LABEL
from ..vocabulary.inflection import singular
from ..vocabulary.wordbreak import runs_together
from .lexicon import GlossaryLexicon
from .tokentexts import TokenTexts

#: Most words whose answer :func:`counted_compounds` keeps per glossary.
_MEMO_WORDS = 8192


def closed_compound(word: str, lexicon: GlossaryLexicon) -> bool:
    """``word`` is two glossary words written as one ("Helpdesk", "Livechat"): a spelling of a
    term of several words that the glossary never writes itself."""
    lower = word.lower()
    if not lower.isalpha() or lower in lexicon.words:
        return False
    return runs_together(lower, lexicon.words, shortest=2, most=2)


def counted_compounds(tokens: TokenTexts, matches: list, lexicon: GlossaryLexicon) -> frozenset[str]:
    """The closed compounds (lower case, singular) that the document writes in the plural
    somewhere among the one-word term ``matches`` ("LiveChats" gives ``livechat``): count
    nouns, never a name. Only a match whose word ends in "s" is looked at."""
    found = set()
    # Each word's answer (its counted compound, or "") once per glossary: the words of term
    # matches are mostly the glossary's own forms, which every document repeats. A misspelt
    # match brings the user's word, so the memo stops growing at a bound (a service runs for
    # weeks).
    judged: dict[str, str] = lexicon.derived("compounds.plural_compound", dict)
    for m in matches:
        if m.end - m.start != 1 or m.label != TERM_LABEL or m.is_token_pattern:
            continue
        word = tokens[m.start]
        if word[-1:] not in ("s", "S"):
            continue
        lower = word.lower()
        one = judged.get(lower)
        if one is None:
            one = singular(lower)
            one = one if one != lower and closed_compound(one, lexicon) else ""
            if len(judged) < _MEMO_WORDS:
                judged[lower] = one
        if one:
            found.add(one)
    return frozenset(found)


def counted(word: str, nouns: frozenset[str]) -> bool:
    """``word`` is, in either number, one of the document's counted closed compounds
    (:func:`counted_compounds`)."""
    return bool(nouns) and singular(word.lower()) in nouns

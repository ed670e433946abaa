"""Acronyms no glossary pattern lists, found among a document's capitalised words.

Two kinds, both read from one pass over the capitalised words each (so a document with
thousands of them stays linear):

* :func:`document_acronyms` -- acronyms the document itself defines ("Time to Value (TTV)")
  and the glossary does not know: spans labelled ``DOC_ACRONYM`` whose tooltip is the
  document's own expansion, unless an acronym rule of :mod:`.precision` rejects the definition;
* :func:`unknown_acronyms` -- acronym-shaped words neither the glossary nor the document
  defines, for the ``unknown_acronyms`` span group (the batch summary and discovery list them).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from spacy.tokens import Span

from ..runtime import budget
from ..vocabulary.acronyms import base_acronym, capitalised_words, capitalised_words_skipping, is_acronym, is_shouting
from .matcher import Match
from .names import DOC_ACRONYM_LABEL, DOCUMENT_PREFIX, UNKNOWN_LABEL
from .precision import PrecisionRule, is_signature, words_around
from .rulecontext import RuleContext

#: Unknown-acronym candidates looked at per document (words shaped like an acronym that the
#: glossary and the document do not know); the rest of a document that has more is not
#: searched. Real documents have a few dozen; a text made of nothing else costs as much as its
#: tokenizing instead of several times more (the benchmark's hostile rows).
MAX_UNKNOWN_CANDIDATES = 5_000


def document_acronyms(
    context: RuleContext,
    expansions: Mapping[str, tuple[str, ...]],
    taken: bytearray,
    known_acronyms: Collection[str],
    acronym_rules: Sequence[PrecisionRule],
) -> list[Match]:
    """Mentions of the acronyms the document defines (``expansions``: short form -> its long
    forms) that are not in ``known_acronyms`` and that every rule of ``acronym_rules`` accepts;
    tokens already ``taken`` are skipped, and the ones found are marked taken."""
    doc, text, code_like = context.doc, context.text, context.code_like
    shorts = {short for short, longs in expansions.items() if short not in known_acronyms
              and all(rule.run(context, short, longs) for rule in acronym_rules)}  # fmt: skip
    found: list[Match] = []
    if not shorts:
        return found
    for hit in budget.checked(capitalised_words(text)):
        word = hit.group()
        short = word if word in shorts else word[:-1] if word[-1] == "s" and word[:-1] in shorts else None
        if short is None:
            continue
        span = doc.char_span(hit.start(), hit.end())
        if span is None or any(taken[span.start : span.end]):
            continue
        if code_like(hit.start(), hit.end()):
            continue
        taken[span.start : span.end] = b"\x01" * len(span)
        found.append(Match(span.start, span.end, DOC_ACRONYM_LABEL, DOCUMENT_PREFIX + short, True))
    return found


def unknown_acronyms(
    context: RuleContext,
    taken: bytearray,
    expansions: Mapping[str, tuple[str, ...]],
    known_words: Collection[str],
    known_acronyms: Collection[str],
    glossary_phrase: Callable[[str], object | None],
) -> list[Span]:
    """Acronym-shaped words outside the ``taken`` tokens that nothing explains: not a
    glossary word or acronym (``known_words``, ``known_acronyms``; plural and possessive
    forms folded), not defined in the document, not a glossary phrase in capitals
    (``glossary_phrase`` returns None for a word that is none), and not in code, a signature
    or a shouted sentence. At most :data:`MAX_UNKNOWN_CANDIDATES` candidates are examined."""
    doc, text, code_like = context.doc, context.text, context.code_like

    def unexplained(word: str) -> bool:
        if word in known_words or word in expansions or not is_acronym(word):
            return False
        base = base_acronym(word)
        return base not in known_acronyms and base not in expansions

    spans = []
    examined = 0
    # A text of a few acronyms glued or repeated tens of thousands of times: the known ones
    # are left out by the search itself.
    hits = capitalised_words_skipping(text, unexplained)
    for hit in budget.checked(capitalised_words(text) if hits is None else hits):
        word = hit.group()
        if not unexplained(word):
            continue
        examined += 1
        if examined > MAX_UNKNOWN_CANDIDATES:
            break  # past this many, the text is a code dump or hostile, not prose to learn from
        span = doc.char_span(hit.start(), hit.end(), label=UNKNOWN_LABEL)
        if span is None or any(taken[span.start : span.end]):
            continue
        if code_like(hit.start(), hit.end()) or is_signature(text, hit.start(), hit.end()):
            continue
        if is_shouting(words_around(text, hit.start(), hit.end())):
            continue  # in "WE CANT GET TO THE CLOUD" capitals say nothing
        if glossary_phrase(word) is not None:
            continue  # a glossary word in capitals ("our TICKET was closed") is the word
        spans.append(span)
    return spans

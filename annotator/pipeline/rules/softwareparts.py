"""One-word terms that modify the name of a part of the software: "agent bot", "agent interface".

In "create an agent bot", "the agent interface", "our ticket API", "the conversation window" the everyday-word term
("agent", "ticket": :attr:`~annotator.pipeline.lexicon.GlossaryLexicon.everyday`) is no
mention of the support concept: it qualifies the noun after it, and that noun names a piece of
the product (a bot, a screen, an interface to program against). English compounds take their
meaning from their last noun, so the compound is that piece of software, and the tooltip for
"agent" would explain the wrong thing.

The nouns are general software vocabulary (:data:`SOFTWARE_PARTS`), never product names; a
term of several words, an acronym or a coined word is left alone (specific enough to be the
term in any compound), and so is a term whose next noun is a view, a template or a form (a
"ticket view" is a view *of tickets*: the concept is what it shows).

Pure functions over the document's tokens; the component runs them as the ``software_parts``
precision rule (:mod:`..precision`).
"""

from __future__ import annotations

from spacy.strings import get_string_id

from ..resolution import one_word_terms, release
from ..tokentexts import HYPHENS, TokenTexts

#: Nouns naming a part of a piece of software (general English/software words): an
#: everyday-word term right before one names that part, not the support concept.
SOFTWARE_PARTS = frozenset(
    "bot bots chatbot chatbots interface interfaces app apps application applications api apis "
    "sdk sdks plugin plugins widget widgets extension extensions endpoint endpoints window windows".split()
)
_PART_IDS = frozenset(map(get_string_id, SOFTWARE_PARTS))
#: The rule's trigger (:class:`~annotator.pipeline.precision.PrecisionRule`).
TRIGGER_IDS = _PART_IDS


def qualifies_software_part(tokens: TokenTexts, end: int) -> bool:
    """The token after ``end`` (a hyphen right after the term skipped) is one of
    :data:`SOFTWARE_PARTS`; ``tokens`` are the document's token texts."""
    after = tokens[end]
    if after in HYPHENS and tokens.token_end(end - 1) == tokens.token_end(end) - len(after):
        after = tokens[end + 1]
    return after.lower() in SOFTWARE_PARTS


def drop_software_parts(context, matches: list, taken: bytearray) -> list:
    """The ``software_parts`` rule: ``matches`` without the everyday one-word terms that
    qualify a software part. ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    # One set test on the hashes of the document's words (which the everyday-word rule reads
    # anyway) spares almost every document the rest.
    if not matches or _PART_IDS.isdisjoint(context.words()):
        return matches
    everyday = context.lexicon().everyday
    candidates = one_word_terms(matches, everyday)
    if not candidates:
        return matches
    tokens = context.tokens()
    return release(matches, {m for m in candidates if qualifies_software_part(tokens, m.end)}, taken)

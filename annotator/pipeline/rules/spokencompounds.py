"""Closed-up spellings no speech-to-text engine writes: "customersupport", "callcenter".

A term of several words is also matched closed up ("customersupport" for Customer Support,
:mod:`~annotator.glossary.variants`), as typed text writes it in a handle, a hashtag or an
identifier. A speech-to-text engine writes the words it hears, from its own vocabulary: two
words where the speaker said two ("customer support"), one only where the closed-up spelling
is itself an English word people write ("helpdesk", "livechat", "webchat"). So in a
speech-to-text stretch (:mod:`..spoken`) a closed-up spelling that is no English word
(:func:`~annotator.vocabulary.frequency.is_english_word`, its singular asked) is what the
words were rendered from: a hashtag said aloud ("#CustomerService" -> "customerservice"), a
variable's name in a pasted snippet, not the term spoken.

Pure functions over the document's text; the component runs them as the
``spoken_compounds`` precision rule (:mod:`..precision`).
"""

from __future__ import annotations

from ...glossary.compile import INFLECTION, TERM_LABEL, VARIANT
from ...vocabulary.frequency import is_english_word
from ...vocabulary.inflection import singular
from ..resolution import release
from ..spoken import SPOKEN_KEY, SPOKEN_MODES, in_spoken_stretch

#: The match kinds a closed-up spelling comes as: a variant, or its plural.
_CLOSED_KINDS = (VARIANT, INFLECTION)


def unspoken_spelling(word: str) -> bool:
    """``word`` (one run of letters) is no English word, nor the plural of one: a speech-to-text
    engine would not write it."""
    lower = word.lower()
    return word.isalpha() and not is_english_word(lower) and not is_english_word(singular(lower))


def drop_spoken_compounds(context, matches: list, taken: bytearray) -> list:
    """The ``spoken_compounds`` rule: ``matches`` without the one-word spellings of terms that
    no speech-to-text engine writes, inside speech-to-text stretches (see the module
    docstring). ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    doc = context.doc
    if doc.user_data.get(SPOKEN_KEY) not in SPOKEN_MODES:
        return matches
    candidates = [
        m for m in matches
        if m.end - m.start == 1 and m.kind in _CLOSED_KINDS and m.label == TERM_LABEL and not m.is_token_pattern
    ]  # fmt: skip
    if not candidates:
        return matches
    inside = in_spoken_stretch(doc, context.text)
    dropped = {m for m in candidates if inside(doc[m.start].idx) and unspoken_spelling(doc[m.start].text)}
    return release(matches, dropped, taken)

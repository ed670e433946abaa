"""A unit after a quantity: "4 KB", "400KB", "four kb" is kilobytes, not the knowledge base.

A glossary acronym may also be a unit of measure: KB is the knowledge base and a kilobyte.
Right after a quantity it is the unit, in a ticket ("attachments over 512 KB are rejected"), a
chat ("it's only 400KB") or speech-to-text text ("usually four kb", "four k b"), where nothing
else tells the two apart. A quantity is a number in digits ("512", "1.5"; the tokenizer splits
"400KB" into the number and the unit) or a number word ("four", "twenty", "hundred"). The
units are those of data sizes and rates (:data:`UNITS`, general computing vocabulary), written
as one word or spelled as letters ("k b"); a glossary names none of them on purpose, so only
the ones a glossary acronym happens to spell are ever asked. Before the words a knowledge base
holds the number counts them and the acronym is the knowledge base's ("3 KB articles":
:data:`HELD_WORDS`).

A pure function of the document's tokens, run as the ``units`` precision rule
(:mod:`..precision`).
"""

from __future__ import annotations

import re

from spacy.strings import get_string_id

from ..resolution import release

#: Units of data size and rate (general computing vocabulary), lower case.
UNITS = frozenset(
    "b kb kib mb mib gb gib tb tib pb pib bps kbps mbps gbps kb/s mb/s gb/s".split()
)
#: Number words (general English) a quantity is said with in speech-to-text text.
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million half".split()
)
#: What a knowledge base holds (general support English): "3 KB articles" counts articles.
HELD_WORDS = frozenset("article articles entry entries".split())
#: Most tokens a unit spelled as letters spans ("k b", "m b p s").
_MAX_UNIT_TOKENS = 4

_UNIT_IDS = frozenset(map(get_string_id, UNITS))
# A spelled unit ends on the letter "b" or "s" ("k b", "m b p s"): with the units, the words
# that let a document through the first, whole-document test.
_GATE_IDS = _UNIT_IDS | frozenset(map(get_string_id, ("s",)))
#: The rule's trigger (:class:`~annotator.pipeline.precision.PrecisionRule`).
TRIGGER_IDS = _GATE_IDS
# The words a unit's first token can be: a unit, or the first letter of one spelled out. A
# match opening on any other is no unit, told by one lookup (a text of glued matches, let
# through by one stray "s", asks for every one).
_OPENING_IDS = _UNIT_IDS | frozenset(get_string_id(unit[0]) for unit in UNITS)
_NUMBER_WORD_IDS = frozenset(map(get_string_id, NUMBER_WORDS))
_HELD_IDS = frozenset(map(get_string_id, HELD_WORDS))
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _unit(lower, strings, start: int, end: int) -> bool:
    """Tokens ``start``..``end`` are a unit of :data:`UNITS`: one word, or its letters spelled."""
    if end - start == 1:
        return lower[start] in _UNIT_IDS
    if end - start > _MAX_UNIT_TOKENS:
        return False
    letters = [strings[lower[i]] for i in range(start, end)]
    return all(len(letter) == 1 for letter in letters) and "".join(letters) in UNITS


def after_quantity(doc, lower, i: int) -> bool:
    """Token ``i`` follows a quantity: a number in digits or a number word."""
    if i == 0:
        return False
    before = i - 1
    return lower[before] in _NUMBER_WORD_IDS or _DIGITS.fullmatch(doc[before].text) is not None


def drop_units(context, matches: list, taken: bytearray) -> list:
    """The ``units`` rule: ``matches`` without the acronyms that are a unit of measure right
    after a quantity (see the module docstring). ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    if not matches or _GATE_IDS.isdisjoint(context.words()):
        return matches
    doc, lower = context.doc, context.lower()
    strings = doc.vocab.strings
    dropped = {
        m for m in matches
        if lower[m.start] in _OPENING_IDS and _unit(lower, strings, m.start, m.end)
        and after_quantity(doc, lower, m.start)
        and not (m.end < len(lower) and lower[m.end] in _HELD_IDS)
    }  # fmt: skip
    return release(matches, dropped, taken) if dropped else matches

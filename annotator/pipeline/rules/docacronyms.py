"""Acronyms a document defines: annotated only when their expansion is support vocabulary.

A document that writes "Long Form (LF)" teaches the reader an acronym the glossary may not
know, and the component annotates its mentions with the document's own expansion
(``DOC_ACRONYM``). That is right for the document's own support jargon ("Very Breached Tickets
(VBT)", "Next Response Time (NRT)") and wrong for another field's ("enterprise resource planning
(ERP)") or for the name of a screen of a product ("the Contact Control Panel (CCP)"): neither
is support jargon, and a tooltip on every mention only repeats the document. An expansion is
kept when

* one of its words is a word of the glossary's own names (:attr:`GlossaryLexicon.words
  <annotator.pipeline.lexicon.GlossaryLexicon.words>`, singular, lower case): it speaks the
  domain's language; and
* its last word is not a part of a user interface (:data:`UI_PARTS`): "... Control Panel",
  "... Console" name a screen of one product; and
* it is no time zone ("Eastern Standard Time (EST)"): a clock, whatever "time" means in
  support metrics.

The definition itself is still recorded (``doc._.abbreviations``) and the acronym is still no
unknown one. The component asks this of each acronym the document defines and the glossary
does not know, as the ``document_acronyms`` precision rule (:mod:`..precision`).
"""

from __future__ import annotations

import re

from ...vocabulary.inflection import singular

#: Nouns naming a part of a program's user interface (general software vocabulary): an
#: expansion ending in one names a screen or control of a product, not a concept.
UI_PARTS = frozenset(
    "panel panels console consoles dialog dialogs dialogue window windows menu menus toolbar "
    "toolbars sidebar sidebars pane panes tab tabs button buttons widget widgets".split()
)
_WORD = re.compile(r"[A-Za-z]+")
# How the names of time zones end (general English): "Eastern Standard Time", "Central
# European Summer Time", "Coordinated Universal Time".
_TIME_ZONE = re.compile(r"\b(?:standard|daylight|summer|universal)\s+time\s*$", re.IGNORECASE)


def is_domain_expansion(long_form: str, glossary_words: frozenset[str]) -> bool:
    """``long_form`` shares a word with the glossary's names (``glossary_words``: singular,
    lower case), does not end in a part of a user interface and is no time zone (see the
    module docstring)."""
    words = [w.lower() for w in _WORD.findall(long_form)]
    if not words or words[-1] in UI_PARTS or _TIME_ZONE.search(long_form):
        return False
    return any(w in glossary_words or singular(w) in glossary_words for w in words)


def keep_document_acronym(context, short: str, long_forms: tuple[str, ...]) -> bool:
    """The ``document_acronyms`` rule: annotate the document's acronym ``short`` (written out
    as ``long_forms``, the first one first) only when its first expansion is support
    vocabulary. ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`."""
    return bool(long_forms) and is_domain_expansion(long_forms[0], context.lexicon().words)

"""Capitalised screen labels in running text: "open the Conversations tab", "the "Agents" menu".

How-to text names what the reader sees on the screen by its label, written as the screen
writes it (a capital, or in quotes) and followed by the kind of screen part it labels: "use
the Conversations tab", "open the "Webhooks" tab", "turn on the Enable Agent option". The
glossary word there is the tab's, the menu's or the button's name, not the support concept
(the tab lists conversations; the tooltip would explain a conversation). :mod:`.uilabels`
reads the same shape when the label is set in emphasis; this rule reads it in plain prose.

A one-word term is a screen label when

* it is written with a capital and is no acronym, and stands mid-sentence (a word right before
  it: at a sentence start every word has a capital, and "Escalation settings are ..." may be
  the settings of escalation), or it is set in quotes; and
* the next word is one of :data:`PROSE_SCREEN_PARTS` ("tab", "menu", "section", "page",
  "button", "option", "view"), in lower case or with a capital of its own ("the Queues View
  page").

A lower-case term before such a noun is left alone ("the ticket page" shows a ticket), and so
is a term of several words (specific enough to be the term in any compound). Asked of a
candidate only when its first character is a capital or it follows a quote, which most
candidates are not.
"""

from __future__ import annotations

import re

from spacy.strings import get_string_id

from ...glossary.compile import TERM_LABEL
from ..resolution import release
from .uilabels import SCREEN_PARTS

#: The parts of a screen a capitalised word labels in plain prose: :data:`~.uilabels.SCREEN_PARTS`
#: but "settings", which is as often the concept's own ("map the extension to Queue settings":
#: the settings of a queue, capitalised as the product writes its objects), and with "view": a
#: view a capital names is a screen ("the Real Time Queues view"), where "the ticket view" in
#: lower case shows tickets (:mod:`.softwareparts`).
PROSE_SCREEN_PARTS = (SCREEN_PARTS - {"settings", "setting"}) | {"view", "views"}
_PART_IDS = frozenset(map(get_string_id, PROSE_SCREEN_PARTS))
#: The rule's trigger (:class:`~annotator.pipeline.precision.PrecisionRule`).
TRIGGER_IDS = _PART_IDS
#: Quotes a label may be set in (straight and typographic).
QUOTES = "\"'\u201c\u201d\u2018\u2019"
_QUOTE_IDS = frozenset(map(get_string_id, QUOTES))
# After the term: an optional closing quote, spaces, then a lower-case word.
_NEXT_WORD = re.compile(r"[\"'\u201d\u2019]?[ \t]+([a-z]+|[A-Z][a-z]+)\b")
# Before the term: a word, then spaces (mid-sentence), or an opening quote.
_WORD_BEFORE = re.compile(r"[A-Za-z0-9][ \t]+\Z")


def is_screen_label(text: str, start: int, end: int) -> bool:
    """The one word ``text[start:end]`` labels a part of a screen (see the module docstring)."""
    quoted = start > 0 and text[start - 1] in QUOTES
    word = text[start:end]
    if not quoted and not (word[:1].isupper() and not word.isupper()):
        return False
    following = _NEXT_WORD.match(text, end)
    if following is None or following.group(1).lower() not in PROSE_SCREEN_PARTS:
        return False
    if quoted:
        return text[end : end + 1] in QUOTES
    return _WORD_BEFORE.search(text, max(0, start - 40), start) is not None


def drop_screen_labels(context, matches: list, taken: bytearray) -> list:
    """The ``screen_labels`` rule: ``matches`` without the one-word terms that label a part of a
    screen. ``context`` is the component's :class:`~annotator.pipeline.rulecontext.RuleContext`;
    dropped matches release their tokens in ``taken``."""
    # One set test on the document's word hashes (the rules share them) spares every document
    # without a word for a part of a screen the rest; then a match is read only when the token
    # after it (past a closing quote) is one.
    if not matches or _PART_IDS.isdisjoint(context.words()):
        return matches
    lower, text, doc, token_end = context.lower(), context.text, context.doc, context.token_end
    last = len(lower) - 1
    dropped = set()
    for m in matches:
        if m.end - m.start != 1 or m.label != TERM_LABEL or m.is_token_pattern or m.end > last:
            continue
        after = m.end + 1 if lower[m.end] in _QUOTE_IDS and m.end < last else m.end
        if lower[after] in _PART_IDS and is_screen_label(text, doc[m.start].idx, token_end(m.start)):
            dropped.add(m)
    return release(matches, dropped, taken)

"""Bold UI labels that end in a glossary word: the name of a list, a tile or a dialog.

"Show up under **Recent customer tickets**", "In any **New Ticket** dialog", "| **4. Active
Agents** |": a how-to text sets in bold what the reader sees on the screen. A short bold label
that *ends* in a one-word term and starts with a capital (or a number) names a part of the
screen (a list of tickets, a dialog, a tile), not the support concept. It is still the concept

* when the label starts with an action word (:data:`ACTION_WORDS`): "**Add Tags**", "**Assign
  Ticket**" describe what is done to the concept, the way a heading does;
* when the term is not its last word ("**Incident Handling**", "**ticket templates**"): the
  term qualifies the label's head noun, and such labels describe working with the concept.

A one-word label is the concept's own word set in bold for emphasis ("every **ticket**"),
except where the text says to click it: the object of a verb of clicking ("choose
**Routing**", "select the **Forecast** tab", "click on *Settings*", :data:`CLICK_VERBS`),
or the next entry of a menu path it opens ("choose **Analytics**, **Forecasting**"), or
the name of the part of the screen the noun after it says it is ("in the **Routing**
settings", "the **Tickets** tab": :data:`SCREEN_PARTS`). What is clicked or shown there is a
menu item, a button or a section, named by the term, not the term.

The words are general English and software vocabulary, never names from a corpus. Pure
functions over the document's text; the component runs them as the ``ui_labels`` precision
rule (:mod:`..precision`).
"""

from __future__ import annotations

import re

from ...glossary.compile import TERM_LABEL
from ..resolution import release

#: Verbs that open a button or menu label acting on what follows (general software
#: vocabulary): a label starting with one names an action on the concept, and keeps it.
ACTION_WORDS = frozenset(
    "add assign change close create delete disable edit enable escalate export filter find hide "
    "import manage merge move open remove reopen reply search select send set show sort split "
    "tag update use view".split()
)
#: Verbs that say what to click (general software vocabulary): an emphasised word they take
#: as object is a menu item or a button ("choose **Routing**", "go to *Settings*").
CLICK_VERBS = ("choose", "click", "select", "tap", "press", "hit", "go to", "navigate to", "switch to")
_MARKS = r"(?:\*\*|__|\*|_)"
# What may stand between a verb of clicking and its label: "on", "the", and earlier entries
# of a menu path, each an emphasised label followed by a comma or a path mark. Read backwards
# from the label's opening mark, within a bounded window.
_CLICKED = re.compile(
    r"\b(?:" + "|".join(v.replace(" ", r"\s+") for v in CLICK_VERBS) + r")(?:\s+on)?(?:\s+the)?\s+"
    r"(?:" + _MARKS + r"[^*_\n]{1,60}?" + _MARKS + r"\s*(?:,|>|\u2192)\s*(?:and\s+|then\s+)?){0,4}\Z",
    re.IGNORECASE,
)
#: How far before a label its verb of clicking is looked for, in characters.
_CLICK_REACH = 240
#: Most words a bold label holds (a longer bold stretch is emphasised prose).
LABEL_WORDS = 5
#: How far from a match its bold marks are looked for, in characters.
_REACH = 80
_BOLD_MARKS = ("**", "__")
_WORD = re.compile(r"[^\W_]+")


def bold_label(text: str, start: int, end: int) -> str | None:
    """The bold label ``start:end`` ends, or None: the text between a ``**`` (or ``__``) pair
    around it, within one paragraph, where the match is the label's last word."""
    for mark in _BOLD_MARKS:
        close = end
        while close < len(text) and text[close] in " \t":
            close += 1
        if not text.startswith(mark, close):
            continue
        opening = text.rfind(mark, max(0, start - _REACH), start)
        if opening < 0:
            continue
        label = text[opening + len(mark) : close]
        if "\n\n" in label or mark in label or not label.strip():
            continue
        return label
    return None


def is_screen_label(label: str, max_words: int = LABEL_WORDS) -> bool:
    """``label`` (see :func:`bold_label`) names a part of a screen: two to ``max_words`` words,
    starting with a capital or a number, not with an action word."""
    words = _WORD.findall(label)
    if not 2 <= len(words) <= max_words:
        return False
    first = words[0]
    if not (first[0].isupper() or first[0].isdigit()):
        return False
    opener = next((w for w in words if not w.isdigit()), "")
    return opener.lower() not in ACTION_WORDS


def emphasised_word(text: str, start: int, end: int) -> int | None:
    """Where the emphasis mark opening ``start:end`` starts, when the word is set in emphasis
    alone (``**Routing**``, ``*Settings*``, ``__Tags__``); None otherwise."""
    for mark in ("**", "__", "*", "_"):
        if text.startswith(mark, end) and text.endswith(mark, 0, start):
            opening = start - len(mark)
            # "***" or "**" seen as "*": the mark must not continue on either side.
            if (opening and text[opening - 1] == mark[0]) or text[end + len(mark) : end + len(mark) + 1] == mark[0]:
                continue
            return opening
    return None


#: Lower-case nouns for the parts of a screen a label names (general software vocabulary):
#: "the **Routing** settings" are a section called Routing.
SCREEN_PARTS = frozenset(
    "settings setting page pages tab tabs menu menus section sections screen screens panel panels "
    "button buttons option options dialog dialogs window windows".split()
)
_NEXT_WORD = re.compile(r"[ \t]*([a-z]+)")


def names_screen_part(text: str, start: int, end: int) -> bool:
    """The one word ``start:end``, set in emphasis alone, is followed by one of
    :data:`SCREEN_PARTS` ("the **Routing** settings")."""
    opening = emphasised_word(text, start, end)
    if opening is None:
        return False
    close = end + (start - opening)
    following = _NEXT_WORD.match(text, close)
    return following is not None and following.group(1) in SCREEN_PARTS


def clicked(text: str, start: int, end: int) -> bool:
    """The one word ``start:end``, set in emphasis alone, is what a verb of clicking takes
    (see the module docstring)."""
    opening = emphasised_word(text, start, end)
    if opening is None:
        return False
    return _CLICKED.search(text, max(0, opening - _CLICK_REACH), opening) is not None


def drop_ui_labels(context, matches: list, taken: bytearray) -> list:
    """The ``ui_labels`` rule: ``matches`` without the one-word terms that end a bold screen
    label, or that stand alone in emphasis as what to click or as a part of the screen's name
    (see the module docstring). ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`;
    dropped matches release their tokens in ``taken``."""
    text = context.text
    # One look at the text spares every document without emphasis the rest.
    if not matches or ("*" not in text and "_" not in text):
        return matches
    token_end = context.token_end
    doc = context.doc
    dropped = set()
    for m in matches:
        if m.end - m.start != 1 or m.label != TERM_LABEL or m.is_token_pattern:
            continue
        start, end = doc[m.start].idx, token_end(m.start)
        label = bold_label(text, start, end)
        if (label is not None and is_screen_label(label)) or clicked(text, start, end) or (
                names_screen_part(text, start, end)):
            dropped.add(m)
    return release(matches, dropped, taken)

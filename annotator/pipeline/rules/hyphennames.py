"""Glossary words hyphen-joined to a name: a package or product name, not the jargon.

Open-source help desks and their add-ons are named so, and their users write the name in
running text, lower case: "django-helpdesk", "zammad-helpdesk", "frappe-helpdesk". The word
after the hyphen is the glossary's, but the whole is a name (product names are never the
jargon), and the part before the hyphen says so: it is no English word and no word of the
glossary's ("django", "zammad"), where a compound the glossary means joins an English word
("self-service", "queue-based", "first-contact") or a prefix ("pre-chat", "omni-channel").
Asked of a candidate only when a hyphen sits right before it, which prose seldom has.
"""

from __future__ import annotations

import re

import numpy as np

from ...vocabulary.english import is_dictionary_word

#: Combining forms English writes with a hyphen before a word (general English), no word of
#: their own: a compound opening with one ("pre-chat", "multi-channel") is the word qualified.
PREFIXES = frozenset(
    "pre multi omni un non co re sub inter intra semi anti auto bi tri de dis mis over under "
    "out post mid cross self ex hyper micro mini mega meta para pseudo quasi ultra".split()
)
#: The word before a match's hyphen: letters only (a version, "v2-", or a code, "L1-", is no
#: name), three at least (shorter is an initial or a prefix: "e-mail", "x-ray").
_NAME_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]{3,})-\Z")
#: How far back the word before the hyphen is looked for.
_REACH = 40


def hyphenated_name_word(text: str, start: int, known: frozenset[str], caps: set[str]) -> str | None:
    """The name a match starting at ``start`` is hyphen-joined to ("django" for the
    "helpdesk" of "django-helpdesk"), or None: the word before the hyphen must be neither an
    English dictionary word, nor a prefix (:data:`PREFIXES`), nor a word of the glossary
    (``known``, lower case), nor an acronym in any case (``caps``, the spellings its patterns
    match: "SLA-", "sla-")."""
    if start < 4 or text[start - 1] != "-":
        return None
    found = _NAME_BEFORE.search(text, max(0, start - _REACH), start)
    if found is None:
        return None
    word = found.group(1)
    lower = word.lower()
    if lower in PREFIXES or lower in known or word in caps or word.upper() in caps or is_dictionary_word(word):
        return None
    return word


def keep_unless_hyphenated_name(context, match, start: int, end: int) -> bool:
    """The ``hyphenated_names`` rule: drop a match hyphen-joined to a name ("django-helpdesk")."""
    if start < 4 or context.text[start - 1] != "-":  # the usual case, decided on one character
        return True
    return hyphenated_name_word(context.text, start, context.lexicon().words, context.known_caps) is None


def hyphenated_name_screen(context, spans, arrays) -> np.ndarray:
    """The candidates with a hyphen right before them, four characters in or more: the
    ``hyphenated_names`` rule keeps every other one on that look (see :mod:`..screens`)."""
    return (spans.starts >= 4) & (arrays.at(spans.starts - 1) == ord("-"))

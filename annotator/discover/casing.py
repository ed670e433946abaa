"""How the archive capitalises each word: names are the words it keeps capitalising.

A name of a person, product, vendor, team or page ("Amazon Connect", "Slack channel", "Support
Pods") is no glossary jargon, and what gives it away is that writers keep capitalising its
words where English would not: in the middle of a sentence. One capital proves nothing (a
heading, a list item, a sentence start, an article that title-cases its own term), but the
share of a word's mid-sentence uses written with a capital, over the whole archive, tells a
name ("Slack": most of them) from a common noun that is sometimes title-cased ("support",
"response": a few). :mod:`.termhood` turns the share into a factor.

Per document (:func:`document_casing`, pure, in the worker): for every content word (as
:mod:`.context` keys it: the whole word, lower case, plural folded), its uses at a start
(of a line, a sentence, a heading, a list item, a quotation or a cell: where any word takes
a capital) and its mid-sentence uses written with a capital. Every use of a content word is
counted already (the context-word table), so a word's mid-sentence uses are its uses less
its starts: two small tables instead of a pass that judges every word. All-caps words
(acronyms, shouting) and stopwords are not counted. Summed over the archive in bounded
vocabulary tables (:mod:`.aggregate`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .words import is_stopword, singular

#: A word at a start: first on its line, or after a sentence end, a colon, a quotation mark, a
#: bracket or a markup character (spaces between). A hyphen or apostrophe inside a word
#: ("first-line", "don't") is no start. One regex pass: the starts are few, the words many.
_START = re.compile(
    r"(?:^|[.!?:;`*#>|(\[{_\u2018\u201c\u2022]|(?<!\w)[-\"'])[ \t\u00a0]*"
    r"([^\W\d_]+(?:[-'\u2019][^\W\d_]+)*)", re.MULTILINE)

#: A word (as :func:`~.words.words` cuts them) that does not open with an ASCII lower-case
#: letter: the regex skips the many lower-case words, Python checks the rest for a capital
#: ("Émile" is one, "über" is not).
_CAPITALISED = re.compile(
    r"(?<![^\W\d_])(?<![^\W\d_][-'\u2019])(?![a-z])[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")


def document_casing(visible: str) -> tuple[dict[str, int], dict[str, int]]:
    """``(capitalised, starts)``: content word -> its mid-sentence uses written with a
    capital, and -> its uses at a start (see :data:`_START`), in ``visible``."""
    starts: dict[str, int] = {}
    at_start: set[int] = set()
    for match in _START.finditer(visible):
        at_start.add(match.start(1))
        text = match.group(1)
        if not text.isupper() and not is_stopword(text):
            word = singular(text.lower())
            starts[word] = starts.get(word, 0) + 1
    capitalised: dict[str, int] = {}
    for match in _CAPITALISED.finditer(visible):
        text = match.group()
        if text[0].isupper() and not text.isupper() and match.start() not in at_start \
                and not is_stopword(text):
            word = singular(text.lower())
            capitalised[word] = capitalised.get(word, 0) + 1
    return capitalised, starts


def capital_share(word: str, capitalised: Mapping[str, int], uses: Mapping[str, int],
                  starts: Mapping[str, int], least: int) -> float | None:
    """Share of ``word``'s mid-sentence uses (its ``uses`` less its ``starts``) written with a
    capital; None with fewer than ``least`` such uses (no evidence either way)."""
    middle = uses.get(word, 0) - starts.get(word, 0)
    if middle < least:
        return None
    return min(1.0, capitalised.get(word, 0) / middle)

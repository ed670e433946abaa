"""How the archive capitalises each word: names are the words it keeps capitalising.

A name of a person, product, vendor, team or page ("Amazon Connect", "Slack channel", "Support
Pods") is no glossary jargon, and what gives it away is that writers keep capitalising its
words where English would not: in the middle of a sentence. One capital proves nothing (a
heading, a list item, a sentence start, an article that title-cases its own term), but the
share of a word's mid-sentence uses written with a capital, over the whole archive, tells a
name ("Slack": most of them) from a common noun that is sometimes title-cased ("support",
"response": a few). :mod:`.termhood` turns the share into a factor.

Per document (:func:`document_casing`, pure, in the worker): for every content word (lower
case, plural folded, hyphenated words split into their parts), its uses in the middle of a
sentence and how many of those were written with a capital. All-caps words (acronyms,
shouting) and stopwords are not counted. Summed over the archive in two bounded vocabulary
tables (:mod:`.aggregate`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .words import Word, is_stopword, singular

#: Characters that, right before a word (spaces skipped, same line), make it the start of a
#: sentence, a heading, a list item, a quotation or a cell, where a capital is no evidence.
_OPENERS = frozenset(".!?:;\"'`*#>|-([{_\u2018\u201c\u2022")


def _mid_sentence(visible: str, start: int) -> bool:
    """True when the word at ``start`` follows another word on its line, not an opener."""
    i = start - 1
    while i >= 0 and visible[i] in " \t\u00a0":
        i -= 1
    return i >= 0 and visible[i] != "\n" and visible[i] not in _OPENERS


def document_casing(visible: str, tokens: Iterable[Word]) -> tuple[dict[str, int], dict[str, int]]:
    """``(capitalised, uses)``: content word -> its mid-sentence uses written with a capital,
    and -> all its mid-sentence uses, in ``visible`` (``tokens``: its words)."""
    capitalised: dict[str, int] = {}
    uses: dict[str, int] = {}
    for token in tokens:
        text = token.text
        if text.isupper() or not _mid_sentence(visible, token.start):
            continue
        # the parts of a hyphenated word after the first sit mid-sentence whatever precedes it
        for part in text.split("-"):
            if len(part) < 2 or part.isupper() or is_stopword(part):
                continue
            word = singular(part.lower())
            uses[word] = uses.get(word, 0) + 1
            if part[0].isupper():
                capitalised[word] = capitalised.get(word, 0) + 1
    return capitalised, uses


def capital_share(word: str, capitalised: Mapping[str, int], uses: Mapping[str, int],
                  least: int) -> float | None:
    """Share of ``word``'s mid-sentence uses written with a capital; None with fewer than
    ``least`` uses (no evidence either way)."""
    used = uses.get(word, 0)
    if used < least:
        return None
    return capitalised.get(word, 0) / used

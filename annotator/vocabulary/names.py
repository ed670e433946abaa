"""Names: the keys that decide when two glossary names are the same, and how names are cased.

* :func:`normalize_key` -- case-, hyphen-, space- and punctuation-insensitive (acronyms, ids);
* :func:`name_key` -- the same, plus the plural of the last word and minus signs (terms and
  aliases: ``Ticketing Systems`` = ``ticketing system``, ``Tier -1`` != ``Tier 1``);
* :func:`title_case` / :func:`is_title_case` -- headword casing;
* :func:`content_words` / :func:`head_word` -- what two names are compared on.

Used by glossary merging and the seed-page parser.
"""

from __future__ import annotations

import re
import unicodedata

from .inflection import singular, singular_phrase

#: Words that carry no meaning of their own in a name ("Time *to* Resolution").
FUNCTION_WORDS = frozenset(
    "a an and as at by for from in into of on or per the to via vs with within without".split()
)

#: Quote marks that may wrap a name as a source writes it (straight and typographic).
QUOTES = "\"'\u2018\u2019\u201c\u201d"

_NOT_KEY = re.compile(r"[\W_]+")
_MINUS = re.compile(r"(?:^| )-(?=\d)")


def normalize_key(text: str) -> str:
    """Case-, hyphen-, space- and punctuation-insensitive key used to merge names."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_KEY.sub("", text)


def name_key(text: str) -> str:
    """Case-, hyphen-, space- and plural-insensitive key of a name.

    A hyphen right before a digit after a space is a minus sign and counts: ``Tier -1 Support``
    is not ``Tier 1 Support``.

    >>> name_key("Co-Browsing Sessions") == name_key("cobrowsing session")
    True
    """
    return normalize_key(minus_aware(singular_phrase(text)))


def minus_aware(text: str) -> str:
    """Spell out a minus sign (`` -1`` -> `` minus 1``) before hyphens are normalized away."""
    return _MINUS.sub(" minus ", text) if "-" in text else text


def content_words(text: str) -> set[str]:
    """Casefolded singular words of a name, without function words and hyphens."""
    words = text.replace("-", " ").replace("/", " ").split()
    return {singular(w.casefold()) for w in words if w.casefold() not in FUNCTION_WORDS}


def head_word(text: str) -> str:
    """The casefolded singular last word of a name: ``Onshore Outsourcing`` -> ``outsourcing``."""
    words = text.replace("-", " ").split()
    return singular(words[-1].casefold()) if words else ""


def title_case(text: str) -> str:
    """Capitalize the all-lowercase content words of a term read out of a sentence.

    Words the source already capitalizes in its own way (``eNPS``, ``WhatsApp``) are kept:
    ``"call center attrition"`` -> ``"Call Center Attrition"``, ``"co-browsing"`` ->
    ``"Co-Browsing"``, ``"just-in-time"`` -> ``"Just-in-Time"``.
    """
    out = []
    for index, word in enumerate(text.split()):
        parts = word.split("-")
        fixed = []
        for pindex, part in enumerate(parts):
            first = index == 0 and pindex == 0
            if part.isalpha() and part.islower() and (first or part not in FUNCTION_WORDS):
                part = part[:1].upper() + part[1:]
            fixed.append(part)
        out.append("-".join(fixed))
    return " ".join(out)


def is_title_case(text: str) -> bool:
    """Every content word starts with a capital or a digit (headword style, not a sentence)."""
    for word in text.replace("-", " ").replace("/", " ").split():
        if word.casefold() in FUNCTION_WORDS:
            continue
        if not (word[0].isupper() or word[0].isdigit() or not word[0].isalpha()):
            return False
    return True

"""Acronym-shaped tokens in visible text, with their base form (``SLAs`` -> ``SLA``).

The scan runs over the *masked* text (code, URLs, tags already blanked to spaces), so every
offset it returns indexes the original article too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from ..text.acronyms import base_acronym
from dataclasses import dataclass

# A token is a run of letters/digits, optionally joined by "&" (Q&A, L&R), optionally followed
# by an apostrophe suffix (SLA's, CC'd). Not preceded by "@" or "#": @AM and #SLA are handles
# and channel names, not prose. A slash or hyphen is a boundary ("Sales/CS", "SLA-relevant").
TOKEN_RE = re.compile(
    r"(?<![\w@#$&%])"
    r"(?=[\w&]*[A-Z])"  # only tokens with a capital: lower-case words never reach Python
    r"(?P<core>[^\W_]+(?:&[^\W_]+)*)"
    r"(?P<apos>['\u2019](?:s|d|ed)(?![^\W_]))?"
    r"(?![\w&])"
)

# An all-caps (digits and "&" allowed) stem followed by a lower-case inflection: SLAs, KPIs,
# FAQs, CCed, STARred ("STAR" + doubled "r" + "ed"), SEs.
_INFLECTED = re.compile(r"^(?P<stem>[A-Z0-9&]*[A-Z][A-Z0-9&]*)(?P<suffix>[a-z]+)$")
_SUFFIXES = frozenset({"s", "es", "ed", "d", "ing", "er", "ers"})

_CAPS_STEM = re.compile(r"^[A-Z0-9&]+$")


@dataclass(frozen=True)
class Token:
    text: str  # the token as written, without an apostrophe suffix ("SLAs")
    base: str  # the acronym it is a use of ("SLA")
    start: int
    end: int  # end of ``text`` (the apostrophe suffix is not part of the use)


def base_form(core: str) -> str:
    """The acronym a token is a use of: plurals (the text engine's ``base_acronym``) and verb
    forms (``CCed``, ``STARred``) map to their stem."""
    base = base_acronym(core)
    if base != core:
        return base
    match = _INFLECTED.match(core)
    if not match:
        return core
    stem, suffix = match.group("stem"), match.group("suffix")
    if len(stem) < 2:  # "Is", "As": a capitalised word, not an inflected acronym
        return core
    if suffix in _SUFFIXES:
        return stem
    # Doubled final consonant before -ed/-ing: STARred, DMming.
    last = stem[-1].lower()
    if suffix in (last + "ed", last + "ing"):
        return stem
    return core


def is_caps_acronym(base: str) -> bool:
    """Shape of an acronym nobody told us about: capitals (digits, "&") with two or more letters."""
    if not _CAPS_STEM.match(base) or len(base) > 10:
        return False
    return sum(c.isalpha() for c in base) >= 2


# Internet shorthand that splits into glossary-looking pieces ("TL;DR" is not TL + DR).
_NOT_TOKENS = re.compile(r"\bTL;\s?DR\b", re.IGNORECASE)


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern | None:
    """One regex for acronyms written with a space ("SOC 2"), any whitespace inside."""
    spaced = sorted({p for p in phrases if " " in p}, key=len, reverse=True)
    if not spaced:
        return None
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in spaced)
    return re.compile(r"(?<![\w&])(?P<phrase>" + body + r")(?P<plural>s)?(?![\w&])")


def scan(visible: str, phrases: Iterable[str] = ()) -> list[Token]:
    """Every candidate token that contains at least one capital letter, in text order.

    ``phrases`` are acronyms written with a space ("SOC 2"): each occurrence is one token, not
    two. "TL;DR" is no token at all.
    """
    tokens: list[Token] = []
    covered: list[tuple[int, int]] = [m.span() for m in _NOT_TOKENS.finditer(visible)]
    pattern = _phrase_pattern(phrases)
    if pattern is not None:
        for match in pattern.finditer(visible):
            base = " ".join(match.group("phrase").split())
            tokens.append(Token(match.group(), base, match.start(), match.end()))
            covered.append(match.span())
    covered.sort()
    starts = [lo for lo, _ in covered]
    for match in TOKEN_RE.finditer(visible):
        if covered:
            i = bisect_right(starts, match.start()) - 1
            if i >= 0 and match.start() < covered[i][1]:
                continue
        core = match.group("core")
        tokens.append(Token(core, base_form(core), match.start("core"), match.end("core")))
    if pattern is not None:
        tokens.sort(key=lambda t: t.start)
    return tokens

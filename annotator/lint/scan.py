"""Acronym-shaped tokens in visible text, with their base form (``SLAs`` -> ``SLA``).

The base form (:func:`~annotator.vocabulary.inflection.base_form`) and the shape test the
rules apply (:func:`~annotator.vocabulary.acronyms.is_caps_acronym`) live in the vocabulary.

The scan runs over the *masked* text (code, URLs, tags already blanked to spaces), so every
offset it returns indexes the original article too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from ..vocabulary.codes import find_codes
from ..vocabulary.inflection import base_form

# A token is a run of letters/digits, optionally joined by "&" (Q&A, L&R), optionally followed
# by an apostrophe suffix (SLA's, CC'd). Not preceded by "@" or "#": @AM and #SLA are handles
# and channel names, not prose. Not right after a digit and a colon: "00AM" in "9:00AM" is the
# rest of a clock time (and "1:1" a ratio). A slash or hyphen is a boundary ("Sales/CS",
# "SLA-relevant").
TOKEN_RE = re.compile(
    r"(?<![\w@#$&%])(?<!\d:)"
    r"(?=[\w&]*[A-Z])"  # only tokens with a capital: lower-case words never reach Python
    r"(?P<core>[^\W_]+(?:&[^\W_]+)*)"
    r"(?P<apos>['\u2019](?:s|d|ed)(?![^\W_]))?"
    r"(?![\w&])"
)

@dataclass(frozen=True)
class Token:
    text: str  # the token as written, without an apostrophe suffix ("SLAs")
    base: str  # the acronym it is a use of ("SLA")
    start: int
    end: int  # end of ``text`` (the apostrophe suffix is not part of the use)


# Internet shorthand that splits into glossary-looking pieces ("TL;DR" is not TL + DR).
_NOT_TOKENS = re.compile(r"\bTL;\s?DR\b", re.IGNORECASE)


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern | None:
    """One regex for acronyms written with a space ("SOC 2"), any whitespace inside."""
    spaced = sorted({p for p in phrases if " " in p}, key=len, reverse=True)
    if not spaced:
        return None
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in spaced)
    return re.compile(r"(?<![\w&])(?P<phrase>" + body + r")(?P<plural>s)?(?![\w&])")


def scan(visible: str, phrases: Iterable[str] = (), codes: Iterable[str] = ()) -> list[Token]:
    """Every candidate token that contains at least one capital letter, in text order.

    ``phrases`` are acronyms written with a space ("SOC 2"): each occurrence is one token, not
    two. ``codes`` are priority and severity codes (``P1``, ``SEV2``): each written form of
    one (``p1``, ``Sev 2``, ``SEV-2``, ``S2`` among severities; see
    :mod:`annotator.vocabulary.codes`) is one token whose base is the code, lower case or
    not. "TL;DR" is no token at all.
    """
    tokens: list[Token] = []
    covered: list[tuple[int, int]] = [m.span() for m in _NOT_TOKENS.finditer(visible)]
    codes = frozenset(codes)
    if codes:
        for mention in find_codes(visible, codes):
            tokens.append(Token(mention.text, mention.code.acronym, mention.start, mention.end))
            covered.append((mention.start, mention.end))
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
    if pattern is not None or codes:
        tokens.sort(key=lambda t: t.start)
    return tokens

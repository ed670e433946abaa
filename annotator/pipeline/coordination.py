"""Coordinated glossary terms: ``Tiers 1, 2, and 3``, ``tier 1 and 2 support``,
``first- and second-line support``, ``L1/L2 support``.

Writers share the words of several terms instead of repeating them. Each *member* of such a
coordination is looked up as the term it stands for (the shared words put back: ``tier 2
support``, ``second-line support``) and, where the glossary has that term, proposed as a match
of its own. What a tooltip user sees: one span per member, each covering exactly what is
written for it, and the shared words going with the member they are written next to:

=====================================  ==================================================
written                                spans (concept)
=====================================  ==================================================
``Tiers 1, 2, and 3``                  ``Tiers 1`` (Tier 1 Support), ``2`` (Tier 2 ...), ``3``
``tier 1 and 2 support``               ``tier 1``, ``2 support``
``first- and second-line support``     ``first-``, ``second-line support``
``L1/L2 support``                      ``L1``, ``L2 support``
=====================================  ==================================================

One coordination can never be one span per concept without overlaps, so the separators
(``,``, ``and``, ``/``) belong to no span. Where two members share one token (spaCy keeps
``1/2`` whole, so ``Tier 1/2``), the shared token cannot be split: the span covers it and
stands for the first member. Members whose term the glossary lacks are left alone, as is a
repeated head (``tier 1 and tier 2`` is two ordinary matches already).

The component adds these matches to its candidates, so the longest match still wins and
nothing overlaps, and marks the resulting spans ``match: "coordination"`` (unless an ordinary
pattern found the same span: ``tier 1`` in ``tier 1 and 2`` is an exact match).
:func:`find_members` is a pure function of the text and a phrase lookup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from spacy.strings import get_string_id

from ..vocabulary.inflection import singularize
from .spanvalues import NO_VALUES, SPAN_VALUES_KEY

#: Looks a phrase up in the glossary's patterns: ``(label, id)`` or None.
Lookup = Callable[[str], "tuple[str, str] | None"]

# Lists are bounded (ten members, six suspended ones): a search that could run to the end of
# a megabyte of "a-, a-, ..." from every word would be quadratic.
_JOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s*/\s*|\s*&\s*|\s+and\s+|\s+or\s+)"
_TAIL = r"(?P<tail>[ \t]+[A-Za-z][A-Za-z-]*(?:[ \t]+[A-Za-z][A-Za-z-]*)?)?"
# A shared head and numbered members: "Tiers 1, 2, and 3", "level 1 and 2", "Tier 1/2".
_NUMBERED = re.compile(
    r"(?<![\w-])(?P<head>[A-Za-z]{2,20})[ \t]+(?P<members>\d{1,2}(?:" + _JOIN + r"\d{1,2}(?![\w/])){1,9})" + _TAIL
)
# Hyphen suspension: "first- and second-line support", "first-, second- and third-line".
_SUSPENDED = re.compile(
    r"(?<![\w-])(?P<members>(?:[A-Za-z]{2,20}-" + _JOIN + r"){1,5})(?P<last>[A-Za-z]{2,20})-(?P<word>[A-Za-z]{2,20})" + _TAIL
)
# Coded members with a shared tail: "L1/L2 support", "T1 and T2 agents".
_CODED = re.compile(
    r"(?<![\w-])(?P<members>[A-Za-z]{1,3}\d{1,2}(?:" + _JOIN + r"[A-Za-z]{1,3}\d{1,2}){1,9})(?P<tail>[ \t]+[A-Za-z][A-Za-z-]*(?:[ \t]+[A-Za-z][A-Za-z-]*)?)"
)
# The last character of a coordination's first member (a digit, or a suspended hyphen), where
# the first joint follows: every match has one, a few characters after its start. (The
# one-character look first, which every joint passes, spares most digits the alternation.)
# A digit is any decimal (``\d``), but the search opens with ASCII digits, the hyphen and
# every character past ASCII, a set the engine skips text with at C speed, and the lookbehind
# then keeps the decimals among them: opening with ``\d`` asks Unicode's digit table of every
# character of the text.
_ANCHOR = re.compile(r"[0-9\x80-\U0010ffff-](?=[\s,/&])(?<=[\d-])(?=" + _JOIN + ")")
_MEMBER_NUMBER = re.compile(r"\d{1,2}")
_MEMBER_PREFIX = re.compile(r"[A-Za-z]{2,20}(?=-)")
_MEMBER_CODE = re.compile(r"[A-Za-z]{1,3}\d{1,2}")


class Member(NamedTuple):
    """One member's span in the text and the pattern target its expanded term has."""

    start: int
    end: int
    label: str
    id: str


def _tails(tail: str | None) -> list[str]:
    """The shared words after a coordination to try, longest first (then none)."""
    words = (tail or "").split()
    return [" ".join(words[:n]) for n in range(len(words), -1, -1)]


def _resolve(phrases: Callable[[str], list[str]], lookup: Lookup, tails: list[str]) -> tuple[tuple, str] | None:
    """The first phrase the glossary has, with the tail it used."""
    for tail in tails:
        for phrase in phrases(tail):
            found = lookup(phrase)
            if found is not None:
                return found, tail
    return None


def _emit(members: list[tuple[int, int, tuple[str, str] | None]], last_end: int) -> list[Member]:
    """Members with a concept; the last one also covers the tail it used (``last_end``)."""
    out = []
    for i, (start, end, target) in enumerate(members):
        if target is None:
            continue
        if i == len(members) - 1:
            end = max(end, last_end)
        out.append(Member(start, end, *target))
    return out


def _numbered(text: str, lookup: Lookup, anchors: list[int]) -> Iterable[Member]:
    for match in _matches(_NUMBERED, text, anchors, _numbered_start):
        head = match.group("head")
        heads = [head.lower()]
        singular = singularize(head)
        if singular:
            heads.insert(0, singular.lower())
        numbers = list(_MEMBER_NUMBER.finditer(text, match.start("members"), match.end("members")))
        tails = _tails(match.group("tail"))
        members = []
        used_tail = ""
        for k, number in enumerate(numbers):
            value = number.group()
            found = _resolve(lambda t: [f"{h} {value} {t}".strip() for h in heads], lookup, tails)
            target = None
            if found is not None:
                target, tail = found
                if k == len(numbers) - 1:
                    used_tail = tail
            start = match.start() if k == 0 else number.start()
            members.append((start, number.end(), target))
        last_end = _tail_end(match, used_tail)
        yield from _emit(members, last_end)


def _tail_end(match: re.Match, used: str) -> int:
    """Where the words of ``used`` (the first words of the match's tail) end in the text;
    -1 when no tail was used."""
    if not used:
        return -1
    tail, pos = match.group("tail"), 0
    for word in used.split():
        pos = tail.find(word, pos) + len(word)
    return match.start("tail") + pos


def _suspended(text: str, lookup: Lookup, anchors: list[int]) -> Iterable[Member]:
    for match in _matches(_SUSPENDED, text, anchors, _suspended_start):
        word = match.group("word").lower()
        tails = _tails(match.group("tail"))
        prefixes = list(_MEMBER_PREFIX.finditer(text, match.start("members"), match.end("members")))
        firsts = [(p.start(), p.end() + 1, p.group().lower()) for p in prefixes]
        last = (match.start("last"), match.end("word"), match.group("last").lower())
        members = []
        used_tail = ""
        every = [*firsts, last]
        for k, (start, end, prefix) in enumerate(every):
            found = _resolve(lambda t: [f"{prefix}-{word} {t}".strip()], lookup, tails)
            target = None
            if found is not None:
                target, tail = found
                if k == len(every) - 1:
                    used_tail = tail
            members.append((start, end, target))
        yield from _emit(members, _tail_end(match, used_tail))


def _coded(text: str, lookup: Lookup, anchors: list[int]) -> Iterable[Member]:
    for match in _matches(_CODED, text, anchors, _coded_start):
        tails = _tails(match.group("tail"))[:-1]  # a bare "L1" is no coordination of terms
        codes = list(_MEMBER_CODE.finditer(text, match.start("members"), match.end("members")))
        members = []
        used_tail = ""
        for k, code in enumerate(codes):
            value = code.group().lower()
            found = _resolve(lambda t: [f"{value} {t}"], lookup, tails)
            target = None
            if found is not None:
                target, tail = found
                if k == len(codes) - 1:
                    used_tail = tail
            members.append((code.start(), code.end(), target))
        yield from _emit(members, _tail_end(match, used_tail))


def find_members(text: str, lookup: Lookup) -> list[Member]:
    """Every coordinated member of ``text`` whose expanded term ``lookup`` knows, in text
    order (members of different coordinations may overlap: the component resolves them)."""
    anchors = [hit.start() for hit in _ANCHOR.finditer(text)]
    if not anchors:
        return []
    found = [*_numbered(text, lookup, anchors), *_coded(text, lookup, anchors)]
    if "- " in text or "-," in text or "-/" in text or "-&" in text:  # a suspended hyphen
        found += _suspended(text, lookup, anchors)
    return sorted(set(found))


# --- where a match can start -------------------------------------------------------------------
#
# Each pattern's match is a short prefix (a head word, a code's letters) and then its first
# member and first joint, so from the first member's last character (an anchor) there is one
# place the match can start. Trying the pattern only there finds what ``finditer`` over the
# whole text finds (tests/pipeline/test_coordination.py checks it against ``finditer``), without
# the regex engine trying every word of every text: most texts have a few anchors or none.


def _matches(pattern: re.Pattern, text: str, anchors: list[int], start_of: Callable[[str, int], int]) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, tried only at the start ``start_of`` gives for each anchor."""
    starts = sorted({start for start in (start_of(text, a) for a in anchors) if start >= 0})
    resume = 0
    for start in starts:
        if start < resume:
            continue  # inside the previous match, where finditer does not look
        match = pattern.match(text, start)
        if match is not None:
            resume = match.end()
            yield match


def _run_start(text: str, end: int, accept: Callable[[str], bool], longest: int) -> int:
    """Where the run of characters ``accept`` takes that ends at ``end`` (exclusive) starts,
    if it is 1 to ``longest`` characters long; else -1."""
    start = end
    while start > 0 and end - start <= longest and accept(text[start - 1]):
        start -= 1
    return start if 0 < end - start <= longest else -1


def _word_start(text: str, start: int) -> bool:
    """The pattern's ``(?<![\\w-])``: nothing word-like right before ``start``."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-")


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _is_blank(char: str) -> bool:
    return char in " \t"


def _numbered_start(text: str, anchor: int) -> int:
    """``head[ \\t]+NN`` with the anchor on the last digit."""
    digits = _run_start(text, anchor + 1, str.isdecimal, 2)
    blanks = _run_start(text, digits, _is_blank, len(text)) if digits > 0 else -1
    head = _run_start(text, blanks, _is_ascii_letter, 20) if blanks > 0 else -1
    return head if head >= 0 and blanks - head >= 2 and _word_start(text, head) else -1


def _coded_start(text: str, anchor: int) -> int:
    """``LLNN`` (one to three letters, one or two digits) with the anchor on the last digit."""
    digits = _run_start(text, anchor + 1, str.isdecimal, 2)
    letters = _run_start(text, digits, _is_ascii_letter, 3) if digits > 0 else -1
    return letters if letters >= 0 and _word_start(text, letters) else -1


def _suspended_start(text: str, anchor: int) -> int:
    """``word-`` (two to twenty letters) with the anchor on the hyphen."""
    if text[anchor] != "-":
        return -1
    letters = _run_start(text, anchor, _is_ascii_letter, 20)
    return letters if letters >= 0 and anchor - letters >= 2 and _word_start(text, letters) else -1


class PhraseLookup:
    """Phrase -> ``(label, id)`` of the phrase pattern that matches it exactly, from a
    :class:`~annotator.pipeline.matcher.GlossaryMatcher`'s ``LOWER`` table."""

    def __init__(self, matcher, tokenizer: Callable[[str], list[str]]) -> None:
        self.matcher = matcher
        self.tokenize = tokenizer
        self.cache: dict[str, tuple[str, str] | None] = {}

    def __call__(self, phrase: str) -> tuple[str, str] | None:
        if phrase in self.cache:
            return self.cache[phrase]
        key = tuple(get_string_id(token.lower()) for token in self.tokenize(phrase))
        hit = self.matcher.lower.table.get(key) if key else None
        if isinstance(hit, tuple):
            hit = hit[0]
        found = None if hit is None else self.matcher.targets[hit][:2]
        if len(self.cache) < 10_000:  # bounded: a long-running service sees endless phrases
            self.cache[phrase] = found
        return found


def coordination_matches(doc, text: str, lookup: Lookup, match_type) -> list:
    """:func:`find_members` as ``match_type(start_token, end_token, label, id, False)``,
    for members on token boundaries (a member inside a token extends to the whole token;
    one that shares its token with the member before it goes with that member)."""
    result = []
    for member in find_members(text, lookup):
        span = doc.char_span(member.start, member.end, alignment_mode="expand")
        if span is None:
            continue
        if result and span.start < result[-1].end:
            # "Tier 1/2 support": the token both members share goes with the first one.
            prev = result[-1]
            result[-1] = match_type(prev.start, max(prev.end, span.end), prev.label, prev.id, False)
            continue
        result.append(match_type(span.start, span.end, member.label, member.id, False))
    return result


def mark_coordinated(doc, spans: Iterable) -> None:
    """Say ``match: "coordination"`` in the stored values of ``spans`` (a changed copy per
    span: the stored dicts are shared between spans, see ``spanvalues``)."""
    for span in spans:
        key = (SPAN_VALUES_KEY, span.start_char, span.end_char)
        doc.user_data[key] = {**(doc.user_data.get(key) or NO_VALUES), "match": "coordination"}

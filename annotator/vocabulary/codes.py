"""Priority and severity codes (``P1``, ``p1``, ``Sev 2``, ``SEV-2``, ``sev2``, ``S1``): the one
definition of what a code looks like and which concept's acronym it is a use of.

A code is a family prefix and a level from 0 to 4. Each family has one canonical acronym per
level, the acronym the glossary lists for the concept (``P1`` for Priority 1, ``SEV2`` for
Severity 2, see ``patterns/sources/codes.csv``), and the other spellings people write:

==========  ========================================  ==============================================
family      canonical acronym -> other spellings      needs context
==========  ========================================  ==============================================
priority    ``P1`` -> ``p1``                          no
severity    ``SEV2`` -> ``Sev2``, ``sev2``, ``SEV 2``,  no
            ``Sev 2``, ``sev 2``, ``SEV-2``, ``Sev-2``,
            ``sev-2``
severity    ``SEV2`` -> ``S2``                        yes: a severity/priority/incident word
                                                      nearby, or another code in the same list
==========  ========================================  ==============================================

Why these and no more: a letter-and-digit token is a code only where nothing else reads it
that way. A lower-case ``p`` code names a command-line program where the words around it say
so (:func:`names_a_program`: "the p4 commands", "helpful p4 flags", "git p4": Perforce's client
is called ``p4``); a priority is never given flags or run as a subcommand. ``p1`` has no ordinary reading in prose; ``S3`` names a storage service and ``S1`` a
phone model, so a bare ``S`` code needs its context; ``P 1`` reads as a page or paragraph and
is not a code; ``sev`` without a level, ``P2P`` and ``v1.2`` are not codes at all.

Pure functions over strings; pattern generation (:mod:`annotator.glossary.compile`), the
component's precision rule and the linter all ask here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: Family name -> (canonical prefix, the prefix as people write it, separators between the
#: prefix and the level, prefixes that are a code only in context).
_FAMILIES = {
    "priority": ("P", ("P", "p"), ("",), ()),
    "severity": ("SEV", ("SEV", "Sev", "sev"), ("", " ", "-"), ("S",)),
}

#: Words that make a bare ``S2`` a severity code: it stands among talk of severities,
#: priorities or incidents.
CONTEXT_WORDS = frozenset(
    """
    severity severities sev sevs priority priorities prio incident incidents outage outages
    triage triaged escalation escalations escalated pager paged on-call oncall postmortem
    """.split()
)

#: How far (characters, a few words) either side of a bare code, within its sentence, its
#: context may lie.
CONTEXT_REACH = 60

# Any written code: prefix, separator, level (0-4), an optional plural; never inside a longer word,
# number or hyphenated name ("P2P", "v1.2", "P10", "1.0-p1", "db-p1"), but both ends of a
# range ("p0-p3", "SEV1-SEV3") are codes.
_CODE = re.compile(
    r"(?:(?<![\w.])(?<!\w-)|(?<=[PpSsVv][0-4]-))"
    r"(?P<prefix>SEV|Sev|sev|P|p|S)(?P<sep>[ -]?)(?P<level>[0-4])(?P<plural>s)?"
    r"(?!\w|\.\d|-(?!(?:SEV|Sev|sev)[ -]?[0-4])[A-Za-z]{2})"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_SENTENCE_END = re.compile(r"[.!?\n]\s|\n")
# Between two codes of one list: "S1/S2", "S1, S2", "S1 and S2", "S1 - S3", "S1 to S3".
_LIST_GAP_SOURCE = r"\s*(?i:[,/&+]|-|–|and|or|to|through|vs\.?)\s*(?i:and\s+|or\s+)?"
# A code right after / right before a list joint: "S1/S2", "S1, S2 and S3", "S1-S3".
_CODE_AFTER = re.compile(_LIST_GAP_SOURCE + _CODE.pattern)
_CODE_BEFORE = re.compile(_CODE.pattern + _LIST_GAP_SOURCE + r"\Z")


class Code(NamedTuple):
    """A written code: its family, level, the canonical acronym, and whether only context
    makes it a code (a bare ``S2``)."""

    family: str
    level: int
    acronym: str
    contextual: bool


def parse_code(written: str) -> Code | None:
    """The code ``written`` spells, or None.

    >>> parse_code("sev-2"), parse_code("p1").acronym, parse_code("S3").contextual
    (Code(family='severity', level=2, acronym='SEV2', contextual=False), 'P1', True)
    >>> [parse_code(w) for w in ("P2P", "sev", "P 1", "P5", "Sev1x")]
    [None, None, None, None, None]
    """
    match = _CODE.fullmatch(written)
    return None if match is None else _code(match)


def _code(match: re.Match) -> Code | None:
    prefix, sep = match.group("prefix"), match.group("sep")
    level = int(match.group("level"))
    for family, (canonical, written, separators, contextual) in _FAMILIES.items():
        if prefix in written and sep in separators:
            return Code(family, level, f"{canonical}{level}", False)
        if prefix in contextual and sep == "":
            return Code(family, level, f"{canonical}{level}", True)
    return None


def code_of_acronym(acronym: str) -> Code | None:
    """The code a glossary acronym is, when it is a family's canonical acronym (``P1``,
    ``SEV2``); None for any other acronym (``SLA``, ``B2B``, ``p1``)."""
    code = parse_code(acronym)
    return code if code is not None and code.acronym == acronym else None


def code_spellings(acronym: str) -> list[str]:
    """The other ways people write the code ``acronym`` (see the module's table), the
    contextual ones last; empty for an acronym that is not a canonical code.

    >>> code_spellings("P1")
    ['p1', 'p1s']
    >>> code_spellings("SEV2")[:4], code_spellings("SEV2")[-2:]
    (['SEV 2', 'SEV-2', 'Sev2', 'Sev 2'], ['sev-2s', 'S2'])
    """
    code = code_of_acronym(acronym)
    if code is None:
        return []
    _, written, separators, contextual = _FAMILIES[code.family]
    forms = [f"{prefix}{sep}{code.level}" for prefix in written for sep in separators]
    # The canonical form and its plural come with the acronym itself (``acronym_forms``).
    forms = [form for form in forms if form != acronym]
    return [*forms, *(form + "s" for form in forms), *(f"{prefix}{code.level}" for prefix in contextual)]


def needs_context(written: str) -> bool:
    """True for a code only its context makes one (``S2``)."""
    code = parse_code(written)
    return code is not None and code.contextual


def _sentence_window(text: str, start: int, end: int) -> tuple[str, str]:
    """The text either side of ``start:end`` within its sentence, :data:`CONTEXT_REACH` at most."""
    left = _SENTENCE_END.split(text[max(0, start - CONTEXT_REACH) : start])[-1]
    right = _SENTENCE_END.split(text[end : end + CONTEXT_REACH])[0]
    return left, right


def _next_to_code(text: str, start: int, end: int) -> bool:
    """Another code right before or after ``start:end``, joined as one list (``S1/S2``)."""
    after = _CODE_AFTER.match(text, end)
    if after is not None and _code(after) is not None:
        return True
    # Searched in place (a code's lookbehind sees the text before it), in the few characters
    # a code and a joint take.
    before = _CODE_BEFORE.search(text, max(0, start - 20), start)
    return before is not None and _code(before) is not None


def in_code_context(text: str, start: int, end: int) -> bool:
    """Whether the code at ``text[start:end]`` stands where codes are meant: a severity,
    priority or incident word (:data:`CONTEXT_WORDS`) a few words away in its sentence
    (:data:`CONTEXT_REACH`), or another code in the same list.

    >>> in_code_context("Raise it as S2 severity.", 12, 14)
    True
    >>> in_code_context("Upload it to an S3 bucket.", 16, 18)
    False
    >>> in_code_context("Tickets are S1/S2.", 12, 14)
    True
    """
    left, right = _sentence_window(text, start, end)
    if not CONTEXT_WORDS.isdisjoint(_WORD.findall(f"{left} {right}".lower())):
        return True
    return _next_to_code(text, start, end)


_POSSESSIVE = ("'s", "\u2019s")


def code_at(text: str, start: int, end: int) -> Code | None:
    """The code written at ``text[start:end]`` (a possessive ``'s`` may follow it) where it
    stands as a code: not inside a longer word, number or hyphenated name, and a contextual
    code only in its context. None otherwise.

    >>> code_at("a p1 today", 2, 4).acronym, code_at("db-p1 today", 3, 5), code_at("an S3 bucket", 3, 5)
    ('P1', None, None)
    """
    match = _CODE.match(text, start)
    if match is None or (match.end() != end and text[match.end() : end] not in _POSSESSIVE):
        return None
    code = _code(match)
    if code is not None and code.contextual and not in_code_context(text, start, match.end()):
        return None
    if code is not None and names_a_program(text, start, match.end()):
        return None
    return code


#: Words after a lower-case code that make it a program's name ("p4 flags"): the parts of a
#: command-line program (general software vocabulary).
PROGRAM_PARTS = frozenset("command commands flag flags cli binary binaries depot depots".split())
#: Programs whose subcommand a lower-case code after them is ("git p4").
SUBCOMMAND_OF = frozenset(("git",))
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[ \t]+\Z")


def names_a_program(text: str, start: int, end: int) -> bool:
    """The lower-case code at ``text[start:end]`` is a command-line program's name: a word of
    :data:`PROGRAM_PARTS` follows it or a program of :data:`SUBCOMMAND_OF` precedes it.

    >>> names_a_program("helpful p4 flags", 8, 10), names_a_program("git p4 sync", 4, 6)
    (True, True)
    >>> names_a_program("a p4 ticket", 2, 4), names_a_program("P4 flags", 0, 2)
    (False, False)
    """
    if not text[start].islower():
        return False
    after = _NEXT_WORD.match(text, end)
    if after is not None and after.group(1).lower() in PROGRAM_PARTS:
        return True
    before = _PREVIOUS_WORD.search(text, max(0, start - 20), start)
    return before is not None and before.group(1).lower() in SUBCOMMAND_OF


class Mention(NamedTuple):
    """A code as written in a text: offsets, the written form and its code."""

    start: int
    end: int
    text: str
    code: Code


def find_codes(text: str, acronyms: set[str] | frozenset[str] | None = None) -> list[Mention]:
    """Every code in ``text`` whose canonical acronym is in ``acronyms`` (all codes when
    None), in text order; a contextual code only where :func:`in_code_context` holds.

    >>> [(m.text, m.code.acronym) for m in find_codes("A p1 and a Sev 2. Use S3 buckets.")]
    [('p1', 'P1'), ('Sev 2', 'SEV2')]
    """
    found = []
    for match in _CODE.finditer(text):
        code = _code(match)
        if code is None or (acronyms is not None and code.acronym not in acronyms):
            continue
        if code.contextual and not in_code_context(text, match.start(), match.end()):
            continue
        if names_a_program(text, match.start(), match.end()):
            continue
        found.append(Mention(match.start(), match.end(), match.group(), code))
    return found


def code_expansions(code: Code) -> tuple[str, ...]:
    """The long forms a text may define ``code`` with, lower case: ``priority 1``,
    ``severity 2`` (any case and spacing matches them)."""
    return (f"{code.family} {code.level}",)

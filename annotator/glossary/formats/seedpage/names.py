"""Reading a term, its acronyms and aliases out of a heading or a sentence subject.

:func:`parse_name` handles ``AHT – Average Hold Time`` dashes, ``Customer Satisfaction, or
CSAT``, ``Codeless / No-Code Application`` slashes and parentheticals (``(AHT)``, ``(AKA ...)``,
spelled-out acronyms, qualifiers). The word-level rules (acronym shape, singulars, name keys,
initials alignment) come from :mod:`annotator.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ....vocabulary.acronyms import is_acronym_phrase, is_acronym_word, singular_acronym
from ....vocabulary.inflection import singular_phrase
from ....vocabulary.initials import align_acronym, canonical_acronym, spells_out
from ....vocabulary.names import FUNCTION_WORDS, name_key, normalize_key
from .cues import (
    CLAUSE_WORDS,
    COMMA_ALIAS_MARKERS,
    DASHES,
    DEFINING_VERBS,
    NOT_A_SUBJECT_START,
    PAREN_ALIAS_PREFIXES,
    strip_article,
    strip_quotes,
)


#: A term read out of a sentence is at most this many words long.
MAX_TERM_WORDS = 7


@dataclass(frozen=True)
class Name:
    """A term as written in a heading or at the start of a definition, with what it carries."""

    term: str
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    #: The term was written in the plural ("Operations Managers (OMs) are ...").
    plural: bool = False

    def keys(self) -> set[str]:
        return {name_key(n) for n in (self.term, *self.aliases) if n} | {
            normalize_key(a) for a in self.acronyms
        }

    def with_extra(self, acronyms: Iterable[str] = (), aliases: Iterable[str] = ()) -> Name:
        return replace(
            self,
            acronyms=unique_names((*self.acronyms, *acronyms)),
            aliases=unique_names((*self.aliases, *aliases)),
        )


def unique_names(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        if item and normalize_key(item) not in seen:
            seen[normalize_key(item)] = item
    return tuple(seen.values())


def split_parentheticals(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``"COPC (Customer ...) Certification"`` -> ``("COPC Certification", [(1, "Customer ...")])``.

    Each parenthetical comes with the number of words before it. An unclosed parenthesis runs
    to the end of the text. One pass, no regex.
    """
    outside: list[str] = []
    found: list[tuple[int, str]] = []
    depth, start = 0, 0
    for index, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                outside.append(text[start:index])
                start = index + 1
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                found.append((len("".join(outside).split()), text[start:index].strip()))
                start = index + 1
    if depth:
        found.append((len("".join(outside).split()), text[start:].strip()))
    else:
        outside.append(text[start:])
    return " ".join("".join(outside).split()), found


def comma_alias_split(text: str) -> tuple[str, list[str]] | None:
    """``"Handle Time, also known as handling time,"`` -> ``("Handle Time", ["handling time"])``."""
    lowered = text.casefold()
    for marker in COMMA_ALIAS_MARKERS:
        index = lowered.find(marker)
        if index > 0:
            items = split_list(text[index + len(marker) :])
            # "Nonproductive time, also referred to as waiting time, when a machine ...": the
            # list runs into a clause, so this is not a name with aliases.
            if items and all(is_acronym_word(i) or plausible_alias(i) for i in items):
                return text[:index], items
            return None
    return None


def split_list(text: str) -> list[str]:
    """``"organizational culture or company culture"`` -> both; also splits on commas."""
    items: list[str] = []
    for part in text.replace(" or ", ",").replace(" and/or ", ",").split(","):
        part = strip_article(strip_quotes(part))
        if part:
            items.append(part)
    return items


def _expands(expansion: str, name_words: list[str]) -> tuple[int, int, int] | None:
    """Does ``expansion`` spell out an acronym word of the name (plus, maybe, the words after it)?

    ``PCI Compliance`` / ``Payment Card Industry Compliance`` and ``REST API`` /
    ``Representational State Transfer``: returns (acronym word index, words of the expansion
    that spell it, words left over that repeat the name's tail) or ``None``.
    """
    exp_words = expansion.split()
    for index, word in enumerate(name_words):
        if not is_acronym_word(word):
            continue
        for cut in range(len(exp_words), 0, -1):
            if align_acronym(word, " ".join(exp_words[:cut])) is None:
                continue
            tail = exp_words[cut:]
            if not tail or [w.casefold() for w in tail] == [w.casefold() for w in name_words[index + 1 :]]:
                return index, cut, len(tail)
    return None


def parse_name(text: str) -> Name | None:
    """Read a term, its acronyms and its aliases out of a heading or a sentence subject.

    Handles, in this order: ``AHT – Average Hold Time`` dashes; ``Customer Satisfaction, or
    CSAT`` and ``CSAT or Customer Satisfaction``; ``Codeless / No-Code Application`` slashes;
    parentheticals (``(AHT)``, ``(AKA ...)``, ``(also called ...)``, spelled-out acronyms,
    qualifiers like ``(Engineer / Support / Technician)``, which are dropped); a leading article.
    """
    text = " ".join(text.split()).strip(" ,;:")
    if not text:
        return None
    acronyms: list[str] = []
    aliases: list[str] = []

    # 1. "AHT – Average Hold Time", "NFF Rate – No Fault Found": acronym on one side.
    for dash in DASHES:
        if dash in text:
            left, _, right = text.partition(dash)
            left, right = left.strip(), right.strip()
            if is_acronym_phrase(left) and align_acronym(left, right) is not None:
                return _finish(right, [canonical_acronym(left, right)], [], plural=False)
            if is_acronym_phrase(right) and align_acronym(right, left) is not None:
                return _finish(left, [canonical_acronym(right, left)], [], plural=False)
            lwords = left.split()
            if lwords and is_acronym_word(lwords[0]) and align_acronym(lwords[0], right) is not None:
                # "NFF Rate – No Fault Found": the concept is the rate; NFF stays its acronym.
                full = " ".join([right, *lwords[1:]])
                return _finish(full, [canonical_acronym(lwords[0], right)], [left], plural=False)
            if left and right:
                aliases.append(right)
                text = left
            break

    # 2. "Customer Satisfaction, or CSAT", "Just-in-time, or Just-in-Time Documentation",
    #    "Handle Time, also known as handling time".
    split = comma_alias_split(text)
    if split is not None:
        text, others = split
        for other in others:
            (acronyms if is_acronym_word(other) else aliases).append(other)
    elif " or " in text:
        left, _, right = text.partition(" or ")
        if is_acronym_word(left.strip()) and align_acronym(left.strip(), right) is not None:
            return _finish(right, [canonical_acronym(left.strip(), right)], aliases, plural=False)
        if is_acronym_word(right.strip()) and align_acronym(right.strip(), left) is not None:
            return _finish(left, [canonical_acronym(right.strip(), left)], aliases, plural=False)

    # 3. Parentheticals: acronyms, alias lists, spelled-out acronyms; anything else qualifies.
    bare, parentheticals = split_parentheticals(text)
    bare = strip_article(strip_quotes(bare))
    plural = False
    words = bare.split()
    for position, inner in parentheticals:
        inner = strip_quotes(inner)
        lowered = inner.casefold()
        prefix = next((p for p in PAREN_ALIAS_PREFIXES if lowered.startswith(p)), None)
        if prefix:
            for item in split_list(inner[len(prefix) :]):
                if is_acronym_word(item):
                    acronyms.append(canonical_acronym(item))
                elif plausible_alias(item):
                    aliases.append(item)
        elif is_acronym_word(inner) or is_acronym_phrase(inner):
            plural = plural or singular_acronym(inner) != inner
            acronyms.append(inner)
        elif is_acronym_phrase(bare) and spells_out(bare, inner):
            # "ACD (Automatic Call Distribution)", "SLA (Service Level Agreement)".
            acronyms.append(canonical_acronym(bare, inner))
            bare, words = inner, inner.split()
        else:
            spelled = _expands(inner, words)
            if spelled is not None:
                index, cut, tail = spelled
                exp_words = inner.split()
                if tail:  # "PCI Compliance (Payment Card Industry Compliance)"
                    aliases.append(inner)
                else:  # "REST API (Representational State Transfer)", "COPC (...) Certification"
                    aliases.append(" ".join(words[:index] + exp_words[:cut] + words[index + 1 :]))
            # else: a qualifier such as "(Engineer / Support / Technician)": not part of the term.
    # Acronym casing comes from the term the acronym abbreviates (CeS -> CES).
    acronyms = [canonical_acronym(a, bare) for a in acronyms]

    # 4. "Codeless / No-Code Application", "Transfer / Escalation Rate": distribute the shared
    #    words, so each variant is a full term; the first one is the term, the others aliases.
    if " / " in bare:
        left, _, right = bare.partition(" / ")
        lw, rw = left.split(), right.split()
        if len(lw) == 1 and len(rw) > 1:
            variants = [" ".join([lw[0], *rw[1:]]), right]
        elif len(lw) > 1 and len(rw) == 1:
            variants = [left, " ".join([*lw[:-1], rw[0]])]
        else:
            variants = [left, right]
        bare = variants[0]
        aliases = [*variants[1:], *aliases]
    return _finish(bare, acronyms, aliases, plural=plural)


def _finish(term: str, acronyms: Sequence[str], aliases: Sequence[str], *, plural: bool) -> Name | None:
    term = strip_article(strip_quotes(" ".join(term.split())))
    if not term or not any(ch.isalnum() for ch in term):
        return None
    if plural:
        term = singular_phrase(term)
    acronyms = [singular_acronym(a) for a in acronyms if a]
    aliases = [strip_article(strip_quotes(a)) for a in aliases]
    return Name(
        term=term,
        acronyms=unique_names(a for a in acronyms if normalize_key(a) != normalize_key(term)),
        aliases=unique_names(a for a in aliases if a and name_key(a) != name_key(term) and not is_acronym_word(a)),
        plural=plural,
    )


def plausible_alias(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 6
        and len(text) >= 2
        and words[0].casefold() not in NOT_A_SUBJECT_START
        and not any(w.casefold() in CLAUSE_WORDS for w in words)
        and not any(ch in text for ch in ";:!?()")
    )


def plausible_term(name: Name) -> bool:
    words = name.term.split()
    if not 1 <= len(words) <= MAX_TERM_WORDS:
        return False
    if not is_acronym_word(words[0]) and (
        words[0].casefold() in NOT_A_SUBJECT_START or words[0].casefold() in FUNCTION_WORDS
    ):
        return False  # "This is ...", "It measures ..." (but "IT Service Management" is a term)
    if any(w.casefold() in CLAUSE_WORDS for w in words):
        return False
    if any(ch in name.term for ch in ";:!?\"") or words[-1].casefold() in FUNCTION_WORDS:
        return False
    # "Refers to ...", "Measures how ...": a verb, not a subject.
    return words[0].casefold() not in DEFINING_VERBS

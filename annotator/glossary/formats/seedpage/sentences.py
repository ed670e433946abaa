"""Reading a definition's first sentence: its subject, lead-in and inline aliases.

``"Augmented Reality is ..."``, ``"Short for employee Net Promoter Score, eNPS is ..."``,
``"..., AKA domestic outsourcing."``. Every scan looks at a bounded prefix of the definition
(:data:`SCAN_CHARS`), so a huge paragraph costs no more than a short one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ....vocabulary.acronyms import is_acronym_phrase, is_acronym_word, singular_acronym
from ....vocabulary.inflection import singular_phrase
from ....vocabulary.initials import align_acronym, canonical_acronym
from ....vocabulary.names import QUOTES, head_word
from .cues import (
    ACRONYM_DEFINING,
    ALIAS_MARKERS,
    DEFINING_VERBS,
    LEAD_INS,
    strip_article,
    strip_quotes,
)
from .names import (
    MAX_TERM_WORDS,
    Name,
    comma_alias_split,
    parse_name,
    plausible_alias,
    plausible_term,
    split_list,
    split_parentheticals,
    unique_names,
)


#: Sentence-level scans (subject, aliases) only look this far into a definition.
SCAN_CHARS = 600


def first_sentence(text: str) -> str:
    """The definition's first sentence, looking no further than :data:`SCAN_CHARS`."""
    window = text[:SCAN_CHARS]
    for index, ch in enumerate(window):
        if ch not in ".!?" or index + 1 >= len(window):
            continue
        nxt = window[index + 1]
        if nxt == " " and index + 2 < len(window) and window[index + 2].isupper():
            word = window[: index + 1].rsplit(" ", 1)[-1].casefold()
            if word not in ("e.g.", "i.e.", "etc.", "vs.", "approx."):
                return window[: index + 1]
        elif nxt.isupper() and ch == "." and window[index - 1 : index].isalpha():
            # "...something.This could be": a missing space after the full stop.
            return window[: index + 1]
    return window


def _take_phrase(text: str) -> tuple[str, str] | None:
    """Split ``"'frontline support' this ..."`` or ``"X, rest"`` into (phrase, rest)."""
    text = text.lstrip()
    if text[:1] in QUOTES:
        close = next((i for i in range(1, min(len(text), 120)) if text[i] in QUOTES), -1)
        if close > 0:
            return text[1:close].strip(" ,"), text[close + 1 :].lstrip(" ,")
    comma = text.find(",", 0, 160)
    if comma <= 0:
        return None
    return text[:comma], text[comma + 1 :].lstrip()


def _subject_text(sentence: str) -> tuple[str, str] | None:
    """The words before the defining verb, and the verb itself, outside parentheses.

    ``"Culture (AKA ...) is the ..."`` -> ``("Culture (AKA ...)", "is")``. Only the first
    ``MAX_TERM_WORDS + 8`` words are looked at: a subject is short.
    """
    depth = 0
    words = sentence.split(" ")
    for index, word in enumerate(words[: MAX_TERM_WORDS + 8]):
        depth += word.count("(") - word.count(")")
        if index and depth <= 0 and word.casefold() in DEFINING_VERBS:
            if word.casefold() in ("refers", "refer") and (index + 1 >= len(words) or words[index + 1] != "to"):
                continue
            return " ".join(words[:index]), word.casefold()
    return None


@dataclass(frozen=True)
class LeadIn:
    """What a sentence says before its subject: ``"Also known as X or Y, <rest>"``."""

    rest: str
    aliases: tuple[str, ...] = ()
    #: From "sometimes / often / commonly referred to as": kept only if they look safe.
    weak_aliases: tuple[str, ...] = ()
    #: From "Short for X, ..." / "An abbreviation for X, ...".
    expansion: str | None = None


def split_lead_in(sentence: str) -> LeadIn:
    """``"Short for X, eNPS is ..."`` -> expansion X; ``"Also known as X, this ..."`` -> alias X."""
    lowered = sentence.casefold()
    for lead, kind in LEAD_INS:
        if not lowered.startswith(lead):
            continue
        taken = _take_phrase(sentence[len(lead) :])
        if taken is None:
            break
        phrase, rest = taken
        if kind == "expansion":
            return LeadIn(rest, expansion=strip_article(strip_quotes(phrase)))
        items = tuple(split_list(phrase))
        return LeadIn(rest, aliases=items) if kind == "alias" else LeadIn(rest, weak_aliases=items)
    return LeadIn(sentence)


def alias_names(items: Iterable[str]) -> tuple[list[str], list[str]]:
    """Aliases as written in a list, and the acronyms that abbreviate them.

    ``["Average Speed of Answer (ASA)", "Average Delay"]`` -> both names, and ``ASA`` (it spells
    out "Average Speed of Answer"); ``"First Time Fix (FTF) rate"`` keeps no acronym (FTF is not
    the whole alias). Acronym-shaped items are acronyms.
    """
    aliases: list[str] = []
    acronyms: list[str] = []
    for item in items:
        if is_acronym_word(item):
            acronyms.append(singular_acronym(item))
            continue
        name = parse_name(item)
        if name is None or not plausible_alias(name.term):
            continue
        aliases.append(name.term)
        acronyms.extend(a for a in name.acronyms if align_acronym(a, name.term) is not None)
    return aliases, acronyms


def parse_subject(definition: str) -> Name | None:
    """The term a definition's first sentence defines, if it names one.

    ``"Augmented Reality is ..."``, ``"An Agent is a ..."``, ``"Short for employee Net Promoter
    Score, eNPS is ..."``, ``"Call center attrition refers to ..."``, ``"In the context of NPS, a
    Detractor is ..."``, ``"ITSM is the acronym for IT Service Management — ..."``. Returns
    ``None`` for sentences that do not start with a term (``"A metric that measures ..."``,
    ``"This is ..."``, ``"Refers to ..."``).
    """
    # 1. A lead-in before the subject: "Short for X, ...", "Also known as X, ...".
    lead = split_lead_in(first_sentence(definition).strip())
    sentence, expansion = lead.rest, lead.expansion

    # 2. The subject: the words before "is" / "are" / "refers to" / ...
    found = _subject_text(sentence)
    if found is None:
        return None
    subject, verb = found
    rest = sentence[len(subject) :].lstrip()
    rest = rest[len(verb) :].lstrip() if rest.casefold().startswith(verb) else rest
    # "In the context of Net Promoter Score (NPS), a Detractor": the subject is after the comma.
    if comma_alias_split(subject) is None:
        subject_outside, _ = split_parentheticals(subject)
        if "," in subject_outside:
            subject = subject[subject.rfind(",") + 1 :].strip()
    name = parse_name(subject)
    if name is None or not plausible_term(name):
        return None
    # "Quality assurance in customer support is ...": the "in ..." phrase is context, not term.
    before, found_in, _ = name.term.partition(" in ")
    if found_in and before.strip():
        name = replace(name, term=before.strip())
    if verb == "are" and not name.plural:
        singular_term = singular_phrase(name.term)
        if singular_term != name.term:
            name = replace(name, term=singular_term, plural=True)

    # 3. "ITSM is the acronym for IT Service Management — ...": the expansion follows the verb.
    if expansion is None and is_acronym_phrase(name.term):
        lowered_rest = f"{verb} {rest}".casefold()
        for marker in ACRONYM_DEFINING:
            if lowered_rest.startswith(marker):
                phrase = f"{verb} {rest}"[len(marker) :]
                for stop in (" \u2014", " \u2013", " - ", ",", ".", ";"):
                    phrase = phrase.split(stop, 1)[0]
                expansion = strip_article(strip_quotes(phrase))
                break

    # 4. An expansion turns an acronym subject into its full term: "eNPS" -> "employee Net ...".
    aliases: list[str] = list(lead.aliases)
    if expansion:
        if is_acronym_phrase(name.term) and align_acronym(name.term, expansion) is not None:
            name = Name(
                term=expansion,
                acronyms=unique_names((canonical_acronym(name.term, expansion), *name.acronyms)),
                aliases=name.aliases,
                plural=name.plural,
            )
        else:
            aliases.append(expansion)
    more_aliases, more_acronyms = alias_names(aliases)
    return name.with_extra(acronyms=more_acronyms, aliases=more_aliases)


def _keep_alias(alias: str, term: str) -> bool:
    """Keep a loosely attached alias only if it is clearly a name for the same kind of thing.

    "..., AKA domestic outsourcing." under Onshore Outsourcing shares the head word and is kept;
    "..., also known as billable time." under Agent Utilization names something else.
    """
    return plausible_alias(alias) and head_word(alias) == head_word(term)


def inline_aliases(definition: str, term: str) -> list[str]:
    """Aliases introduced inside the first sentence ("..., AKA domestic outsourcing.")."""
    sentence = first_sentence(definition)
    lowered = sentence.casefold()
    found: list[str] = []
    for marker in ALIAS_MARKERS:
        start = 0
        while True:
            index = lowered.find(marker, start)
            if index < 0:
                break
            start = index + len(marker)
            # A marker counts only at a word boundary ("aka " must not match "...aka").
            if index and lowered[index - 1].isalnum():
                continue
            phrase = sentence[start:]
            for stop in (",", ".", ";", ":", ")", " \u2013", " \u2014", " - ", " this ", " which ", " that "):
                phrase = phrase.split(stop, 1)[0]
            for item in split_list(phrase):
                if _keep_alias(item, term):
                    found.append(item)
    return found

"""Inflection: singular and plural of English head words, and the base form of acronym uses.

Three callers need inflection, with rules that differ on purpose; each rule is here once:

* :func:`singular` -- the glossary's cautious singular of a *name's* last word (``Managers`` ->
  ``Manager``, ``Companies`` -> ``Companies`` -> ``Company`` keeping the capital); acronyms are
  left alone. Used by name keys (merging) and the seed-page parser.
* :func:`singularize` / :func:`pluralize` -- pattern generation's head-word variants: alphabetic
  words only, ``None`` when there is no sensible form (a pattern is generated only for a real
  variant).
* :func:`base_form` -- the linter's "which acronym is this token a use of": plurals and
  possessives (:func:`~annotator.vocabulary.acronyms.base_acronym`) and verb forms (``CCed``,
  ``STARred``).

All share :data:`NOT_PLURAL_ENDINGS`: words that end in "s" but are not plurals.
"""

from __future__ import annotations

import functools
import re

from .acronyms import base_acronym, is_acronym_word

#: Endings of words that end in "s" but are not plurals (the singular of "business" is not
#: "busines"; "analytics", "status", "news", "famous").
NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics", "ous", "sis", "ws")
_VOWELS = set("aeiou")

# An all-caps (digits and "&" allowed) stem followed by a lower-case inflection: SLAs, KPIs,
# FAQs, CCed, STARred ("STAR" + doubled "r" + "ed"), SEs.
_INFLECTED = re.compile(r"^(?P<stem>[A-Z0-9&]*[A-Z][A-Z0-9&]*)(?P<suffix>[a-z]+)$")
_SUFFIXES = frozenset({"s", "es", "ed", "d", "ing", "er", "ers"})


def singular(word: str) -> str:
    """A cautious English singular for the last word of a term (``Managers`` -> ``Manager``).

    >>> [singular(w) for w in ("Managers", "Companies", "Business", "KPIs", "Boxes")]
    ['Manager', 'Company', 'Business', 'KPIs', 'Box']
    """
    lower = word.lower()
    # The cheap tests first: most words do not end in "s", and no other needs is_acronym_word.
    if len(word) < 4 or not lower.endswith("s") or is_acronym_word(word):
        return word
    if lower.endswith(NOT_PLURAL_ENDINGS):  # business, status, analytics
        return word
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if lower.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    return word[:-1]


def singular_phrase(text: str) -> str:
    """The phrase with its last word made singular (``Team Leaders`` -> ``Team Leader``)."""
    words = text.split()
    if not words:
        return text
    words[-1] = singular(words[-1])
    return " ".join(words)


@functools.lru_cache(maxsize=65536)
def pluralize(word: str) -> str | None:
    """English plural of a head word, or None when there is no sensible one.

    >>> pluralize("agent"), pluralize("reply"), pluralize("analytics")
    ('agents', 'replies', None)
    """
    if not word.isalpha() or len(word) < 3:
        return None
    lower = word.lower()
    if lower.endswith(("ics", "is")):  # "analytics", "analysis": leave alone
        return None
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if lower.endswith("y") and lower[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


@functools.lru_cache(maxsize=65536)
def singularize(word: str) -> str | None:
    """Singular of a plural head word (``Metrics`` is left alone), or None.

    >>> singularize("agents"), singularize("replies"), singularize("metrics")
    ('agent', 'reply', None)
    """
    lower = word.lower()
    if not word.isalpha() or len(word) < 4 or not lower.endswith("s"):
        return None
    if lower.endswith(NOT_PLURAL_ENDINGS):
        return None
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def base_form(core: str) -> str:
    """The acronym a token is a use of: plurals and possessives (:func:`base_acronym`) and
    verb forms (``CCed``, ``STARred``) map to their stem.

    >>> [base_form(t) for t in ("SLAs", "CCed", "STARred", "Is", "SaaS")]
    ['SLA', 'CC', 'STAR', 'Is', 'SaaS']
    """
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

"""Inflection: singular and plural of English head words, and the base form of acronym uses.

Three callers need inflection, with rules that differ on purpose; each rule is here once:

* :func:`singular` -- the glossary's cautious singular of a *name's* last word (``Managers`` ->
  ``Manager``, ``Companies`` -> ``Companies`` -> ``Company`` keeping the capital); acronyms are
  left alone. Used by name keys (merging) and the seed-page parser.
* :func:`singularize` / :func:`pluralize` -- pattern generation's head-word variants: alphabetic
  words only, ``None`` when there is no sensible form (a pattern is generated only for a real
  variant).
* :func:`verb_forms` / :func:`word_inflections` / :func:`inflection_map` -- the inflected forms
  of a one-word term (plural, ``-ed`` / ``-ing`` where the word is verb-like,
  :func:`is_verb_like`): pattern
  generation makes patterns of them, and the component maps a matched form back to its word
  with the same routine, so every inflection of a term gets the same decision.
* :func:`gerund_verb` -- the verb an ``-ing`` word is the gerund of (``routing`` -> ``route``),
  for the processes a glossary names by their gerund (pattern generation and the component's
  lexicon);
* :func:`base_form` -- the linter's "which acronym is this token a use of": plurals and
  possessives (:func:`~annotator.vocabulary.acronyms.base_acronym`) and verb forms (``CCed``,
  ``STARred``).

All share :data:`NOT_PLURAL_ENDINGS`: words that end in "s" but are not plurals.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .acronyms import base_acronym, is_acronym_word
from .frequency import is_english_word, zipf

#: Endings of words that end in "s" but are not plurals (the singular of "business" is not
#: "busines"; "analytics", "status", "news", "famous").
NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics", "ous", "sis", "ws")
_VOWELS = set("aeiou")
#: Greek nouns in "-sis" make their plural in "-ses" ("analysis" -> "analyses", "diagnosis",
#: "hypothesis"); a shorter word ("basis", "oasis") is left alone rather than guessed.
_GREEK_SINGULAR, _GREEK_PLURAL, _MIN_GREEK = "sis", "ses", 6
#: The plural ending that is one of those only: "-yses" ("analyses", "paralyses"). "-oses" and
#: "-ases" are mostly plurals of "-ose" and "-ase" words ("purposes", "databases").
_GREEK_PLURAL_ONLY = "yses"

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
    if lower.endswith(_GREEK_PLURAL_ONLY):  # Analyses -> Analysis
        return word[:-2] + ("IS" if word[-1].isupper() else "is")
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

    >>> pluralize("agent"), pluralize("reply"), pluralize("analytics"), pluralize("analysis")
    ('agents', 'replies', None, 'analyses')
    """
    if not word.isalpha() or len(word) < 3:
        return None
    lower = word.lower()
    if lower.endswith(_GREEK_SINGULAR) and len(word) >= _MIN_GREEK:
        return word[: -len(_GREEK_SINGULAR)] + _GREEK_PLURAL
    if lower.endswith(("ics", "is")):  # "analytics", "this": leave alone
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
    if lower.endswith(_GREEK_PLURAL_ONLY):  # "analyses" -> "analysis"
        return word[:-2] + "is"
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def _doubles_final_consonant(word: str) -> bool:
    """A one-syllable consonant-vowel-consonant word doubles its last letter (``tag`` ->
    ``tagged``); longer words depend on stress, which spelling does not show, so they do not."""
    return (
        len(word) == 3
        and word[-1] not in _VOWELS
        and word[-1] not in "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def verb_forms(word: str) -> list[str]:
    """``-ed`` / ``-ing`` forms of a word that may be used as a verb (``breached``, ``surveying``).

    Regular spelling only (final ``e`` dropped, consonant + ``y`` -> ``ied``, a short
    consonant-vowel-consonant word doubled: ``tagged``); a word ending in another vowel is no
    verb stem. A form no text ever spells costs one pattern and nothing else.

    >>> verb_forms("queue"), verb_forms("tag"), verb_forms("reply")
    (['queued', 'queuing'], ['tagged', 'tagging'], ['replied', 'replying'])
    """
    if not word.isalpha() or len(word) < 3:
        return []
    if len(word) == 3:
        return [word + word[-1] + "ed", word + word[-1] + "ing"] if _doubles_final_consonant(word) else []
    if word.endswith("e"):
        return [word + "d", word[:-1] + "ing"]
    if word.endswith("y") and word[-2] not in _VOWELS:
        return [word[:-1] + "ied", word + "ing"]
    if word[-1] in _VOWELS:
        return []
    return [word + "ed", word + "ing"]


@functools.lru_cache(maxsize=4096)
def gerund_verb(word: str) -> str | None:
    """The verb an ``-ing`` word is the gerund of (``routing`` -> ``route``, ``tagging`` ->
    ``tag``), or None: the English word whose regular ``-ing`` form (:func:`verb_forms`) it is,
    the commoner one when two fit (``route`` over ``rout``), and whose ``-ed`` form is written
    too."""
    if not word.isalpha() or len(word) < 6 or not word.endswith("ing"):
        return None
    stem = word[: -len("ing")]
    candidates = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:  # a doubled consonant: "tagging" -> "tag"
        candidates.append(stem[:-1])
    # A verb people write in the past too ("routed"): "during" is no gerund of "dure".
    verbs = [c for c in candidates if word in verb_forms(c) and is_english_word(c) and is_english_word(verb_forms(c)[0])]
    return max(verbs, key=zipf) if verbs else None


@functools.lru_cache(maxsize=4096)
def is_verb_like(word: str) -> bool:
    """English uses ``word`` as a verb: its regular past (:func:`verb_forms`) is a word people
    write (``queue``: "queued", ``ticket``: "ticketed"; never ``agent``, ``dashboard``,
    ``macro``). A noun that is no verb is a noun wherever it stands ("send email to agent").

    >>> is_verb_like("tag"), is_verb_like("agent")
    (True, False)
    """
    verbs = verb_forms(word.lower())
    return bool(verbs) and is_english_word(verbs[0])


@functools.lru_cache(maxsize=65536)
def word_inflections(word: str) -> tuple[str, ...]:
    """The inflected forms of a one-word term, lower case: its plural, then its ``-ed`` and
    ``-ing`` forms when the word is verb-like, i.e. when they are English words people write
    (``queue`` -> ``queues``, ``queued``, ``queuing``; ``agent`` -> ``agents`` only).

    >>> word_inflections("queue"), word_inflections("agent")
    (('queues', 'queued', 'queuing', 'queueing'), ('agents',))
    """
    word = word.lower()
    # A word written as a plural already ("microservices") has no plural of its own.
    forms = [pluralize(word)] if pluralize(word) and singularize(word) is None else []
    verbs = verb_forms(word)
    if word.endswith("ue"):  # "queuing" and "queueing" are both written
        verbs.append(word + "ing")
    # Verb-like when its past is written ("triaged"); then its -ing form is the verb's too,
    # however rare in English at large ("triaging"): a verb is not used in one form only.
    if is_verb_like(word):
        forms += verbs
    return tuple(dict.fromkeys(form for form in forms if form != word))


def inflection_map(words: Iterable[str]) -> dict[str, str]:
    """Every form of each word (itself and :func:`word_inflections`) -> the word, lower case.

    The first word to claim a form keeps it."""
    forms: dict[str, str] = {}
    for word in words:
        word = word.lower()
        for form in (word, *word_inflections(word)):
            forms.setdefault(form, word)
    return forms


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

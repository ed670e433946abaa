"""Linguistic variant rules: the spellings people write for a glossary term or acronym.

Pure functions on strings, each a rule on English morphology or on the glossary's structure,
never a list of phrases:

* plural / singular of the head word; hyphen / space / closed compounds (``co-browsing``,
  ``co browsing``, ``cobrowsing``): :func:`term_variants`;
* short forms (``satisfaction score``, ``first response``, a channel's medium ``in-app``),
  standard clippings (``support ops``), the bare head of a ``customer <head>`` or
  ``<ACRONYM> <head>`` term (``survey``, ``breach``) with its verb forms (``breached``);
* the gerund or participle of the activity a measure is named by (``average handling time``):
  :func:`gerund_variants`; a prefix written with its hyphen (``re-open``, ``e-mail``):
  :func:`prefix_variants`; a support rank's other names (``level 2 support``, ``tier two
  support``): :func:`rank_variants`;
* an acronym's plural and possessives (``SLAs``, ``SLA's``), and a priority or severity
  code's other spellings (``p1``, ``Sev 2``, ``SEV-2``): :func:`acronym_forms`.

Which of these become patterns, for which concept and in what order is
:mod:`annotator.glossary.compile`'s business.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from ..vocabulary.acronyms import is_acronym_alias as looks_like_acronym
from ..vocabulary.codes import code_spellings
from ..vocabulary.frequency import COMMON_WORD_ZIPF, is_english_word, zipf
# verb_forms is inflection's, named here too: bare heads take their verb forms from it.
from ..vocabulary.inflection import gerund_verb, is_verb_like, pluralize, singularize, verb_forms, word_inflections  # noqa: F401
from ..vocabulary.grammar import DIGIT_WORDS
from ..vocabulary.names import FUNCTION_WORDS

#: Possessive endings spaCy's English tokenizer splits off as their own token (acronyms only).
POSSESSIVE_SUFFIXES = ("'s", "\u2019s")

#: Past this many words, only the written form and its all-space / all-hyphen forms are
#: generated (a long term written with mixed hyphens is rare; 2^n variants is not worth it).
MAX_WORDS_FOR_ALL_JOINS = 3

_WORD_SPLIT = re.compile(r"(\s+|-)")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})
_VOWELS = set("aeiou")


def normalize_text(text: str) -> str:
    """NFKC, typographic quotes/dashes to ASCII, whitespace squeezed, stripped."""
    if text.isascii():
        # NFKC and the quote table leave ASCII alone; ``str.split()`` splits on exactly the
        # characters ``\s`` matches, so this is the same squeeze without the regex.
        return " ".join(text.split())
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


# --- compound variants -------------------------------------------------------------------


def compound_forms(term: str) -> list[str]:
    """Hyphen / space / closed spellings of ``term``, the written form first.

    A written hyphen may also be a space or nothing (``co-browsing``, ``co browsing``,
    ``cobrowsing``); a written space may also be a hyphen (``self service`` ->
    ``self-service``), and a two-word term may be closed (``help desk`` -> ``helpdesk``).
    """
    parts = _WORD_SPLIT.split(term)
    if len(parts) == 1:
        return [term]
    words = parts[0::2]
    if "" in words:
        return [term]
    # Words hold no space or hyphen and are never empty, so different joins give different
    # forms: no form repeats.
    return [template.format(*words) for template in _join_templates(tuple(parts[1::2]))]


@functools.lru_cache(maxsize=1024)
def _join_templates(written: tuple[str, ...]) -> tuple[str, ...]:
    """``str.format`` templates of a term's compound forms (``"{0}-{1}"``), given the joins
    as written (whitespace runs or ``"-"``): one per distinct combination of joins."""
    joins = tuple(" " if j.isspace() else j for j in written)
    templates = (
        "{0}" + "".join(f"{join}{{{i}}}" for i, join in enumerate(combo, 1))
        for combo in _join_combos(joins)
    )
    return tuple(dict.fromkeys(templates))


@functools.lru_cache(maxsize=1024)
def _join_combos(joins: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The joins to try between a term's words, given its written ones (``" "`` or ``"-"``).

    Depends only on the written joins, of which a glossary has few shapes: computed once each.
    """
    options = []
    for join in joins:
        if join == "-":
            options.append(("-", " ", ""))
        elif len(joins) == 1:
            options.append((" ", "-", ""))
        else:
            options.append((" ", "-"))
    if len(joins) + 1 > MAX_WORDS_FOR_ALL_JOINS:
        return (joins, tuple(" " for _ in joins), tuple("-" for _ in joins))
    return tuple(itertools.product(*options))


@functools.lru_cache(maxsize=65536)
def _head_forms(head: str) -> tuple[str, ...]:
    """``head``, then its singular and plural when they differ from it."""
    singular, plural = head, pluralize(head)
    other = singularize(head)
    if other is not None:  # written as a plural: "Key Performance Indicators"
        singular, plural = other, head
    forms = [head]
    for word in (singular, plural):
        if word and word not in forms:
            forms.append(word)
    return tuple(forms)


# The ending of nouns made from "-ic" adjectives ("centricity" from "centric").
_ADJECTIVE_NOUN = "icity"
# "self-" and one word: English makes verbs of such compounds ("self-service" -> "self-serviced").
_SELF_COMPOUND = re.compile(r"self[- ]?([a-z]{3,})")


def term_variants(term: str, *, normalized: bool = False) -> list[str]:
    """Every lowercase spelling generated for one term or alias, deterministic order: each
    compound form (:func:`compound_forms`) with its head word (the last word) as written, in
    the singular and in the plural; a ``self-`` compound of one word also with that word's
    ``-ed``/``-ing`` forms where it is verb-like (``self-serviced``, ``self-hosting``:
    :func:`~annotator.vocabulary.inflection.word_inflections`), since English makes a verb of
    ``self-`` and a verb; a compound whose head is an ``-icity`` noun also with the ``-ic``
    adjective it is made from (``customer-centric`` for Customer-Centricity).

    Term possessives are not generated: ``agent's`` already matches as ``agent`` followed by
    spaCy's separate ``'s`` token, and doubling every term's patterns for a boundary nicety
    would double the matcher's size on big glossaries.

    ``normalized``: ``term`` is :func:`normalize_text` output already (the generator's names
    are; a second pass would change nothing and cost ~0.4 us a name).
    """
    base = (term if normalized else normalize_text(term)).lower()
    if not base:
        return []
    variants: dict[str, None] = {}
    self_compound = _SELF_COMPOUND.fullmatch(base) is not None
    for compound in compound_forms(base):
        head_start = max(compound.rfind(" "), compound.rfind("-")) + 1
        stem = compound[:head_start]
        for word in _head_forms(compound[head_start:]):
            variants[stem + word] = None
        head = compound[head_start:]
        if stem and head.endswith(_ADJECTIVE_NOUN) and len(head) > len(_ADJECTIVE_NOUN) + 2:
            # The adjective a compound's "-icity" noun is made from names the same stance:
            # "customer-centricity", "a customer-centric culture".
            variants[stem + head[: -len("ity")]] = None
        if self_compound:
            # "self-" + a verb is a verb itself: "can be self-serviced", "self-hosting".
            word = compound[head_start:]
            for form in word_inflections(word):
                if form != pluralize(word):
                    variants[stem + form] = None
    return list(variants)


#: Adverb particles and prepositions: a closed compound ending or starting with one is a
#: phrasal verb's noun ("feedback", "handoff", "callback", "onboarding"), and written apart it
#: is the verb ("feed back", "hand off"), not the term.
_PARTICLES = frozenset("about across along around away back by down in off on out over through under up".split())
#: English suffixes that are words (or abbreviations) too: a word ending in one is a derived
#: word ("onboard-ing", "tri-age"), not a compound of two words.
_SUFFIXES = frozenset("age ance ant ate dom ence ent ful ing ion ism ist ity ive less ment ness ous ship".split())
#: Fewest letters each word of a split closed compound has.
MIN_SPLIT_WORD = 3


def split_compounds(word: str) -> list[str]:
    """A one-word term written as the two words it closes up, spaced: ``chatbot`` -> ``chat
    bot``, ``webhook`` -> ``web hook``, ``omnichannel`` -> ``omni channel`` (the caller makes
    their hyphenated and plural forms with :func:`term_variants`).

    A split is taken where both parts are everyday English words (:data:`COMMON_WORD_ZIPF`),
    neither a particle or function word (see :data:`_PARTICLES`), the second no suffix
    (:data:`_SUFFIXES`), and the closed word is rarer
    in English than either part: a word more common than its parts is a word of its own whose
    letters only happen to spell two ("reporting", "passive"), never written apart.
    """
    if not word.isalpha() or not word.islower() or len(word) < 2 * MIN_SPLIT_WORD:
        return []
    whole = zipf(word)
    splits = []
    for i in range(MIN_SPLIT_WORD, len(word) - MIN_SPLIT_WORD + 1):
        first, second = word[:i], word[i:]
        if first in _PARTICLES or second in _PARTICLES or first in FUNCTION_WORDS or second in FUNCTION_WORDS:
            continue
        if second in _SUFFIXES:
            continue
        rarer = min(zipf(first), zipf(second))
        if rarer >= COMMON_WORD_ZIPF and whole < rarer:
            splits.append(f"{first} {second}")
    return splits


#: Heads naming a measure of an activity ("handle time", "reopen rate"). English writes the
#: activity before such a head as its verb, the verb's gerund or its past participle, in the
#: same sense ("average handle time" / "average handling time" / "average handled time",
#: "reopening rate", "abandoned rate").
MEASURE_HEADS = frozenset(("time", "times", "rate", "rates"))
_MEASURE_ENDINGS = tuple(MEASURE_HEADS)


@functools.lru_cache(maxsize=4096)
def _participles(word: str) -> tuple[str, ...]:
    """The ``-ing`` and ``-ed`` forms of ``word`` that English writes, when it is a verb."""
    if not word.isalpha() or word.endswith(("ing", "ed")):
        return ()
    # verb_forms' forms are the regular ones: an irregular past ("hold", "held") is no word
    # and is left out by the check, its gerund ("holding") kept.
    return tuple(form for form in reversed(verb_forms(word)) if is_english_word(form))


def gerund_variants(variants: Iterable[str]) -> list[str]:
    """``variants`` ending in a measure head (:data:`MEASURE_HEADS`) with the word before it
    as its gerund or past participle: ``average handle time`` -> ``average handling time``,
    ``average handled time``; ``reopen-rate`` -> ``reopening-rate``. Only where the word is
    a verb whose forms are written (never ``first response time``); the caller makes them
    inflections of the term."""
    found: dict[str, None] = {}
    for variant in variants:
        if not variant.endswith(_MEASURE_ENDINGS):
            continue
        parts = _WORD_SPLIT.split(variant)
        if len(parts) < 3 or parts[-1] not in MEASURE_HEADS:
            continue
        for form in _participles(parts[-3]):
            found["".join(parts[:-3]) + form + "".join(parts[-2:])] = None
    return list(found)


#: Prefixes English writes closed or with a hyphen before a verb, and whether the verb then
#: starts with a vowel: "re" takes the hyphen before one ("reopen" / "re-open", "reassign";
#: "return", "review" are words of their own, never hyphenated), the "e-" of "electronic"
#: before a consonant ("email" / "e-mail").
HYPHENABLE_PREFIXES = {"re": True, "e": False}
_PREFIXES = tuple(HYPHENABLE_PREFIXES)
#: Fewest letters of the verb after such a prefix ("re-open"): a shorter rest ("re-d") is no word.
MIN_PREFIXED_VERB = 4


@functools.lru_cache(maxsize=16384)
def _prefix_split(word: str) -> str | None:
    """``word`` with a hyphen after its prefix (:data:`HYPHENABLE_PREFIXES`) when the rest is a
    verb English writes (``reopen`` -> ``re-open``, ``email`` -> ``e-mail``), else None; never
    a word whose rest is no verb (``resolution``, ``escalation``, ``revenue``)."""
    if not word.isalpha():
        return None
    for prefix, before_vowel in HYPHENABLE_PREFIXES.items():
        rest = word[len(prefix) :]
        if (
            word.startswith(prefix)
            and len(rest) >= MIN_PREFIXED_VERB
            and (rest[0] in _VOWELS) == before_vowel
            and is_english_word(rest)
            # the verb, or its gerund ("re-opening rate")
            and (is_verb_like(rest) or gerund_verb(rest) is not None)
        ):
            return f"{prefix}-{rest}"
    return None


def prefix_variants(variants: Iterable[str]) -> list[str]:
    """``variants`` with each word that opens with a hyphenable prefix written with the hyphen
    (``reopen rate`` -> ``re-open rate``, ``email support`` -> ``e-mail support``): the same
    word, spelled the other way English writes it."""
    variants = variants if isinstance(variants, (list, tuple)) else list(variants)
    # The variants of one name share its words (only joins and the head's number differ): when
    # no word of the first splits, none of any does, and most names stop here.
    if not variants or not any(_prefix_split(w) for w in _WORD_RUNS.split(variants[0]) if w.startswith(_PREFIXES)):
        return []
    found: dict[str, None] = {}
    for variant in variants:
        parts = _WORD_SPLIT.split(variant)
        new = [_prefix_split(part) or part if part.startswith(_PREFIXES) else part for part in parts]
        if new != parts:
            found["".join(new)] = None
    return list(found)


#: A rank in a support organisation is a "tier" or a "level" ("Tier 2 Support", "level 2
#: support"), its number a digit, a word or a Roman numeral ("Tier Two", "Tier II").
RANK_WORDS = ("tier", "level")
_ROMAN = ("", "i", "ii", "iii", "iv")
#: A rank's number (0 to 4) -> its other spellings: the word, and the Roman numeral from 1.
RANK_NUMBERS = {str(n): (DIGIT_WORDS[n], *filter(None, (roman,))) for n, roman in enumerate(_ROMAN)}
#: The head a ranked form must keep: "level 2" or "tier one" alone name many other things (a
#: log level, a tier-one supplier), "level 2 support" only the rank of support.
RANK_HEAD = "support"


def rank_variants(variants: Iterable[str]) -> list[str]:
    """``variants`` of a ranked support term (``tier 2 support``) with the rank's other word
    and the number's other spellings: ``level 2 support``, ``tier two support``, ``tier ii
    support``, ``level-two support``. Only forms that keep :data:`RANK_HEAD`."""
    found: dict[str, None] = {}
    for variant in variants:
        if not variant.startswith(RANK_WORDS):
            continue
        parts = _WORD_SPLIT.split(variant)
        if len(parts) != 5 or parts[0] not in RANK_WORDS or parts[2] not in RANK_NUMBERS:
            continue
        if (singularize(parts[4]) or parts[4]) != RANK_HEAD:
            continue
        for rank in RANK_WORDS:
            for number in (parts[2], *RANK_NUMBERS[parts[2]]):
                form = "".join((rank, parts[1], number, *parts[3:]))
                if form != variant:
                    found[form] = None
    return list(found)


# --- short forms ----------------------------------------------------------------------------

#: A leading word people leave out when the rest still names the concept
#: ("customer satisfaction score" -> "satisfaction score").
DROPPABLE_MODIFIERS = ("customer",)
#: A trailing word naming the kind of thing (a measure, a mechanism) that people leave out
#: ("first response time" -> "first response", "round robin routing" -> "round robin").
DROPPABLE_HEADS = ("time", "rate", "score", "routing")
#: Nouns for a place people go to for help online (general English): the customers' place
#: is the support team's, so "Customer Portal" is written "support portal" as well.
PLACE_HEADS = frozenset("portal site website hub forum community".split())
#: The word that takes the droppable modifier's place before a :data:`PLACE_HEADS` noun.
PLACE_MODIFIER = "support"
#: Fewest words a short form keeps: one generic word ("survey", "service") would match far
#: outside the support sense (bare heads have their own, stricter rule: :func:`bare_head`).
MIN_SHORT_FORM_WORDS = 2
#: Glossary category of the contact channels, and the head word their terms add to the medium:
#: a channel is named by its medium alone ("reach us via in-app" for In-App Support).
CHANNEL_CATEGORY = "channels"
CHANNEL_HEADS = ("support",)
#: Standard English clippings of words that occur inside terms ("Support Operations" is said
#: "Support Ops", "Customer Service Representative" "customer service rep"). Plural to plural,
#: so a clipped form needs no inflection of its own.
CLIPPINGS = {
    "operations": "ops",
    "application": "app",
    "applications": "apps",
    "representative": "rep",
    "representatives": "reps",
    "administrator": "admin",
    "administrators": "admins",
    "information": "info",
    "documentation": "docs",
    "configuration": "config",
    "configurations": "configs",
}
_CLIPPABLE = re.compile("|".join(CLIPPINGS))
#: Words support text uses for one another inside a term (general English): a message back to
#: a customer is a "reply" or a "response" ("First Reply Time", "canned replies", "saved
#: responses"). Both ways, plural to plural.
SYNONYMS = {"reply": "response", "replies": "responses", "response": "reply", "responses": "replies"}
_WORD_RUNS = re.compile(r"[\s-]+")


def _may_clip(text: str) -> bool:
    """Does ``text`` hold a word of :data:`CLIPPINGS` (anywhere, even inside a word)?

    Every such word holds "ati" or "ator" (a test checks): two substring tests rule most
    texts out before the regex search, ten times slower.
    """
    return ("ati" in text or "ator" in text) and _CLIPPABLE.search(text) is not None


def _word_count(text: str) -> int:
    return len([w for w in _WORD_RUNS.split(text) if w])


def _starts_or_ends_on_function_word(form: str) -> bool:
    words = form.split(" ")
    return words[0] in FUNCTION_WORDS or words[-1] in FUNCTION_WORDS


@functools.lru_cache(maxsize=256)
def _is_channel(category: str) -> bool:
    """Is ``category`` the contact channels' (a glossary has a handful of categories)?"""
    return normalize_text(category).lower() == CHANNEL_CATEGORY


def short_forms(term: str, category: str | None = None, *, normalized: bool = False) -> list[str]:
    """Shortenings of a multi-word term that still name it, plus verb forms of ``-ation`` terms.

    ``Customer Satisfaction Score`` -> ``satisfaction score``; ``First Response Time`` ->
    ``first response``; a place for customers by the support team's name (``Customer
    Portal`` -> ``support portal``: :data:`PLACE_HEADS`); ``Escalation`` -> ``escalate``, ``escalated``, ``escalating`` (the verb
    forms people write: none for ``Documentation``); a channel
    (``category`` "Channels") by its medium: ``In-App Support`` -> ``in-app``. They are
    generated after every written term and alias, so they never take a phrase another concept
    writes. Clipped spellings (``Support Operations`` -> ``support ops``) are applied to the
    variants by :func:`clipped_variants`. ``normalized`` as for :func:`term_variants`.
    """
    base = (term if normalized else normalize_text(term)).lower()
    words = base.split(" ")
    forms = []
    if len(words) > 1 and words[0] in DROPPABLE_MODIFIERS:
        forms.append(" ".join(words[1:]))
    if len(words) == 2 and words[0] in DROPPABLE_MODIFIERS and (singularize(words[1]) or words[1]) in PLACE_HEADS:
        swapped = f"{PLACE_MODIFIER} {words[1]}"  # "customer portal" -> "support portal"
    else:
        swapped = None
    heads = DROPPABLE_HEADS
    if category and _is_channel(category):
        heads = DROPPABLE_HEADS + CHANNEL_HEADS
    for form in [base, *forms]:
        # Only a spaced head drops: "just-in-time" is one word, and "just-in" no name of it.
        head_start = form.rfind(" ") + 1
        if form[head_start:] in heads and head_start:
            forms.append(form[: head_start - 1])
    forms = [
        f
        for f in forms
        if _word_count(f) >= MIN_SHORT_FORM_WORDS
        # "prompt engineering for" is no name: a short form neither starts nor ends on a
        # function word.
        and not _starts_or_ends_on_function_word(f)
    ]
    if swapped is not None:
        forms.append(swapped)
    if len(words) == 1 and base.isalpha() and base.endswith("ation") and len(base) > 8:
        verb = base[: -len("ation")] + "at"  # escalation -> escalat-
        # Only a verb people write ("escalate"; not "documentate" from "documentation").
        if is_english_word(verb + "e"):
            forms += [f for f in (verb + "e", verb + "es", verb + "ed", verb + "ing") if is_english_word(f)]
    return list(dict.fromkeys(forms))


def _may_swap(text: str) -> bool:
    """Does ``text`` hold a word of :data:`SYNONYMS` (anywhere, even inside a word)?"""
    return "repl" in text or "respons" in text


def _substituted(variants: Iterable[str], words: dict[str, str], may_hold: Callable[[str], bool]) -> list[str]:
    """``variants`` with every word of ``words`` replaced by its value; only spaced or
    hyphenated forms (one word alone is no name of a term), none starting or ending on a
    function word. ``may_hold``: a cheap pre-filter, false when no such word is inside."""
    substituted = []
    for variant in variants:
        if not may_hold(variant):
            continue
        parts = _WORD_SPLIT.split(variant)
        if len(parts) < 3:
            continue
        new = "".join(words.get(part, part) for part in parts)
        if new != variant and new not in substituted and not _starts_or_ends_on_function_word(new):
            substituted.append(new)
    return substituted


def clipped_variants(variants: Iterable[str]) -> list[str]:
    """``variants`` with every word of :data:`CLIPPINGS` clipped (``support ops``).

    Only spaced or hyphenated forms: a clipped word alone (``ops``, ``app``) names nothing.
    """
    return _substituted(variants, CLIPPINGS, _may_clip)


def synonym_variants(variants: Iterable[str]) -> list[str]:
    """``variants`` with every word of :data:`SYNONYMS` replaced by its synonym
    (``first reply time`` for First Response Time); multi-word forms only, as clippings."""
    return _substituted(variants, SYNONYMS, _may_swap)


def may_substitute(text: str) -> bool:
    """Might :func:`clipped_variants` or :func:`synonym_variants` make anything of ``text``?"""
    return _may_clip(text) or _may_swap(text)


#: Everyday words whose ordinary sense outweighs the glossary one once the compound's first
#: word is gone ("take care", "success", "your profile", "a flight journey").
EVERYDAY_HEADS = frozenset(("care", "success", "profile", "journey"))
#: Noun-forming suffixes: such a head names a field, quality or result that the compound's
#: first word restricts ("AI safety", "PCI compliance", "COPC certification"); alone it is a
#: general word. A head without one is a plain noun or a zero-derived verb ("breach",
#: "survey", "churn") that keeps the compound's sense alone.
_DERIVED_NOUN_SUFFIXES = (
    "tion", "sion", "ment", "ness", "ty", "cy", "ance", "ence", "al", "ics", "ure",
    "ship", "hood", "ism", "ist", "ing", "er", "or", "ware",
)  # fmt: skip


def head_word(term: str, *, normalized: bool = False) -> str:
    """The lowercase head (last word) of a term, in the singular (``AR Annotations`` -> ``annotation``).

    ``normalized`` as for :func:`term_variants`."""
    text = (term if normalized else normalize_text(term)).lower()
    # Normalized text holds no whitespace but single spaces: the last word is what follows
    # the last space or hyphen, unless the text ends with one.
    head = text[max(text.rfind(" "), text.rfind("-")) + 1 :]
    if not head:
        words = [w for w in _WORD_RUNS.split(text) if w]
        if not words:
            return ""
        head = words[-1]
    return singularize(head) or head


def bare_head(term: str, *, normalized: bool = False) -> str | None:
    """The head word alone (singular), when a two-word term may be called by it, else None.

    Applies to ``customer <head>`` (the droppable modifier) and ``<ACRONYM> <head>`` terms:
    ``Customer Survey`` -> ``survey``, ``SLA Breach`` -> ``breach``. The head must be a plain
    word of four letters or more, no stop word, no :data:`EVERYDAY_HEADS` word and not built
    with a noun-forming suffix (``AI Safety`` keeps its ``AI``). The glossary-level condition,
    that no other concept has the same head (``routing`` has six), is checked by
    :func:`annotator.glossary.compile.pattern_batches`. ``normalized`` as for :func:`term_variants`.
    """
    words = (term if normalized else normalize_text(term)).split(" ")
    if len(words) != 2:
        return None
    first, head = words[0], words[1].lower()
    if first.lower() not in DROPPABLE_MODIFIERS and not looks_like_acronym(first):
        return None
    head = singularize(head) or head
    if not head.isalpha() or len(head) < 4 or head in STOP_WORDS or head in EVERYDAY_HEADS:
        return None
    if head.endswith(_DERIVED_NOUN_SUFFIXES):
        return None
    return head


def process_heads(names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Concept id -> the process it names in general, for the kinds of one process a glossary
    knows (``Call Routing``, ``Predictive Routing``, ``Ticket Routing``: a two-word term whose
    head is the gerund of a verb, :func:`gerund_verb`, shared by several concepts).

    Among the kinds, the one whose modifier is itself a concept of the glossary (``objects``:
    the lower-case words that name a concept alone, ``ticket``) is the process applied to the
    domain's own object: "routing", "route", "routed" in support text are that one. The others
    qualify the process (by a manner, a channel) and are not the process at large. Nothing is
    returned for a head whose kinds have no such modifier or more than one. ``names`` are
    (concept id, normalized name) pairs."""
    names = list(names)
    objects = {name.lower() for _, name in names if name.isalpha() and not looks_like_acronym(name)}
    owners: dict[str, set[str]] = {}
    generic: dict[str, set[str]] = {}
    for concept_id, name in names:
        words = name.lower().split(" ")
        head = words[-1]
        if gerund_verb(head) is None:
            continue
        owners.setdefault(head, set()).add(concept_id)
        if len(words) == 2 and words[0] in objects:
            generic.setdefault(head, set()).add(concept_id)
    return {
        next(iter(ids)): head
        for head, ids in generic.items()
        if len(ids) == 1 and len(owners[head]) > 1
    }


def process_forms(head: str) -> list[str]:
    """The one-word forms that name the process ``head`` (a gerund): itself, its verb, the
    verb's ``-s`` and ``-ed`` forms (``routing``, ``route``, ``routes``, ``routed``)."""
    verb = gerund_verb(head)
    if verb is None:
        return [head]
    forms = [head, verb, pluralize(verb) or verb, *verb_forms(verb)]
    return list(dict.fromkeys(forms))


def acronym_forms(acronym: str) -> list[str]:
    """An acronym, its plural (unless it ends in "s" or a symbol) and its possessives; for a
    priority or severity code (``P1``, ``SEV2``) also the other ways people write it
    (:func:`annotator.vocabulary.codes.code_spellings`: ``p1``, ``Sev 2``, ``S2``), which no
    reader takes for an ordinary word (``S2`` only in context: the component's precision
    rule ``helpdesk_glossary.code_context.v1`` sees to that)."""
    forms = [acronym]
    if acronym[-1].isalnum() and acronym[-1] not in "sS":
        forms.append(acronym + "s")
    forms += [acronym + suffix for suffix in POSSESSIVE_SUFFIXES]
    return forms + code_spellings(acronym)

"""Glossary -> spaCy EntityRuler patterns (``patterns/patterns.jsonl``).

Two kinds of pattern, as the stock ``entity_ruler`` understands them:

* ``CX_TERM``: terms and aliases as lowercase phrase **strings**, matched on ``LOWER`` (the
  ruler must be configured with ``phrase_matcher_attr: "LOWER"``), with the variants people
  actually write: plural / singular of the head word, hyphen / space / closed compounds
  (``co-browsing``, ``co browsing``, ``cobrowsing``).
* ``CX_ACRONYM``: acronyms as case-sensitive token patterns on ``ORTH`` (``SLA``, ``SLAs``,
  ``SLA 's``): a lowercase phrase pattern ``it`` would match the pronoun.

After every written term and alias come the shorter names people use, each from a rule on the
glossary's structure or on English morphology, never from a list of phrases: short forms
(``satisfaction score``, ``first response``, a channel's medium ``in-app``), standard clippings
(``support ops``), and the bare head of a ``customer <head>`` or ``<ACRONYM> <head>`` term whose
head no other concept has (``survey``, ``breach``), with its verb forms (``breached``).

Every pattern's ``id`` is a concept id, or ``acronym:<ACR>`` for an acronym shared by several
concepts (the component chooses the sense per document). The output is deterministic: same
glossary, same list, same order.
"""

from __future__ import annotations

import functools
import itertools
import marshal
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from ..vocabulary.acronyms import is_acronym_alias as looks_like_acronym
from ..vocabulary.inflection import pluralize, singularize
from .forked import Worker, can_fork, forked_iter, start_worker
from .model import Concept, Glossary, json_line

TERM_LABEL = "CX_TERM"
ACRONYM_LABEL = "CX_ACRONYM"
AMBIGUOUS_PREFIX = "acronym:"

#: Possessive endings spaCy's English tokenizer splits off as their own token (acronyms only).
POSSESSIVE_SUFFIXES = ("'s", "\u2019s")

#: Past this many words, only the written form and its all-space / all-hyphen forms are
#: generated (a long term written with mixed hyphens is rare; 2^n variants is not worth it).
MAX_WORDS_FOR_ALL_JOINS = 3

_WORD_SPLIT = re.compile(r"(\s+|-)")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})
_VOWELS = set("aeiou")


def acronym_group_id(acronym: str) -> str:
    return f"{AMBIGUOUS_PREFIX}{acronym}"


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


def term_variants(term: str, *, normalized: bool = False) -> list[str]:
    """Every lowercase spelling generated for one term or alias, deterministic order: each
    compound form (:func:`compound_forms`) with its head word (the last word) as written, in
    the singular and in the plural.

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
    for compound in compound_forms(base):
        head_start = max(compound.rfind(" "), compound.rfind("-")) + 1
        stem = compound[:head_start]
        for word in _head_forms(compound[head_start:]):
            variants[stem + word] = None
    return list(variants)


# --- short forms ----------------------------------------------------------------------------

#: A leading word people leave out when the rest still names the concept
#: ("customer satisfaction score" -> "satisfaction score").
DROPPABLE_MODIFIERS = ("customer",)
#: A trailing word naming the kind of thing (a measure, a mechanism) that people leave out
#: ("first response time" -> "first response", "round robin routing" -> "round robin").
DROPPABLE_HEADS = ("time", "rate", "score", "routing")
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
# Articles, prepositions and conjunctions (spaCy's stop words also hold "first", "top" ...).
_FUNCTION_WORDS = frozenset("a an the of for to in on at by with and or from as per via vs".split())
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
    return words[0] in _FUNCTION_WORDS or words[-1] in _FUNCTION_WORDS


@functools.lru_cache(maxsize=256)
def _is_channel(category: str) -> bool:
    """Is ``category`` the contact channels' (a glossary has a handful of categories)?"""
    return normalize_text(category).lower() == CHANNEL_CATEGORY


def short_forms(term: str, category: str | None = None, *, normalized: bool = False) -> list[str]:
    """Shortenings of a multi-word term that still name it, plus verb forms of ``-ation`` terms.

    ``Customer Satisfaction Score`` -> ``satisfaction score``; ``First Response Time`` ->
    ``first response``; ``Escalation`` -> ``escalate``, ``escalated``, ``escalating``; a channel
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
    if len(words) == 1 and base.isalpha() and base.endswith("ation") and len(base) > 8:
        verb = base[: -len("ation")] + "at"  # escalation -> escalat-
        forms += [verb + "e", verb + "es", verb + "ed", verb + "ing"]
    return list(dict.fromkeys(forms))


def clipped_variants(variants: Iterable[str]) -> list[str]:
    """``variants`` with every word of :data:`CLIPPINGS` clipped (``support ops``).

    Only spaced or hyphenated forms: a clipped word alone (``ops``, ``app``) names nothing.
    """
    clipped = []
    for variant in variants:
        if not _may_clip(variant):  # a cheap pre-filter: no clipped word inside
            continue
        parts = _WORD_SPLIT.split(variant)
        if len(parts) < 3:
            continue
        new = "".join(CLIPPINGS.get(part, part) for part in parts)
        if new != variant and new not in clipped and not _starts_or_ends_on_function_word(new):
            clipped.append(new)
    return clipped


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
    :func:`generate_patterns`. ``normalized`` as for :func:`term_variants`.
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


def verb_forms(word: str) -> list[str]:
    """``-ed`` / ``-ing`` forms of a head that may be used as a verb (``breached``, ``surveying``).

    Regular spelling only (final ``e`` dropped, consonant + ``y`` -> ``ied``); a word ending in
    another vowel is no verb stem. A form no text ever spells costs one pattern and nothing else.
    """
    if not word.isalpha() or len(word) < 4:
        return []
    if word.endswith("e"):
        return [word + "d", word[:-1] + "ing"]
    if word.endswith("y") and word[-2] not in _VOWELS:
        return [word[:-1] + "ied", word + "ing"]
    if word[-1] in _VOWELS:
        return []
    return [word + "ed", word + "ing"]


# --- tokenization --------------------------------------------------------------------------


_PLAIN_SPACING = re.compile(r"\S+(?: \S+)*")
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


class PatternTokenizer:
    """Token texts for pattern strings, exactly as a spaCy tokenizer splits them, but fast.

    spaCy tokenizes each space-separated chunk on its own, so chunks are tokenized once and
    cached; a purely alphabetic chunk that is no special case ("cannot", "gonna") is always
    one token, and letters joined by hyphens split at each hyphen (spaCy's infix rule), so
    those skip the tokenizer (and the ``Doc`` it would build) altogether. A test checks the
    shortcut against the real tokenizer on every built-in pattern.
    """

    def __init__(self, tokenizer, *, cache: bool = True) -> None:
        """``cache=False`` for a caller that caches chunks itself (the matcher keeps their
        hashes): a 100,000-concept glossary has ~700,000 distinct chunks."""
        self.tokenizer = tokenizer
        self.special = set(getattr(tokenizer, "rules", None) or ())
        self.cache: dict[str, tuple[str, ...]] | None = {} if cache else None
        self._possessive_answer: bool | None = None  # see _splits_possessives

    def fresh(self) -> PatternTokenizer:
        """The same tokenizer with an empty cache of its own (dropped with it)."""
        fresh = PatternTokenizer.__new__(PatternTokenizer)
        fresh.tokenizer, fresh.special, fresh.cache = self.tokenizer, self.special, {}
        fresh._possessive_answer = self._possessive_answer
        return fresh

    def chunk(self, chunk: str) -> tuple[str, ...]:
        # The shortcuts cost about what a cache lookup does, so only the tokenizer's answers
        # are cached: a big glossary's ~700,000 distinct chunks are mostly plain words.
        if chunk in self.special:
            pass
        elif chunk.isalpha():
            return (chunk,)
        elif _HYPHENATED.fullmatch(chunk):  # letters-letters: split at each hyphen
            parts = chunk.split("-")
            return tuple(x for part in parts for x in ("-", part))[1:]
        tokens = None if self.cache is None else self.cache.get(chunk)
        if tokens is None:
            tokens = tuple(t.text for t in self.tokenizer(chunk))
            if self.cache is not None:
                self.cache[chunk] = tokens
        return tokens

    def prefetch(self, chunks: Iterable[str]) -> None:
        """Tokenize, in one call, the ``chunks`` (whitespace-free strings) :meth:`chunk` would
        send to the tokenizer one at a time, and cache their tokens.

        The tokenizer splits a text at its spaces and tokenizes each chunk on its own (the
        fact :meth:`__call__` relies on), so one ``Doc`` of the chunks joined by spaces holds
        each chunk's tokens, end to end: one call instead of a ``Doc`` per chunk (~15 us each;
        a 100,000-concept glossary has ~23,000 possessive acronym forms). A chunk whose tokens
        do not spell it exactly is left for :meth:`chunk` to tokenize alone.

        A possessive of a plain word (``SLA's``, ``SLA’s``) is that word and the ending when
        the tokenizer splits possessives off (checked once, see :meth:`_splits_possessives`):
        the ending is a suffix, and a plain word is one token. Most chunks here are such.
        """
        if self.cache is None:
            return
        cache, special = self.cache, self.special
        possessives = self._splits_possessives()
        todo = []
        for chunk in dict.fromkeys(chunks):
            if (
                not chunk
                or chunk in cache
                or (chunk not in special and (chunk.isalpha() or _HYPHENATED.fullmatch(chunk)))
                or chunk.split() != [chunk]  # whitespace inside: not a chunk
            ):
                continue
            base = chunk[:-2]
            if possessives and chunk[-2:] in POSSESSIVE_SUFFIXES and base.isalpha() and (
                base not in special and chunk not in special
            ):
                cache[chunk] = (base, chunk[-2:])
            else:
                todo.append(chunk)
        if not todo:
            return
        doc = self.tokenizer(" ".join(todo))
        tokens = iter(doc)
        token = next(tokens, None)
        start = 0
        for chunk in todo:
            end = start + len(chunk)
            texts = []
            while token is not None and token.idx < end:
                texts.append(token.text)
                token = next(tokens, None)
            if "".join(texts) == chunk:
                cache[chunk] = tuple(texts)
            start = end + 1

    def _splits_possessives(self) -> bool:
        """Does the tokenizer split :data:`POSSESSIVE_SUFFIXES` off a plain word (English
        does)? Asked once, of a word no special case knows."""
        answer = self._possessive_answer
        if answer is None:
            probe = [f"Zqxw{suffix}" for suffix in POSSESSIVE_SUFFIXES]
            if any(word in self.special for word in probe):
                answer = False
            else:
                expected = [part for suffix in POSSESSIVE_SUFFIXES for part in ("Zqxw", suffix)]
                answer = [t.text for t in self.tokenizer(" ".join(probe))] == expected
            self._possessive_answer = answer
        return answer

    def plain_words(self, text: str) -> list[str] | None:
        """The tokens of ``text`` when its spelling alone decides them, else None.

        That is single-spaced chunks, none a special case, each alphabetic or ASCII letters
        joined by hyphens: what :meth:`__call__` gives them chunk by chunk (see :meth:`chunk`),
        found here with a few whole-string operations instead. Almost every pattern a
        glossary generates is such a phrase.
        """
        chunks = text.split(" ")
        if "" in chunks or not self.special.isdisjoint(chunks):
            return None
        letters = text.replace(" ", "")
        if letters.isalpha():
            return chunks
        # ASCII only: there ``[^\W\d_]`` (what _HYPHENATED calls a letter) is ``isalpha()``.
        if text.isascii() and letters.replace("-", "").isalpha():
            words = text.replace("-", " - ").split(" ")
            if "" not in words:  # no chunk starts or ends with a hyphen or holds two in a row
                return words
        return None

    def __call__(self, text: str) -> list[str]:
        if not _PLAIN_SPACING.fullmatch(text):
            # Leading, trailing, repeated or non-space whitespace become tokens of their own.
            return [t.text for t in self.tokenizer(text)]
        if " " not in text:
            return list(self.chunk(text))
        return [token for chunk in text.split(" ") if chunk for token in self.chunk(chunk)]


@functools.lru_cache(maxsize=1)
def _english_tokenizer() -> PatternTokenizer:
    # A private blank English tokenizer: patterns must be exactly what spaCy's English
    # tokenizer produces, so we ask it rather than guess.
    from spacy.lang.en import English

    return PatternTokenizer(English().tokenizer)


def tokenize(text: str) -> list[str]:
    """Token texts of ``text`` as spaCy's English tokenizer splits them."""
    return _english_tokenizer()(text)


def acronym_forms(acronym: str) -> list[str]:
    """An acronym, its plural (unless it ends in "s" or a symbol) and its possessives."""
    forms = [acronym]
    if acronym[-1].isalnum() and acronym[-1] not in "sS":
        forms.append(acronym + "s")
    forms += [acronym + suffix for suffix in POSSESSIVE_SUFFIXES]
    return forms


def acronym_token_patterns(acronym: str, tokenize: Callable[[str], list[str]] = tokenize) -> list[list[dict]]:
    """ORTH token patterns for an acronym, its plural and its possessives."""
    patterns = []
    for form in acronym_forms(acronym):
        tokens = tokenize(form)
        pattern = [{"ORTH": t} for t in tokens]
        if pattern not in patterns:
            patterns.append(pattern)
    return patterns


# --- the generator ----------------------------------------------------------------------------


def _is_unsafe_phrase(tokens: list[str], blocked: set[tuple[str, ...]]) -> bool:
    """Phrases a case-insensitive matcher must never carry.

    A single stop word or a one/two-letter word would match everywhere; a phrase equal to an
    acronym's lowercase tokens (``it`` for IT, ``its`` for ITs) would turn ordinary words into
    the acronym.
    """
    if not tokens or tuple(tokens) in blocked:
        return True
    if len(tokens) == 1:
        word = tokens[0]
        return len(word) <= 2 or word in STOP_WORDS
    return False


#: From this many concepts, :meth:`PatternStream.records` generates the patterns in a forked
#: child while the matcher reads them (see :mod:`.forked`): at 100,000 concepts that takes ~2 s
#: off the build on a second core. Below it the fork is not worth its few milliseconds.
PARALLEL_MIN_CONCEPTS = 20_000


class PatternStream:
    """The patterns :func:`generate_patterns` makes, as an iterator of pattern dicts (read once).

    A consumer that only needs the values (:class:`~annotator.pipeline.matcher.GlossaryMatcher`)
    reads :meth:`records` instead: the same patterns, in the same order, as ``(label, pattern,
    id)`` tuples, without a dict made and taken apart again for each of ~740,000 patterns.
    Nothing is generated before the first read.
    """

    __slots__ = ("_glossary", "_parallel", "_records", "_worker")

    def __init__(self, glossary: Glossary, *, parallel: bool | None = None, worker: Worker | None = None) -> None:
        self._glossary = glossary
        self._parallel = parallel
        self._worker = worker
        self._records: Iterator[tuple[str, str | list[dict], str]] | None = None

    def __iter__(self) -> PatternStream:
        return self

    def __next__(self) -> dict:
        label, pattern, pattern_id = next(self.records())
        return {"label": label, "pattern": pattern, "id": pattern_id}

    def records(self, *, settle: Callable[[], None] | None = None) -> Iterator[tuple[str, str | list[dict], str]]:
        """The patterns not read yet, as ``(label, pattern, id)``.

        ``settle``: housekeeping for a forked generator's waits (see :func:`.forked.forked_iter`);
        never called when the patterns are made in this process.
        """
        if self._records is None:
            glossary, parallel, worker = self._glossary, self._parallel, self._worker
            if worker is not None and parallel is not False:
                self._records = worker.results(_names_blob(glossary), _batches_from_names, settle=settle)
                return self._records
            if parallel is None:
                parallel = len(glossary) >= PARALLEL_MIN_CONCEPTS and can_fork()
            if parallel:
                make = functools.partial(_batches_from_names, _names_blob(glossary))
                self._records = forked_iter(make, batched=True, settle=settle)
            else:
                self._records = _pattern_records(glossary)
        return self._records


def start_generator() -> Worker | None:
    """A pattern generator forked now, for :func:`generate_patterns`'s ``worker``: call it
    before reading a big glossary (None where forking is not safe, see
    :func:`.forked.can_fork`).

    Forked before the glossary exists, the child shares none of its pages, so the build may
    collect garbage while the child generates without either process copying a page; forked
    after, that collection has to run before the fork (~0.3 s at 100,000 concepts) to keep
    memory down. An unused generator ends when dropped (or :meth:`~.forked.Worker.close`).
    """
    return start_worker(_batches_from_names)


#: From this many bytes of glossary files, :func:`start_generator_for` forks (~20,000 concepts
#: of JSONL at ~200 bytes each: :data:`PARALLEL_MIN_CONCEPTS`).
EARLY_GENERATOR_BYTES = 4_000_000


def start_generator_for(paths: Iterable[str | os.PathLike]) -> Worker | None:
    """:func:`start_generator` when the glossary files at ``paths`` are big enough for a
    forked generator to pay (:data:`EARLY_GENERATOR_BYTES`), else None. Call it before reading
    them; a missing file counts for nothing (reading it reports the error)."""
    size = 0
    for path in paths:
        try:
            size += os.path.getsize(path)
        except OSError:
            pass
    return start_generator() if size >= EARLY_GENERATOR_BYTES else None


def patterns_jsonl(patterns: Iterable[dict]) -> str:
    """Patterns as ``patterns.jsonl`` text: one JSON object a line, as a stock ``entity_ruler``
    reads them."""
    return "".join(json_line(pattern) + "\n" for pattern in patterns)


def generate_patterns(
    glossary: Glossary, *, parallel: bool | None = None, worker: Worker | None = None
) -> PatternStream:
    """All EntityRuler patterns for ``glossary``, one at a time: ``{"label", "pattern", "id"}``.

    Terms and aliases first (in concept order), then acronyms (sorted). A phrase that several
    concepts could claim goes to the concept whose own written term or alias it is, then to the
    first concept in glossary order, so each (label, pattern) appears exactly once.

    Lazy: a 100,000-concept glossary has ~740,000 patterns, and a list of them as dicts
    (~300 MB) would be most of a build's peak memory; the matcher and ``render`` read them once.
    What is kept is one string per term pattern, to leave out repeats.

    ``parallel``: generate in a forked child process (see :mod:`.forked`; the same patterns
    either way); by default only for a glossary of :data:`PARALLEL_MIN_CONCEPTS` or more
    where forking is safe. ``worker``: a generator from :func:`start_generator` to use
    (unless ``parallel`` is false).
    """
    return PatternStream(glossary, parallel=parallel, worker=worker)


class _Names(NamedTuple):
    """What pattern generation reads of a concept."""

    id: str
    term: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    category: str | None


def _names_blob(glossary: Glossary) -> bytes:
    """The glossary's :class:`_Names`, as bytes for a forked generator.

    A forked child that walked the glossary itself would write to every concept object it
    touched (reference counts), and the kernel would copy each page it wrote to: ~130 MB of
    copies at 100,000 concepts. From these bytes (~10 MB, ~0.05 s) it makes its own objects.
    """
    return marshal.dumps([(c.id, c.term, tuple(c.aliases), tuple(c.acronyms), c.category) for c in glossary])


def _batches_from_names(blob: bytes) -> Iterator[list[tuple[str, str | list[dict], str]]]:
    return _pattern_batches(list(map(_Names._make, marshal.loads(blob))))


def _pattern_records(glossary: Glossary) -> Iterator[tuple[str, str | list[dict], str]]:
    """:func:`generate_patterns` as ``(label, pattern, id)`` tuples."""
    return itertools.chain.from_iterable(_pattern_batches(glossary))


def _pattern_batches(glossary: Iterable[Concept | _Names]) -> Iterator[list[tuple[str, str | list[dict], str]]]:
    """:func:`_pattern_records` in the lists they are made in (a few per concept), so that
    nothing steps through this generator once per pattern (~740,000 at 100k concepts).
    Reads ``id``, ``term``, ``aliases``, ``acronyms`` and ``category`` of each concept."""
    # A cache of its own, dropped at the end: a big glossary's chunks are not worth keeping.
    tokenize = _english_tokenizer().fresh()
    acronym_owners: dict[str, list[str]] = {}
    term_sources: list[tuple[Concept, list[str]]] = []
    for concept in glossary:
        names = []
        for name in (concept.term, *concept.aliases):
            name = normalize_text(name)
            if not name:
                continue
            if looks_like_acronym(name):
                owners = acronym_owners.setdefault(name, [])
                if concept.id not in owners:
                    owners.append(concept.id)
            elif name not in names:
                names.append(name)
        for acronym in concept.acronyms:
            acronym = normalize_text(acronym)
            if acronym:
                owners = acronym_owners.setdefault(acronym, [])
                if concept.id not in owners:
                    owners.append(concept.id)
        term_sources.append((concept, names))

    # Acronyms come last in the output but first here: their lowercase forms block phrases.
    # Their possessive forms ("SLA's") need the tokenizer: all of them in one call.
    tokenize.prefetch(chunk for acronym in acronym_owners for form in acronym_forms(acronym) for chunk in form.split(" "))
    acronym_patterns: list[tuple[str, list[dict], str]] = []
    blocked: set[tuple[str, ...]] = set()
    for acronym in sorted(acronym_owners):
        owners = acronym_owners[acronym]
        pattern_id = owners[0] if len(owners) == 1 else acronym_group_id(acronym)
        for pattern in acronym_token_patterns(acronym, tokenize):
            acronym_patterns.append((ACRONYM_LABEL, pattern, pattern_id))
            blocked.add(tuple(tok["ORTH"].lower() for tok in pattern))

    # Written forms claim their phrase before any generated variant of another concept does.
    claimed: dict[str, str] = {}
    for concept, names in term_sources:
        for name in names:
            claimed.setdefault(name.lower(), concept.id)
    done: set[str] = set()
    special = tokenize.special
    hyphen_safe = not any("-" in token for form in blocked for token in form)

    def tokens(text: str) -> list[str]:
        # Most phrases' tokens follow from their spelling: no tokenizer call, no cache entry.
        words = tokenize.plain_words(text)
        return tokenize(text) if words is None else words

    def add(concept_id: str, variants: Iterable[str]) -> list[tuple[str, str, str]]:
        # A list, not a generator: one generator frame fewer for each of ~740,000 patterns.
        out = []
        for variant in variants:
            if variant in done:
                continue
            # Only a phrase that may be one token, or may end in a possessive, can be unsafe
            # (blocked acronym forms are "x" or "x 's"); one with a space is several tokens
            # and skips the tokenizer.
            if variant.isalpha() and len(variant) > 2 and variant not in special:
                # One plain word is one token (see PatternTokenizer.chunk): no tokenizer call.
                if (variant,) in blocked or variant in STOP_WORDS:
                    continue
            elif " " not in variant or "'" in variant or "\u2019" in variant:
                # Letters joined by hyphens are three tokens or more (see PatternTokenizer.chunk):
                # unsafe only as a blocked acronym form, and few acronyms hold a hyphen.
                if not (
                    hyphen_safe and variant not in special and _HYPHENATED.fullmatch(variant)
                ) and _is_unsafe_phrase(tokens(variant), blocked):
                    continue
            done.add(variant)
            out.append((TERM_LABEL, variant, claimed.get(variant, concept_id)))
        return out

    safe_names = [
        (concept, name)
        for concept, names in term_sources
        for name in names
        # An unsafe written form ("It", "The") takes its generated variants down with it.
        # (``names`` are normalized already.)
        if not _is_unsafe_phrase(tokens(name.lower()), blocked)
    ]
    # A name's variants are needed again (clipped) after every name's: kept for the few names
    # with a clippable word in a variant rather than computed twice.
    clippable: dict[str, list[str]] = {}
    for concept, name in safe_names:
        variants = term_variants(name, normalized=True)
        # One search over all of them (a clipped word is letters only: never across a "\n").
        if _may_clip("\n".join(variants)):
            clippable[name] = variants
        yield add(concept.id, variants)
    for concept, name in safe_names:
        for short in short_forms(name, concept.category, normalized=True):
            if " " in short or "-" in short:
                # "in-app" may be "inapp", never "in app" (a short form never starts or ends
                # on a function word, in any of its spellings).
                variants = term_variants(short, normalized=True)
                yield add(concept.id, [v for v in variants if not _starts_or_ends_on_function_word(v)])
            else:
                yield add(concept.id, [short])
        if name in clippable:
            yield add(concept.id, clipped_variants(clippable[name]))
    del clippable

    # Bare heads last, and only for a head no other concept has ("survey" may stand for
    # Customer Survey; "routing" names six kinds of routing).
    head_owner: dict[str, str | None] = {}  # head -> the one concept with it, None for several
    for concept, name in safe_names:
        head = head_word(name, normalized=True)
        if head_owner.setdefault(head, concept.id) != concept.id:
            head_owner[head] = None
    for concept, name in safe_names:
        head = bare_head(name, normalized=True)
        if head is not None and head_owner.get(head_word(head, normalized=True)) == concept.id:
            yield add(concept.id, [head, pluralize(head) or head, *verb_forms(head)])

    yield acronym_patterns

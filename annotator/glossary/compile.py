"""Glossary -> spaCy EntityRuler pattern records (``patterns/patterns.jsonl``).

Two kinds of pattern, as the stock ``entity_ruler`` understands them:

* ``CX_TERM``: terms and aliases as lowercase phrase **strings**, matched on ``LOWER`` (the
  ruler must be configured with ``phrase_matcher_attr: "LOWER"``), with the variants people
  actually write (:mod:`annotator.glossary.variants`).
* ``CX_ACRONYM``: acronyms as case-sensitive token patterns on ``ORTH`` (``SLA``, ``SLAs``,
  ``SLA 's``): a lowercase phrase pattern ``it`` would match the pronoun.

After every written term and alias come the shorter names people use (a one-word term's verb
forms, short forms, clippings, bare heads with their verb forms), so they never take a phrase
another concept writes.

Every pattern's ``id`` is a concept id, or ``acronym:<ACR>`` for an acronym shared by several
concepts (the component chooses the sense per document). The output is deterministic: same
glossary, same records, same order. A record is ``(label, pattern, id, match)``; as a dict
(:func:`record_dict`) it is one line of ``patterns.jsonl``. Generating them in another process
is :mod:`annotator.runtime.generation`'s business, not this module's.

``match`` says how the pattern relates to what the glossary writes (:data:`PATTERN_MATCHES`):
``exact`` for a concept's own term or acronym, ``variant`` for an alias or a generated spelling
(hyphen / space / closed compound, short form, clipping, bare head) and ``inflection`` for an
inflected form (plural, possessive, verb form) of either. The component hands it on as each
span's ``match``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple, Union

from spacy.lang.en.stop_words import STOP_WORDS

from ..errors import PipelineError
from ..vocabulary.acronyms import is_acronym_alias as looks_like_acronym
from ..vocabulary.inflection import pluralize, word_inflections
from ..vocabulary.spelling import regional_variants
from .model import Concept, Glossary, json_line
from .tokens import _HYPHENATED, english_tokenizer, tokenize
from .variants import (
    _starts_or_ends_on_function_word,
    acronym_forms,
    bare_head,
    clipped_variants,
    gerund_variants,
    head_word,
    may_substitute,
    normalize_text,
    process_forms,
    prefix_variants,
    process_heads,
    rank_variants,
    short_forms,
    split_compounds,
    synonym_variants,
    term_variants,
    verb_forms,
)

TERM_LABEL = "CX_TERM"
ACRONYM_LABEL = "CX_ACRONYM"
AMBIGUOUS_PREFIX = "acronym:"

#: How a pattern matches, as the span's ``match`` says it; ``exact`` is the default a pattern
#: dict without a ``match`` key gets (a stock ``entity_ruler`` ignores the key).
EXACT, VARIANT, INFLECTION = "exact", "variant", "inflection"
PATTERN_MATCHES = (EXACT, VARIANT, INFLECTION)

#: One pattern: ``(label, pattern, id, match)``, the pattern a phrase string or a list of token
#: dicts, ``match`` one of :data:`PATTERN_MATCHES`.
Record = tuple[str, Union[str, list[dict]], str, str]


def acronym_group_id(acronym: str) -> str:
    return f"{AMBIGUOUS_PREFIX}{acronym}"


def acronym_token_patterns(acronym: str, tokenize: Callable[[str], list[str]] = tokenize) -> list[list[dict]]:
    """ORTH token patterns for an acronym, its plural and its possessives."""
    return [_orth_pattern(tokens) for tokens in acronym_token_forms(acronym, tokenize)]


def acronym_token_forms(acronym: str, tokenize: Callable[[str], list[str]] = tokenize) -> list[tuple[str, ...]]:
    """The tokens of each of :func:`acronym_token_patterns`, in the same order."""
    forms: list[tuple[str, ...]] = []
    for form in acronym_forms(acronym):
        tokens = tuple(tokenize(form))
        if tokens not in forms:
            forms.append(tokens)
    return forms


def _orth_pattern(tokens: Iterable[str]) -> list[dict]:
    return [{"ORTH": t} for t in tokens]


def record_dict(record: Record) -> dict:
    """A record as the pattern dict a stock ``entity_ruler`` reads (``match`` only when it is
    not ``exact``: a hand-written pattern file need not say it)."""
    label, pattern, pattern_id, match = record
    if match == EXACT:
        return {"label": label, "pattern": pattern, "id": pattern_id}
    return {"label": label, "pattern": pattern, "id": pattern_id, "match": match}


def records_from_dicts(patterns: Iterable[dict]) -> Iterator[Record]:
    """The record of each pattern dict; E302 (with its line) for one that is not a pattern."""
    for line, pattern in enumerate(patterns, 1):
        if not isinstance(pattern, dict) or "label" not in pattern or "pattern" not in pattern:
            raise PipelineError("E302", line=line, path="patterns", detail="needs 'label' and 'pattern'")
        match = pattern.get("match") or EXACT
        if match not in PATTERN_MATCHES:
            raise PipelineError("E302", line=line, path="patterns",
                                detail=f"'match' must be one of {', '.join(PATTERN_MATCHES)}")
        yield str(pattern["label"]), pattern["pattern"], str(pattern.get("id") or ""), match


def patterns_jsonl(patterns: Iterable[dict]) -> str:
    """Patterns as ``patterns.jsonl`` text: one JSON object a line, as a stock ``entity_ruler``
    reads them."""
    return "".join(json_line(pattern) + "\n" for pattern in patterns)


class Names(NamedTuple):
    """What pattern generation reads of a concept."""

    id: str
    term: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    category: str | None


def concept_names(glossary: Iterable[Concept]) -> list[tuple]:
    """Each concept's :class:`Names` as a plain tuple (for :func:`batches_from_names`)."""
    return [(c.id, c.term, tuple(c.aliases), tuple(c.acronyms), c.category) for c in glossary]


def batches_from_names(rows: Iterable[tuple]) -> Iterator[list[Record]]:
    """:func:`pattern_batches` of :func:`concept_names` rows."""
    return pattern_batches(list(map(Names._make, rows)))


def pattern_records(glossary: Glossary) -> Iterator[Record]:
    """Every pattern record of ``glossary``, made in this process, one at a time."""
    return itertools.chain.from_iterable(pattern_batches(glossary))


def _last_word(phrase: str) -> str:
    """What follows the last space or hyphen of ``phrase`` (all of it when there is none)."""
    return phrase[max(phrase.rfind(" "), phrase.rfind("-")) + 1 :]


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


def pattern_batches(glossary: Iterable[Concept | Names]) -> Iterator[list[Record]]:
    """:func:`pattern_records` in the lists they are made in (a few per concept), so that
    nothing steps through this generator once per pattern (~740,000 at 100k concepts).
    Reads ``id``, ``term``, ``aliases``, ``acronyms`` and ``category`` of each concept."""
    # A cache of its own, dropped at the end: a big glossary's chunks are not worth keeping.
    tokenize = english_tokenizer().fresh()
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
    # As tokens until they are yielded, last: a pattern's dicts weigh several times its tuple,
    # and are made once the term patterns' working sets below are gone.
    acronym_patterns: list[tuple[tuple[str, ...], str, str]] = []
    blocked: set[tuple[str, ...]] = set()
    for acronym in sorted(acronym_owners):
        owners = acronym_owners[acronym]
        pattern_id = owners[0] if len(owners) == 1 else acronym_group_id(acronym)
        # The acronym as written comes first, then its plural and possessives.
        for n, tokens in enumerate(acronym_token_forms(acronym, tokenize)):
            acronym_patterns.append((tokens, pattern_id, INFLECTION if n else EXACT))
            blocked.add(tuple(token.lower() for token in tokens))
    del acronym_owners

    # Written forms claim their phrase before any generated variant of another concept does.
    # ... and say how they match: the concept's own term exactly, an alias as a variant.
    # (One dict for both: a phrase's first writer claims it, and says how, in one go.)
    written: dict[str, tuple[str, str]] = {}
    for concept, names in term_sources:
        term = normalize_text(concept.term)
        for name in names:
            written.setdefault(name.lower(), (concept.id, EXACT if name == term else VARIANT))
    # Every phrase made so far, as UTF-8 bytes: ~750,000 at 100,000 concepts, kept to the end,
    # and a bytes object is 16 bytes lighter than the str (the str goes once it is sent).
    done: set[bytes] = set()
    special = tokenize.special
    # A hyphenated phrase's tokens spell it, hyphens as tokens of their own ("co", "-", "op"):
    # it can be a blocked form only if it spells one with such a token (few acronyms have one).
    blocked_spellings = {"".join(form) for form in blocked if "-" in form}

    def tokens(text: str) -> list[str]:
        # Most phrases' tokens follow from their spelling: no tokenizer call, no cache entry.
        words = tokenize.plain_words(text)
        return tokenize(text) if words is None else words

    def add(concept_id: str, variants: Iterable[str], kind: str = VARIANT, head: str | None = None) -> list[Record]:
        """Records of the ``variants`` not made yet. Each is ``kind`` and ``concept_id``'s, but
        a written name is its writer's and matches as :data:`written` says and, given the
        ``head`` word the variants were made from, a variant not ending in it is that head
        inflected ("agents" of "agent")."""
        # A list, not a generator: one generator frame fewer for each of ~740,000 patterns.
        out = []
        for variant in variants:
            seen = variant.encode("utf-8", "surrogatepass")  # (a lone surrogate is JSON's right)
            if seen in done:
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
                    variant not in blocked_spellings and variant not in special and _HYPHENATED.fullmatch(variant)
                ) and _is_unsafe_phrase(tokens(variant), blocked):
                    continue
            done.add(seen)
            claim = written.get(variant)
            if claim is None:
                match = kind if head is None or variant.endswith(head) else INFLECTION
                out.append((TERM_LABEL, variant, concept_id, match))
            else:
                out.append((TERM_LABEL, variant, *claim))
        return out

    safe_names = [
        (concept, name)
        for concept, names in term_sources
        for name in names
        # An unsafe written form ("It", "The") takes its generated variants down with it.
        # (``names`` are normalized already.)
        if not _is_unsafe_phrase(tokens(name.lower()), blocked)
    ]
    del term_sources  # (its work is done: ~100,000 lists and tuples fewer for the rest)
    # A name's variants are needed again (clipped, or with a synonym) after every name's: kept
    # for the few names with such a word in a variant rather than computed twice.
    clippable: dict[str, list[str]] = {}
    for concept, name in safe_names:
        variants = term_variants(name, normalized=True)
        # One search over all of them (such a word is letters only: never across a "\n").
        if may_substitute("\n".join(variants)):
            clippable[name] = variants
        yield add(concept.id, variants, VARIANT, _last_word(name.lower()))
        # The other side of the Atlantic: "call centre" for Call Center, "prioritise" too.
        yield add(concept.id, regional_variants(variants), VARIANT)
        # A measure's activity as its gerund: "average handling time" for Average Handle Time.
        gerunds = gerund_variants(variants)
        yield add(concept.id, gerunds, INFLECTION)
        # A prefix with its hyphen: "re-open rate", "e-mail support".
        yield add(concept.id, prefix_variants(variants), VARIANT, _last_word(name.lower()))
        yield add(concept.id, prefix_variants(gerunds), INFLECTION)
        # A support rank by its other names: "level 2 support", "tier two support".
        yield add(concept.id, rank_variants(variants), VARIANT, _last_word(name.lower()))
    for concept, name in safe_names:
        if name.isalpha():
            # A one-word term's verb forms, where it is a verb-like word ("queued", "tagged").
            yield add(concept.id, word_inflections(name), INFLECTION)
            # A closed compound written apart ("chat bot", "web hooks").
            for spaced in split_compounds(name.lower()):
                yield add(concept.id, term_variants(spaced, normalized=True), VARIANT, _last_word(spaced))
        for short in short_forms(name, concept.category, normalized=True):
            if " " in short or "-" in short:
                # "in-app" may be "inapp", never "in app" (a short form never starts or ends
                # on a function word, in any of its spellings).
                variants = term_variants(short, normalized=True)
                yield add(concept.id, [v for v in variants if not _starts_or_ends_on_function_word(v)],
                          VARIANT, _last_word(short))
            else:
                # One word: a verb form of an "-ation" term ("escalated").
                yield add(concept.id, [short], INFLECTION)
        if name in clippable:
            yield add(concept.id, clipped_variants(clippable[name]))
            yield add(concept.id, synonym_variants(clippable[name]))
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
            yield add(concept.id, [head, pluralize(head) or head, *verb_forms(head)], VARIANT, head)
    # The process a glossary knows several kinds of, by its own name ("routing", "routed"):
    # the kind applied to a concept of the glossary (see variants.process_heads).
    for concept_id, head in process_heads((c.id, n) for c, n in safe_names).items():
        yield add(concept_id, process_forms(head), INFLECTION)

    # Every term pattern is made: what they needed goes before the acronyms' dicts are made.
    del safe_names, head_owner
    done.clear()
    written.clear()
    yield [(ACRONYM_LABEL, _orth_pattern(tokens), pattern_id, kind) for tokens, pattern_id, kind in acronym_patterns]

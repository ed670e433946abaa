"""One document's candidates: pure functions from a text to plain, picklable data.

Everything a worker process sends back for a document is a :class:`DocumentCandidates`: per
candidate key, how often it occurs here, where first (offsets into the text as given), a short
excerpt, and for acronyms the long forms this document defines. Merging across documents is
:mod:`.aggregate`'s job.

Acronyms follow the linter's rule (:func:`annotator.lint.rules.acronym_uses`, with its
allowlist): plurals and possessives fold to the base form, ordinary caps words, units and
shouted phrases are not acronyms; a capital and a digit written as a word ("L1") is one more
shape (see :data:`_LETTER_DIGIT`). In-text definitions come from the Schwartz-Hearst finder
(:func:`annotator.text.abbreviations.find_definitions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..glossary.model import Glossary
from ..lint.rules import acronym_uses, lint_visible
from ..text.abbreviations import find_definitions
from ..vocabulary.acronyms import base_acronym, is_mixed_acronym
from .casing import document_casing
from .context import DocumentContext, acronym_mentions
from .known import Known
from .variants import VariantIndex
from .words import chunks, excerpt, fold_term, is_stopword, is_whole_line, linked, ngrams, words

#: Most n-grams kept per document (the most frequent first): a hostile or huge document
#: cannot flood the counters.
MAX_KEYS_PER_DOCUMENT = 5000
#: Longest term candidate, in words.
MAX_TERM_WORDS = 4
#: Longest glossary name looked for inside a candidate's chunk, in words.
MAX_KNOWN_WORDS = 6
#: Longest glossary name tried as a variant, in words.
MAX_VARIANT_WORDS = 3
#: Articles and object pronouns: what follows a verb ("submit a", "send them") and, with
#: nothing between, hardly ever a noun. Subject pronouns ("the agent you assigned") and
#: "that" are left out: they follow nouns too.
OBJECT_WORDS = frozenset("a an the them him us me your my our their its this these those".split())
#: A word, one space, then an :data:`OBJECT_WORDS` word (one regex pass: cheaper than
#: walking every word in Python).
_BEFORE_OBJECT = re.compile(
    r"(?<![\w'\u2019-])([^\W\d_]+(?:[-'\u2019][^\W\d_]+)*) (?=(?:%s)(?![\w'\u2019-]))"
    % "|".join(sorted(OBJECT_WORDS, key=len, reverse=True)), re.IGNORECASE)
#: One capital and one digit written as a word of its own ("L1", "L2s", "the L1/L2 queue"):
#: tier, level and line codes. The linter's rule wants two letters (an author is not asked to
#: define "A1"), but across an archive such a code used as a word is jargon a glossary may
#: lack; the document spread and ``--min-documents`` weigh it like any other acronym. Not a
#: piece of a version, identifier, path or number ("v1.2", "L1_cache", "1A2", "A1.5", "L1-2").
_LETTER_DIGIT = re.compile(
    r"(?<![\w@#\\.&$%'\u2019-])([A-Z][0-9])(?:s|['\u2019]s)?(?![\w@\\&]|[.,:-][0-9])")

#: A word of letters and digits with a capital after its first character, which may be a
#: mixed-case acronym ("VoIP", "QoS", "eNPS"), with a plural or possessive; the same
#: boundaries as :data:`_LETTER_DIGIT`, so a piece of a handle, path, identifier or version is
#: none. Only such words match (not every word: a cheaper scan); :func:`is_mixed_acronym`
#: decides.
_MIXED = re.compile(
    r"(?<![\w@#\\.&$%'\u2019/-])([A-Za-z][a-z0-9&]{0,5}[A-Z][A-Za-z0-9&]{0,6}(?:['\u2019]s)?)"
    r"(?![\w@\\&/]|[.,:-][0-9A-Za-z])")


@dataclass(slots=True)
class Hit:
    """One candidate in one document."""

    surface: str  # as first written here
    count: int
    start: int
    end: int
    excerpt: str
    whole_line: int = 0  # occurrences that filled their line (headings, labels, signatures)
    variant_of: str | None = None
    domain: int = 0  # words of the key that are glossary words (terms; the same everywhere)
    #: content words around its occurrences -> uses (terms: see :mod:`.context`)
    context: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class DocumentCandidates:
    id: str | int
    acronyms: dict[str, Hit] = field(default_factory=dict)
    terms: dict[str, Hit] = field(default_factory=dict)
    variants: dict[str, Hit] = field(default_factory=dict)
    #: acronym -> {long form: count} defined in this document
    long_forms: dict[str, dict[str, int]] = field(default_factory=dict)
    #: word (lower case) -> times it is followed by an object (see :func:`verb_uses`)
    verbs: dict[str, int] = field(default_factory=dict)
    #: content word -> uses next to a glossary mention, and -> uses (see :mod:`.context`)
    seeds: dict[str, int] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    #: content word -> mid-sentence uses written with a capital, and -> uses at a start of a
    #: line or sentence (see :mod:`.casing`)
    capitalised: dict[str, int] = field(default_factory=dict)
    starts: dict[str, int] = field(default_factory=dict)


def _add(table: dict[str, Hit], key: str, surface: str, start: int, end: int, visible: str,
         whole_line: bool) -> Hit:
    hit = table.get(key)
    if hit is None:
        hit = table[key] = Hit(surface, 0, start, end, excerpt(visible, start, end))
    hit.count += 1
    hit.whole_line += whole_line
    return hit


def acronym_hits(text: str, visible: str, glossary: Glossary, known: Known,
                 allow: frozenset[str]) -> tuple[dict[str, Hit], dict[str, dict[str, int]]]:
    """Acronyms the glossary lacks, by base form, and the long forms this text gives them."""
    definitions = find_definitions(visible)
    long_forms: dict[str, dict[str, int]] = {}
    for definition in definitions:
        short = base_acronym(definition["short"])
        if known.has_acronym(short) or short in allow:
            continue
        forms = long_forms.setdefault(short, {})
        forms[definition["long"]] = forms.get(definition["long"], 0) + 1
    uses = acronym_uses(visible, glossary, set(long_forms), allow, text)
    hits: dict[str, Hit] = {}
    for acronym, tokens in uses.items():
        if known.has_acronym(acronym):
            continue
        for token in tokens:
            _add(hits, acronym, acronym, token.start, token.end, visible, False)
    for match in _LETTER_DIGIT.finditer(visible):
        code = match.group(1)
        if known.has_acronym(code) or code in allow or code.casefold() in allow:
            continue
        _add(hits, code, code, match.start(1), match.end(1), visible, False)
    # Mixed case ("VoIP", "QoS"): the linter leaves them to the glossary, but a glossary
    # that lacks one is what discovery is for. Allow entries compare regardless of case, as
    # the linter's do ("SaaS", "iOS" are on the default list).
    allowed = None
    for match in _MIXED.finditer(visible):
        token = match.group(1)
        if token.isupper() or not is_mixed_acronym(token):
            continue
        acronym = base_acronym(token)
        allowed = allowed if allowed is not None else {a.casefold() for a in allow}
        if known.has_acronym(acronym) or acronym.casefold() in allowed:
            continue
        _add(hits, acronym, acronym, match.start(1), match.start(1) + len(acronym), visible,
             False)
    return hits, long_forms


def term_hits(visible: str, known: Known) -> dict[str, Hit]:
    """Stopword-bounded n-grams (2 to :data:`MAX_TERM_WORDS` words) the glossary lacks, each
    with its context words (:mod:`.context`)."""
    return terms_in_context(visible, known)[0]


def terms_in_context(visible: str, known: Known) -> tuple[dict[str, Hit], DocumentContext]:
    """:func:`term_hits`, and the document's context (the seed words around its glossary
    mentions, every content word's uses)."""
    hits: dict[str, Hit] = {}
    mentions: list[tuple[int, int]] = []
    occurrences: list[tuple[str, int, int]] = []
    for run in chunks(visible):
        covered = known_cover(run, visible, known)
        mentions += covered
        for gram in ngrams(run, longest=MAX_TERM_WORDS):
            if any(lo <= gram[0].start and gram[-1].end <= hi for lo, hi in covered):
                continue  # part of a glossary term written here ("Service Level" of SLA's)
            parts = [w.text for w in gram]
            surface = " ".join(visible[gram[0].start : gram[-1].end].split())
            start, end = gram[0].start, gram[-1].end
            key = fold_term(parts)
            hit = _add(hits, key, surface, start, end, visible,
                       is_whole_line(visible, start, end))
            occurrences.append((key, start, end))
            if hit.count == 1:
                hit.domain = known.domain_words(key)
    for gram in linked(visible):
        surface = " ".join(visible[gram[0].start : gram[-1].end].split())
        if known.has_term(surface):
            continue
        start, end = gram[0].start, gram[-1].end
        key = fold_term([w.text for w in gram])
        hit = _add(hits, key, surface, start, end, visible, is_whole_line(visible, start, end))
        occurrences.append((key, start, end))
        if hit.count == 1:
            hit.domain = known.domain_words(key)
    hits = _bounded(hits)
    tokens = list(words(visible))
    context = DocumentContext(tokens, mentions + acronym_mentions(tokens, known.has_acronym))
    for key, start, end in occurrences:
        hit = hits.get(key)
        if hit is not None:
            context.around(start, end, hit.context)
    return hits, context


def known_cover(run: list, visible: str, known: Known) -> list[tuple[int, int]]:
    """Spans of ``run`` where a glossary term or alias is written (any of its spellings)."""
    spans = []
    for gram in ngrams(run, shortest=1, longest=MAX_KNOWN_WORDS):
        surface = " ".join(visible[gram[0].start : gram[-1].end].split())
        if (len(gram) > 1 or "-" in surface) and known.has_term(surface):
            spans.append((gram[0].start, gram[-1].end))
    return spans


def variant_hits(visible: str, index: VariantIndex) -> dict[str, Hit]:
    """Written forms of glossary names the annotator does not match: misspellings
    ("escalaton"), new hyphenations or closed compounds; each with its concept."""
    hits: dict[str, Hit] = {}
    tokens = list(words(visible))
    for i in range(len(tokens)):
        for size in range(1, MAX_VARIANT_WORDS + 1):
            gram = tokens[i : i + size]
            if len(gram) < size:
                break
            if size > 1 and not visible[gram[-2].end : gram[-1].start].isspace():
                break
            start, end = gram[0].start, gram[-1].end
            surface = " ".join(visible[start:end].split())
            found = index.match(surface)
            if found is not None:
                hit = _add(hits, surface.lower(), surface, start, end, visible, False)
                hit.variant_of = found.concept_id
    return _bounded(hits)


def verb_uses(visible: str) -> dict[str, int]:
    """Content words written right before an article or an object pronoun ("submit a
    ticket", "send the email", "categorize them"): evidence the word is a verb, which nouns
    almost never give. Counted here, summed over the archive, so the ranking can tell "submit
    tickets" (a verb and its object) from "ticket priority"."""
    uses: dict[str, int] = {}
    for match in _BEFORE_OBJECT.finditer(visible):
        word = match.group(1)
        if is_stopword(word) or word.isupper():
            continue
        lowered = word.lower()
        uses[lowered] = uses.get(lowered, 0) + 1
    if len(uses) > MAX_KEYS_PER_DOCUMENT:
        uses = dict(sorted(uses.items(), key=lambda kv: -kv[1])[:MAX_KEYS_PER_DOCUMENT])
    return uses


def _most(counts: dict[str, int]) -> dict[str, int]:
    """The :data:`MAX_KEYS_PER_DOCUMENT` highest counts of a per-document word table."""
    if len(counts) <= MAX_KEYS_PER_DOCUMENT:
        return counts
    return dict(sorted(counts.items(), key=lambda kv: -kv[1])[:MAX_KEYS_PER_DOCUMENT])


def _bounded(hits: dict[str, Hit]) -> dict[str, Hit]:
    if len(hits) <= MAX_KEYS_PER_DOCUMENT:
        return hits
    kept = sorted(hits.items(), key=lambda kv: (-kv[1].count, kv[1].start))[:MAX_KEYS_PER_DOCUMENT]
    return dict(kept)


def document_candidates(doc_id: str | int, text: str, format: str, *, glossary: Glossary,
                        known: Known, index: VariantIndex,
                        allow: frozenset[str] = frozenset()) -> DocumentCandidates:
    """Every candidate in one document. ``format`` is a markup format name (text, markdown,
    html, rst): only visible prose counts, and offsets index ``text`` as given."""
    visible = lint_visible(text, format)
    acronyms, long_forms = acronym_hits(text, visible, glossary, known, allow)
    terms, context = terms_in_context(visible, known)
    capitalised, starts = document_casing(visible)
    return DocumentCandidates(
        id=doc_id,
        acronyms=acronyms,
        terms=terms,
        variants=variant_hits(visible, index),
        long_forms=long_forms,
        verbs=verb_uses(visible),
        seeds=_most(context.seeds),
        words=_most(context.words),
        capitalised=_most(capitalised),
        starts=_most(starts),
    )

"""The ``helpdesk_glossary`` spaCy component: glossary terms and acronyms as ``doc.ents``.

Usable from any pipeline with no import (the ``spacy_factories`` entry point):

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> nlp.add_pipe("helpdesk_glossary")            # built-in glossary
    >>> doc = nlp("Our SLA breach rate doubled; AHT is flat.")
    >>> [(e.text, e.label_, e._.term) for e in doc.ents]

What it sets, all plain values (so ``nlp.pipe(n_process=2)`` and ``Doc.to_bytes`` work):

* ``doc.ents``: ``CX_TERM`` (terms and aliases), ``CX_ACRONYM`` (glossary acronyms) and
  ``DOC_ACRONYM`` (an acronym the document itself defines but the glossary does not know: it
  gets a tooltip with the document's expansion, and its own label because nothing says it is
  support jargon - a ``labels`` filter or a CX-only score can leave it out);
* per entity ``span._.term_id``, ``term``, ``definition``, ``is_acronym``, ``category``,
  ``senses`` (chosen first) and ``source`` (file name of the definition, or ``"document"``);
* ``doc._.abbreviations``: the in-text definitions found (``Long Form (LF)`` and
  ``LF (long form)``) as dicts with character offsets;
* ``doc.spans["unknown_acronyms"]``: acronym-shaped words neither the glossary nor the
  document defines; ``doc.spans["nested"]``: acronyms inside a longer term (``SLA`` in
  ``SLA breach``).

Data never lives in the config: the glossary comes from the built-in ``patterns/`` files, the
``glossary_paths`` option (user CSV/JSON/JSONL/TBX files, merged on top), ``initialize()``, or
``from_disk``/``from_bytes`` (``glossary.jsonl`` + ``patterns.jsonl`` in the component's
directory, plus ``matcher.msgpack``: the matcher's tables pre-tokenised, a cache used only
when it fits the patterns file and the tokenizer). Loading is lazy: a pipeline restored with
``spacy.load`` uses the data saved with it and never re-reads the sources it was built from.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, List

import srsly
from spacy.attrs import IDX, LENGTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from ..errors import GlossaryError, PipelineError
from ..glossary.loading import load_glossary
from ..glossary.model import Concept, Glossary
from ..glossary.patterns import (
    ACRONYM_LABEL,
    AMBIGUOUS_PREFIX,
    TERM_LABEL,
    PatternTokenizer,
    generate_patterns,
    patterns_jsonl,
    start_generator_for,
)
from ..text.abbreviations import find_definitions
from ..vocabulary.acronyms import base_acronym, is_acronym, is_shouting
from . import collector
from .matcher import GlossaryMatcher, Match, matcher_from_cache, matcher_to_cache, resolve
from .senses import REASON_EXPANDED, SenseIndex, content_words, document_sense
from .stringindex import StringIndexCompactor
from .warmup import VocabLearner

DOC_ACRONYM_LABEL = "DOC_ACRONYM"
UNKNOWN_LABEL = "UNKNOWN_ACRONYM"
UNKNOWN_KEY = "unknown_acronyms"
NESTED_KEY = "nested"
DOCUMENT_SOURCE = "document"
DOCUMENT_PREFIX = "document:"

#: ``doc.user_data`` key under which a caller may leave the text the doc was made from.
TEXT_HINT = ("helpdesk_glossary", "text")

GLOSSARY_FILE = "glossary.jsonl"
PATTERNS_FILE = "patterns.jsonl"
#: How much glossary text (characters) is tokenized at load to create its lexemes for good
#: (see ``HelpdeskGlossary._prewarm_vocab``): the built-in glossary's ~100,000, in ~0.05 s.
PREWARM_CHARS = 250_000
#: The matcher's tables, pre-tokenised (a cache: ignored when it does not fit the patterns).
MATCHER_CACHE_FILE = "matcher.msgpack"
#: Pattern lines written at a time by ``to_disk``.
SAVE_CHUNK_LINES = 4096

_JSON = json.JSONDecoder()
# set_data()'s default: keep the patterns given, rendered as JSONL.
_KEEP = object()

DEFAULT_LABELS = tuple(sorted((ACRONYM_LABEL, DOC_ACRONYM_LABEL, TERM_LABEL)))

SPAN_EXTENSIONS = ("term_id", "term", "definition", "is_acronym", "category", "senses", "source")
DOC_EXTENSIONS = ("abbreviations",)

# A whitespace-delimited chunk that is a URL, e-mail, handle, path or identifier: glossary
# words inside it (``/cs/``, ``@CS_team``, ``ticket_id``) are not prose.
_CODE_LIKE = re.compile(
    r"://|www\.|@|_|\\|`|/\S*/|^/|\.\w+/"
    # a bare domain; not "SLA.Please", a sentence with its space missing
    r"|\w\.(?:com|org|net|io|co|gov|edu|dev|app|info|biz|ai)\b"
)
# Characters that end an agent's signature prefix: "Thanks! ^CS", "- CS", "~JD".
_SIGNATURE_MARKS = "^~*-\u2013\u2014"
# What may follow a signature on its line.
_SIGNATURE_TAIL = re.compile(r"[ \t.!)]*+(?:\n|\Z)")
# Candidates for unknown acronyms: words with two or more capitals (checked properly later).
_CAPS_WORD = re.compile(r"(?<![\w@#/\\.&-])[A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*(?![\w@/\\-])")
_SENTENCE_END = re.compile(r"[.!?\n]")
_WORDS = re.compile(r"[A-Za-z0-9&'\u2019]+")
_BOUNDARY_CHARS = frozenset(" \t\n\r,;:!?()[]\"'\u2018\u2019\u201c\u201d")


#: Where a span's extension values live: ``doc.user_data[(SPAN_VALUES_KEY, start_char,
#: end_char)]`` is one dict of all of them, in ``SPAN_EXTENSIONS`` order. The component stores
#: one dict per concept written one way and shares it between that concept's spans, so it is
#: never changed in place: a setter stores a changed copy for its own span.
SPAN_VALUES_KEY = "helpdesk_annotator.span"
#: What a span the component did not annotate reads (every value None).
NO_VALUES = dict.fromkeys(SPAN_EXTENSIONS)


def span_values(doc: Doc, start_char: int, end_char: int) -> dict:
    """The extension values of the span at those character offsets (all None if it has none)."""
    return doc.user_data.get((SPAN_VALUES_KEY, start_char, end_char)) or NO_VALUES


def _span_getter(name: str) -> Callable[[Span], Any]:
    def get(span: Span) -> Any:
        value = span_values(span.doc, span.start_char, span.end_char)[name]
        # A list of the caller's own: the stored one is shared by other spans (and documents).
        return list(value) if type(value) is list else value

    return get


def _span_setter(name: str) -> Callable[[Span, Any], None]:
    def set_(span: Span, value: Any) -> None:
        key = (SPAN_VALUES_KEY, span.start_char, span.end_char)
        values = dict(span.doc.user_data.get(key) or NO_VALUES)
        values[name] = value
        span.doc.user_data[key] = values

    return set_


def register_extensions() -> None:
    """Register the extension attributes (plain values, None unless set); idempotent.

    A span's values are one dict in ``doc.user_data`` (see :data:`SPAN_VALUES_KEY`) rather
    than spaCy's one entry per attribute: the component writes one entry per span instead of
    seven, and the export reads one. ``span._.name`` reads and assigns as usual; a
    list read from it is a copy, so change it by assigning it back.
    """
    for name in SPAN_EXTENSIONS:
        Span.set_extension(name, getter=_span_getter(name), setter=_span_setter(name), force=True)
    for name in DOC_EXTENSIONS:
        Doc.set_extension(name, default=None, force=True)


@Language.factory(
    "helpdesk_glossary",
    default_config={"glossary_paths": [], "builtin": True, "overwrite_ents": False, "precision_rules": True},
    assigns=["doc.ents", "doc.spans", "span._.term_id", "span._.definition", "doc._.abbreviations"],
)
def make_helpdesk_glossary(
    nlp: Language,
    name: str,
    glossary_paths: List[str],
    builtin: bool,
    overwrite_ents: bool,
    precision_rules: bool,
) -> HelpdeskGlossary:
    """Glossary terms and acronyms -> entities with definitions (see the module docstring)."""
    return HelpdeskGlossary(
        nlp,
        name,
        glossary_paths=glossary_paths,
        builtin=builtin,
        overwrite_ents=overwrite_ents,
        precision_rules=precision_rules,
    )


# --- pure helpers -------------------------------------------------------------------------------


def read_patterns(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as handle:
        return list(iter_patterns(handle, str(path)))


def iter_patterns(lines: Iterable[str | bytes], path: str) -> Iterator[dict]:
    """Pattern dicts from JSONL lines, one at a time (blank lines skipped; E302 names the line)."""
    decode = _JSON.decode  # json.loads minus its per-call checks: ~740,000 lines at 100k concepts
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield decode(line.decode("utf-8") if isinstance(line, bytes) else line)
        except ValueError as exc:
            raise PipelineError("E302", line=lineno, path=path, detail=str(exc)) from exc


def prewarm_texts(glossary: Glossary, limit: int) -> Iterator[str]:
    """Stop words (as written, capitalised and upper case), then the glossary's text in
    glossary order, until ``limit`` characters of the glossary's text have been given."""
    words = sorted(STOP_WORDS)
    yield " ".join(words)
    yield " ".join(w.capitalize() for w in words)
    yield " ".join(w.upper() for w in words)
    budget = limit
    for concept in glossary:
        for text in (concept.term, *concept.aliases, *concept.acronyms, *(d.text for d in concept.definitions)):
            if budget <= 0:
                return
            text = text[:budget]
            budget -= len(text)
            yield text


def doc_text(doc: Doc) -> str:
    """``doc.text``, from the :data:`TEXT_HINT` the caller left when it has the text already.

    spaCy rebuilds ``doc.text`` from every token on each access (about 5% of a short
    ticket's time in the service); ``annotate()`` made the doc from a string it still holds.
    The hint is taken out of ``user_data`` (it is not the doc's data) and used only when its
    length is the doc's.
    """
    hint = doc.user_data.pop(TEXT_HINT, None)
    if isinstance(hint, str) and len(doc) and len(hint) == doc[-1].idx + len(doc[-1].text_with_ws):
        return hint
    return doc.text


def chunk_around(text: str, start: int, end: int, limit: int = 200) -> str:
    """The whitespace-delimited chunk holding ``text[start:end]`` (bounded both ways)."""
    lo = start
    while lo > 0 and start - lo < limit and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < limit and not text[hi].isspace():
        hi += 1
    return text[lo:hi]


def words_around(text: str, start: int, end: int, reach: int = 3) -> list[str]:
    """``text[start:end]`` with up to ``reach`` words either side, within its sentence.

    A window rather than the whole line: a tweet often shouts one clause and not the next.
    """
    left = _SENTENCE_END.split(text[max(0, start - 80) : start])[-1]
    right = _SENTENCE_END.split(text[end : end + 80])[0]
    return [*_WORDS.findall(left)[-reach:], text[start:end], *_WORDS.findall(right)[:reach]]


def in_code_like_chunk(text: str, start: int, end: int) -> bool:
    """True when the words at ``start:end`` sit inside a URL, e-mail, handle or identifier."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    # Fast path: plain prose boundaries on both sides.
    if before in _BOUNDARY_CHARS and (after in _BOUNDARY_CHARS or after == "."):
        if after != "." or end + 1 >= len(text) or not text[end + 1].isalnum():
            return False
    chunk = chunk_around(text, start, end)
    return bool(_CODE_LIKE.search(chunk))


def is_signature(text: str, start: int, end: int) -> bool:
    """Agent initials at the end of a message: ``... thanks! ^CS`` / ``- CS`` (not the acronym)."""
    if end - start > 3:
        return False
    # Only closing punctuation up to the line end. Matched in place, never by slicing the
    # rest of the text or searching for the next line break: a megabyte of "SLA SLA ..." on
    # one line would pay for the whole tail at every acronym.
    if _SIGNATURE_TAIL.match(text, end) is None:
        return False
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    return before > 0 and text[before - 1] in _SIGNATURE_MARKS


def shouted(doc: Doc, match: Match, known: set[str]) -> bool:
    """The acronym spells an ordinary word and the text around it is all caps (``FIX IT NOW``)."""
    neighbours = []
    for i in (match.start - 1, match.end):
        if 0 <= i < len(doc) and doc[i].is_alpha:
            neighbours.append(doc[i].text)
    return bool(neighbours) and all(
        w.isupper() and len(w) > 1 and w not in known for w in neighbours
    )


def drop_uncorroborated(accepted: list[Match], taken: bytearray) -> list[Match]:
    """Drop one-word terms when their concept is the only glossary concept in the document.

    A single ordinary word ("ticket", "queue", "agent") is support jargon only in support
    context; alone in a short message ("your ticket number" from an airline) it usually is not.
    Any other glossary concept in the same document is taken as that context. Freed tokens
    are released in ``taken`` so later stages may use them.
    """
    if not accepted or len({m.id for m in accepted}) > 1:
        return accepted
    kept = []
    for match in accepted:
        if match.label == TERM_LABEL and not match.is_token_pattern and match.end - match.start == 1:
            taken[match.start : match.end] = b"\x00" * (match.end - match.start)
        else:
            kept.append(match)
    return kept


# --- the component ----------------------------------------------------------------------------


class HelpdeskGlossary:
    """Match glossary patterns and attach definitions; see the module docstring."""

    def __init__(
        self,
        nlp: Language,
        name: str = "helpdesk_glossary",
        *,
        glossary_paths: Iterable[str] = (),
        builtin: bool = True,
        overwrite_ents: bool = False,
        precision_rules: bool = True,
    ) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.glossary_paths = [str(p) for p in glossary_paths]
        self.builtin = builtin
        self.overwrite = overwrite_ents
        self.precision_rules = precision_rules
        self.glossary: Glossary | None = None
        self._patterns_text: bytes | None = None
        self._info: dict | None = None
        self._load_lock = threading.Lock()
        self.vocab_learner = self._new_learner()
        self.string_index = self._new_compactor()

    def __getstate__(self) -> dict:
        # Picklable for multiprocessing with "spawn" (a lock is not; a fresh one is made, and
        # what the learner learned is this process's vocab, so the copy starts afresh).
        state = dict(self.__dict__)
        del state["_load_lock"], state["vocab_learner"], state["string_index"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._load_lock = threading.Lock()
        self.vocab_learner = self._new_learner()
        self.string_index = self._new_compactor()

    def _new_learner(self) -> VocabLearner:
        # Through self.nlp each time: a pipeline's tokenizer may be replaced after this.
        return VocabLearner(lambda text: self.nlp.tokenizer(text), self._in_memory_zone)

    def _new_compactor(self) -> StringIndexCompactor:
        return StringIndexCompactor(lambda: self.nlp.vocab.strings, self._in_memory_zone)

    def _in_memory_zone(self) -> bool:
        """Is a memory zone open? Lexemes made inside one are freed when it closes."""
        return getattr(self.nlp.vocab, "in_memory_zone", False)

    def learn_vocab(self, text: str) -> int:
        """Vocab upkeep after one document, outside the memory zone it was annotated in: keep
        the lexemes of its recurring words for good (:mod:`~annotator.pipeline.warmup`) and keep
        spaCy's string index from filling with the zone's deleted strings
        (:mod:`~annotator.pipeline.stringindex`). Returns how many chunks were learned."""
        learned = self.vocab_learner.observe(text)
        self.string_index.tick()
        return learned

    # --- data ------------------------------------------------------------------------------

    @property
    def is_loaded(self) -> bool:
        return self.glossary is not None

    def ensure_loaded(self) -> None:
        """Load the configured glossary now (it is otherwise loaded on first use)."""
        if self.glossary is None:
            # Threaded servers may make their first calls at once: load exactly once.
            with self._load_lock:
                if self.glossary is None:
                    with collector.loading():
                        self._load_configured()

    def _load_configured(self) -> None:
        """Built-in data (unless ``builtin`` is false) plus the configured user glossaries."""
        from ..resources import builtin_glossary_path, builtin_patterns_path

        # A big user glossary's patterns are generated in a forked child (glossary.forked),
        # forked now, before the files are read: the parent's reading and collecting then
        # overlap its start-up, and no page the child shares is written while it runs.
        worker = start_generator_for(self.glossary_paths) if self.glossary_paths else None
        glossary = Glossary()
        if self.builtin:
            glossary_path = builtin_glossary_path()
            if not glossary_path.exists():
                raise PipelineError("E301")
            glossary = Glossary.load(glossary_path)
        if self.glossary_paths:
            glossary = load_glossary(self.glossary_paths, base=glossary.concepts)
        elif self.builtin and builtin_patterns_path().exists():
            path = builtin_patterns_path()
            data = path.read_bytes()
            self.set_data(glossary, iter_patterns(io.BytesIO(data), str(path)), saved_as=data)
            return
        self.set_data(glossary, generate_patterns(glossary, worker=worker), saved_as=None)

    def set_data(
        self,
        glossary: Glossary,
        patterns: Iterable[dict],
        *,
        saved_as: bytes | None | object = _KEEP,
        matcher: GlossaryMatcher | None = None,
    ) -> None:
        """Install a glossary and its patterns (every pattern id must resolve).

        ``patterns`` is read once and not kept: a 100,000-concept glossary has ~740,000 of
        them, and as dicts they would outweigh everything else. What ``to_disk`` writes back is
        ``saved_as``: the JSONL text they were read from, or None when they are exactly
        ``generate_patterns(glossary)`` (then they are generated again on saving). Without it,
        the patterns are rendered as JSONL now. (UTF-8 bytes, not ``str``: one non-ASCII
        character anywhere would make a ``str`` of the whole file take 2-4 bytes per character.)

        ``matcher``, when given, is the matcher already built from exactly these patterns (read
        from the cache ``to_disk`` writes): ``patterns`` is then not read, only its ids checked.
        """
        if saved_as is _KEEP:
            patterns = list(patterns)
            saved_as = patterns_jsonl(patterns).encode("utf-8")
        groups: dict[str, list[Concept]] = {
            f"{AMBIGUOUS_PREFIX}{acr}": concepts for acr, concepts in glossary.by_acronym.items()
        }
        by_id = glossary.by_id

        def check_id(pid: str, line: int) -> None:
            if pid not in by_id and pid not in groups:
                raise PipelineError("E302", line=line, path=PATTERNS_FILE, detail=f"id {pid!r} is not in the glossary")

        if matcher is None:
            matcher = GlossaryMatcher(
                # The matcher caches each chunk's hashes itself.
                self.nlp.vocab, PatternTokenizer(self.nlp.tokenizer, cache=False), patterns, check_id=check_id
            )
        else:
            for pid in sorted(matcher.ids):
                check_id(pid, 0)
        # Labels and ids must outlive any memory zone (lazy loading may happen inside one,
        # e.g. on the first annotate() call), so they are added as permanent strings.
        strings = self.nlp.vocab.strings
        for label in (TERM_LABEL, ACRONYM_LABEL, DOC_ACRONYM_LABEL, UNKNOWN_LABEL):
            strings.add(label, allow_transient=False)
        for pid in {*by_id, *groups, *matcher.labels}:
            strings.add(pid, allow_transient=False)
        # Every spelling an acronym pattern can match, and the acronym it stands for.
        acronym_of: dict[str, str] = {}
        for acronym in glossary.by_acronym:
            for form in (acronym, acronym + "s"):
                acronym_of.setdefault(form, acronym)
        self._labels = tuple(sorted(matcher.labels | {DOC_ACRONYM_LABEL}))
        self._patterns_text, self.matcher = saved_as, matcher
        self._groups, self._senses = groups, SenseIndex(glossary)
        self._acronym_of = acronym_of
        self._known_caps = set(matcher.token_words) | set(acronym_of)
        self._info = None
        # Span values that depend on the concept alone (see _SpanWriter), shared by every
        # document; at most one entry per pattern target.
        self._shared_values: dict[tuple, tuple] = {}
        self._prewarm_vocab(glossary)
        self.glossary = glossary  # last: a non-None glossary means everything above is ready

    def _prewarm_vocab(self, glossary: Glossary) -> None:
        """Create, once and for good, the lexemes support text is likely to use.

        Inside ``nlp.memory_zone()`` (as ``annotate()`` and the service run every request)
        every lexeme a text creates is freed again at the end, so each request would pay for
        creating "customer", "the" and "escalated" from scratch: most of ``annotate()``'s time
        beyond the tokenizer's. Tokenizing the glossary's own words (terms, aliases, acronyms,
        definitions) and spaCy's stop words here, outside any zone, keeps them: a fixed set,
        bounded by :data:`PREWARM_CHARS`, so memory stays flat however many requests come.
        Skipped when loading happens inside a zone (it would all be freed at its end).
        """
        if self._in_memory_zone():
            return
        for text in prewarm_texts(glossary, PREWARM_CHARS):
            self.nlp.tokenizer(text)

    @property
    def patterns(self) -> list[dict]:
        """The EntityRuler patterns in use (parsed again on each access: they are not kept)."""
        self.ensure_loaded()
        if self._patterns_text is None:
            return list(generate_patterns(self.glossary))
        return list(iter_patterns(io.BytesIO(self._patterns_text), PATTERNS_FILE))

    def initialize(
        self,
        get_examples: Callable | None = None,
        *,
        nlp: Language | None = None,
        glossary_paths: Iterable[str] | None = None,
    ) -> None:
        """(Re)load the glossary: built-in data plus ``glossary_paths`` (or the configured ones)."""
        if glossary_paths is not None:
            self.glossary_paths = [str(p) for p in glossary_paths]
        with collector.loading():
            self._load_configured()

    @property
    def glossary_info(self) -> dict:
        self.ensure_loaded()
        if self._info is None:
            self._info = {"version": self.glossary.version, "concepts": len(self.glossary)}
        return self._info

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity labels this component sets.

        Before the data is loaded, the labels every glossary's patterns use: spaCy reads
        ``labels`` (through ``nlp.meta``) while restoring a saved pipeline, before
        ``from_disk`` has run, and loading the configured sources at that point would be
        thrown away a moment later (it doubled ``spacy.load`` time and peak memory).
        """
        if self.glossary is None:
            return DEFAULT_LABELS
        return self._labels

    def __len__(self) -> int:
        """The number of patterns."""
        self.ensure_loaded()
        return self.matcher.n_patterns

    # --- matching --------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_loaded()
        with collector.paused():
            return self._annotate(doc)

    def _annotate(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        candidates = self.matcher.candidates(doc)
        bounds = _TokenBounds(doc)
        if candidates and self.precision_rules:
            candidates = [m for m in candidates if self._plausible(doc, text, m, bounds)]
        existing = list(doc.ents)
        taken = bytearray(len(doc))
        if existing and not self.overwrite:
            for ent in existing:
                taken[ent.start : ent.end] = b"\x01" * len(ent)
        accepted, nested = resolve(candidates, len(doc), taken)
        if self.precision_rules:
            accepted = drop_uncorroborated(accepted, taken)

        abbreviations = find_definitions(text, or_form=False) if "(" in text else []
        doc._.abbreviations = abbreviations
        # Each short form's distinct long forms, first written first: a document repeating
        # "Service Level Agreement (SLA)" a thousand times has one expansion, not a thousand.
        expansions: dict[str, tuple[str, ...]] = {}
        if abbreviations:
            distinct: dict[str, dict[str, None]] = {}
            for abbr in abbreviations:
                distinct.setdefault(abbr["short"], {})[abbr["long"]] = None
            expansions = {short: tuple(longs) for short, longs in distinct.items()}
            accepted = sorted(accepted + self._document_acronyms(doc, text, expansions, taken), key=lambda m: m.start)

        annotate = _SpanWriter(self, doc, text, bounds, expansions)
        spans = [annotate(m) for m in accepted]
        if existing:
            if self.overwrite:
                existing = [e for e in existing if not any(taken[e.start : e.end])]
            spans = sorted(existing + spans, key=lambda s: s.start)
        # What ``doc.ents = spans`` does, minus re-creating every span first.
        doc.set_ents(spans, default="outside")
        doc.spans[NESTED_KEY] = [annotate(m) for m in nested]
        doc.spans[UNKNOWN_KEY] = self._unknown_acronyms(doc, text, taken, expansions)
        return doc

    def _plausible(self, doc: Doc, text: str, match: Match, bounds: _TokenBounds) -> bool:
        start, end = bounds.chars(match.start, match.end)
        if in_code_like_chunk(text, start, end):
            return False
        if match.is_token_pattern:
            if is_signature(text, start, end):
                return False
            word = text[start : bounds.end(match.start)]
            if word.lower() in STOP_WORDS and shouted(doc, match, self._known_caps):
                return False
        return True

    def _document_acronyms(
        self, doc: Doc, text: str, expansions: dict[str, tuple[str, ...]], taken: bytearray
    ) -> list[Match]:
        """Mentions of acronyms the document defines and the glossary does not know."""
        shorts = {short for short in expansions if short not in self._acronym_of}
        found = []
        if not shorts:
            return found
        # One pass over the capitalized words (short forms have two capitals or more), so a
        # document defining thousands of acronyms stays linear.
        for hit in _CAPS_WORD.finditer(text):
            word = hit.group()
            short = word if word in shorts else word[:-1] if word[-1] == "s" and word[:-1] in shorts else None
            if short is None:
                continue
            span = doc.char_span(hit.start(), hit.end())
            if span is None or any(taken[span.start : span.end]):
                continue
            if in_code_like_chunk(text, hit.start(), hit.end()):
                continue
            taken[span.start : span.end] = b"\x01" * len(span)
            found.append(Match(span.start, span.end, DOC_ACRONYM_LABEL, DOCUMENT_PREFIX + short, True))
        return found

    def payload(self, match: Match, acronym: str | None, expansions: dict[str, tuple[str, ...]], context: dict) -> dict:
        """The extension values for ``match`` (acronym ``acronym``) in one document.

        The same for every mention of a concept written the same way in a document, so
        :class:`_SpanWriter` computes it once per document and reuses it.
        """
        if match.label == DOC_ACRONYM_LABEL:
            short = match.id[len(DOCUMENT_PREFIX) :]
            sense = document_sense(short, expansions[short][0])
            return {
                "term_id": None, "term": sense["term"], "definition": sense["definition"],
                "is_acronym": True, "category": None, "source": DOCUMENT_SOURCE, "senses": [sense],
            }  # fmt: skip
        if match.id.startswith(AMBIGUOUS_PREFIX):
            candidates = self._groups[match.id]
        else:
            candidates = [self.glossary.by_id[match.id]] if match.id else []
        if not candidates:  # a pattern without id: a bare label, nothing to explain
            return {"is_acronym": match.is_token_pattern}
        written = expansions.get(acronym, ()) if acronym else ()
        if len(candidates) == 1 and not written:
            senses = self._senses.single(candidates[0])
        else:
            if "words" not in context and len(candidates) > 1:
                context["words"] = content_words(context["text"])
            senses = self._senses.choose(candidates, expansions=written, doc_words=context.get("words"))
            if written and senses[0]["reason"] != REASON_EXPANDED:
                # The document spells this acronym out as something the glossary does not
                # list: the writer's meaning wins, the glossary's senses follow.
                senses = [document_sense(acronym, written[0]), *senses]
        chosen = senses[0]
        concept = self.glossary.by_id.get(chosen["term_id"]) if chosen["term_id"] else None
        return {
            "term_id": chosen["term_id"],
            "term": chosen["term"],
            "definition": chosen["definition"],
            "is_acronym": match.is_token_pattern or match.label == ACRONYM_LABEL,
            "category": concept.category if concept else None,
            "source": concept.source if concept else DOCUMENT_SOURCE,
            "senses": senses,
        }

    def _unknown_acronyms(
        self, doc: Doc, text: str, taken: bytearray, expansions: dict[str, tuple[str, ...]]
    ) -> list[Span]:
        spans = []
        for hit in _CAPS_WORD.finditer(text):
            word = hit.group()
            if word in self._known_caps or word in expansions or not is_acronym(word):
                continue
            base = base_acronym(word)
            if base in self._acronym_of or base in expansions:
                continue
            span = doc.char_span(hit.start(), hit.end(), label=UNKNOWN_LABEL)
            if span is None or any(taken[span.start : span.end]):
                continue
            if in_code_like_chunk(text, hit.start(), hit.end()) or is_signature(text, hit.start(), hit.end()):
                continue
            if is_shouting(words_around(text, hit.start(), hit.end())):
                continue  # in "WE CANT GET TO THE CLOUD" capitals say nothing
            spans.append(span)
        return spans

    # --- serialization ---------------------------------------------------------------------

    def _files(self) -> dict[str, str]:
        self.ensure_loaded()
        patterns = io.BytesIO()
        self._write_patterns(patterns)
        return {GLOSSARY_FILE: self.glossary.to_jsonl(), PATTERNS_FILE: patterns.getvalue().decode("utf-8")}

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.ensure_loaded()
        (path / GLOSSARY_FILE).write_text(self.glossary.to_jsonl(), encoding="utf-8")
        with open(path / PATTERNS_FILE, "wb") as file:
            size, crc = self._write_patterns(file)
        # The matcher's tables, pre-tokenised, next to the patterns they come from: a restored
        # 100,000-concept pipeline then skips parsing and tokenising 740,000 patterns.
        fingerprint = self._cache_fingerprint(size, crc)
        (path / MATCHER_CACHE_FILE).write_bytes(matcher_to_cache(self.matcher, fingerprint))

    def _write_patterns(self, file) -> tuple[int, int]:
        """Write the patterns JSONL to a binary ``file``; returns its size and CRC-32.

        Generated patterns are written as they come, a few thousand lines at a time: a
        100,000-concept glossary's file is ~60 MB, and as one string, its lines and its encoded
        copy it took ~250 MB more while saving.
        """
        if self._patterns_text is not None:
            file.write(self._patterns_text)
            return len(self._patterns_text), zlib.crc32(self._patterns_text)
        # In this process, not a forked generator: the fork's copy-on-write of a loaded
        # pipeline cost more than its speed saves here (100k concepts: peak 535 MB this way,
        # 700 MB forked, for about a second more).
        patterns = iter(generate_patterns(self.glossary, parallel=False))
        size = crc = 0
        while chunk := patterns_jsonl(itertools.islice(patterns, SAVE_CHUNK_LINES)).encode("utf-8"):
            file.write(chunk)
            size, crc = size + len(chunk), zlib.crc32(chunk, crc)
        return size, crc

    def _cache_fingerprint(self, size: int, crc: int) -> str:
        """What a matcher cache was built from: the patterns file (its size and CRC-32) and the
        tokenizer that split them (another pipeline's tokenizer may split a phrase differently)."""
        # Its rules only: its vocab (every string seen so far) says nothing of how it splits.
        tokenizer = zlib.crc32(self.nlp.tokenizer.to_bytes(exclude=["vocab"]))
        return f"{size}:{crc:08x}:{tokenizer:08x}"

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> HelpdeskGlossary:
        path = ensure_path(path)
        glossary_file = path / GLOSSARY_FILE
        if not glossary_file.exists():
            raise PipelineError("E301")
        with collector.loading():
            glossary = Glossary.load(glossary_file)
            patterns_file = path / PATTERNS_FILE
            if patterns_file.exists():
                data = patterns_file.read_bytes()
                cache_file = path / MATCHER_CACHE_FILE
                matcher = None
                if cache_file.exists():
                    matcher = matcher_from_cache(
                        self.nlp.vocab, cache_file.read_bytes(), self._cache_fingerprint(len(data), zlib.crc32(data))
                    )
                try:
                    self.set_data(
                        glossary,
                        iter_patterns(io.BytesIO(data), str(patterns_file)),
                        saved_as=data,
                        matcher=matcher,
                    )
                except PipelineError:
                    if matcher is None:
                        raise
                    # An id the glossary lacks: parse the patterns for the error naming its line.
                    self.set_data(glossary, iter_patterns(io.BytesIO(data), str(patterns_file)), saved_as=data)
            else:
                self.set_data(glossary, generate_patterns(glossary), saved_as=None)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self._files())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> HelpdeskGlossary:
        files = srsly.msgpack_loads(data)
        with collector.loading():
            try:
                concepts = [Concept.from_json(json.loads(line)) for line in files[GLOSSARY_FILE].splitlines() if line.strip()]
                text = files[PATTERNS_FILE]
                patterns = [json.loads(line) for line in text.splitlines() if line.strip()]
            except (KeyError, ValueError, TypeError) as exc:
                raise GlossaryError("E101", path="<bytes>", line=0, detail=str(exc)) from exc
            self.set_data(Glossary(concepts), patterns, saved_as=text.encode("utf-8"))
        return self


class _TokenBounds:
    """Character offsets of a document's tokens, read once as two flat lists (rather than a
    ``Token`` object per lookup) and only when first needed."""

    __slots__ = ("doc", "_starts", "_ends")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None

    def _read(self) -> None:
        array = self.doc.to_array([IDX, LENGTH])
        self._starts = array[:, 0].tolist()
        self._ends = (array[:, 0] + array[:, 1]).tolist()

    def end(self, i: int) -> int:
        if self._ends is None:
            self._read()
        return self._ends[i]

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of the tokens ``start:end``."""
        if self._starts is None:
            self._read()
        return self._starts[start], self._ends[end - 1]


class _SpanWriter:
    """Makes one document's glossary spans and stores their extension values.

    Per-span work is kept to creating the ``Span`` and storing its values: the values for a
    concept written one way are computed once per document (:meth:`HelpdeskGlossary.payload`),
    or once per process when they cannot depend on the document, and that one dict is stored
    for each of its spans (see :data:`SPAN_VALUES_KEY`).
    """

    def __init__(
        self,
        component: HelpdeskGlossary,
        doc: Doc,
        text: str,
        bounds: _TokenBounds,
        expansions: dict[str, tuple[str, ...]],
    ) -> None:
        self.component = component
        self.doc = doc
        self.text = text
        self.bounds = bounds
        self.expansions = expansions
        self.context: dict = {"text": text}
        self.cache: dict[tuple, tuple] = {}
        self.strings = doc.vocab.strings
        self.user_data = doc.user_data

    def _values(self, match: Match, acronym: str | None) -> tuple:
        values = self.component.payload(match, acronym, self.expansions, self.context)
        stored = {name: values.get(name) for name in SPAN_EXTENSIONS}
        # Hashes, so Span() need not look the strings up for every span (labels and glossary
        # ids are permanent strings, see set_data).
        label, span_id = self.strings.add(match.label), self.strings.add(match.id)
        return (label, span_id, stored)

    def __call__(self, match: Match) -> Span:
        start_char, end_char = self.bounds.chars(match.start, match.end)
        acronym = None
        if match.is_token_pattern and match.label != DOC_ACRONYM_LABEL:
            if match.id.startswith(AMBIGUOUS_PREFIX):
                acronym = match.id[len(AMBIGUOUS_PREFIX) :]
            else:
                word = self.text[start_char : self.bounds.end(match.start)]
                acronym = self.component._acronym_of.get(word)
        key = (match.label, match.id, match.is_token_pattern, acronym)
        cached = self.cache.get(key)
        if cached is None:
            # An unambiguous glossary concept whose acronym the document does not spell out
            # gets the same values in every document: computed once per process, not once per
            # document (most of the component's time on short tickets before).
            shared = (
                match.label != DOC_ACRONYM_LABEL
                and not match.id.startswith(AMBIGUOUS_PREFIX)
                and not (acronym and acronym in self.expansions)
            )
            if shared:
                cached = self.component._shared_values.get(key)
            if cached is None:
                cached = self._values(match, acronym)
                if shared:
                    self.component._shared_values[key] = cached
            self.cache[key] = cached
        label, span_id, stored = cached
        self.user_data[(SPAN_VALUES_KEY, start_char, end_char)] = stored
        return Span(self.doc, match.start, match.end, label=label, span_id=span_id)

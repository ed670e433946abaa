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
  ``senses`` (chosen first), ``source`` (file name of the definition, or ``"document"``),
  ``familiarity`` (``everyday`` or ``jargon``, see ``Concept.familiarity_level``), ``match``
  (how it matched, see ``spanvalues.MATCH_KINDS``) and ``did_you_mean`` (:mod:`.fuzzy`);
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

Precision heuristics are a configurable list of registered rules (``precision_rules``, with
thresholds in ``precision_settings``; see
:mod:`.precision`). Where the rest lives: span-value storage in :mod:`.spanvalues`, saving and
restoring in :mod:`.serialize`, making the spans in :mod:`.spanwriter`, acronyms no pattern lists
in :mod:`.unlisted`, loading the configured
sources in :mod:`.loading`, the names it
writes under in :mod:`.names`, and the speed and memory machinery in :mod:`annotator.runtime`.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable
from functools import partial
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Dict, List, Union

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import PipelineError
from ..glossary.compile import ACRONYM_LABEL, AMBIGUOUS_PREFIX, TERM_LABEL, patterns_jsonl, records_from_dicts
from ..glossary.model import Concept, Glossary
from ..glossary.tokens import PatternTokenizer
from ..runtime import budget, collector
from ..runtime.generation import as_records, generate_patterns
from ..runtime.stringindex import StringIndexCompactor
from ..runtime.upkeep import VocabUpkeep
from ..runtime.warmup import VocabLearner
from . import serialize
from .coordination import PhraseLookup, coordination_matches, mark_coordinated
from .loading import load_configured, prewarm_vocab
from .matcher import COLUMNS, GlossaryMatcher, Match, unglued
from .resolution import resolve
from .names import (
    AGENT_TURNS_KEY,
    SOURCE_TEXT_KEY,
    TRANSCRIPT_KEY,
    COMPONENT_NAME,
    DEFAULT_LABELS,
    DOC_ACRONYM_LABEL,
    DOCUMENT_PREFIX,
    DOCUMENT_SOURCE,
    NESTED_KEY,
    TEXT_HINT,
    UNKNOWN_KEY,
    UNKNOWN_LABEL,
)
from .lexicon import GlossaryLexicon, build_lexicon
from .precision import DEFAULT_PRECISION_RULES, resolve_rules, rule_names
from .rulecontext import PrecisionSettings, RuleContext, rule_context
from .screens import Screen, doubtful
from .fuzzy import FUZZY_KEY, MAX_FUZZY_CONCEPTS, FuzzyIndex, mark_fuzzy
from .sense_context import DocumentContext
from .senses import REASON_EXPANDED, SenseIndex, document_sense
from .spoken import SEGMENTS_KEY, SpokenIndex, mark_spoken
from .serialize import MATCHER_CACHE_FILE, PATTERNS_FILE, iter_patterns
from .spanvalues import SPAN_EXTENSIONS, register_extensions
from .spanwriter import SpanWriter, TokenBounds, write_entities
from .unlisted import document_acronyms, unknown_acronyms

__all__ = [
    "COMPONENT_NAME", "DEFAULT_LABELS", "DOC_ACRONYM_LABEL", "HelpdeskGlossary", "MATCHER_CACHE_FILE",
    "NESTED_KEY", "SPAN_EXTENSIONS", "TEXT_HINT", "UNKNOWN_KEY", "UNKNOWN_LABEL", "doc_text",
    "make_helpdesk_glossary",
]  # fmt: skip

# set_data()'s default: keep the patterns given, rendered as JSONL.
_KEEP = object()
#: The token columns the component reads of a document, in one call: the matchers'
#: (``COLUMNS``), then each token's ``IDX`` and ``LENGTH`` (:class:`~.spanwriter.TokenBounds`).
READ_COLUMNS = [*COLUMNS, IDX, LENGTH]


@Language.factory(
    COMPONENT_NAME,
    default_config={
        "glossary_paths": [],
        "builtin": True,
        "overwrite_ents": False,
        "precision_rules": list(DEFAULT_PRECISION_RULES),
        "precision_settings": {},
        "fuzzy": True,
    },
    assigns=["doc.ents", "doc.spans", "span._.term_id", "span._.definition", "doc._.abbreviations"],
)
def make_helpdesk_glossary(
    nlp: Language,
    name: str,
    glossary_paths: List[str],
    builtin: bool,
    overwrite_ents: bool,
    precision_rules: Union[bool, List[str]],
    precision_settings: Dict[str, float],
    fuzzy: bool,
) -> HelpdeskGlossary:
    """Glossary terms and acronyms -> entities with definitions (see the module docstring).

    ``precision_rules``: the registered names of the precision rules to run
    (:mod:`annotator.pipeline.precision`), by default all of them; ``true``/``false`` (the
    setting's older form) mean all or none. ``precision_settings``: thresholds of those rules
    by name (:class:`~annotator.pipeline.rulecontext.PrecisionSettings`), over the defaults.
    ``fuzzy``: match misspelled terms and acronyms (:mod:`annotator.pipeline.fuzzy`) unless a
    doc says otherwise."""
    return HelpdeskGlossary(
        nlp,
        name,
        glossary_paths=glossary_paths,
        builtin=builtin,
        overwrite_ents=overwrite_ents,
        precision_rules=precision_rules,
        precision_settings=precision_settings,
        fuzzy=fuzzy,
    )


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


class HelpdeskGlossary:
    """Match glossary patterns and attach definitions; see the module docstring."""

    #: The lexical attributes (``spacy.attrs`` ids) this component reads from tokens: the
    #: matcher's columns (``LOWER``, ``IS_SPACE``; ``ORTH`` is no computed attribute). An
    #: annotation session whose pipeline reads no others has spaCy compute only these for the
    #: words it sees for the first time (:mod:`annotator.runtime.lexattrs`); the rules that
    #: need another test on a few tokens run spaCy's function on the token's text. A test
    #: reads the package's source for any other read.
    lexical_attrs = frozenset(COLUMNS)

    def __init__(
        self,
        nlp: Language,
        name: str = COMPONENT_NAME,
        *,
        glossary_paths: Iterable[str] = (),
        builtin: bool = True,
        overwrite_ents: bool = False,
        precision_rules: bool | Iterable[str] = True,
        precision_settings: dict | None = None,
        fuzzy: bool = True,
    ) -> None:
        register_extensions()
        self.fuzzy = fuzzy
        self._fuzzy: FuzzyIndex | None = None
        self.nlp = nlp
        self.name = name
        self.glossary_paths = [str(p) for p in glossary_paths]
        self.builtin = builtin
        self.overwrite = overwrite_ents
        self.precision_rules = rule_names(precision_rules)
        self._candidate_rules, self._accepted_rules, self._acronym_rules = resolve_rules(self.precision_rules)
        # The candidate-stage rules to ask about a candidate, by whether it is a token pattern.
        self._rules_for = {token: tuple(rule.run for rule in self._candidate_rules
                                        if rule.scope != ("phrase" if token else "token")) for token in (True, False)}
        self._screens = tuple(Screen(rule.scope, rule.screen) for rule in self._candidate_rules)
        # The accepted-stage rules with their triggers; whether any reads the word set.
        self._accepted = tuple((rule.run, rule.trigger_words, rule.trigger_chars) for rule in self._accepted_rules)
        self._triggered_by_words = any(rule.trigger_words is not None for rule in self._accepted_rules)
        self.precision_settings = PrecisionSettings.from_config(precision_settings)
        self._lexicon: GlossaryLexicon | None = None
        self.glossary: Glossary | None = None
        self._patterns_text: bytes | None = None
        self._info: dict | None = None
        self._load_lock = threading.Lock()
        # The pipeline, read through a C-level callable (asked after every document).
        self.upkeep = VocabUpkeep(partial(getattr, self, "nlp"))

    def __getstate__(self) -> dict:
        # Picklable for multiprocessing with "spawn" (a lock is not; a fresh one is made, and
        # what the learner learned is this process's vocab, so the copy starts afresh).
        state = dict(self.__dict__)
        del state["_load_lock"], state["upkeep"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._load_lock = threading.Lock()
        self.upkeep = VocabUpkeep(partial(getattr, self, "nlp"))

    @property
    def vocab_learner(self) -> VocabLearner:
        return self.upkeep.learner

    @property
    def string_index(self) -> StringIndexCompactor:
        return self.upkeep.string_index

    def learn_vocab(self, text: str) -> int:
        """Vocab upkeep after one document, outside the memory zone it was annotated in
        (:class:`~annotator.runtime.upkeep.VocabUpkeep`). Returns how many chunks were learned."""
        return self.upkeep.after_document(text)

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
        load_configured(self.glossary_paths, self.builtin, self.set_data)

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

        # What needs the glossary alone is made before the matcher reads its patterns: when a
        # forked generator makes them (runtime.generation), it works meanwhile, and this process
        # would otherwise wait for it. The lexicon too, then (else it waits for its first need).
        records = as_records(patterns) if matcher is None else None
        lexicon = None
        if getattr(patterns, "elsewhere", False):
            lexicon = build_lexicon(glossary, self.precision_settings)
        spoken = SpokenIndex.from_glossary(glossary, term_label=TERM_LABEL, acronym_label=ACRONYM_LABEL,
                                           ambiguous_prefix=AMBIGUOUS_PREFIX)
        prewarm_vocab(self.nlp, glossary)
        if matcher is None:
            matcher = GlossaryMatcher(self.nlp.vocab, PatternTokenizer(self.nlp.tokenizer), records, check_id=check_id)
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
        self._spoken = spoken
        self._phrases = PhraseLookup(matcher, PatternTokenizer(self.nlp.tokenizer))
        self._known_caps = set(matcher.token_words) | set(acronym_of)
        self._info = None
        self._lexicon = lexicon  # else built from this glossary on first need (see lexicon())
        # Span values that depend on the concept alone (see spanwriter.SpanWriter), shared by every
        # document; at most one entry per pattern target.
        self._shared_values: dict[tuple, tuple] = {}
        self._fuzzy = None  # built from these patterns on first need (see fuzzy_index)
        self.glossary = glossary  # last: a non-None glossary means everything above is ready

    def lexicon(self) -> GlossaryLexicon:
        """What the precision rules read of the glossary, built on first need (a pipeline that
        never annotates never pays; two threads building it at once build the same thing)."""
        if self._lexicon is None:
            self._lexicon = build_lexicon(self.glossary, self.precision_settings)
        return self._lexicon

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
        if self.glossary is None:  # asked here first: a call per document otherwise
            self.ensure_loaded()
        with collector.paused():
            return self._annotate(doc)

    def _annotate(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if getattr(self, "_spoken", None):
            self._spoken.split_spelled_stops(doc, text)  # before any token index is taken
        budget.check()
        # Read once, for both matchers, the rules and the token bounds.
        columns = doc.to_array(READ_COLUMNS) if len(doc) else None
        # The hash columns as lists, made once for the matcher, the rules, misspellings and
        # speech: each list of a column costs as much as a Python pass over the tokens.
        hashes = (columns[:, 0].tolist(), columns[:, 1].tolist()) if columns is not None else None
        candidates = self.matcher.candidates(doc, columns, text, hashes)
        # Members of "Tiers 1, 2, and 3" as their own terms (coordination.py); not the ones an
        # ordinary pattern found as well ("tier 1" in "tier 1 and 2" is an exact match).
        coordinated = set(coordination_matches(doc, text, self._phrases, Match))
        if coordinated:
            found = {(m.start, m.end, m.id) for m in candidates}  # whatever kind they matched as
            coordinated = {m for m in coordinated if (m.start, m.end, m.id) not in found}
            candidates += coordinated
        bounds = TokenBounds(doc, columns)
        # With candidates the bounds are read anyway (by the rules and the spans): the rules
        # then ask the list itself, a C call, rather than a method checking for it each time
        # (a text of glued matches asks several times per match).
        token_end = bounds.lists()[1].__getitem__ if candidates else bounds.end
        # Once built, the lexicon is handed to the rules by a C-level callable (it is asked for
        # by several rules in every document; a method call each time is one more function).
        lexicon = self.lexicon if self._lexicon is None else repeat(self._lexicon).__next__
        context = rule_context(doc, text, token_end, self._known_caps, self.precision_settings, lexicon,
                               columns, hashes)
        # Misspelled terms and acronyms (fuzzy.py) -> their correction, where wanted.
        typos = {}
        if columns is not None and doc.user_data.get(FUZZY_KEY, self.fuzzy):
            index = self._fuzzy if self._fuzzy is not None else self.fuzzy_index()
            typos = index.matches(doc, context, self.matcher, Match, columns)
        if typos:
            candidates = [*candidates, *typos]
        # Speech-to-text stretches ("s l a", "csat", "tier two"), where asked: see spoken.py.
        orth = hashes[1] if hashes is not None else None
        spoken = set(self._spoken.matches(doc, text, Match, orth)) if getattr(self, "_spoken", None) else set()
        if spoken:
            candidates = [*candidates, *spoken]
        existing = list(doc.ents)
        taken = bytearray(len(doc))
        if existing and not self.overwrite:
            for ent in existing:
                taken[ent.start : ent.end] = b"\x01" * len(ent)
        budget.check()
        admit = self._plausible(context, bounds, exempt=spoken) if candidates and self._candidate_rules else None
        # Only the candidates a rule's screen marks are asked about (screens.py).
        ask = doubtful(context, self._screens, candidates, columns) if admit is not None else None
        accepted, nested = resolve(candidates, len(doc), taken, admit, ask)
        # A rule whose trigger the document lacks is not entered (see PrecisionRule).
        words = context.words() if self._triggered_by_words else None
        for run, trigger_words, trigger_chars in self._accepted:
            if trigger_words is not None and trigger_words.isdisjoint(words):
                continue
            if trigger_chars is not None:
                for char in trigger_chars:
                    if char in text:
                        break
                else:
                    continue
            accepted = run(context, accepted, taken)

        abbreviations = context.abbreviations()
        doc._.abbreviations = abbreviations
        # Each short form's distinct long forms, first written first: a document repeating
        # "Service Level Agreement (SLA)" a thousand times has one expansion, not a thousand.
        expansions: dict[str, tuple[str, ...]] = {}
        if abbreviations:
            distinct: dict[str, dict[str, None]] = {}
            for abbr in abbreviations:
                # As the page shows it: what sense choice compares and a tooltip says.
                distinct.setdefault(abbr["short"], {})[unglued(abbr["long"])] = None
            expansions = {short: tuple(longs) for short, longs in distinct.items()}
            defined = document_acronyms(context, expansions, taken, self._acronym_of, self._acronym_rules)
            accepted = sorted(accepted + defined, key=lambda m: m.start)

        annotate = SpanWriter(doc, text, bounds, expansions, payload=self.payload, acronym_of=self._acronym_of,
                              shared=self._shared_values)
        # The entities' values stored and their bounds and hashes kept: no Span per entity
        # (see write_entities), only for the few the marks below change.
        entities = annotate.store_all(budget.checked(accepted))
        if spoken:
            mark_spoken(doc, [Span(doc, m.start, m.end) for m in accepted if m in spoken])
        if coordinated:
            mark_coordinated(doc, [Span(doc, m.start, m.end) for m in accepted if m in coordinated])
        if typos:
            fuzzy = [m for m in accepted if m in typos]
            mark_fuzzy(doc, [Span(doc, m.start, m.end) for m in fuzzy], fuzzy, typos)
        if existing:
            if self.overwrite:
                existing = [e for e in existing if not any(taken[e.start : e.end])]
            entities = sorted([(e.start, e.end, e.label, e.kb_id, e.id) for e in existing] + entities,
                              key=itemgetter(0))
        # What ``doc.ents = spans`` does, minus making every span.
        write_entities(doc, entities)
        doc.spans[NESTED_KEY] = [annotate(m) for m in nested]
        doc.spans[UNKNOWN_KEY] = unknown_acronyms(context, taken, expansions, self._known_caps, self._acronym_of,
                                                  self._phrases)
        doc.user_data.pop(SEGMENTS_KEY, None)  # the rules' working data, not the doc's
        doc.user_data.pop(AGENT_TURNS_KEY, None)
        doc.user_data.pop(SOURCE_TEXT_KEY, None)
        doc.user_data.pop(TRANSCRIPT_KEY, None)
        return doc

    def warm(self) -> None:
        """Build now what is otherwise built on a document's first need of it: the glossary
        lexicon (and the word frequencies it reads), the evidence for the senses of ambiguous
        acronyms (:meth:`.senses.SenseIndex.warm`), the misspelling index and the English
        word list it consults. A service builds them in its master process before forking, so
        every worker shares them and no user's first request pays for them."""
        self.ensure_loaded()
        self.lexicon()
        self._senses.warm(self._groups.values())
        index = self.fuzzy_index()
        if self.fuzzy and len(index):
            index.is_word("warm")  # the dictionary is read on its first question

    def fuzzy_index(self) -> FuzzyIndex:
        """The misspellings of this glossary's words (:mod:`.fuzzy`), made on first need; an
        empty index for a glossary over :data:`~.fuzzy.MAX_FUZZY_CONCEPTS`."""
        if self._fuzzy is None:
            records = records_from_dicts(self.patterns) if len(self.glossary) <= MAX_FUZZY_CONCEPTS else ()
            self._fuzzy = FuzzyIndex.from_records(records)
        return self._fuzzy

    def _plausible(self, context: RuleContext, bounds: TokenBounds, exempt: set[Match]) -> Callable[[Match], bool]:
        """Whether every candidate-stage precision rule keeps a match (each rule asked only
        about the matches in its ``scope``); matches in ``exempt`` are kept unasked. Asked by
        :func:`~.resolution.resolve` only about the matches that would win."""
        rules_for = self._rules_for
        starts, ends = bounds.lists()

        def admit(match: Match) -> bool:
            if exempt and match in exempt:
                return True
            start, end = starts[match.start], ends[match.end - 1]
            for keep in rules_for[match.is_token_pattern]:
                if not keep(context, match, start, end):
                    return False
            return True

        return admit

    def payload(self, match: Match, acronym: str | None, expansions: dict[str, tuple[str, ...]],
                context: DocumentContext, at: int = 0) -> dict:  # fmt: skip
        """The extension values for ``match`` (acronym ``acronym``, at character ``at``) in one
        document: the same for every mention of a concept written the same way, except that an
        ambiguous acronym the document does not spell out is decided per sentence
        (:mod:`.sense_context`). :class:`~.spanwriter.SpanWriter` computes each once and reuses it.
        """
        if match.label == DOC_ACRONYM_LABEL:
            short = match.id[len(DOCUMENT_PREFIX) :]
            sense = document_sense(short, expansions[short][0])
            return {
                "term_id": None, "term": sense["term"], "definition": sense["definition"],
                "is_acronym": True, "category": None, "source": DOCUMENT_SOURCE, "senses": [sense],
                "familiarity": "jargon",
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
            windows = context.windows(at)
            senses = self._senses.choose(candidates, expansions=written, windows=windows, memo=context.scores)
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
            "familiarity": concept.familiarity_level if concept else "jargon",
        }

    # --- serialization (see annotator.pipeline.serialize) ---------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.ensure_loaded()
        serialize.to_disk(path, self.nlp, self.glossary, self._patterns_text, self.matcher)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> HelpdeskGlossary:
        serialize.from_disk(path, self.nlp, self.set_data)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        self.ensure_loaded()
        return serialize.to_bytes(self.glossary, self._patterns_text)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> HelpdeskGlossary:
        serialize.from_bytes(data, self.set_data)
        return self

"""One annotation session: the per-document steps every surface runs, in one place.

The steps, in order, for each document:

1. prepare: validate the text and blank what must not reach the tokenizer
   (:func:`annotator.text.safety.prepare`; for an exact format, a transcript, the blanking runs
   on the visible text of step 2 instead, so its JSON and cues are read as sent);
2. visible text: markup masked per format, offsets kept, and a transcript's turns
   (:func:`annotator.text.markup.visible_text_and_turns`);
3. the cyclic garbage collector paused (:func:`.runtime.collector.paused`) and a memory zone opened, so
   a long-running worker's memory stays flat however many different texts it sees; inside it,
   spaCy computes for new words only the lexical attributes the pipeline reads
   (:func:`.runtime.lexattrs.computing_only`);
4. ``make_doc`` with the :data:`~annotator.pipeline.names.TEXT_HINT` (the component then need not
   rebuild ``doc.text``), then the pipeline;
5. export to JSON (:func:`annotator.export.doc_to_json`), still inside the zone;
6. vocabulary upkeep outside the zone (:class:`.runtime.upkeep.VocabUpkeep`): words that keep turning up
   are kept for good, within a budget.

The Python API, the service, the batch tagger and the benchmark's reference app all go through
:class:`AnnotationSession`; none of them repeats these steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .errors import InputError
from .export import doc_to_json
from .options import ASR_MODES, AnnotateOptions, option_names
from .pipeline.fuzzy import FUZZY_KEY
from .pipeline.names import AGENT_TURNS_KEY, COMPONENT_NAME, SOURCE_TEXT_KEY, TEXT_HINT, TRANSCRIPT_KEY
from .pipeline.spoken import SPOKEN_KEY
from .runtime import budget, collector, lexattrs
from .text.markup import FORMATS, visible_text_and_turns
from .text.markup.registry import REGISTRY
from .text.safety import DEFAULT_MAX_LENGTH, check, prepare, sanitize

#: The ``asr`` option as the spoken-form modes of ``pipeline.spoken`` (``None``: look nowhere).
#: ``auto`` looks in every document, whatever its format: a speech-to-text rendering pasted as
#: plain text reads the same as one inside a transcript, and typed text never passes the test.
_SPOKEN_BY_ASR = {"auto": "auto", "on": "always", "off": None}



#: The pipeline-stage options (how the text is read; see :class:`~annotator.options.Option`),
#: which a session takes out of a call's options, leaving the export's.
_PIPELINE_OPTIONS = option_names(stage="pipeline")


def _lexical_attrs_read(pipes: Iterable[Any]) -> frozenset[int] | None:
    """The lexical attributes (``spacy.attrs`` ids) the components read, by what each says
    (``lexical_attrs``); None when one of them does not say (it may read any)."""
    wanted: set[int] = set()
    for pipe in pipes:
        reads = getattr(pipe, "lexical_attrs", None)
        if reads is None:
            return None
        wanted |= reads
    return frozenset(wanted)


def _zone_is_the_vocabs(nlp: Language, pipes: Iterable[Any]) -> bool:
    """Whether ``nlp.memory_zone()`` opens its vocab's zone and nothing else: spaCy's own method,
    and neither the tokenizer nor a component has a zone of its own to open with it."""
    return (
        type(nlp).memory_zone is Language.memory_zone
        and not hasattr(nlp.tokenizer, "memory_zone")
        and not any(hasattr(pipe, "memory_zone") for pipe in pipes)
    )


class AnnotationSession:
    """The per-document steps (see the module docstring) for one pipeline.

    Cheap to make (it holds the pipeline, a limit, and what it needs of the pipeline's
    components as they stand when it is made: a pipeline changed later wants a new session);
    not thread-safe, like the pipeline it runs: callers serialize annotation per pipeline (the
    service holds a lock).
    """

    def __init__(self, nlp: Language, *, max_length: int | None = None) -> None:
        self.nlp = nlp
        self.max_length = DEFAULT_MAX_LENGTH if max_length is None else max_length
        # One read of the pipeline (spaCy builds the list anew on each) for what the session
        # needs of it. A pipeline without our component (a caller's own) still annotates; it
        # has no glossary info and no vocabulary upkeep.
        pipes = nlp.pipeline
        self.component = next((pipe for name, pipe in pipes if name == COMPONENT_NAME), None)
        self._lexical_attrs = _lexical_attrs_read(pipe for _, pipe in pipes)
        # The same zone without the pipeline's walk over its parts on every document.
        self._memory_zone = (nlp.vocab.memory_zone if _zone_is_the_vocabs(nlp, (pipe for _, pipe in pipes))
                             else nlp.memory_zone)

    # --- the steps -------------------------------------------------------------------------

    def _options(
        self, given: AnnotateOptions | Mapping[str, Any] | None
    ) -> tuple[dict[str, Any], str | None, bool | None]:
        """A call's options (an :class:`~annotator.options.AnnotateOptions`, or a subclass
        such as the batch's, or a mapping of its field names, plus ``max_length``) as the
        export's keyword arguments and ``max_length``, then where to look for speech-to-text
        forms and whether to match misspellings; after the checks only the pipeline can make:
        a ``labels`` filter may name only labels it sets (a misspelt label would silently
        filter out every span). One method, not a step per concern: it runs for every text."""
        if given is None:
            options: dict[str, Any] = {}
        elif isinstance(given, AnnotateOptions):
            options = given.to_kwargs()
        else:
            options = dict(given)
        asr = options.get("asr", "auto")
        if asr not in _SPOKEN_BY_ASR:
            raise InputError("E205", field="options.asr", name="asr",
                             detail=f"expected one of {', '.join(ASR_MODES)}, got {asr!r}")
        labels = options.get("labels")
        if labels and self.component is not None:
            unknown = sorted(set(labels) - set(self.component.labels))
            if unknown:
                raise InputError(
                    "E205", field="options.labels", name="labels",
                    detail=f"unknown label {unknown[0]!r}; this pipeline sets {', '.join(self.component.labels)}",
                )
        pipeline = {}
        for name in _PIPELINE_OPTIONS:
            if name in options:
                pipeline[name] = options.pop(name)
        return options, _SPOKEN_BY_ASR[pipeline.get("asr", "auto")], pipeline.get("fuzzy")

    def visible(self, text: str, format: str = "text", *, max_length: int | None = None) -> str:
        """Steps 1-2: the text as the pipeline sees it (same length, markup blanked).

        Raises :class:`InputError` for an unknown format, a non-string, an over-long text, a
        lone surrogate or an unreadable transcript."""
        return self.prepared(text, format, max_length=max_length)[0]

    def prepared(self, text: str, format: str = "text", *, max_length: int | None = None) -> tuple[str, Any]:
        """Steps 1-2 as :meth:`visible`, plus a transcript's turns (None for other formats)."""
        if format not in FORMATS:
            raise InputError("E204", field="format", format=format, allowed=", ".join(FORMATS))
        limit = self.max_length if max_length is None else max_length
        # Link text is prose, as for the linter (a tooltip never sits *inside* a link: the
        # widget and the standalone page see to that, not the annotation).
        if REGISTRY[format].exact:
            visible, turns = visible_text_and_turns(check(text, max_length=limit), format)
            return sanitize(visible), turns
        return visible_text_and_turns(prepare(text, max_length=limit), format)

    def make_doc(self, visible: str, spoken: str | None = "auto", fuzzy: bool | None = None,
                 turns: Any = None, source: str | None = None) -> Doc:
        """Step 4's first half: the tokenized doc, carrying the text it was made from, where
        to look for speech-to-text forms (``spoken``, one of ``pipeline.spoken``'s modes, or
        ``None`` for nowhere), unless ``fuzzy`` is None, whether to match misspelled terms
        (``pipeline.fuzzy``; None leaves it to the component's setting), and the turns a
        transcript's agent speaks (of ``turns``, the transcript's; ``pipeline.rules.everyday``) and
        that the doc is a transcript at all
        and, when markup was masked, the string sent (``source``; ``pipeline.rules.deskproduct``)."""
        budget.check()
        doc = self.nlp.make_doc(visible)
        budget.check()
        doc.user_data[TEXT_HINT] = visible
        if spoken is not None:
            doc.user_data[SPOKEN_KEY] = spoken
        if fuzzy is not None:
            doc.user_data[FUZZY_KEY] = bool(fuzzy)
        agent = [(t.start, t.end) for t in turns.turns if t.role == "agent"] if turns is not None else None
        if agent:
            doc.user_data[AGENT_TURNS_KEY] = tuple(agent)
        if turns is not None:
            doc.user_data[TRANSCRIPT_KEY] = tuple((t.start, t.end) for t in turns.turns)
        if source is not None and source != visible:
            doc.user_data[SOURCE_TEXT_KEY] = source
        return doc

    @contextmanager
    def zone(self) -> Iterator[None]:
        """Step 3: the collector paused and a memory zone open, in which new words get only the
        lexical attributes the pipeline's components say they read (all of them when one of
        the components does not say: a caller's own, which may read any)."""
        with collector.paused(), self._memory_zone(), \
                lexattrs.computing_only(self.nlp.vocab, self._lexical_attrs):
            yield

    def upkeep(self, visible: str) -> None:
        """Step 6, outside any memory zone."""
        if self.component is not None:
            self.component.learn_vocab(visible)

    def _export(self, doc: Doc, text: str, options: Mapping[str, Any], turns: Any = None) -> dict:
        info = self.component.glossary_info if self.component is not None else None
        return doc_to_json(doc, text, glossary_info=info, turns=turns, **options)

    # --- one document ----------------------------------------------------------------------

    def annotate(
        self, text: str, format: str = "text", options: AnnotateOptions | Mapping[str, Any] | None = None
    ) -> dict:
        """Every step for one document: the service's JSON for ``text`` (offsets index ``text``).

        ``options``: an :class:`~annotator.options.AnnotateOptions`, or a mapping of its fields
        (``first_only``, ``labels``, ``max_spans``) and ``max_length`` (this call's limit instead
        of the session's). Raises :class:`InputError` for bad input (see :meth:`visible`) and
        for a ``labels`` filter naming a label this pipeline never sets (E205)."""
        options, spoken, fuzzy = self._options(options)
        visible, turns = self.prepared(text, format, max_length=options.pop("max_length", None))
        # The collector waits until the Doc and its spans are freed (by reference counting)
        # rather than walking them all once the component is done (see .collector).
        with self.zone():
            doc = self.nlp(self.make_doc(visible, spoken, fuzzy, turns, text))
            result = self._export(doc, text, options, turns)
            del doc
        self.upkeep(visible)
        result["format"] = format
        return result

    def count_tokens(self, text: str, format: str = "text") -> int:
        """The steps up to the tokenizer only: prepare, visible text, memory zone, ``make_doc``,
        vocabulary upkeep; no pipeline, no export. Returns the token count.

        What the benchmark's reference route measures against a full annotation: spaCy's
        tokenizer as it comes, every lexical attribute computed (not :meth:`zone`'s narrowing),
        so the reference stays the stock tokenizer's cost."""
        visible = self.visible(text, format)
        with self.nlp.memory_zone():
            tokens = len(self.nlp.make_doc(visible))
        self.upkeep(visible)
        return tokens

    # --- many documents --------------------------------------------------------------------

    def annotate_many(
        self,
        texts: Sequence[str],
        format: str | Sequence[str] = "text",
        options: AnnotateOptions | Mapping[str, Any] | None = None,
    ) -> list[dict | Exception]:
        """Every step for a batch: per text, its result or the exception its document raised
        (one bad document never sinks the others). ``format``: one for all, or one per text.
        ``options`` as for :meth:`annotate`.

        The batch goes through ``nlp.pipe`` in one memory zone; when some document makes a
        component raise (``nlp.pipe`` cannot say which), the batch is run again one document at
        a time to pin the failure on its document(s) alone. Results carry no ``format`` key."""
        options, spoken, fuzzy = self._options(options)
        max_length = options.pop("max_length", None)
        formats = [format] * len(texts) if isinstance(format, str) else format
        results: list[dict | Exception | None] = [None] * len(texts)
        ready: list[tuple[int, str, str, Any]] = []
        for i, (text, fmt) in enumerate(zip(texts, formats)):
            try:
                ready.append((i, text, *self.prepared(text, fmt, max_length=max_length)))
            except Exception as exc:  # noqa: BLE001 - reported as this document's outcome
                results[i] = exc
        try:
            with self.zone():
                docs = self.nlp.pipe(self._docs(ready, spoken, fuzzy))
                done = [self._export(doc, text, options, turns)
                        for (_, text, _, turns), doc in zip(ready, docs)]
        except Exception:  # noqa: BLE001 - isolated below, document by document
            done = [self._annotate_one(text, visible, turns, options, spoken, fuzzy)
                    for _, text, visible, turns in ready]
        for (i, _, visible, _), result in zip(ready, done):
            results[i] = result
            self.upkeep(visible)
        return results

    def _docs(
        self, ready: list[tuple[int, str, str, Any]], spoken: str | None, fuzzy: bool | None = None
    ) -> Iterator[Doc]:
        for _, text, visible, turns in ready:
            yield self.make_doc(visible, spoken, fuzzy, turns, text)

    def _annotate_one(
        self, text: str, visible: str, turns: Any, options: Mapping[str, Any], spoken: str | None,
        fuzzy: bool | None = None,
    ) -> dict | Exception:
        try:
            with self.zone():
                doc = self.nlp(self.make_doc(visible, spoken, fuzzy, turns, text))
                return self._export(doc, text, options, turns)
        except Exception as exc:  # noqa: BLE001 - this document's outcome
            return exc

    def warm(self) -> None:
        """Build what the pipeline otherwise builds on its first documents (see
        :meth:`~annotator.pipeline.component.HelpdeskGlossary.warm`); a pipeline without our
        component has nothing to build."""
        if self.component is not None:
            self.component.warm()

    def warm_up(self, texts: Sequence[str], format: str = "text") -> None:
        """:meth:`warm`, then run a few real documents outside a memory zone (nothing is returned).

        A fresh process is several times slower for its first few hundred documents; and since
        each batch later runs inside a memory zone that forgets the words it added, words seen
        here (the input's common vocabulary) are the ones that stay cached for the run. A text
        that fails is simply not used."""
        self.warm()
        visible = []
        for text in texts:
            try:
                visible.append(self.visible(text, format))
            except Exception:  # noqa: BLE001 - a bad warm-up text is simply not used
                continue
        try:
            for _ in self.nlp.pipe(visible):
                pass
        except Exception:  # noqa: BLE001
            # One of them makes a component fail (it is reported when tagged for real); warm
            # up on the others.
            for text in visible:
                try:
                    self.nlp(text)
                except Exception:  # noqa: BLE001
                    continue

"""Turning one document's accepted matches into spans, with their stored values.

:class:`SpanWriter` is the component's last step for each document: it makes each ``Span`` and
stores the span's values (term, definition, senses, match kind ...) once per concept and form
rather than once per span; :class:`TokenBounds` gives it the tokens' character offsets.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from ..glossary.compile import AMBIGUOUS_PREFIX
from .matcher import Match
from .names import DOC_ACRONYM_LABEL
from .sense_context import DocumentContext
from .spanvalues import SPAN_EXTENSIONS, SPAN_VALUES_KEY

#: The component's :meth:`~.component.HelpdeskGlossary.payload`: a match's extension values.
Payload = Callable[..., dict]


class TokenBounds:
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

    def lists(self) -> tuple[list[int], list[int]]:
        """Every token's start and end character offset (for loops over many spans)."""
        if self._starts is None:
            self._read()
        return self._starts, self._ends


class SpanWriter:
    """Makes one document's glossary spans and stores their extension values.

    Per-span work is kept to creating the ``Span`` and storing its values: the values for a
    concept written one way are computed once per document (:meth:`~.component.HelpdeskGlossary.payload`),
    or once per process when they cannot depend on the document, and that one dict is stored
    for each of its spans (see :data:`SPAN_VALUES_KEY`).
    """

    def __init__(
        self,
        doc: Doc,
        text: str,
        bounds: TokenBounds,
        expansions: dict[str, tuple[str, ...]],
        *,
        payload: Payload,
        acronym_of: dict[str, str],
        shared: dict[tuple, tuple],
    ) -> None:
        """``payload`` computes a match's values; ``acronym_of`` maps a written acronym to the
        glossary's; ``shared`` holds, across documents, the values that cannot depend on one."""
        self.payload = payload
        self.acronym_of = acronym_of
        self.shared = shared
        self.doc = doc
        self.text = text
        self.bounds = bounds
        self.starts: list[int] | None = None  # the bounds' lists, read on the first span
        self.ends: list[int] = []
        self.expansions = expansions
        self.context = DocumentContext(text)
        self.cache: dict[tuple, tuple] = {}
        self.by_fields: dict[tuple, tuple] = {}  # see __call__
        self.strings = doc.vocab.strings
        self.user_data = doc.user_data

    def _values(self, match: Match, acronym: str | None, at: int) -> tuple:
        values = self.payload(match, acronym, self.expansions, self.context, at)
        stored = {name: values.get(name) for name in SPAN_EXTENSIONS}
        stored["match"] = match.kind
        # Hashes, so Span() need not look the strings up for every span (labels and glossary
        # ids are permanent strings, see set_data).
        label, span_id = self.strings.add(match.label), self.strings.add(match.id)
        return (label, span_id, stored)

    def __call__(self, match: Match) -> Span:
        if self.starts is None:
            self.starts, self.ends = self.bounds.lists()
        start_char, end_char = self.starts[match.start], self.ends[match.end - 1]
        # A match's values follow from its pattern's fields and, for an acronym, the word as
        # written; an ambiguous acronym's also from its sentence (never memoised here). A
        # document repeating a term reads them in one lookup.
        fields = match[2:]
        if match.is_token_pattern:
            fields = (fields, self.text[start_char : self.ends[match.start]])
        known = self.by_fields.get(fields)
        if known is None:
            known = self._cached(match, start_char)
            if not match.id.startswith(AMBIGUOUS_PREFIX):
                self.by_fields[fields] = known
        label, span_id, stored = known
        self.user_data[(SPAN_VALUES_KEY, start_char, end_char)] = stored
        return Span(self.doc, match.start, match.end, label=label, span_id=span_id)

    def _cached(self, match: Match, start_char: int) -> tuple:
        acronym = None
        if match.is_token_pattern and match.label != DOC_ACRONYM_LABEL:
            if match.id.startswith(AMBIGUOUS_PREFIX):
                acronym = match.id[len(AMBIGUOUS_PREFIX) :]
            else:
                word = self.text[start_char : self.ends[match.start]]
                acronym = self.acronym_of.get(word)
        key: tuple = (match.label, match.id, match.is_token_pattern, acronym, match.kind)
        if match.id.startswith(AMBIGUOUS_PREFIX) and not (acronym and acronym in self.expansions):
            key = (*key, self.context.sentence_of(start_char))  # decided per sentence: sense_context
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
                cached = self.shared.get(key)
            if cached is None:
                cached = self._values(match, acronym, start_char)
                if shared:
                    self.shared[key] = cached
            self.cache[key] = cached
        return cached


def set_entities(doc: Doc, spans: list[Span]) -> None:
    """``doc.set_ents(spans, default="outside")``: the same annotation, for less.

    spaCy marks each token outside ``spans`` after comparing the ``default`` mode with its
    enumeration once per token, most of ``set_ents``' cost on a ticket of a couple of hundred
    tokens; the stretches between the spans (in token order, as the component makes them) are
    passed as ``outside`` spans instead, which it marks a span at a time. A span without a label
    is no entity (``set_ents`` ignores it): its tokens are outside too."""
    gaps = []
    at = 0
    for span in spans:
        if not span.label:
            continue
        if span.start > at:
            gaps.append(Span(doc, at, span.start))
        at = max(at, span.end)
    if at < len(doc):
        gaps.append(Span(doc, at, len(doc)))
    doc.set_ents(spans, outside=gaps, default="unmodified")

"""Turning one document's accepted matches into spans, with their stored values.

:class:`SpanWriter` is the component's last step for each document: it stores each span's
values (term, definition, senses, match kind ...), worked out once per concept and form rather
than once per span, and makes a ``Span`` where one is wanted; :func:`write_entities` sets the
entities from token bounds and hashes; :class:`TokenBounds` gives them the tokens' character
offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import chain

import numpy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, IDX, LENGTH
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
    ``Token`` object per lookup) and only when first needed. ``array``: the doc's columns
    when the caller read them already, ``IDX`` and ``LENGTH`` the last two (one ``to_array``
    call less: each costs a pass over the tokens beside what it reads)."""

    __slots__ = ("doc", "_starts", "_ends", "_array")

    def __init__(self, doc: Doc, array=None) -> None:
        self.doc = doc
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        self._array = array

    def _read(self) -> None:
        array = self.doc.to_array([IDX, LENGTH]) if self._array is None else self._array[:, -2:]
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
        _, _, label, _, span_id = self.store(match)
        return Span(self.doc, match.start, match.end, label=label, span_id=span_id)

    def store(self, match: Match) -> tuple[int, int, int, int, int]:
        """Store ``match``'s values for its span and return the entity as
        :func:`write_entities` takes it (token bounds, label, knowledge-base id and id hashes),
        with no ``Span`` made for it."""
        if self.starts is None:
            self.starts, self.ends = self.bounds.lists()
        start_char, end_char = self.starts[match.start], self.ends[match.end - 1]
        label, span_id, stored = self._known(match, start_char)[0]
        self.user_data[(SPAN_VALUES_KEY, start_char, end_char)] = stored
        return match.start, match.end, label, 0, span_id

    def store_all(self, matches: Iterable[Match]) -> list[tuple[int, int, int, int, int]]:
        """:meth:`store` for each of ``matches``, in order. The values of a pattern that reads
        neither the word as written nor its sentence are looked up once for the document, and
        each later match of it only stores them (a text of glued matches repeats one pattern
        tens of thousands of times, and the per-match routing cost more than the storing); an
        ambiguous acronym's, which follow from its sentence alone (see _cached), once per
        sentence of a run of its matches."""
        if self.starts is None:
            self.starts, self.ends = self.bounds.lists()
        starts, ends, user_data = self.starts, self.ends, self.user_data
        fixed: dict[tuple, tuple] = {}  # the pattern's fields -> its values, for every match of it
        # An ambiguous pattern's fields -> its last sentence's first and end offsets and values.
        in_sentence: dict[tuple, tuple[int, int, tuple]] = {}
        entities = []
        append = entities.append
        for match in matches:
            first, end = match[0], match[1]
            start_char = starts[first]
            fields = match[2:]
            known = fixed.get(fields)
            if known is None:
                last = in_sentence.get(fields) if in_sentence else None
                if last is not None and last[0] <= start_char < last[1]:
                    known = last[2]
                else:
                    known, constant = self._known(match, start_char)
                    if constant:
                        fixed[fields] = known
                    elif match.id.startswith(AMBIGUOUS_PREFIX):
                        in_sentence[fields] = (*self.context.sentence_bounds(start_char), known)
            user_data[(SPAN_VALUES_KEY, start_char, ends[end - 1])] = known[2]
            append((first, end, known[0], 0, known[1]))
        return entities

    def _known(self, match: Match, start_char: int) -> tuple[tuple, bool]:
        """``match``'s label and id hashes and stored values, and whether every match of its
        pattern's fields in this document has the same (see :meth:`store_all`)."""
        # A match's values follow from its pattern's fields and, for an acronym in a document
        # that spells acronyms out, the word as written (which acronym it is); an ambiguous
        # acronym's also from its sentence (never memoised here). A document repeating a term
        # reads them in one lookup.
        fields = match[2:]
        ambiguous = match.id.startswith(AMBIGUOUS_PREFIX)
        constant = not ambiguous
        if match.is_token_pattern and self.expansions:
            fields = (fields, self.text[start_char : self.ends[match.start]])
            memo = self.by_fields
            constant = False
        elif match.label != DOC_ACRONYM_LABEL and not ambiguous:
            # A pattern of an unambiguous concept, in a document that spells out no acronym,
            # has the same values in every document (see _cached): read from the process's
            # memo in one lookup, by the pattern's fields (a key of its own length, apart
            # from _cached's).
            memo = self.shared
        else:
            memo = self.by_fields
        known = memo.get(fields)
        if known is None:
            known = self._cached(match, start_char)
            if not ambiguous:
                memo[fields] = known
        return known, constant

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


#: The token columns an entity is written to, in :func:`write_entities`' order.
_ENT_COLUMNS = [ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]
#: ``ENT_IOB`` codes: inside, outside, begin.
_I, _O, _B = 1, 2, 3


def write_entities(doc: Doc, entities: Sequence[tuple[int, int, int, int, int]]) -> None:
    """``doc.set_ents(spans, default="outside")`` for spans given as ``(start, end, label,
    kb_id, id)`` tuples (token bounds and hashes; non-overlapping, in token order): the same
    token annotation, without a ``Span`` object per entity.

    Every token's entity columns are written in one ``Doc.from_array``, built with numpy: a
    text of glued matches has a span every other token, and making each ``Span`` (and
    ``set_ents``' pass over them in Python) was several times the rest of this step. As
    ``set_ents`` does, a span without a label is no entity, a token outside every entity keeps
    its ids, and an entity without an id keeps its tokens' ``ENT_ID``."""
    n = len(doc)
    if not n:
        return
    columns = numpy.zeros((n, 4), dtype=numpy.uint64)
    columns[:, 0] = _O
    columns[:, 2:] = doc.to_array([ENT_KB_ID, ENT_ID])
    if len(entities):
        # Read as one flat run of numbers: ``numpy.array`` on a list of tuples costs twice as
        # much, finding the nesting of each tuple before it converts.
        table = numpy.fromiter(chain.from_iterable(entities), dtype=numpy.uint64,
                               count=5 * len(entities)).reshape(-1, 5)
        first = table[:, 0].astype(numpy.int64)
        lengths = table[:, 1].astype(numpy.int64) - first
        label, kb_id, span_id = table[:, 2], table[:, 3], table[:, 4]
        keep = (label != 0) & (lengths > 0)
        if not keep.all():
            first, lengths, label, span_id, kb_id = (a[keep] for a in (first, lengths, label, span_id, kb_id))
        # Every token of every span: each span's first token repeated over its length, plus
        # the token's place in its span.
        offsets = numpy.cumsum(lengths) - lengths
        tokens = numpy.repeat(first, lengths) + (numpy.arange(int(lengths.sum())) - numpy.repeat(offsets, lengths))
        columns[tokens, 0] = _I
        columns[first, 0] = _B
        columns[tokens, 1] = numpy.repeat(label, lengths)
        columns[tokens, 2] = numpy.repeat(kb_id, lengths)
        with_id = numpy.repeat(span_id, lengths)
        named = with_id != 0
        columns[tokens[named], 3] = with_id[named]
    doc.from_array(_ENT_COLUMNS, columns)

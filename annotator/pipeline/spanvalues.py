"""Span-value storage: a span's extension values as one dict in ``doc.user_data``.

``span._.term_id`` and its siblings read and write through here; the export reads the dict
directly (:func:`span_values`). Plain values only, so ``Doc.to_bytes`` and
``nlp.pipe(n_process=2)`` carry them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span

SPAN_EXTENSIONS = (
    "term_id", "term", "definition", "is_acronym", "category", "senses", "source", "familiarity",
    "match", "did_you_mean",
)  # fmt: skip
#: Every value ``match`` may take: how the span's text relates to what the glossary writes.
#: A pattern says ``exact``, ``variant`` or ``inflection`` (``glossary.compile``); the
#: mechanisms that find spans without a pattern say ``fuzzy`` (a misspelling, with
#: ``did_you_mean`` its correction), ``coordination`` or ``spoken``.
MATCH_KINDS = ("exact", "variant", "inflection", "fuzzy", "coordination", "spoken")
#: The kind a misspelt match says.
FUZZY = "fuzzy"
DOC_EXTENSIONS = ("abbreviations",)

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

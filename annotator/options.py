"""Annotation options: the one definition every surface reads.

A per-request option (``first_only``, ``labels``, ``max_spans``) is declared once, as a field of
:class:`AnnotateOptions` whose metadata (an :class:`Option`) carries its JSON type, bounds,
allowed values, command-line flag and help text. Every surface derives from that declaration:

- the service validates a request's ``options`` object field by field (``plugin.bodies``);
- the OpenAPI document builds its ``AnnotateOptions`` schema from it (``plugin.openapi``);
- the CLI adds one click option per field (``cli.options.annotate_options``);
- the batch tagger's :class:`~annotator.batch.tagger.TagOptions` inherits the fields.

So a new option is one field here, plus the code that honours it (``export.doc_to_json``).
This module imports nothing heavy: the CLI reads it to build ``--help``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .pipeline.names import DEFAULT_LABELS

#: Default cap on spans per document; past it the result says ``truncated: true``.
DEFAULT_MAX_SPANS = 2000

#: Most labels one request may filter on (a bound, so a request cannot ask for a huge set).
MAX_LABELS = 16

#: The JSON types an option may have: ``boolean``, ``integer``, ``strings`` (an array of
#: strings, a repeatable flag on the command line) or ``choice`` (one string of ``choices``).
KINDS = ("boolean", "integer", "strings", "choice")

#: Where an option acts: on the export of the spans, or on how the pipeline reads the text.
STAGES = ("export", "pipeline")

#: ``asr`` values: find speech-to-text forms where the text reads like it, everywhere, never.
ASR_MODES = ("auto", "on", "off")


@dataclass(frozen=True)
class Option:
    """How one option is typed, bounded and explained, whatever the surface.

    ``minimum``/``maximum`` bound an integer (both are required: every surface states its
    range); ``max_items`` bounds an array's length and ``choices`` its items' values.
    ``capped`` marks an integer the service bounds with its configured span cap
    (``HELPDESK_MAX_SPANS``), which is then also its default there and stands in for
    ``maximum``. ``stage`` says where the option acts: ``export`` (what is kept of the spans:
    a keyword of :func:`annotator.export.doc_to_json` too) or ``pipeline`` (how the document is
    read, before any span exists). A boolean's ``flag`` turns it to the opposite of its default
    (``--first-only`` for one off by default, ``--no-fuzzy`` for one on).
    """

    kind: str
    flag: str
    help: str
    minimum: int | None = None
    maximum: int | None = None
    max_items: int | None = None
    choices: tuple[str, ...] | None = None
    capped: bool = False
    stage: str = "export"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"option kind must be one of {KINDS}, not {self.kind!r}")
        if self.kind == "integer" and (self.minimum is None or (self.maximum is None) != self.capped):
            raise ValueError("an integer option needs a minimum and either a maximum or capped=True")
        if self.kind == "choice" and not self.choices:
            raise ValueError("a choice option needs its choices")
        if self.stage not in STAGES:
            raise ValueError(f"option stage must be one of {STAGES}, not {self.stage!r}")


def option(default: Any, **spec: Any) -> Any:
    """A dataclass field with its :class:`Option` in the metadata (``spec`` are its arguments)."""
    return dataclasses.field(default=default, metadata={"option": Option(**spec)})


@dataclass(frozen=True)
class AnnotateOptions:
    """What a caller may ask of one annotation, with the library's defaults.

    Values are as the library takes them: ``labels`` is a tuple (or ``None`` for every label).
    """

    first_only: bool = option(
        False, kind="boolean", flag="--first-only",
        help="Mark only the first mention of each concept.",
    )
    # The labels a glossary's patterns carry: the service and the CLI refuse others up front
    # (a saved pipeline may set more; the session checks against the pipeline's own).
    labels: tuple[str, ...] | None = option(
        None, kind="strings", flag="--label", max_items=MAX_LABELS, choices=DEFAULT_LABELS,
        help="Keep only spans with these labels, e.g. CX_ACRONYM.",
    )
    max_spans: int = option(
        DEFAULT_MAX_SPANS, kind="integer", flag="--max-spans", minimum=1, capped=True,
        help='Spans per document; past it the result says "truncated": true.',
    )
    asr: str = option(
        "auto", kind="choice", flag="--asr", choices=ASR_MODES, stage="pipeline",
        help='Speech-to-text forms ("s l a", "csat", "tier two"): auto finds them where the text '
             "reads like speech-to-text output (no capitals, little punctuation), on everywhere, "
             "off never.",
    )
    fuzzy: bool = option(
        True, kind="boolean", flag="--no-fuzzy", stage="pipeline",
        help='Match misspelled terms and acronyms too ("escalaton", "CSTA"): such spans say '
             '"match": "fuzzy" and "did_you_mean". On by default; --no-fuzzy (or false) turns it off.',
    )

    def to_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for :func:`annotator.annotate` and :func:`export.doc_to_json`."""
        return {field.name: getattr(self, field.name) for field, _ in option_fields(type(self))}

    def to_json(self) -> dict[str, Any]:
        """The options as plain JSON values (tuples become lists, an empty filter ``null``)."""
        return {name: (list(value) if value else None) if isinstance(value, tuple) else value
                for name, value in self.to_kwargs().items()}


def option_fields(cls: type | None = None) -> Iterator[tuple[dataclasses.Field, Option]]:
    """Each option field of ``cls`` (default :class:`AnnotateOptions`) with its
    :class:`Option`, in declaration order; fields without one (a subclass's own) are skipped."""
    for field in dataclasses.fields(cls or AnnotateOptions):
        spec = field.metadata.get("option")
        if spec is not None:
            yield field, spec


def option_names(cls: type | None = None, stage: str | None = None) -> tuple[str, ...]:
    """The option names a request may use, in declaration order (only ``stage``'s if given)."""
    return _option_names(cls or AnnotateOptions, stage)


@functools.cache
def _option_names(cls: type, stage: str | None) -> tuple[str, ...]:
    # Cached: every annotation asks, and a dataclass's fields are fixed once it is defined.
    return tuple(field.name for field, spec in option_fields(cls) if stage is None or spec.stage == stage)

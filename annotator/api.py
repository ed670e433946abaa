"""The Python API: ``load()`` a pipeline, ``annotate()`` a text into the service's JSON."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.language import Language

from .errors import InputError
from .export import DEFAULT_MAX_SPANS, doc_to_json
from .runtime import collector
from .pipeline.component import TEXT_HINT
from .text.markup import FORMATS, visible_text
from .text.safety import DEFAULT_MAX_LENGTH, prepare

COMPONENT = "helpdesk_glossary"


def load(
    glossary_paths: Sequence[str | Path] = (),
    *,
    builtin: bool = True,
    base: Language | str | None = None,
) -> Language:
    """Build the annotator pipeline.

    ``base`` is a pipeline (or a name/path for ``spacy.load``) to add the component to; by
    default a blank English tokenizer, which is all the matcher needs. ``glossary_paths`` are
    user glossaries (CSV, JSON, JSONL, TBX) merged with the built-in one unless ``builtin`` is
    false.
    """
    if base is None:
        nlp = spacy.blank("en")
    elif isinstance(base, Language):
        nlp = base
    else:
        nlp = spacy.load(base)
    component = nlp.add_pipe(
        COMPONENT,
        config={"glossary_paths": [str(p) for p in glossary_paths], "builtin": builtin},
    )
    # Load the glossary now, outside any memory zone: a bad path fails here rather than on
    # the first request, and the first request is not the slow one.
    component.ensure_loaded()
    return nlp


@functools.lru_cache(maxsize=1)
def default_nlp() -> Language:
    """The built-in pipeline, built once per process for the convenience API."""
    return load()


def glossary_info(nlp: Language) -> dict:
    return nlp.get_pipe(COMPONENT).glossary_info


def annotate(
    text: str,
    format: str = "text",
    *,
    nlp: Language | None = None,
    first_only: bool = False,
    labels: Iterable[str] | None = None,
    max_spans: int = DEFAULT_MAX_SPANS,
    max_length: int = DEFAULT_MAX_LENGTH,
) -> dict:
    """Annotate ``text`` and return exactly the JSON the service returns.

    ``format`` is ``"text"``, ``"markdown"`` or ``"html"``: for markup only visible prose is
    annotated, and offsets still index the string given. Raises :class:`InputError` for a
    non-string, an over-long text, a lone surrogate or an unknown format.
    """
    if format not in FORMATS:
        raise InputError("E204", field="format", format=format, allowed=", ".join(FORMATS))
    safe = prepare(text, max_length=max_length)
    visible = visible_text(safe, format, hide_links=True)
    nlp = nlp or default_nlp()
    component = nlp.get_pipe(COMPONENT)
    # A memory zone frees the strings this request added to the vocab, so a long-running
    # worker's memory stays flat however many different texts it sees. The cyclic garbage
    # collector waits until the Doc and its spans are freed (by reference counting) rather
    # than walking them all once the component is done (see pipeline.collector).
    with collector.paused(), nlp.memory_zone():
        doc = nlp.make_doc(visible)
        doc.user_data[TEXT_HINT] = visible  # saves the component rebuilding doc.text
        doc = nlp(doc)
        result = doc_to_json(
            doc,
            text,
            first_only=first_only,
            labels=labels,
            max_spans=max_spans,
            glossary_info=component.glossary_info,
        )
        del doc
    # Outside the zone: words this worker keeps seeing are kept for good, within a budget.
    component.learn_vocab(visible)
    result["format"] = format
    return result

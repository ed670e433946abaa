"""Doc -> JSON: the one function every interface (API, service, CLI, batch) uses.

Offsets are a contract: ``start``/``end`` are Python ``str`` indices (code points) into the
string the caller sent, ``start_utf16``/``end_utf16`` are UTF-16 code-unit indices into the same
string (what JavaScript's ``String.prototype.slice`` expects).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator

import numpy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.tokens import Doc, Span

OFFSETS_NOTE = {
    "start/end": "code points (Python str indices) into the text sent",
    "start_utf16/end_utf16": "UTF-16 code units (JavaScript string indices) into the text sent",
}

#: Default cap on spans per document; past it the response says ``truncated: true``.
DEFAULT_MAX_SPANS = 2000

UNKNOWN_ACRONYMS_KEY = "unknown_acronyms"


def utf16_converter(text: str) -> Callable[[int], int]:
    """Return ``f(code_point_index) -> utf16_index`` for ``text``.

    Characters outside the Basic Multilingual Plane take two UTF-16 code units, so the UTF-16
    index is the code-point index plus the number of such characters before it. Text with none
    (the common case) gets the identity without scanning twice.
    """
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
    if not astral:
        return lambda index: index
    return lambda index: index + bisect_left(astral, index)


def iter_ents(doc: Doc) -> Iterator[Span]:
    """``doc.ents``, one span at a time.

    ``doc.ents`` builds every entity ``Span`` before returning; a capped response over a
    document with 250,000 entities needs only the first few thousand.
    """
    if not len(doc):
        return
    array = doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID])
    iob, types = array[:, 0], array[:, 1]
    # As doc.ents reads the IOB codes: an entity starts at a B token (3) with a label and runs
    # over the I tokens (1) after it.
    begins = numpy.flatnonzero((iob == 3) & (types != 0))
    if not len(begins):
        return
    stops = numpy.flatnonzero(iob != 1)
    after = numpy.searchsorted(stops, begins, side="right")
    ends = numpy.append(stops, len(doc))[after]
    rows = array[begins].tolist()
    for begin, end, (_, label, kb_id, ent_id) in zip(begins.tolist(), ends.tolist(), rows):
        yield Span(doc, begin, end, label=label, kb_id=kb_id, span_id=ent_id)


def span_record(span, to_utf16: Callable[[int], int], text: str) -> dict:
    start, end = span.start_char, span.end_char
    return {
        "start": start,
        "end": end,
        "start_utf16": to_utf16(start),
        "end_utf16": to_utf16(end),
        "text": text[start:end],
        "label": span.label_,
        "term_id": span._.term_id,
        "term": span._.term,
        "definition": span._.definition,
        "is_acronym": span._.is_acronym,
        "category": span._.category,
        "senses": span._.senses,
        "source": span._.source,
    }


def doc_to_json(
    doc: Doc,
    text: str | None = None,
    *,
    first_only: bool = False,
    labels: Iterable[str] | None = None,
    max_spans: int = DEFAULT_MAX_SPANS,
    glossary_info: dict | None = None,
) -> dict:
    """Serialize the annotations on ``doc`` as the service's JSON.

    ``text`` is the string the caller sent when the doc was built from a masked copy of it (same
    length, markup blanked out); span text is always sliced from it, so it is exactly what the
    caller sees at those offsets. Definitions are sent once per concept: later spans of the same
    concept carry ``"repeat": true`` and no definition or senses.
    """
    text = doc.text if text is None else text
    to_utf16 = utf16_converter(text)
    wanted = set(labels) if labels else None
    spans: list[dict] = []
    seen: set[str] = set()
    truncated = False
    for ent in iter_ents(doc):
        if wanted is not None and ent.label_ not in wanted:
            continue
        key = ent._.term_id or ent.text
        if key in seen and first_only:
            continue
        if len(spans) >= max_spans:
            truncated = True
            break
        record = span_record(ent, to_utf16, text)
        if key in seen:
            record.update(definition=None, senses=None, repeat=True)
        else:
            record["repeat"] = False
            seen.add(key)
        spans.append(record)

    unknown = []
    if UNKNOWN_ACRONYMS_KEY in doc.spans:
        for span in doc.spans[UNKNOWN_ACRONYMS_KEY]:
            if len(unknown) >= max_spans:
                truncated = True
                break
            unknown.append(
                {
                    "start": span.start_char,
                    "end": span.end_char,
                    "start_utf16": to_utf16(span.start_char),
                    "end_utf16": to_utf16(span.end_char),
                    "text": text[span.start_char : span.end_char],
                }
            )
    abbreviations = []
    for abbr in doc._.abbreviations if doc.has_extension("abbreviations") else []:
        abbreviations.append(
            {
                **abbr,
                "short_start_utf16": to_utf16(abbr["short_start"]),
                "short_end_utf16": to_utf16(abbr["short_end"]),
                "long_start_utf16": to_utf16(abbr["long_start"]),
                "long_end_utf16": to_utf16(abbr["long_end"]),
            }
        )
    return {
        "spans": spans,
        "unknown_acronyms": unknown,
        "abbreviations": abbreviations,
        "truncated": truncated,
        "offsets": OFFSETS_NOTE,
        "glossary": glossary_info or {},
    }

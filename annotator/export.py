"""Doc -> JSON: the one function every interface (API, service, CLI, batch) uses.

Offsets are a contract: ``start``/``end`` are Python ``str`` indices (code points) into the
string the caller sent, ``start_utf16``/``end_utf16`` are UTF-16 code-unit indices into the same
string (what JavaScript's ``String.prototype.slice`` expects).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator

import numpy
from spacy.attrs import ENT_IOB
from spacy.tokens import Doc

# The span cap is an annotation option; callers of the export may import it from here too.
from .options import DEFAULT_MAX_SPANS as DEFAULT_MAX_SPANS

OFFSETS_NOTE = {
    "start/end": "code points (Python str indices) into the text sent",
    "start_utf16/end_utf16": "UTF-16 code units (JavaScript string indices) into the text sent",
}

UNKNOWN_ACRONYMS_KEY = "unknown_acronyms"

# Characters that take two UTF-16 code units.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _same(index: int) -> int:
    return index


def utf16_converter(text: str) -> Callable[[int], int]:
    """Return ``f(code_point_index) -> utf16_index`` for ``text``.

    Characters outside the Basic Multilingual Plane take two UTF-16 code units, so the UTF-16
    index is the code-point index plus the number of such characters before it. Text with none
    (the common case, emoji aside) gets the identity; both checks run at C speed.
    """
    if text.isascii() or not _ASTRAL.search(text):
        return _same
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return lambda index: index + bisect_left(astral, index)


#: An entity in the ``ENT_IOB`` codes of a doc's tokens, one byte each: a B token (3) and the I
#: tokens (1) after it, as ``doc.ents`` reads them.
_ENTITY = re.compile(b"\x03\x01*")


def entity_records(doc: Doc, text: str, to_utf16: Callable[[int], int]) -> Iterator[dict]:
    """Each entity's JSON record (all but ``repeat``), in ``doc.ents`` order.

    Entities are read as ``doc.ents`` reads the IOB codes: an entity starts at a B token (3)
    with a label and runs over the I tokens (1) after it. One regex pass over the codes as
    bytes (a ticket has a few entities among a couple of hundred tokens, and each numpy call
    over the column costs more than the whole pass), and only as far as the caller reads: the
    export stops at its span cap, and a text of glued matches has tens of thousands more. Only
    the IOB codes are read for every token (spaCy reads each attribute of each token through a
    function call, so every column of ``to_array`` costs as much); label and offsets are read
    from an entity's edge tokens.

    The extension values come from the component's one dict per span
    (``pipeline.spanvalues.SPAN_VALUES_KEY``, read as ``span_values`` reads it): no ``Span`` and
    no ``Underscore`` object per entity, which was most of the export's time on a 150-word
    ticket. The component shares one values dict between the spans of a concept written one
    way, so the record is built once per values dict and label and copied for each of its
    entities (a copy of a whole dict costs less than building one key by key).
    """
    from .pipeline.spanvalues import NO_VALUES, SPAN_VALUES_KEY

    if not len(doc):
        return
    strings = doc.vocab.strings
    user_data = doc.user_data
    same = to_utf16 is _same  # most texts: the offsets are the UTF-16 ones, no call per offset
    # By the values dict's id, the dict kept beside its record so that no other takes its id.
    templates: dict[tuple[int, int], tuple[dict, dict]] = {}
    codes = doc.to_array(ENT_IOB).astype(numpy.uint8).tobytes()
    for run in _ENTITY.finditer(codes):
        begin, end = run.span()
        first = doc[begin]
        label = first.ent_type
        if not label:
            continue
        last = doc[end - 1] if end - begin > 1 else first
        start_char, end_char = first.idx, last.idx + len(last)
        values = user_data.get((SPAN_VALUES_KEY, start_char, end_char)) or NO_VALUES
        known = templates.get((id(values), label))
        if known is None:
            template = {"start": 0, "end": 0, "start_utf16": 0, "end_utf16": 0, "text": "",
                        "label": strings[label], **values}
            # An entity another component made says nothing of how it matched: as written.
            if not values["match"]:
                template["match"] = "exact"
            known = templates[id(values), label] = (values, template)
        record = known[1].copy()
        record["start"] = start_char
        record["end"] = end_char
        if same:
            record["start_utf16"] = start_char
            record["end_utf16"] = end_char
        else:
            record["start_utf16"] = to_utf16(start_char)
            record["end_utf16"] = to_utf16(end_char)
        record["text"] = text[start_char:end_char]
        senses = values["senses"]
        if senses is not None:
            # The stored list is shared by other spans and documents: the caller gets a copy.
            record["senses"] = list(senses)
        yield record


def _add_turn_fields(record: dict, turns, text: str, to_utf16: Callable[[int], int]) -> None:
    from .text.markup.transcript import turn_fields

    record.update(turn_fields(turns, text, record["start"], record["end"]))
    record["end_utf16"] = to_utf16(record["end"])


def doc_to_json(
    doc: Doc,
    text: str | None = None,
    *,
    first_only: bool = False,
    labels: Iterable[str] | None = None,
    max_spans: int = DEFAULT_MAX_SPANS,
    fuzzy: bool = True,
    glossary_info: dict | None = None,
    turns: object = None,
) -> dict:
    """Serialize the annotations on ``doc`` as the service's JSON.

    ``text`` is the string the caller sent when the doc was built from a masked copy of it (same
    length, markup blanked out); span text is always sliced from it, so it is exactly what the
    caller sees at those offsets. Definitions are sent once per concept: later spans of the same
    concept carry ``"repeat": true`` and no definition or senses. The keyword options are
    :class:`~annotator.options.AnnotateOptions`' fields (``**options.to_kwargs()`` fits).
    ``turns`` (a transcript's turns, from ``text.markup.visible_text_and_turns``) adds each
    span's ``turn``, ``speaker``, ``role`` and ``time``. Every span says how it matched
    (``match``, see ``pipeline.spanvalues.MATCH_KINDS``) and, when misspelled, ``did_you_mean``;
    ``fuzzy=False`` leaves misspelled ones out (the session also keeps the pipeline from
    looking for them).
    """
    text = doc.text if text is None else text
    to_utf16 = utf16_converter(text)
    wanted = set(labels) if labels else None
    spans: list[dict] = []
    seen: set[str] = set()
    truncated = False
    for record in entity_records(doc, text, to_utf16):
        if turns is not None:
            _add_turn_fields(record, turns, text, to_utf16)
        if wanted is not None and record["label"] not in wanted:
            continue
        if not fuzzy and record["match"] == "fuzzy":
            continue
        key = record["term_id"] or record["text"]
        repeat = key in seen
        if repeat and first_only:
            continue
        if len(spans) >= max_spans:
            truncated = True
            break
        if repeat:
            record["definition"] = record["senses"] = None
        else:
            seen.add(key)
        record["repeat"] = repeat
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
    # None on a doc our component did not process (a pipeline without it).
    for abbr in (doc._.abbreviations if doc.has_extension("abbreviations") else None) or ():
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

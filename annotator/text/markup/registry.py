"""The formats :func:`~annotator.text.markup.visible_text` reads: name -> masker.

A new format is one module with a :data:`~annotator.text.markup.mask.Masker` and one line in
:data:`REGISTRY`. ``api=True`` formats are the ones the Python API, the service and the batch
tagger accept (:data:`FORMATS`); the linter reads them all (:data:`ALL_FORMATS`). A ``strict``
format may raise a coded :class:`InputError` for a document that is not of its kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import InputError
from .html import mask_html
from .markdown import mask_markdown
from .mask import Masker
from .plain import mask_text
from .rst import mask_rst
from .transcript import mask_transcript, subformat_masker


@dataclass(frozen=True)
class Format:
    name: str
    masker: Masker
    api: bool = True  # accepted by the API and the service, not only by the linter
    # A strict format raises a coded InputError for a document that is not of its kind (JSON
    # that is no transcript, captions with a broken cue); the others never raise on a string.
    strict: bool = False
    # An exact format is parsed from the text exactly as sent (JSON escapes and very long
    # unbroken strings, cue timings): the same-length safety rewrite would corrupt it, so the
    # rewrite runs on its visible text instead (text.safety.sanitize).
    exact: bool = False


#: Every format, in the order error messages and help list them.
REGISTRY: dict[str, Format] = {
    entry.name: entry
    for entry in (
        Format("text", mask_text),
        Format("markdown", mask_markdown),
        Format("html", mask_html),
        Format("transcript", mask_transcript, strict=True, exact=True),
        # The same, told which kind of transcript to read rather than left to detect it.
        *(Format(f"transcript-{name}", subformat_masker(name), strict=True, exact=True)
          for name in ("turns", "vtt", "srt", "json")),
        Format("rst", mask_rst, api=False),
    )
}

#: The formats the API and the service accept.
FORMATS = tuple(name for name, entry in REGISTRY.items() if entry.api)

#: The formats that never raise on a string (every one but the transcripts).
LENIENT_FORMATS = tuple(name for name, entry in REGISTRY.items() if not entry.strict)

#: Formats :func:`~annotator.text.markup.visible_text` accepts: the API's plus those only the
#: linter reads.
ALL_FORMATS = tuple(REGISTRY)


def get_format(name: object) -> Format:
    """The registered format ``name``; raises :class:`InputError` ``E204`` for any other."""
    entry = REGISTRY.get(name) if isinstance(name, str) else None
    if entry is None:
        raise InputError("E204", field="format", format=name, allowed=", ".join(ALL_FORMATS))
    return entry

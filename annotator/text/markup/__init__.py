"""Visible prose of plain text, Markdown, HTML and reStructuredText, at the original offsets.

:func:`visible_text` returns a string of exactly the same length as its input in which
everything that is not visible prose is replaced by spaces. Newlines (``\\n``, ``\\r``) are
kept, so line numbers and columns computed on the result are those of the original, and a masked
region always becomes whitespace, so no word is glued to another. Every character that is not
blanked is the original character, with one exception: an HTML character reference in visible
text (``&lt;``, ``&#169;``) is replaced by the character it stands for, written at the position
of the ``&`` and followed by spaces, so the words around it keep their offsets
(``"&lt;SLA&gt;"`` -> ``"<   SLA>   "``).

One module per format says what it hides: :mod:`.plain` (``text``), :mod:`.markdown`,
:mod:`.html`, :mod:`.transcript` (a package: ``transcript`` and its explicit sub-formats)
and :mod:`.rst` (for the linter; not one of the API's :data:`FORMATS`).
:mod:`.registry` maps format names to them, :mod:`.mask` is the offset-preserving mask they all
write into, :mod:`.front_matter` reads the YAML block atop an article and :mod:`.lines` turns
offsets into lines and columns.

Every function here is linear in the length of the input and never raises on arbitrary text,
except that a transcript that is not one (JSON of an unknown shape, captions with a broken
cue) is a coded :class:`InputError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...errors import InputError
from .front_matter import FRONT_MATTER_PROSE_KEYS, FrontMatter, find_front_matter
from .html import HIDDEN_ELEMENTS, LINK_ELEMENTS
from .lines import LineIndex, line_col
from .mask import Masked, MaskOptions, Span
from .registry import ALL_FORMATS, FORMATS, LENIENT_FORMATS, REGISTRY, Format, get_format

__all__ = [
    "ALL_FORMATS", "FORMATS", "FRONT_MATTER_PROSE_KEYS", "HIDDEN_ELEMENTS", "LENIENT_FORMATS",
    "LINK_ELEMENTS",
    "REGISTRY", "Format", "FrontMatter", "LineIndex", "MaskOptions", "Masked", "Span",
    "find_front_matter", "headings", "line_col", "next_sentence", "visible_text",
    "visible_text_and_turns",
]  # fmt: skip


def _masked(text: object, format: str, options: MaskOptions) -> Masked:
    if not isinstance(text, str):
        raise InputError("E201", field="text", type_name=type(text).__name__)
    return get_format(format).masker(text, options)


def visible_text(
    text: str,
    format: str = "text",
    *,
    front_matter_keys: Iterable[str] = FRONT_MATTER_PROSE_KEYS,
    hide_links: bool = False,
) -> str:
    """Return ``text`` with everything that is not visible prose blanked (same length).

    ``format`` is one of :data:`ALL_FORMATS`. ``front_matter_keys`` names the Markdown
    front-matter keys whose values stay visible (the linter, which counts only the title and
    description as uses, passes ``("title", "description")``). ``hide_links`` also hides the
    text of HTML ``<a>`` elements (raw HTML in Markdown included); by default link text is
    prose, for annotation and lint alike (that no tooltip sits inside a link is the display's
    rule, see docs/markup.md). Raises :class:`InputError`
    ``E201`` for a non-string and ``E204`` for an unknown format; never raises on any string.

    >>> visible_text("See `SLA` in https://example.com/SLA", "markdown")
    'See       in                        '
    """
    options = MaskOptions(tuple(front_matter_keys), hide_links)
    return _masked(text, format, options).mask.render()


def visible_text_and_turns(text: str, format: str = "text", *, hide_links: bool = False):
    """:func:`visible_text` and, for the transcript formats, the document's
    :class:`~.transcript.Turns` (None for the other formats), from one reading of ``text``.

    Raises as :func:`visible_text` does, plus the transcript formats' ``E206``-``E208`` for a
    transcript that cannot be read.
    """
    masked = _masked(text, format, MaskOptions(hide_links=hide_links))
    return masked.mask.render(), masked.turns


def headings(text: str, format: str = "text") -> list[Span]:
    """``(start, end)`` of every title/heading's text, in document order.

    Markdown: ATX and setext headings plus the front-matter ``title``; HTML: ``h1``-``h6`` and
    ``title`` content; reStructuredText: section titles; plain text: none. Used by the linter's
    "bare acronym in a heading, expansion in the first body sentence" rule together with
    :func:`next_sentence`.

    >>> headings("# The SLA\\n\\nBody", "markdown")
    [(2, 9)]
    """
    return _masked(text, format, MaskOptions()).headings


_SENTENCE_END = re.compile(r"[.!?](?=[\s\"')\]]|$)|\n[ \t]*\n")


def next_sentence(visible: str, offset: int) -> tuple[int, int] | None:
    """The first sentence of visible prose starting at or after ``offset`` in ``visible``.

    ``visible`` is the output of :func:`visible_text`. A sentence ends at ``.``, ``!`` or ``?``
    followed by a space, or at a blank line. Returns ``(start, end)`` or None if only
    whitespace remains.
    """
    length = len(visible)
    start = offset
    while start < length and visible[start].isspace():
        start += 1
    if start >= length:
        return None
    match = _SENTENCE_END.search(visible, start)
    end = match.end() if match and not match.group().startswith("\n") else (
        match.start() if match else length
    )
    return start, end

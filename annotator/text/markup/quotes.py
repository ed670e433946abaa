"""Quotation markers at the start of a line: an e-mail reply's ``> `` (plain text) and a
Markdown blockquote's.

A quoted paragraph is hard-wrapped with the marker repeated on every line, so a term the wrap
splits ("first contact" / "> resolution") has the marker between its words, and the matcher,
which reads a line break inside a term as the space it stands for, never sees the term. The
marker is punctuation of the layout, not of the text (a reader of the quotation does not read
it), so it is hidden like other markup; the quoted words stay visible where they are, and
their offsets do not move. Only a marker opening a line counts ("Admin > Settings" is a menu
path, read by the precision rules).
"""

from __future__ import annotations

import re

from .mask import Mask

# Up to three spaces of indentation (four make a Markdown code block), then one or more ">",
# nested quotes ("> > text", ">> text") each with the space that may follow it.
_MARKERS = re.compile(r"^[ \t]{0,3}>(?:[ \t]?>)*", re.MULTILINE)


def hide_quote_markers(mask: Mask, text: str) -> None:
    """Hide every quotation marker opening a line of ``text`` (the ``>`` characters only: the
    blanks around them are blank already)."""
    if ">" not in text:
        return
    for marker in _MARKERS.finditer(text):
        start = marker.start()
        for offset, char in enumerate(marker.group(), start):
            if char == ">":
                mask.hide(offset, offset + 1)

"""The block structure of a Markdown text made of paragraphs only, found without the parser.

markdown-it asks every block rule, twice (setext heading, then paragraph), whether each line of
a paragraph ends it: a text of many short lines (bare ``\\r`` or ``\\r\\n`` line ends) spent
most of its masking there. When no line can open anything but a paragraph, CommonMark's answer
is known beforehand: each run of non-blank lines is one paragraph, whatever its lines say.

A line can open something else when it is indented by four columns or more, or by a tab (code,
or a lazy continuation: left to the parser), or when its first character after up to three
spaces could open a heading, a setext underline, a block quote, a fence, a list item, a
thematic break, raw HTML or a link reference definition. A text with any such line goes to
the parser; the answer is then the parser's. Lines are counted as markdown-it counts them
(after its normalisation, ``\\r\\n`` and ``\\r`` end a line as ``\\n`` does) and blank lines
hold only spaces and tabs, as there.
"""

from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n?")
#: A non-blank line that may open a block other than a paragraph (see the module's doc): the
#: first character of any block rule of CommonMark but a paragraph's, or an indented line.
_MAY_OPEN_BLOCK = re.compile(r"^(?: {0,3}[-#>`~<*+=_\[0-9]| {0,3}\t[ \t]*+[^ \t\n]| {4}[ \t]*+[^ \t\n])", re.M)


def plain_paragraphs(source: str) -> list[tuple[int, int]] | None:
    """``(first line, line after the last)`` of each paragraph of ``source`` (0-based, the
    ``map`` of markdown-it's inline token), in order; None unless every non-blank line is a
    paragraph's line whatever comes before it (then ask the parser)."""
    normalized = _NEWLINES.sub("\n", source) if "\r" in source else source
    if _MAY_OPEN_BLOCK.search(normalized):
        return None
    found: list[tuple[int, int]] = []
    first = -1
    for number, line in enumerate(normalized.split("\n")):
        if line.strip(" \t"):
            if first < 0:
                first = number
        elif first >= 0:
            found.append((first, number))
            first = -1
    if first >= 0:
        found.append((first, number + 1))
    return found

"""Titles of plain-text articles.

The heading rule ("a bare acronym in a title or heading followed by its expansion in the first
body sentence counts as defined") needs to know where headings are. For Markdown, HTML and
reStructuredText the markup engine reports them (``annotator.text.markup.headings``); plain
text has no markup, so the linter recognises the two conventions plain-text articles use: a
first line set off by a blank line, and a line underlined with ``===`` or ``---``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.markup import LineIndex

_UNDERLINE = re.compile(r"[ \t]*([=\-~^*#+])\1{2,}[ \t]*")


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    front_matter: bool = False  # a Markdown front-matter ``title``


def text_headings(text: str) -> list[Heading]:
    """Heading spans (line text without the line break) of a plain-text article."""
    lines = LineIndex(text).lines()
    found = []
    for index, (start, line) in enumerate(lines):
        if not line.strip() or _UNDERLINE.fullmatch(line):
            continue
        nxt = lines[index + 1][1] if index + 1 < len(lines) else None
        if nxt is not None and _UNDERLINE.fullmatch(nxt):
            found.append(Heading(start, start + len(line)))
        elif (
            index == 0
            and nxt is not None
            and not nxt.strip()
            and len(line) <= 80
            and not line.rstrip().endswith((".", ":", ",", ";", "?", "!"))
        ):
            found.append(Heading(start, start + len(line)))
    return found

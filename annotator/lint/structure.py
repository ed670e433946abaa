"""Titles and headings, and the first body sentence after each.

The definition rule has one structural exception: a bare acronym in a title or heading
followed by its expansion in the first body sentence counts as defined ("SLAs" / "=====" /
"Service Level Agreements (SLAs) ensure ..."). This module finds where headings are, per
format, and where the sentence after each one ends. Offsets index the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]*\n?")
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+\S")
_UNDERLINE = re.compile(r"^[ \t]*([=\-~^*#\"'`+_.:])\1{2,}[ \t]*\r?$")
_FRONT_MATTER_TITLE = re.compile(r"^(?:title|sidebar_label)[ \t]*:", re.IGNORECASE)
_HTML_HEADING = re.compile(r"<(h[1-6]|title)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\r?\n")


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    front_matter: bool = False


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for match in _LINE.finditer(text):
        if not match.group():
            break
        out.append((pos, match.group()))
        pos = match.end()
    return out


def _front_matter_end(text: str, lines: list[tuple[int, str]]) -> int:
    """Index of the first line after a leading ``---`` YAML block (0 when there is none)."""
    if not lines or lines[0][1].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index][1].strip() in ("---", "..."):
            return index + 1
    return 0


def headings(text: str, format: str) -> list[Heading]:
    """Every title/heading line (its span without the line break), in text order."""
    if format == "html":
        return [Heading(m.start(2), m.end(2)) for m in _HTML_HEADING.finditer(text)]
    lines = _lines(text)
    found: list[Heading] = []
    body_from = 0
    if format == "markdown":
        body_from = _front_matter_end(text, lines)
        for start, line in lines[1 : max(body_from - 1, 1)]:
            if _FRONT_MATTER_TITLE.match(line):
                found.append(Heading(start, start + len(line.rstrip("\r\n")), front_matter=True))
    for index in range(body_from, len(lines)):
        start, line = lines[index]
        content = line.rstrip("\r\n")
        if not content.strip():
            continue
        if format == "markdown" and _ATX.match(line):
            found.append(Heading(start, start + len(content)))
            continue
        if _UNDERLINE.match(content):
            continue
        nxt = lines[index + 1][1].rstrip("\r\n") if index + 1 < len(lines) else ""
        if _UNDERLINE.match(nxt) and len(nxt.strip()) >= min(len(content.strip()), 3):
            found.append(Heading(start, start + len(content)))
        elif format == "text" and index == 0 and not nxt.strip() and len(content) <= 80:
            # A plain-text article's first line, set off by a blank line, is its title.
            if not content.rstrip().endswith((".", ":", ",", ";")):
                found.append(Heading(start, start + len(content)))
    return found


def first_sentence_after(visible: str, pos: int, limit: int = 600) -> tuple[int, int] | None:
    """The span of the first sentence of visible prose on the lines after ``pos``.

    Blank lines and heading underlines are skipped; the sentence ends at ``.``, ``!`` or ``?``
    followed by a space, at a blank line, or after ``limit`` characters.
    """
    length = len(visible)
    newline = visible.find("\n", pos)
    if newline < 0:
        return None
    i = newline + 1
    while i < length:
        nl = visible.find("\n", i)
        line_end = length if nl < 0 else nl
        line = visible[i:line_end].strip()
        if line and not _UNDERLINE.match(line):
            break
        i = line_end + 1
    if i >= length:
        return None
    while visible[i].isspace():
        i += 1
    end_match = _SENTENCE_END.search(visible, i, min(length, i + limit))
    end = end_match.end() if end_match else min(length, i + limit)
    return i, end

"""Where a span sits on the page: on a heading line, or alone in a Markdown table cell.

Both read the raw text around the span (at most :data:`_LINE_REACH` characters either side,
so a long line or a text without line breaks costs a bounded look, never a scan to its end).
The name rules ask them: a title-case run in a heading is a title, not a name, and a term
filling a short table cell is a label.
"""

from __future__ import annotations

import re

from ...vocabulary.names import is_title_case

#: Most words a markdown table cell may hold to be read as a label.
TABLE_CELL_WORDS = 2
#: How far around a match a line break is looked for (a heading is a short line).
_LINE_REACH = 160
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
_FIELD_PREFIX = re.compile(r"^\s*(?:#+|[-*+]|\d+[.)]|\w+:)\s+")
_CELL_WORD = re.compile(r"\w+")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d+[.)])\s")


def _line(text: str, start: int, end: int) -> str | None:
    """The line around ``start:end``, or None when it is long (no heading)."""
    lo = text.rfind("\n", max(0, start - _LINE_REACH), start)
    hi = text.find("\n", end, end + _LINE_REACH)
    if (lo < 0 and start > _LINE_REACH) or (hi < 0 and len(text) - end > _LINE_REACH):
        return None
    return text[lo + 1 : hi if hi >= 0 else len(text)]


def in_heading(text: str, start: int, end: int) -> bool:
    """``start:end`` is in a heading: a markdown ``#`` line, or a short line whose words are
    all capitalised (a title, a front-matter ``title:``) and that does not end a sentence."""
    line = _line(text, start, end)
    if line is None:
        return False
    stripped = line.strip()
    if stripped.startswith("#"):
        return True
    if _LIST_ITEM.match(stripped) or "[" in stripped:
        return False
    body = _FIELD_PREFIX.sub("", stripped, count=1).strip(" \"'")
    words = body.split()
    return 2 <= len(words) <= 12 and not body.endswith((".", "?", "!")) and is_title_case(body)


def table_label(text: str, start: int, end: int, max_words: int = TABLE_CELL_WORDS) -> bool:
    """``start:end`` fills a markdown table body cell of at most ``max_words`` words."""
    line_start = text.rfind("\n", max(0, start - _LINE_REACH), start) + 1
    if not text.startswith("|", line_start) and not text[line_start:start].lstrip().startswith("|"):
        return False
    left = text.rfind("|", line_start, start)
    right = text.find("|", end, end + _LINE_REACH)
    newline = text.find("\n", end, end + _LINE_REACH)  # bounded: never a scan to the end
    if left < 0 or right < 0 or (0 <= newline < right):
        return False
    if len(_CELL_WORD.findall(text[left + 1 : right])) > max_words:
        return False
    # A header row (the line after it is the |---| separator) names columns, in prose words.
    next_line = text[newline + 1 : newline + 1 + _LINE_REACH] if newline >= 0 else ""
    return not _TABLE_SEPARATOR.match(next_line)

"""Lines and columns of a document: the one line index every part of the product uses.

Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as editors, the Language Server Protocol and SARIF
count them, so a position the linter reports is the one an editor shows.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_NEWLINE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line/column look-ups for one document, built once in a single pass.

    Lines and columns are 1-based; a column counts code points from the start of the line.

    >>> index = LineIndex("a\\nbc SLA")
    >>> index.line_col(5)
    (2, 4)
    >>> index.lines()
    [(0, 'a'), (2, 'bc SLA')]
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def __len__(self) -> int:
        return len(self.starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line`` (the text's end past the last)."""
        if line - 1 >= len(self.starts):
            return len(self.text)
        return self.starts[max(line - 1, 0)]

    def line_end(self, line: int) -> int:
        """Offset just past the last character of 1-based ``line``, before its line break."""
        start = self.line_start(line)
        match = _NEWLINE.search(self.text, start)
        return match.start() if match else len(self.text)

    def lines(self) -> list[tuple[int, str]]:
        """``(start, text without the line break)`` of every line, in order.

        The empty line after a final line break is not a line (a text ending in ``\\n`` has as
        many lines as it has breaks), and an empty text has none.
        """
        text, starts = self.text, self.starts
        ends = [start - len(m.group()) for start, m in zip(starts[1:], _NEWLINE.finditer(text))]
        found = [(start, text[start:end]) for start, end in zip(starts, ends)]
        if starts[-1] < len(text):
            found.append((starts[-1], text[starts[-1] :]))
        return found


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of ``offset`` in ``text``; use :class:`LineIndex` for many."""
    return LineIndex(text).line_col(offset)

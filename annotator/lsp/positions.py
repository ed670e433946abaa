"""Offsets <-> LSP positions, exact for every encoding the client may negotiate.

The product speaks code-point offsets into the document; LSP speaks ``(line, character)`` where
``character`` counts UTF-16 code units unless the client negotiated UTF-8 or UTF-32. Lines end
at ``\\n``, ``\\r\\n`` or ``\\r`` only: ``str.splitlines`` also breaks at U+2028, form feeds and
other separators that no editor counts as line ends, so it is not used here.

Units inside a line are counted by pygls' position codec (``UnitCounter.code_units_for_char``),
so the one definition of "a UTF-16 code unit" is the library's. Positions the client sends past
the end of a line or of the document are clamped, never an error: editors send them after
racing edits.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

_LINE_END = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line starts of one text version, and conversions through a position codec."""

    def __init__(self, text: str, codec: PositionCodec | None = None) -> None:
        self.text = text
        self.codec = codec or PositionCodec()
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
        # Where each line's content ends (before its line break).
        self.ends = [m.start() for m in _LINE_END.finditer(text)] + [len(text)]

    def _units(self, chunk: str) -> int:
        if chunk.isascii():
            return len(chunk)
        return self.codec.client_num_units(chunk)

    def position(self, offset: int) -> types.Position:
        """The client position of a code-point ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        # An offset inside a "\r\n" pair belongs to the end of that line.
        start = self.starts[line]
        offset = min(offset, self.ends[line])
        return types.Position(line=line, character=self._units(self.text[start:offset]))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of a client ``position``; past the end of a line or of the
        document clamps to that end; inside a surrogate pair (or a UTF-8 sequence) rounds
        up to the character's end."""
        if position.line < 0:
            return 0
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.ends[position.line]
        target = max(0, position.character)
        line = self.text[start:end]
        if line.isascii():
            return start + min(target, len(line))
        counted = 0
        count = self.codec.impl.code_units_for_char
        for index, char in enumerate(line):
            if counted >= target:
                return start + index
            counted += count(char)
        return end

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))


def apply_change(
    text: str, change: types.TextDocumentContentChangeEvent, codec: PositionCodec
) -> tuple[str, int, int, int]:
    """Apply one ``didChange`` event to ``text``.

    Returns ``(new_text, start, old_end, new_end)``: the edited region in code points, before
    and after, so caches can shift the offsets behind it. A full-text change reports the whole
    document as edited.
    """
    if isinstance(change, types.TextDocumentContentChangeWholeDocument) or getattr(change, "range", None) is None:
        return change.text, 0, len(text), len(change.text)
    index = LineIndex(text, codec)
    start = index.offset(change.range.start)
    end = max(start, index.offset(change.range.end))
    return text[:start] + change.text + text[end:], start, end, start + len(change.text)

"""The offset-preserving mask every format writes into, and the visible text it renders.

A :class:`Mask` holds one flag per character of the original text (hidden or not) plus the
HTML character references decoded in place. Formats only ever call :meth:`Mask.hide`,
:meth:`Mask.show` and :meth:`Mask.replace`; :meth:`Mask.render` turns the flags into the visible
text: same length as the original, hidden characters blanked, line breaks kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .front_matter import FRONT_MATTER_PROSE_KEYS

_NOT_NEWLINE = re.compile(r"[^\r\n]")
_LINE_BODY = re.compile(r"[^\r\n]+")
# One code point per element; "surrogatepass" lets a lone surrogate through (never raise).
_UCS4 = "utf-32-le"
_LF, _CR = ord("\n"), ord("\r")
# Below this many characters per line, one substitution per character beats one per line.
_SHORT_LINES = 16

#: ``(start, end)`` of a heading's text in the original.
Span = tuple[int, int]


def blank(text: str) -> str:
    """``text`` with every character but line breaks replaced by a space."""
    breaks = text.count("\n") + text.count("\r")
    if not breaks:
        return " " * len(text)
    if len(text) < breaks * _SHORT_LINES:
        return _NOT_NEWLINE.sub(" ", text)
    return _LINE_BODY.sub(lambda line: " " * (line.end() - line.start()), text)


class Mask:
    """What is hidden in one text, and the character references decoded in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.flags = bytearray(len(text))
        self.replacements: dict[int, str] = {}

    def hide(self, start: int, end: int) -> None:
        if end > start:
            self.flags[start:end] = b"\x01" * (end - start)

    def show(self, start: int, end: int) -> None:
        if end > start:
            self.flags[start:end] = bytes(end - start)

    def replace(self, start: int, raw: str, decoded: str) -> None:
        """Show ``decoded`` for the reference ``raw`` found at ``start``."""
        # The decoded character goes where the "&" was; the rest of the reference is padded.
        decoded = decoded[: len(raw)]
        self.replacements[start] = decoded + " " * (len(raw) - len(decoded))

    def work_copy(self) -> str:
        """The text with everything hidden so far blanked (for the next masking pass)."""
        return self.render(with_replacements=False)

    def render(self, with_replacements: bool = True) -> str:
        """The visible text: hidden runs blanked, line breaks kept, references decoded."""
        result = self.text
        if b"\x01" in self.flags:
            # One array pass over the code points rather than a Python step per hidden run:
            # markup-dense input has a run every few characters.
            codes = np.frombuffer(result.encode(_UCS4, "surrogatepass"), dtype=np.uint32).copy()
            # (A range hidden past the end grows the flags; what lies past the text is nothing.)
            flags = np.frombuffer(self.flags, dtype=np.bool_)[: len(codes)]
            hidden = flags & (codes != _LF) & (codes != _CR)
            codes[hidden] = ord(" ")
            result = codes.tobytes().decode(_UCS4, "surrogatepass")
        if with_replacements and self.replacements:
            chars = list(result)
            for start, value in self.replacements.items():
                if not any(self.flags[start : start + len(value)]):
                    chars[start : start + len(value)] = value
            result = "".join(chars)
        return result


def hide_all(mask: Mask, pattern: re.Pattern, text: str) -> None:
    """Hide every match of ``pattern`` in ``text`` (a work copy of the mask's text)."""
    for match in pattern.finditer(text):
        mask.hide(*match.span())


@dataclass(frozen=True)
class MaskOptions:
    """What a caller may ask of every format (a format ignores what does not apply to it).

    ``front_matter_keys``: the front-matter keys whose values stay visible. ``hide_links``:
    hide the text of HTML links too (no surface of the product asks for it: link text is
    prose).
    """

    front_matter_keys: tuple[str, ...] = FRONT_MATTER_PROSE_KEYS
    hide_links: bool = False


@dataclass
class Masked:
    """One format's answer: the mask, and the heading spans it found, in document order.

    ``turns``: a transcript's :class:`~annotator.text.markup.transcript.Turns` (None for the
    other formats).
    """

    mask: Mask
    headings: list[Span] = field(default_factory=list)
    turns: object = None


#: A format: text and options in, :class:`Masked` out. Linear, and never raises on any string.
Masker = Callable[[str, MaskOptions], Masked]

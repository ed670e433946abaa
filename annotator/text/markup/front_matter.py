"""YAML front matter: the one reader of the ``---`` block at the top of an article.

The block opens with ``---`` on the first line and closes with ``---`` or ``...`` on a line of
its own; any line break (``\\n``, ``\\r\\n``, ``\\r``) ends a line. The Markdown masker hides it
except the values readers see; the linter needs where it ends.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: Front-matter keys whose values readers see (page title, summary, navigation label, tags).
FRONT_MATTER_PROSE_KEYS = (
    "title", "description", "summary", "subtitle", "excerpt", "sidebar_label", "nav_title",
    "linktitle", "category", "categories", "tags", "keywords",
)  # fmt: skip

_LINE_END = r"(?=\r\n|\r|\n|\Z)"
_OPEN = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*" + _LINE_END)
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class FrontMatter:
    """Where the block is: ``body`` is the YAML between the delimiter lines, ``close_end`` the
    end of the closing delimiter, ``end`` the start of the article after it (past its line
    break)."""

    body: tuple[int, int]
    close_end: int
    end: int


def find_front_matter(text: str) -> FrontMatter | None:
    """The front matter at the top of ``text``, or None (an unclosed block is not one).

    >>> find_front_matter("---\\ntitle: SLA\\n---\\nBody")
    FrontMatter(body=(4, 15), close_end=18, end=19)
    """
    opening = _OPEN.match(text)
    if not opening:
        return None
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return None
    line_break = _BREAK.match(text, closing.end())
    end = line_break.end() if line_break else closing.end()
    return FrontMatter((opening.end(), closing.start()), closing.end(), end)


@functools.lru_cache(maxsize=16)
def _values_of(keys: tuple[str, ...]) -> re.Pattern:
    names = "|".join(re.escape(key) for key in keys) or "(?!)"
    return re.compile(
        r"(?<=[\r\n])(?P<key>" + names + r")[ \t]*:[ \t]*+(?P<value>[^\r\n]*?)[ \t]*" + _LINE_END,
        re.IGNORECASE,
    )


def prose_values(
    text: str, front_matter: FrontMatter, keys: Iterable[str]
) -> Iterator[tuple[str, int, int]]:
    """``(key, start, end)`` of the value of every top-level ``keys`` line, quotes excluded."""
    start, end = front_matter.body
    for line in _values_of(tuple(keys)).finditer(text, start, end):
        value_start, value_end = line.span("value")
        value = text[value_start:value_end]
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value_start, value_end = value_start + 1, value_end - 1
        yield line.group("key").lower(), value_start, value_end

"""Front matter: the one reader of the ``---`` block at the top of an article, and of the
header of ``Key: value`` lines other files open with.

The block opens with ``---`` on the first line and closes with ``---`` or ``...`` on a line of
its own; any line break (``\\n``, ``\\r\\n``, ``\\r``) ends a line. The Markdown masker hides it
except the values readers see; the linter needs where it ends.

A plugin's readme ("Contributors: ...", "Tags: ...", "Stable tag: 1.7.2"), an e-mail's or an
exported ticket's header ("From:", "Subject:") and MultiMarkdown's metadata open with the same
record in another syntax: lines of a key, a colon and a value, from the first line (or under
a title line) to the first line that is no such field (:func:`header_keys`). Its keys name the
record's fields, not anything the text says ("Stable tag" is a release, not a tag); its values
stay visible, as nothing tells which of them are prose.
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
#: Fewest field lines a header has (two "Key: value" lines are as often a sentence's pair).
MIN_HEADER_FIELDS = 3
# A header field: a key of up to four words, a colon, a value. The value is no sentence: a
# line ending with a word and a full stop is prose ("Ticket: a request from a customer.").
_FIELD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ \t_-][A-Za-z0-9]+){0,3}(?=:[ \t]+\S)")
_SENTENCE_END = re.compile(r"[A-Za-z)][.!?][ \t]*\Z")


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


def header_keys(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each key of the header of ``Key: value`` lines ``text`` opens with
    (see the module docstring): at least :data:`MIN_HEADER_FIELDS` field lines in a row, on
    the first line or under a title line; ``[]`` when there is none."""
    # Two line starts can open the header: the text's and, under a title, the second line's.
    for opening in (0, _second_line(text)):
        if opening is None:
            continue
        keys = []
        start = opening
        while start < len(text):
            line_end = _BREAK.search(text, start)
            stop = line_end.start() if line_end else len(text)
            field = _FIELD.match(text, start, stop)
            if field is None or _ends_sentence(text, field.end(), stop):
                break
            keys.append(field.span())
            start = line_end.end() if line_end else len(text)
        if len(keys) >= MIN_HEADER_FIELDS:
            return keys
        if keys:  # a field on the first line: no title above the header
            return []
    return []


def _ends_sentence(text: str, start: int, stop: int) -> bool:
    """Does ``text[start:stop]`` (a field's value) end as a sentence does (:data:`_SENTENCE_END`)?

    The pattern can match only on the two characters before the trailing blanks, so it is
    tried there alone: searched for, it was tried at every position of the line (a one-line
    ticket that opens with "Subject:" is one long line)."""
    tail = start + len(text[start:stop].rstrip(" \t"))
    return tail - 2 >= start and _SENTENCE_END.match(text, tail - 2, stop) is not None


def _second_line(text: str) -> int | None:
    """Where the text's second line starts, when its first line holds something."""
    first = _BREAK.search(text)
    if first is None or not text[: first.start()].strip():
        return None
    return first.end()

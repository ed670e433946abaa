"""Terms that run across a table-cell border or a code span: two cells, not one term.

Markdown masking blanks a table's ``|`` and an inline code span at their offsets
(:mod:`annotator.text.markup`), so the words either side of them are neighbours in the text the
matcher reads: "| First Response | Time until first agent reply |" reads "First Response   Time",
and "first response time" matches across the border. A cell border or a code span never sits
inside a term, so a phrase match whose stretch of the string sent holds one of
:data:`BREAKS` is two things side by side (the cell's own words may still match alone: "First
Response"). A term broken over a line, set in emphasis or in a link's text keeps its
characters and stays one match.

Asked of a candidate of two tokens or more, and only in a document whose markup was masked (the
session then leaves the string sent beside the visible text).
"""

from __future__ import annotations

from ..names import SOURCE_TEXT_KEY

#: Characters that end a stretch of prose in Markdown: a table-cell border, a code span's mark.
BREAKS = "|`"


def crosses_break(source: str, start: int, end: int) -> bool:
    """``source[start:end]`` holds a table-cell border or a code mark (:data:`BREAKS`)."""
    return any(mark in source[start:end] for mark in BREAKS)


def keep_unless_across_markup(context, match, start: int, end: int) -> bool:
    """The ``markup_gaps`` rule: drop a phrase match that runs across a cell border or code."""
    if match.end - match.start < 2:
        return True
    source = context.doc.user_data.get(SOURCE_TEXT_KEY)
    return source is None or not crosses_break(source, start, end)

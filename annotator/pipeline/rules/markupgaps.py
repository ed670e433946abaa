"""Terms that run across a table-cell border or a code span: two cells, not one term.

Markdown masking blanks a table's ``|`` and an inline code span at their offsets
(:mod:`annotator.text.markup`), so the words either side of them are neighbours in the text the
matcher reads: "| First Response | Time until first agent reply |" reads "First Response   Time",
and "first response time" matches across the border. A cell border or a code span never sits
inside a term, so a phrase match whose stretch of the string sent holds one of :data:`BREAKS`
is two things side by side, and is dropped. A term broken over a line, set in emphasis or in a
link's text keeps its characters and stays one match.

The rule runs on the resolved matches, once per document, and only in a document whose markup
was masked (the session then leaves the string sent beside the visible text); a dropped match's
cell is left untagged ("First Response" alone is not matched again).
"""

from __future__ import annotations

from ..resolution import release
from ..names import SOURCE_TEXT_KEY

#: Characters that end a stretch of prose in Markdown: a table-cell border, a code span's mark.
BREAKS = "|`"


def crosses_break(source: str, start: int, end: int) -> bool:
    """``source[start:end]`` holds a table-cell border or a code mark (:data:`BREAKS`)."""
    return any(mark in source[start:end] for mark in BREAKS)


def drop_across_markup(context, matches: list, taken: bytearray) -> list:
    """The ``markup_gaps`` rule: ``matches`` without the phrase matches that run across a cell
    border or a code span. ``context`` is the component's
    :class:`~annotator.pipeline.rulecontext.RuleContext`; dropped matches release their tokens."""
    source = context.doc.user_data.get(SOURCE_TEXT_KEY) if matches else None
    if source is None:
        return matches
    doc, token_end = context.doc, context.token_end
    dropped = {
        m for m in matches
        if m.end - m.start > 1 and not m.is_token_pattern and crosses_break(source, doc[m.start].idx, token_end(m.end - 1))
    }  # fmt: skip
    return release(matches, dropped, taken)

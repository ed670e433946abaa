"""annotator.text.markup.quotes: the ">" opening a quoted line, in plain text and Markdown."""

from __future__ import annotations

import pytest

import annotator
from annotator.text.markup import visible_text


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize(
    "text, visible",
    [
        ("> first contact\n> resolution", "  first contact\n  resolution"),
        (">> nested\n> > twice", "   nested\n    twice"),
        ("  > indented", "    indented"),
        (">no space", " no space"),
    ],
)
def test_quotes_markers_opening_a_line_are_hidden(fmt, text, visible):
    out = visible_text(text, fmt)
    assert out == visible and len(out) == len(text)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("text", ["Go to Admin > Settings", "wait > 5 min", "a -> b"])
def test_quotes_a_marker_inside_a_line_stays(fmt, text):
    assert visible_text(text, fmt) == text


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_quotes_a_quoted_term_split_by_the_wrap_is_one_span(make_fixture_nlp, fmt):
    nlp = make_fixture_nlp()  # the component's fixture glossary (this directory's nlp is blank)
    text = "On Monday Bob wrote:\n> our first contact\n> resolution fell below the SLA\n"
    spans = annotator.annotate(text, fmt, nlp=nlp)["spans"]
    assert ("first contact\n> resolution", "First Contact Resolution") in [(s["text"], s["term"]) for s in spans]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)

"""pipeline.rules.markupgaps: a phrase match running across a Markdown table-cell border or a
code span is two things side by side; a term over a line break, in emphasis or in a link's text
stays one match."""

from __future__ import annotations

import pytest

from annotator.api import annotate
from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules import markupgaps

RULE = "helpdesk_glossary.markup_gaps.v1"


def _spans(text, nlp=None):
    return [s["text"] for s in annotate(text, "markdown", nlp=nlp)["spans"]]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("| Target | Goal |\n|---|---|\n| First Response | Time until the first reply to a ticket |\n",
         ["ticket"]),
        ("| Metric | Goal |\n|---|---|\n| Customer Satisfaction | Score above 90 for every ticket |\n",
         ["ticket"]),
    ],
)
def test_markupgaps_matches_across_a_break_are_dropped(builtin_nlp, text, expected):
    assert _spans(text, builtin_nlp) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Track the first response\ntime of each ticket.", ["first response\ntime", "ticket"]),
        ("Track the [first response time](https://example.com/frt) of each ticket.",
         ["first response time", "ticket"]),
        ("| Metric |\n|---|\n| first response time per ticket |\n", ["first response time", "ticket"]),
    ],
)
def test_markupgaps_terms_inside_one_stretch_stay(builtin_nlp, text, expected):
    assert _spans(text, builtin_nlp) == expected


@pytest.mark.parametrize(
    "source,start,end,crosses",
    [
        ("First Response | Time", 0, 21, True),
        ("first `x` time", 0, 14, True),
        ("first response time", 0, 19, False),
        ("a | b first response", 6, 20, False),
    ],
)
def test_markupgaps_crosses_break(source, start, end, crosses):
    assert markupgaps.crosses_break(source, start, end) is crosses


def test_markupgaps_is_a_default_rule():
    assert RULE in DEFAULT_PRECISION_RULES


def test_markupgaps_can_be_left_out():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"precision_rules": [r for r in DEFAULT_PRECISION_RULES if r != RULE]})
    text = "| Target | Goal |\n|---|---|\n| First Response | Time until the first reply to a ticket |\n"
    assert "First Response | Time" in _spans(text, nlp)

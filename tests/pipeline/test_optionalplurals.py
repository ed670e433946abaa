"""pipeline.optionalplurals: matches ending at a word written with an optional plural, found
run by run or in one bulk search, the same either way and the same as reading the whole
document that way."""

from __future__ import annotations

import pytest

from annotator.pipeline.matcher import COLUMNS
from annotator.pipeline.optionalplurals import optional_plural_matches, written_plurals

_PATTERNS = [
    {"label": "CX_TERM", "pattern": "ticket", "id": "ticket"},
    {"label": "CX_TERM", "pattern": "knowledge base", "id": "kb"},
    {"label": "CX_TERM", "pattern": "service level agreement", "id": "sla-long"},
    {"label": "CX_TERM", "pattern": "agreement", "id": "agreement"},
    {"label": "CX_TERM", "pattern": "base", "id": "base"},
    {"label": "CX_ACRONYM", "pattern": [{"ORTH": "SLA"}], "id": "sla"},
    {"label": "CX_ACRONYM", "pattern": [{"ORTH": "KB"}], "id": "kb-acronym"},
]


@pytest.fixture(scope="module")
def setup(matcher_for):
    return matcher_for(_PATTERNS)


def _whole_document(stems, table, words, column):
    """The reference: every match of the whole document read with its words, kept where it
    ends at one of them."""
    read = list(words)
    for i, pair in stems.items():
        read[i] = pair[column]
    return sorted((start, end + 1, target) for start, end, target in table.find(read) if end - 1 in stems)


@pytest.mark.parametrize("text", [
    "Close the ticket(s) now.",
    "Per SLA(s) and the knowledge base(s).",
    "ticket(s)",  # the first token
    "SLA(s) SLA(s)SLA(s) KB(s) ticket(s",  # glued, and no closing parenthesis at the end
    "the service level agreement(s) and agreement(s), base(s) of knowledge base(s)",
    "SLA(s) " * 300 + "knowledge base(s) " * 40,  # dense: bulk by default
    "a " * 400 + "knowledge base(s) and ticket(s) " + "b " * 400,  # sparse: run by run
    "sla(s) x(s) (s) ticket (s) ticket(sa)",
])
def test_optionalplurals_run_by_run_and_bulk_find_the_same(setup, text):
    nlp, matcher = setup
    doc = nlp.make_doc(text)
    array = doc.to_array(COLUMNS)
    lower, orth = array[:, 0].tolist(), array[:, 1].tolist()
    stems = written_plurals(doc, text, lower, orth)
    assert all(doc[i].text.endswith("(s") and doc[i + 1].text == ")" for i in stems)
    for column, (table, words) in enumerate(((matcher.lower, lower), (matcher.orth, orth))):
        expected = _whole_document(stems, table, words, column)
        for bulk in (True, False, None):
            assert sorted(zip(*optional_plural_matches(stems, table, words, column, matcher.max_length, bulk))) == expected


def test_optionalplurals_candidates_cover_every_form(setup):
    nlp, matcher = setup
    text = "the knowledge base(s), SLA(s) and service level agreement(s); sla(s) stays"
    doc = nlp.make_doc(text)
    found = sorted((doc[m.start : m.end].text, m.id) for m in matcher.candidates(doc, text=text))
    assert found == [("SLA(s)", "sla"), ("agreement(s)", "agreement"), ("base(s)", "base"),
                     ("knowledge base(s)", "kb"), ("service level agreement(s)", "sla-long")]

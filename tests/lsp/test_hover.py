"""Hover Markdown: term, definition, source; every sense of an ambiguous acronym, likely first."""

from __future__ import annotations

import pytest

from annotator.lsp.engine import Span
from annotator.lsp.hover import InText, escape, prefer_document_sense, render

SENSES = (
    {"term_id": "aht-handle", "term": "Average Handle Time", "definition": "Talk plus wrap-up.",
     "reason": "context: 2 related words", "score": 0.5},
    {"term_id": "aht-hold", "term": "Average Hold Time", "definition": "Time on hold.",
     "reason": "no context; defined by 1 source", "score": 0.0},
)  # fmt: skip


def test_hover_glossary_term_has_definition_and_source():
    span = Span(0, 3, "SLA", "sla", "Service Level Agreement", "An agreement.", "seed.txt", True)
    assert render(span, {}) == "**Service Level Agreement** (SLA)\n\nAn agreement.\n\n_Source: seed.txt_"


def test_hover_ambiguous_acronym_lists_senses_likely_first_with_reasons():
    span = Span(0, 3, "AHT", "aht-handle", "Average Handle Time", "Talk plus wrap-up.", "seed.txt", True, SENSES)
    text = render(span, {})
    assert text.index("1. **Average Handle Time** (likely: context: 2 related words)") < text.index(
        "2. **Average Hold Time** (also: no context; defined by 1 source)"
    )


def test_hover_document_definition_moves_its_sense_first():
    span = Span(0, 3, "AHT", "aht-handle", "Average Handle Time", "", "seed.txt", True, SENSES)
    chosen = prefer_document_sense(span, {"AHT": InText("average hold time", 7)})
    assert chosen.senses[0]["term"] == "Average Hold Time"
    assert chosen.senses[0]["reason"] == "the document defines it on line 7"
    assert chosen.term_id == "aht-hold"


@pytest.mark.parametrize(
    ("defined", "expected"),
    [
        ({}, "**ZQXV**: not in the glossary."),
        ({"ZQXV": InText("Zero Queue Xfer", 3)}, "Defined in this document, line 3"),
    ],
)
def test_hover_unknown_acronym(defined, expected):
    assert expected in render(Span(0, 4, "ZQXV", is_acronym=True, unknown=True), defined)


def test_hover_escapes_glossary_markup():
    assert escape("<img src=x> *bold* [l](u)") == "\\<img src=x\\> \\*bold\\* \\[l\\](u)"

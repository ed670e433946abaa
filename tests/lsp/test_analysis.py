"""Analysis with the real pipeline: an edited document's spans equal a fresh annotation's."""

from __future__ import annotations

import pytest

from annotator.lsp import analysis, engine
from annotator.lsp.projects import ProjectStore

PARAGRAPHS = [
    "Our AHT went up after the IVR change.",
    "Check the SLA before you escalate to tier 2.",
    "The \U0001F600 Customer Effort Score (CES) is tracked weekly.",
    "```\nSLA in code is not prose\n```",
    "Ask the WFB team; Widget Foo Bar (WFB) owns it.",
] * 6


@pytest.fixture(scope="module")
def project():
    return ProjectStore(lambda message: None).project(None)


def _fresh(text, project):
    return analysis.spans(text, "markdown", analysis.new_cache(project))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Check the SLA before", "Check the KPI and SLA before"),  # grows a paragraph
        ("Our AHT went up", "AHT up"),  # shrinks one
        ("tier 2.", "tier 2.\n\nA new CSAT paragraph."),  # adds a paragraph
    ],
)
def test_analysis_edit_reannotates_one_paragraph_and_matches_a_fresh_run(project, old, new):
    text = "\n\n".join(PARAGRAPHS)
    cache = analysis.new_cache(project)
    analysis.spans(text, "markdown", cache)
    edited = text.replace(old, new, 1)
    spans = analysis.spans(edited, "markdown", cache)
    assert cache.last_misses <= 2
    assert spans == _fresh(edited, project)
    assert all(edited[s.start : s.end] == s.text for s in spans)


def test_analysis_in_text_definitions_have_lines(project):
    text = "Intro.\n\nWidget Foo Bar (WFB) owns it.\n"
    assert analysis.in_text_definitions(text, "markdown", project)["WFB"].line == 3


def test_analysis_code_is_not_annotated(project):
    text = "\n\n".join(PARAGRAPHS[:4])
    code_start = text.index("SLA in code")
    assert not [s for s in _fresh(text, project) if s.start == code_start]
    assert engine.visible(text, "markdown")[code_start : code_start + 3] == "   "

"""Seed-page sentences: the subject a definition's first sentence defines, if any."""

from __future__ import annotations

import pytest

from annotator.glossary.formats.seedpage import parse_subject


@pytest.mark.parametrize(
    "sentence",
    [
        "A metric that measures how fast agents reply.",
        "This is a proactive level of support.",
        "Refers to the pace at which a tool is adopted.",
        "It measures the time spent on hold.",
        "Agents at this level would be able to solve known issues.",
        "",
    ],
)
def test_sentences_parse_subject_rejects_non_terms(sentence):
    assert parse_subject(sentence) is None

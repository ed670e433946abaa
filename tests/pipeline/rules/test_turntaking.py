"""pipeline.rules.turntaking: "round robin" is Round Robin Routing where its clause hands work
out or names the work; a document whose round robins never do (a meeting's turns) keeps none."""

from __future__ import annotations

import pytest

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.turntaking import shows_routing

from ..conftest import concept

GLOSSARY = [concept("round-robin-routing", "Round Robin Routing", aliases=["round robin"]), concept("ticket", "Ticket")]
RULE = "helpdesk_glossary.turn_taking.v1"


@pytest.fixture(scope="module")
def turns_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY, precision_rules=[RULE])


def _robins(nlp, text):
    spans = [(e.text, e.start_char, e.end_char) for e in nlp(text).ents if "robin" in e.text.lower()]
    assert all(text[s:e] == t for t, s, e in spans)
    return [t for t, _, _ in spans]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Agenda:\n- (10 min) Introduction round robin: name and role\n- (15 min) Sharing round robin 1: "
         "what did you learn?\n", []),
        ("We closed the meeting with a round robin of thanks.", []),
        ("Can it do a round robin on incoming tickets?\n\nI tried workflows. No way to do a Round Robin. "
         "Am I missing something?", ["round robin", "Round Robin"]),
        ("Routing system that:\n1. Round-robin assignment\n2. Least busy first", ["Round-robin"]),
        ("I need an assigment rule based on round-robin.", ["round-robin"]),
        ("This page shows Round Robin style for the distribution method.", ["Round Robin"]),
        ("We switched to Round Robin Routing last week.", ["Round Robin Routing"]),
        ("speech to text runs on so we use round robin for incoming calls and it works", ["round robin"]),
        # a document about a help-desk product: its round robin is the product's
        ("Feature request: does it support round robin?", ["round robin"]),
        ("We should enable round robin for the billing team.", ["round robin"]),
    ],
)
def test_turntaking_keeps_routing_drops_turns(turns_nlp, text, expected):
    assert _robins(turns_nlp, text) == expected


def test_turntaking_rule_is_default_and_can_be_switched_off(glossary_nlp):
    assert RULE in DEFAULT_PRECISION_RULES
    nlp = glossary_nlp(GLOSSARY, precision_rules=[])
    assert _robins(nlp, "We closed the meeting with a round robin of thanks.") == ["round robin"]


@pytest.mark.parametrize(
    "text,start,end,expected",
    [("assign tickets round robin", 2, 4, True), ("a round robin : tickets later", 1, 3, False),
     ("Sharing round robin 1", 1, 3, False), ("round robin routing", 0, 3, True)],
)
def test_turntaking_shows_routing(blank, text, start, end, expected):
    doc = blank(text)
    assert shows_routing([t.lower for t in doc], [t.text for t in doc], start, end) is expected

"""pipeline.rules.placedterms: an everyday glossary word placed in the physical world ("the agent
at the gate", "an incident with my driver") is in its everyday sense."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import LOWER

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.placedterms import placed

RULE = "helpdesk_glossary.placed_terms.v1"


@pytest.mark.parametrize(
    "text,word,expected",
    [
        ("the agent at the gate was rude", "agent", True),
        ("an incident at the departure gate", "incident", True),
        ("an incident with my Uber driver", "incident", True),
        ("the queue outside the store", "queue", True),
        ("an incident on the runway", "incident", True),
        # an office, a desk, a chat: no place one walks to in another trade
        ("the agent at the help desk", "agent", False),
        ("the queue in the live chat", "queue", False),
        ("an incident with the server", "incident", False),
        ("the agent was rude", "agent", False),
    ],
)
def test_placedterms_placed(text, word, expected):
    doc = spacy.blank("en")(text)
    lower = doc.to_array(LOWER).tolist()
    i = next(t.i for t in doc if t.text == word)
    assert placed(lower, i) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # the placed mention, and every bare mention of a term that is no desk term
        ("customer: there was an incident at the store, the staff were rude\n"
         "agent: I'm sorry about that incident, I escalated it and logged a ticket.\n", ["escalated", "ticket"]),
        # a desk term keeps its other mentions: the gate's agent is not the chat's
        ("customer: the agent at the gate was rude and my ticket got no answer\n"
         "agent: I'm sorry, an agent will look at your ticket.\n", ["ticket", "agent", "ticket"]),
        # another match right beside a mention keeps it ("a P1 incident")
        ("customer: an incident at the store, and the P1 incident on your site is still open\n"
         "agent: the incident is escalated\n", ["P1", "incident", "escalated"]),
    ],
)
def test_placedterms_in_a_conversation(builtin_nlp, text, expected):
    from annotator.api import annotate

    spans = annotate(text, "transcript", nlp=builtin_nlp)["spans"]
    assert [s["text"] for s in spans] == expected


def test_placedterms_is_a_rule_to_switch_off():
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"precision_rules": [r for r in DEFAULT_PRECISION_RULES if r != RULE]})
    assert "incident" in [e.text for e in nlp("There was an incident at the store; I escalated it in a ticket.").ents]

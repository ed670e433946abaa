"""pipeline.rules.backreference: "the agent" pointing back, on its line, to an agent placed in
the world or of another trade ("the agent at the store ... the agent told me") is that person."""

from __future__ import annotations

import pytest
import spacy

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

RULE = "helpdesk_glossary.back_references.v1"


def _spans(nlp, text):
    from annotator.api import annotate

    return [s["text"] for s in annotate(text, "transcript", nlp=nlp)["spans"]]


@pytest.mark.parametrize(
    "text,expected",
    [
        # placed, then pointed back to with "the" on the same line
        ("customer: I spoke to the agent at the store and the agent said the escalation takes a week\n"
         "agent: I'm sorry, let me check\n", ["escalation"]),
        # another trade's by its compound, then "that agent", then "the agent" pointing to it
        ("customer: the gate agent was rude, that agent laughed and the agent left. my ticket got no answer\n"
         "agent: I'm sorry, an agent will look at your ticket\n", ["ticket", "agent", "ticket"]),
    ],
)
def test_backreference_drops_the_same_person(builtin_nlp, text, expected):
    assert _spans(builtin_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # described anew: someone else
        ("customer: the gate agent was rude, then the agent on the phone escalated it\n",
         ["agent", "escalated"]),
        ("customer: the gate agent was rude, but the agent I spoke to escalated it\n",
         ["agent", "escalated"]),
        # another match right beside it gives it its own sense
        ("customer: the agent at the gate sent me here\nagent: the agent queue is long today\n",
         ["agent", "queue"]),
        # a new line is a new turn: judged on its own
        ("customer: the agent at the gate sent me here\nagent: the agent will escalate your ticket\n",
         ["agent", "escalate", "ticket"]),
    ],
)
def test_backreference_keeps_other_agents(builtin_nlp, text, expected):
    assert _spans(builtin_nlp, text) == expected


def test_backreference_is_a_rule_to_switch_off(builtin_nlp):
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"precision_rules": [r for r in DEFAULT_PRECISION_RULES if r != RULE]})
    text = ("customer: I spoke to the agent at the store and the agent said the escalation takes a week\n"
            "agent: I'm sorry, let me check\n")
    assert _spans(nlp, text) == ["agent", "escalation"]

"""pipeline.rules.softwareagents: in a document about agents built on language models a bare
"agent" is a program, not the support agent; a person stays tagged, and so does every agent of
a document that names no more than one kind of that machinery."""

from __future__ import annotations

import pytest
import spacy

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules import softwareagents
from annotator.pipeline.tokentexts import TokenTexts

from ..conftest import concept

GLOSSARY = [
    concept("agent", "Agent"),
    concept("ticket", "Ticket"),
    concept("ai-agent", "AI Agent"),
    concept("ai-guardrail", "AI Guardrail", ["guardrail"]),
    concept("large-language-model", "Large Language Model", ["LLM"]),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
]


@pytest.fixture(scope="module")
def agents_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


RULE = "helpdesk_glossary.software_agents.v1"


@pytest.mark.parametrize(
    "text,expected",
    [
        # an LLM and tool calls: two kinds of the machinery, the agents are programs
        ("An agent is an LLM with tools. Tool calls let the agent fetch a ticket.", ["LLM", "ticket"]),
        ("Agents run guardrails; a language model decides which agent replies.", ["guardrails"]),
        # an LLM and the tools passed to it
        ("The agent passes tools to the LLM even in the last iteration.", ["LLM"]),
        # sub-agents and embeddings, no glossary term for either: still the field's machinery
        ("The planner spawns sub-agents and stores embeddings; each agent reports back.", []),
        # a person said so stays the support agent; a term of several words is left alone
        ("The LLM answers with tool calls, then hands off to a human agent.", ["LLM", "agent"]),
        ("When tool calling fails the LLM escalates to a live agent or an AI agent.", ["LLM", "agent", "AI agent"]),
        ("The LLM drafts and tool calls file the ticket; a call-center agent reviews the ticket.",
         ["LLM", "ticket", "agent", "ticket"]),
    ],
)
def test_softwareagents_program_agents_are_dropped(agents_nlp, text, expected):
    assert _ents(agents_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # one kind of machinery is a help desk naming its AI feature: the agents are people
        ("Our LLM drafts a reply to the ticket and the agent sends it.", ["LLM", "ticket", "agent"]),
        ("Guardrails keep the bot polite while agents answer each ticket within the SLA.",
         ["agents", "ticket", "SLA"]),
        # an IVR's prompts and an agent's tools are no language model's
        ("The IVR prompts route the ticket; agents use their tools within the SLA.",
         ["ticket", "agents", "SLA"]),
        # no machinery at all
        ("The agent answered the ticket.", ["agent", "ticket"]),
    ],
)
def test_softwareagents_people_stay_tagged(agents_nlp, text, expected):
    assert _ents(agents_nlp, text) == expected


@pytest.mark.parametrize(
    "text,kinds",
    [
        ("LLMs and guardrails", {"model", "guardrail"}),
        ("a large language model with tool-calling", {"model", "tool call", "tool"}),
        ("multi-agent systems over MCP", {"subagent", "protocol"}),
        ("a language of tools", set()),
        ("agentic", {"agentic"}),
        # tools and prompts count only beside a word of the field alone
        ("the agent passes tools to the LLM", {"model", "tool"}),
        ("the IVR prompts and the agent tools", set()),
    ],
)
def test_softwareagents_machine_kinds(blank, text, kinds):
    doc = blank(text)
    words = frozenset(t.lower for t in doc)
    assert softwareagents.machine_kinds(text, words) == kinds


@pytest.mark.parametrize(
    "text",
    ["LLMs and guardrails", "a large language model with tool-calling", "multi-agent systems over MCP",
     "a language of tools", "agentic", "the agent passes tools to the LLM", "the IVR prompts and the agent tools",
     "tools, then a language model, then function calls, then sub-agents and an LLM",
     "a language model, a language model, tool calls", "prompts and tools, then a language model"],
)
@pytest.mark.parametrize("enough", [1, 2, 3, 4])
def test_softwareagents_machine_kinds_stops_at_enough(blank, text, enough):
    """Told how many kinds are enough, it may stop reading early: what it finds is part of the
    full answer, and reaches ``enough`` exactly when the full answer does."""
    words = frozenset(t.lower for t in blank(text))
    full = softwareagents.machine_kinds(text, words)
    early = softwareagents.machine_kinds(text, words, enough)
    assert early <= full
    assert (len(early) >= enough) is (len(full) >= enough)


@pytest.mark.parametrize(
    "text,index,person",
    [
        ("a human agent", 2, True),
        ("a call-center agent", 4, True),
        ("the triage agent", 2, False),
        ("agent", 0, False),
    ],
)
def test_softwareagents_is_person(text, index, person):
    doc = spacy.blank("en")(text)
    tokens = TokenTexts(doc, text, lambda i: doc[i].idx + len(doc[i]))
    assert doc[index].text == "agent"
    assert softwareagents.is_person(tokens, index) is person


def test_softwareagents_is_a_default_rule_that_can_be_left_out(glossary_nlp):
    assert RULE in DEFAULT_PRECISION_RULES
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    assert _ents(nlp, "An agent is an LLM with tools. Tool calls let the agent fetch a ticket.") == ["agent", "LLM", "agent", "ticket"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a page mixing the two: the noun phrase names the program ...
        ("We rolled out AI ticket agents; human agents answer each ticket.", ["ticket", "agents", "ticket"]),
        ("Fin is an AI ticket agent and escalates to human agents.", ["ticket", "agents"]),
        ("Our AI-powered agents draft a reply to the ticket.", ["ticket"]),
        # ... and nothing else does: a verb or a preposition between, or no mark at all
        ("AI tools help agents with each ticket.", ["agents", "ticket"]),
        ("Use AI for agents on every ticket.", ["agents", "ticket"]),
        ("AI drafts; the agent sends the ticket.", ["agent", "ticket"]),
    ],
)
def test_softwareagents_program_named_in_its_noun_phrase(agents_nlp, text, expected):
    assert _ents(agents_nlp, text) == expected


@pytest.mark.parametrize(
    "text,index,program",
    [("AI chat agents", 2, True), ("AI customer - service agent", 4, True), ("AI tools help agents", 3, False),
     ("LLM - based agent", 3, True), ("agent", 0, False), ("the agent", 1, False)],
)
def test_softwareagents_named_a_program(text, index, program):
    doc = spacy.blank("en")(text)
    tokens = TokenTexts(doc, text, lambda i: doc[i].idx + len(doc[i]))
    assert softwareagents.named_a_program(tokens, index, frozenset({"chat", "customer", "service"})) is program

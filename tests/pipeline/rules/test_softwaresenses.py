"""pipeline.rules.softwaresenses: a desk word in a document that names the machinery of its
software sense (a broker's queue, an editor's macro) is that software's; the desk's own sense
stays tagged where the document names one kind of the machinery or none, where it is about a
help-desk product, and where a word of support qualifies the mention."""

from __future__ import annotations

import pytest
import spacy

from annotator.glossary.model import Concept, Definition
from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules import softwaresenses
from annotator.pipeline.tokentexts import TokenTexts

from ..conftest import concept

GLOSSARY = [
    concept("queue", "Queue"),
    concept("macro", "Macro"),
    concept("dashboard", "Dashboard"),
    concept("agent", "Agent"),
    concept("ticket", "Ticket"),
    concept("escalation", "Escalation"),
    concept("tag", "Tag"),
    concept("ticket-routing", "Ticket Routing", aliases=["routing", "route"]),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    # a channel: the kind of product a help desk is (what :mod:`.deskproduct` looks for)
    Concept("help-desk", "Help Desk", category="Channels", definitions=[Definition("Help Desk.", "t.csv", 1)]),
]

RULE = "helpdesk_glossary.software_senses.v1"


@pytest.fixture(scope="module")
def senses_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        # unacked messages and a prefetch limit: a broker's queue, every inflection of it
        ("One queue gets stuck with unacked messages past the prefetch limit; we escalated "
         "the SLA breach. Other queues drain.", ["escalated", "SLA"]),
        # workers and jobs, and "enqueued": a job runner's queue
        ("The worker never runs jobs enqueued in the default queue, so we missed the SLA.", ["SLA"]),
        # a broker's code naming its queue (default_queue) is no help desk's product
        ("The default_queue holds 90 jobs; workers never ack them, so the queue grows past the SLA.", ["SLA"]),
        # keystrokes and playback: an editor's macro
        ("Recording a keystroke macro works, but playback of the macro does nothing; SLA aside.", ["SLA"]),
        # a keyboard macro (a mention naming the program) and keybindings
        ("The keyboard macro moves one line; the keybinding for the macros list is gone.", []),
        # playing a macro back, and its playback
        ("It plays a new macro, not the one recorded; playback of that macro fails.", []),
        # panels over queries: a monitoring tool's dashboard
        ("The dashboard shows 72 panels but the queries time out; the SLA dashboard too.", ["SLA"]),
        # hosts and build runners: a build system's agent
        ("The build agent on two hosts is offline; restart the agents.", []),
    ],
)
def test_softwaresenses_software_senses_are_dropped(senses_nlp, text, expected):
    assert _ents(senses_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # one kind of the machinery is a help desk's text touching software
        ("Agents pick the next ticket from the queue; a worker escalates it at the SLA.",
         ["Agents", "ticket", "queue", "escalates", "SLA"]),
        ("Use the keyboard shortcut to apply a macro to the ticket.", ["macro", "ticket"]),
        # a ticket editor has a cursor too: no kind of an editor's macros
        ("Apply the macro with a keyboard shortcut in the ticket editor; the cursor stays put and the "
         "agent sends the macro's reply.", ["macro", "ticket", "agent", "macro"]),
        # a word of support before the mention says the desk's sense
        ("Producers and workers aside, the support queue holds each ticket within the SLA.",
         ["queue", "ticket", "SLA"]),
        # a help-desk product's report: the product's own sense, whatever machinery it names
        ("Our help desk app shows the queue empty though workers and producers run; the agent escalated "
         "each ticket past the SLA.", ["help desk", "queue", "agent", "escalated", "ticket", "SLA"]),
        # a call flow's nodes, built by people: no build system's
        ("Build the flow so each node transfers the ticket to an agent.", ["ticket", "agent"]),
        # no machinery at all
        ("The agent answered the ticket from the queue.", ["agent", "ticket", "queue"]),
    ],
)
def test_softwaresenses_desk_senses_stay_tagged(senses_nlp, text, expected):
    assert _ents(senses_nlp, text) == expected


@pytest.mark.parametrize(
    "word,text,kinds",
    [
        ("queue", "consumers ack the jobs", {"acks", "workers"}),
        ("queue", "producers, prefetch and acking", {"roles", "delivery", "acks"}),
        ("queue", "the customer's job", {"workers"}),
        ("macro", "keystroke playback in the editor", {"input", "playback"}),
        ("macro", "consumers ack the jobs", set()),
        ("dashboard", "panels over queries", {"panels", "queries"}),
        ("agent", "runners on hosts", {"builds", "hosts"}),
        ("agent", "build the flow's nodes", set()),
        ("agent", "no heartbeat from the autoscaler", {"heartbeats", "autoscaling"}),
        ("ticket", "consumers ack the jobs", set()),
    ],
)
def test_softwaresenses_software_kinds(blank, word, text, kinds):
    words = frozenset(t.lower for t in blank(text))
    assert softwaresenses.software_kinds(word, words) == kinds


@pytest.mark.parametrize(
    "text,index,support",
    [("the support queue", 2, True), ("a help-desk macro", 4, True), ("the Redis queue", 2, False), ("queue", 0, False)],
)
def test_softwaresenses_said_of_support(text, index, support):
    doc = spacy.blank("en")(text)
    tokens = TokenTexts(doc, text, lambda i: doc[i].idx + len(doc[i]))
    assert softwaresenses.said_of_support(tokens, index, softwaresenses.SUPPORT_MARKS) is support


@pytest.mark.parametrize(
    "text,expected",
    [
        # the mention's own phrase says the software, whatever the rest of the document says
        ("Our message queue drops events, so the agent escalated the ticket.", ["agent", "escalated", "ticket"]),
        ("I restarted the agent and the ticket went through within the SLA.", ["ticket", "SLA"]),
        ("We installed the Datadog agent; the ticket stayed open past the SLA.", ["ticket", "SLA"]),
        ("The build agent is offline; the ticket waits in the queue.", ["ticket", "queue"]),
        ("A keyboard macro inserts the ticket number, within the SLA.", ["ticket", "SLA"]),
        ("Push the git tag, then the agent escalated the ticket.", ["agent", "escalated", "ticket"]),
        ("Apps without ingress routes fail; routing each ticket by tag still works.", ["routing", "ticket", "tag"]),
        # a person, or a word support uses of its own, stays the desk's
        ("I asked the agent to restart the router; the ticket is solved.", ["agent", "ticket"]),
        ("The priority queue holds each ticket within the SLA.", ["queue", "ticket", "SLA"]),
    ],
)
def test_softwaresenses_a_mention_named_a_program(senses_nlp, text, expected):
    assert _ents(senses_nlp, text) == expected


@pytest.mark.parametrize(
    "text,index,word,program",
    [
        ("a message queue", 2, "queue", True),
        ("restarted the agent", 2, "agent", True),
        ("installed the Datadog agent", 3, "agent", True),
        ("restart agent", 1, "agent", False),  # nothing between: "restart" may be a noun
        ("plays a new macro", 3, "macro", True),
        ("replays it, then the macro", 5, "macro", False),  # a comma between
        ("the agent", 1, "agent", False),
        ("a build agent", 2, "agent", True),
        ("a build queue", 2, "queue", False),
    ],
)
def test_softwaresenses_named_a_program(text, index, word, program):
    doc = spacy.blank("en")(text)
    tokens = TokenTexts(doc, text, lambda i: doc[i].idx + len(doc[i]))
    assert softwaresenses.named_a_program(tokens, index, word) is program


def _defined(cid: str, term: str, definition: str) -> Concept:
    return Concept(cid, term, definitions=[Definition(definition, "t.csv", 1)])


# The desk's own things are defined by the glossary's party, the customer.
DESK_GLOSSARY = [
    _defined("macro", "Macro", "A saved reply an agent applies to a customer's ticket."),
    _defined("ticket", "Ticket", "A record of a customer's request."),
    _defined("agent", "Agent", "A person who answers customer requests."),
    _defined("escalation", "Escalation", "Passing a customer's issue to a higher tier."),
    _defined("customer-service", "Customer Service", "Help for customers."),
    _defined("customer-support", "Customer Support", "Support for customers."),
]


@pytest.mark.parametrize(
    "text,macros",
    [
        # two other concepts of the desk's own: the desk's page, keystrokes and playback or not
        ("Agents apply a macro to the ticket; keystrokes and playback of the macro are logged.", 2),
        # one alone is not enough
        ("Record a macro from keystrokes; playback of the macro fails on the ticket.", 0),
    ],
)
def test_softwaresenses_the_desks_own_concepts_keep_its_sense(glossary_nlp, text, macros):
    nlp = glossary_nlp(DESK_GLOSSARY)
    assert nlp.get_pipe("helpdesk_glossary").lexicon().desk_terms >= {"macro", "ticket", "agent", "escalation"}
    assert [e.text for e in nlp(text).ents if e.text == "macro"] == ["macro"] * macros


def test_softwaresenses_is_a_default_rule_that_can_be_left_out(glossary_nlp):
    assert RULE in DEFAULT_PRECISION_RULES
    assert DEFAULT_PRECISION_RULES.index(RULE) < DEFAULT_PRECISION_RULES.index("helpdesk_glossary.everyday_words.v1")
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    text = "One queue gets stuck with unacked messages past the prefetch limit; the agent escalated the ticket past the SLA."
    assert _ents(nlp, text) == ["queue", "agent", "escalated", "ticket", "SLA"]
    assert _ents(glossary_nlp(GLOSSARY), text) == ["agent", "escalated", "ticket", "SLA"]

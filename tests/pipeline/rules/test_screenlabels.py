"""pipeline.rules.screenlabels: a capitalised (or quoted) one-word term followed by the kind of
screen part it labels ("the Conversations tab") names the tab, not the concept."""

from __future__ import annotations

import pytest

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules import screenlabels

from ..conftest import concept

GLOSSARY = [
    concept("agent", "Agent"),
    concept("conversation", "Conversation"),
    concept("escalation", "Escalation"),
    concept("ticket", "Ticket"),
    concept("webhook", "Webhook"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    concept("customer-satisfaction", "Customer Satisfaction"),
]


@pytest.fixture(scope="module")
def labels_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


RULE = "helpdesk_glossary.screen_labels.v1"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Use the Conversations tab to test the bot before the SLA starts.", ["SLA"]),
        ('Open the "Webhooks" tab and paste the URL.', []),
        ("Turn on the \u201cEnable Agent\u201d option for every ticket under the SLA.", ["ticket", "SLA"]),
        ("Click the HITL Agent option, then the Escalation section.", []),
    ],
)
def test_screenlabels_labels_are_dropped(labels_nlp, text, expected):
    assert _ents(labels_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # lower case: the page shows the concept
        ("The ticket page shows the SLA.", ["ticket", "SLA"]),
        # a sentence start capitalises every word
        ("Escalation settings apply to each ticket.", ["Escalation", "ticket"]),
        # not followed by a part of a screen
        ("Send the Escalation notice to the agent.", ["Escalation", "agent"]),
        # an acronym and a term of several words are specific enough
        ("Open the SLA tab and the Customer Satisfaction page.", ["SLA", "Customer Satisfaction"]),
    ],
)
def test_screenlabels_concepts_stay_tagged(labels_nlp, text, expected):
    assert _ents(labels_nlp, text) == expected


@pytest.mark.parametrize(
    "text,word,label",
    [
        ("open the Tickets tab", "Tickets", True),
        ('the "agents" menu', "agents", True),
        ("the Tickets list", "Tickets", False),
        # a view a capital names is a screen; the part may have a capital of its own
        ("the Real Time Queues view", "Queues", True),
        ("the Queues View page", "Queues", True),
        ("the Tickets Report", "Tickets", False),
        ("Tickets tab", "Tickets", False),
        ("the Tickets  Tab", "Tickets", True),
    ],
)
def test_screenlabels_is_screen_label(text, word, label):
    start = text.index(word)
    assert screenlabels.is_screen_label(text, start, start + len(word)) is label


def test_screenlabels_settings_of_a_capitalised_concept_stay_tagged():
    text = "Map the extension to Queue settings."
    assert screenlabels.is_screen_label(text, text.index("Queue"), text.index("Queue") + 5) is False


def test_screenlabels_is_a_default_rule_that_can_be_left_out(glossary_nlp):
    assert RULE in DEFAULT_PRECISION_RULES
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    assert _ents(nlp, "Use the Conversations tab to test the bot before the SLA starts.") == ["Conversations", "SLA"]

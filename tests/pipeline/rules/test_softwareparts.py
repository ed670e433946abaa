"""pipeline.softwareparts: an everyday one-word term qualifying a part of the software ("agent
bot", "agent interface") is not the support concept; the term itself stays tagged elsewhere."""

from __future__ import annotations

import pytest
import spacy

from annotator.pipeline.rules import softwareparts
from annotator.pipeline.tokentexts import TokenTexts

from ..conftest import concept


GLOSSARY = [
    concept("agent", "Agent"),
    concept("ticket", "Ticket"),
    concept("webhook", "Webhook"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    concept("first-response-time", "First Response Time", ["FRT"]),
]




@pytest.fixture(scope="module")
def parts_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Create an agent bot and attach it; the SLA and FRT still apply.", ["SLA", "FRT"]),
        ("Agent Bot fails when the SLA and FRT are set.", ["SLA", "FRT"]),
        ("Create the ticket from the agent interface under the SLA and FRT.", ["ticket", "SLA", "FRT"]),
        ("The ticket API times out before the SLA and FRT.", ["SLA", "FRT"]),
        ("Our agent-app crashed; the SLA and FRT were missed.", ["SLA", "FRT"]),
        # a window of the program: the compound is the window
        ("Commands show in the ticket window under the SLA and FRT.", ["SLA", "FRT"]),
    ],
)
def test_softwareparts_term_qualifying_a_software_part_is_dropped(parts_nlp, text, expected):
    assert _ents(parts_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # the concept itself, and compounds whose head is what the concept shows
        ("The agent answered the ticket within the SLA and FRT.", ["agent", "ticket", "SLA", "FRT"]),
        ("Open the ticket view and the agent view under the SLA.", ["ticket", "agent", "SLA"]),
        # a coined word is jargon in any compound
        ("The webhook API under the SLA and FRT.", ["webhook", "SLA", "FRT"]),
        # the software word must follow the term, not precede it
        ("The bot hands over to an agent under the SLA and FRT.", ["agent", "SLA", "FRT"]),
    ],
)
def test_softwareparts_other_uses_are_kept(parts_nlp, text, expected):
    assert _ents(parts_nlp, text) == expected


def test_softwareparts_rule_off_keeps_them(glossary_nlp):
    rules = [
        "helpdesk_glossary.proper_names.v1",
        "helpdesk_glossary.everyday_words.v1",
    ]
    nlp = glossary_nlp(GLOSSARY, precision_rules=rules)
    assert _ents(nlp, "Create an agent bot; the SLA and FRT still apply.") == ["agent", "SLA", "FRT"]


@pytest.mark.parametrize(
    "text,end,expected",
    [("agent bot", 1, True), ("agent-bot", 1, True), ("agent - bot", 1, False), ("agent view", 1, False),
     ("agent", 1, False)],
)
def test_softwareparts_qualifies_software_part(text, end, expected):
    doc = spacy.blank("en")(text)
    ends = [t.idx + len(t) for t in doc]
    tokens = TokenTexts(doc, text, ends.__getitem__)
    assert softwareparts.qualifies_software_part(tokens, end) is expected

"""pipeline.customerside: the bare head of a customer's term ("feedback" for Customer Feedback)
in a document that never ties it to the customer or to support is the everyday word."""

from __future__ import annotations

import pytest

from annotator.pipeline.lexicon import build_lexicon
from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.customerside import CUSTOMER_PARTIES

from ..conftest import concept

GLOSSARY = [
    concept("customer-feedback", "Customer Feedback"),
    concept("customer-survey", "Customer Survey"),
    concept("customer-lifecycle", "Customer Lifecycle"),
    concept("customer-satisfaction", "Customer Satisfaction Score", ["CSAT"]),
    concept("ticket", "Ticket"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
]


@pytest.fixture(scope="module")
def side_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text",
    [
        # colleagues' feedback, a career ladder, a framework's lifecycle: no customer, no support
        "Actively seeks feedback. Receives feedback with a positive attitude.",
        "The commander makes a proposal and elicits feedback.\n\nListens to the feedback calmly.",
        "Hooks run at each stage of the component lifecycle.",
        "Fill in the employee engagement survey by Friday.",
        # a thing that qualifies the head makes it the thing's, whatever the sentence says
        "The ticket lifecycle has five states.",
    ],
)
def test_customerside_unclaimed_head_is_dropped(side_nlp, text):
    kept = {e.text.lower() for e in side_nlp(text).ents}
    assert kept.isdisjoint({"feedback", "lifecycle", "survey", "surveys"})


@pytest.mark.parametrize(
    "text,expected",
    [
        # the customer in the sentence, or in the one before
        ("Customers can leave feedback in the widget after the SLA.", ["feedback", "SLA"]),
        ("Our users love the app. Their feedback shapes it, within the SLA.", ["feedback", "SLA"]),
        # a customer's term beside the head, or a word of one qualifying it
        ("Send the CSAT survey.", ["CSAT", "survey"]),
        ("Number of satisfaction surveys answered, per SLA.", ["surveys", "SLA"]),
        # another support term in the sentence
        ("We send a survey after each ticket is solved.", ["survey", "ticket"]),
    ],
)
def test_customerside_head_said_in_support_stays(side_nlp, text, expected):
    assert _ents(side_nlp, text) == expected


def test_customerside_one_sense_per_discourse(side_nlp):
    # one mention tied to the customer claims the others, however far
    text = "Customers give feedback on the SLA.\n\nAll feedback is read within a day."
    assert _ents(side_nlp, text) == ["feedback", "SLA", "feedback"]
    # the full term named once claims every bare head
    text = "Map the customer lifecycle.\n\nEach lifecycle stage has its own owner."
    assert _ents(side_nlp, text) == ["customer lifecycle", "lifecycle"]


def test_customerside_offsets_are_the_text(side_nlp):
    doc = side_nlp("Our users love the app. Their feedback shapes it, within the SLA.")
    for ent in doc.ents:
        assert doc.text[ent.start_char : ent.end_char] == ent.text


def test_customerside_leaves_transcripts_alone(side_nlp):
    from annotator.api import annotate

    # a speaker of the transcript is the customer, and names no customer to say so
    text = "Agent: Hello. Your ticket is solved within the SLA.\nDana: Great. Thanks a lot. Here is some feedback."
    as_turns = [s["text"] for s in annotate(text, "transcript", nlp=side_nlp)["spans"]]
    as_prose = [s["text"] for s in annotate(text, "text", nlp=side_nlp)["spans"]]
    assert "feedback" in as_turns
    assert "feedback" not in as_prose


def test_customerside_is_a_rule_to_switch_off(glossary_nlp):
    rules = [r for r in DEFAULT_PRECISION_RULES if r != "helpdesk_glossary.customer_side.v1"]
    nlp = glossary_nlp(GLOSSARY, precision_rules=rules)
    assert _ents(nlp, "Hooks run at each stage of the component lifecycle.") == ["lifecycle"]


def test_customerside_lexicon_knows_customer_terms_and_qualifiers():
    lexicon = build_lexicon(GLOSSARY)
    assert lexicon.customer_terms == frozenset(
        {"customer-feedback", "customer-survey", "customer-lifecycle", "customer-satisfaction"})
    # "satisfaction" qualifies a head; the heads themselves do not
    from spacy.strings import get_string_id

    assert get_string_id("satisfaction") in lexicon.customer_qualifiers
    assert get_string_id("feedback") not in lexicon.customer_qualifiers


def test_customerside_parties_are_people():
    assert {"customer", "customers", "user", "users", "caller"} <= CUSTOMER_PARTIES
    assert not {"team", "manager", "employee"} & CUSTOMER_PARTIES

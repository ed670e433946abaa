"""pipeline.otherparties: the bare head of a customer's term ("feedback" for Customer Feedback)
said of another party ("team feedback", "the employees' survey") is not the customer's term."""

from __future__ import annotations

import pytest

from annotator.pipeline.lexicon import build_lexicon
from annotator.pipeline.rules.otherparties import OTHER_PARTIES, PEERS, given_among_colleagues, said_of_another_party
from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

from ..conftest import concept

GLOSSARY = [
    concept("customer-feedback", "Customer Feedback"),
    concept("customer-survey", "Customer Survey"),
    concept("ticket", "Ticket"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    concept("first-response-time", "First Response Time", ["FRT"]),
]


@pytest.fixture(scope="module")
def parties_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The process is refined on team feedback about the SLA and FRT.", ["SLA", "FRT"]),
        ("Our employee surveys ask about the SLA and FRT.", ["SLA", "FRT"]),
        ("The team's feedback on the SLA and FRT was positive.", ["SLA", "FRT"]),
        ("Peers' feedback on the SLA and FRT helps.", ["SLA", "FRT"]),
        ("Seek feedback from the team on the SLA and FRT.", ["SLA", "FRT"]),
        ("Ask for a survey from our other engineers on the SLA and FRT.", ["SLA", "FRT"]),
        # colleagues' feedback on each other's work: given to peers, held by the team
        ("Give constructive feedback to teammates on the SLA and FRT.", ["SLA", "FRT"]),
        ("Offer timely feedback to more junior colleagues on the SLA and FRT.", ["SLA", "FRT"]),
        ("Ask for any feedback that the team has on the SLA and FRT.", ["SLA", "FRT"]),
        ("Listen to feedback and concerns from team members about the SLA and FRT.", ["SLA", "FRT"]),
    ],
)
def test_otherparties_another_partys_head_is_not_the_term(parties_nlp, text, expected):
    assert _ents(parties_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # the head alone, or what it is about, is the customer's
        ("Feedback on the SLA and FRT came in.", ["Feedback", "SLA", "FRT"]),
        ("Ticket feedback on the SLA and FRT came in.", ["Ticket", "feedback", "SLA", "FRT"]),
        ("Send the survey after the SLA and FRT.", ["survey", "SLA", "FRT"]),
        ("Collect feedback from customers on the SLA and FRT.", ["feedback", "SLA", "FRT"]),
        # customers' feedback sent on to a department is still theirs
        ("Raise feedback to the product team on the SLA and FRT.", ["feedback", "SLA", "FRT"]),
        # the whole term is the term, whoever reads it
        ("The team reads customer feedback on the SLA and FRT.", ["customer feedback", "SLA", "FRT"]),
    ],
)
def test_otherparties_the_customers_head_stays(parties_nlp, text, expected):
    assert _ents(parties_nlp, text) == expected


def test_otherparties_is_a_rule_to_switch_off(glossary_nlp):
    rules = [r for r in DEFAULT_PRECISION_RULES if r != "helpdesk_glossary.other_parties.v1"]
    nlp = glossary_nlp(GLOSSARY, precision_rules=rules)
    assert _ents(nlp, "The process is refined on team feedback about the SLA and FRT.") == [
        "feedback", "SLA", "FRT"]


def test_otherparties_lexicon_knows_customer_heads():
    lexicon = build_lexicon(GLOSSARY)
    assert lexicon.customer_heads == {
        "customer-feedback": frozenset({"feedback", "feedbacks"}),
        "customer-survey": frozenset({"survey", "surveys"}),
    }


@pytest.mark.parametrize(
    "text,i,expected",
    [("team feedback", 1, True), ("team 's feedback", 2, True), ("the feedback", 1, False), ("feedback", 0, False),
     ("'s feedback", 1, False), ("feedback from the team", 0, True), ("feedback from the other agents", 0, True),
     ("feedback from customers", 0, False), ("feedback for the team", 0, False)],
)
def test_otherparties_said_of_another_party(blank, text, i, expected):
    lower = [t.lower for t in blank(text)]
    assert said_of_another_party(lower, i) is expected


def test_otherparties_parties_are_lower_case_words():
    assert all(w.isalpha() and w.islower() for w in OTHER_PARTIES)


@pytest.mark.parametrize(
    "text,i,expected",
    [("feedback to teammates", 0, True), ("feedback to more junior teammates", 0, True),
     ("feedback to the product team", 0, False), ("feedback that the team has", 0, True),
     ("feedback and concerns from team members", 0, True), ("feedback , then to teammates", 0, False),
     ("feedback\nReach out to teammates", 0, False), ("feedback from customers", 0, False),
     ("feedback that customers gave", 0, False)],
)
def test_otherparties_given_among_colleagues(blank, text, i, expected):
    doc = blank(text)
    assert given_among_colleagues([t.lower for t in doc], i, doc.vocab.strings) is expected


def test_otherparties_peers_are_lower_case_words():
    assert all(w.replace("-", "").isalpha() and w.islower() for w in PEERS)

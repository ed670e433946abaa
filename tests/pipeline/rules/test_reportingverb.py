"""pipeline.reportingverb: "reporting" said of a mishap or of a chain of command is the verb,
not the reporting function."""

from __future__ import annotations

import pytest
import spacy

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.reportingverb import MISHAPS, reporting_as_verb

from ..conftest import concept

GLOSSARY = [
    concept("reporting", "Reporting"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
    concept("ticket", "Ticket"),
    concept("dashboard", "Dashboard"),
]


@pytest.fixture(scope="module")
def reporting_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text",
    [
        # a mishap before it or closing its object
        "Follow the Incident Reporting Process for every SLA miss on a ticket.",
        "Reporting other incidents: open a ticket and note the SLA.",
        "We thank users for reporting any issues with the ticket SLA.",
        "User reporting bug in ticket SLA notifications.",
        # an indefinite object, reported speech, a direction, a particle
        "Err on the side of reporting something; the ticket SLA can wait.",
        "Count the customers reporting that the ticket SLA was missed.",
        "Seven people reporting to one lead is too many for the ticket SLA.",
        "Investigate before reporting back on the ticket SLA.",
        # a chain of command
        "Escalate the ticket to the reporting manager when the SLA is missed.",
    ],
)
def test_reportingverb_the_verb_is_dropped(reporting_nlp, text):
    ents = _ents(reporting_nlp, text)
    assert "SLA" in ents
    assert not [e for e in ents if e.lower() == "reporting"]


@pytest.mark.parametrize(
    "text",
    [
        "The reporting dashboard shows the ticket SLA.",
        "Reporting shows how many tickets met the SLA.",
        "Open Reporting and export the ticket SLA figures.",
        "Ticket reporting helps track the SLA.",
    ],
)
def test_reportingverb_the_function_stays(reporting_nlp, text):
    assert [e for e in _ents(reporting_nlp, text) if e.lower() == "reporting"]


@pytest.mark.parametrize(
    "text,i,expected",
    [
        ("incident reporting systems", 1, True),
        ("reporting day issues", 0, True),
        ("reporting of issues", 0, False),  # the object ends at the preposition: a report's contents
        ("reporting\nissues", 0, False),  # a line break ends it too
        ("reporting tools", 0, False),
    ],
)
def test_reportingverb_reporting_as_verb(text, i, expected):
    doc = spacy.blank("en")(text)
    assert reporting_as_verb([t.lower for t in doc], doc.vocab.strings, i) is expected


def test_reportingverb_offsets_are_the_text(reporting_nlp):
    doc = reporting_nlp("Reporting shows the SLA. Users reporting bugs get a ticket.")
    assert [e.text for e in doc.ents] == ["Reporting", "SLA", "ticket"]
    for ent in doc.ents:
        assert doc.text[ent.start_char : ent.end_char] == ent.text


def test_reportingverb_is_a_rule_to_switch_off(glossary_nlp):
    rules = [r for r in DEFAULT_PRECISION_RULES if r != "helpdesk_glossary.reporting_verb.v1"]
    nlp = glossary_nlp(GLOSSARY, precision_rules=rules)
    assert "reporting" in _ents(nlp, "Count the customers reporting that the ticket SLA was missed.")


def test_reportingverb_mishaps_are_things_that_go_wrong():
    assert {"issue", "issues", "bug", "incident", "outage"} <= MISHAPS
    assert not {"metric", "metrics", "ticket", "dashboard", "sla"} & MISHAPS

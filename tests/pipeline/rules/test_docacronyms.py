"""pipeline.docacronyms: an acronym the document defines is annotated with the document's
expansion only when that expansion is support vocabulary and names no screen of a product."""

from __future__ import annotations

import pytest

from annotator.pipeline.rules import docacronyms
from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

RULE = "helpdesk_glossary.document_acronyms.v1"


def _ents(nlp, text):
    return [(e.text, e.label_) for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        # the document's own support jargon
        ("Very Slow Tickets (VST) miss the SLA. A VST hurts.",
         [("Tickets", "CX_TERM"), ("VST", "DOC_ACRONYM"), ("SLA", "CX_ACRONYM"), ("VST", "DOC_ACRONYM")]),
        # another field's acronym
        ("Our Enterprise Resource Planning (ERP) tool feeds the SLA. The ERP is slow.", [("SLA", "CX_ACRONYM")]),
        # a screen of a product, however support-like its words
        ("The Escalation Control Panel (ECP) shows the SLA. Open the ECP.",
         [("Escalation", "CX_TERM"), ("SLA", "CX_ACRONYM")]),
    ],
)
def test_docacronyms_only_support_vocabulary_is_annotated(nlp, text, expected):
    assert _ents(nlp, text) == expected


def test_docacronyms_definitions_are_still_recorded_and_not_unknown(nlp):
    doc = nlp("Our Enterprise Resource Planning (ERP) tool feeds the SLA. The ERP is slow.")
    assert [a["short"] for a in doc._.abbreviations] == ["ERP"]
    assert [s.text for s in doc.spans["unknown_acronyms"]] == []


def test_docacronyms_rule_off_keeps_them(make_fixture_nlp):
    nlp = make_fixture_nlp(precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    text = "Our Enterprise Resource Planning (ERP) tool feeds the SLA. The ERP is slow."
    assert _ents(nlp, text) == [("ERP", "DOC_ACRONYM"), ("SLA", "CX_ACRONYM"), ("ERP", "DOC_ACRONYM")]


@pytest.mark.parametrize(
    "long_form,kept",
    [("Next Response Time", True), ("Support Engineers", True), ("satisfaction", True),
     ("enterprise resource planning", False), ("Contact Control Panel", False), ("Admin Console", False),
     ("Eastern Standard Time", False), ("Coordinated Universal Time", False), ("Average Response Time", True),
     ("", False)],
)
def test_docacronyms_is_domain_expansion(long_form, kept):
    words = frozenset(("response", "time", "support", "engineer", "satisfaction", "contact", "control"))
    assert docacronyms.is_domain_expansion(long_form, words) is kept

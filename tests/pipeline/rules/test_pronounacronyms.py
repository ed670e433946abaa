"""pipeline.rules.pronounacronyms: an acronym spelling a pronoun, written in capitals as the
pronoun ("FIX IT today", "turning IT off"), is the pronoun; the department stays the term."""

from __future__ import annotations

import pytest

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

from ..conftest import concept

GLOSSARY = [
    concept("information-technology", "Information Technology", ["IT"]),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
]
RULE = "helpdesk_glossary.shouted_word.v1"


@pytest.fixture(scope="module")
def pronoun_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        # one shouted neighbour
        ("Can you FIX IT today? The SLA is over.", ["SLA"]),
        ("I restarted and IT STILL fails, the SLA is over.", ["SLA"]),
        # a particle ending the phrase
        ("Try turning IT off and on again, per the SLA.", ["SLA"]),
        ("Plug IT in. The SLA is over.", ["SLA"]),
        # shouted among capitals
        ("PLEASE FIX IT NOW, THE SLA IS OVER", ["SLA"]),
        # the department: a determiner before it, its people or work after it, a noun after the particle
        ("Ask our IT STAFF about the SLA.", ["IT", "SLA"]),
        ("ASK OUR IT STAFF ABOUT THE SLA", ["IT", "SLA"]),
        ("Ask IT SUPPORT about the SLA.", ["IT", "SLA"]),
        ("Call IT on call about the SLA.", ["IT", "SLA"]),
        ("I called IT and they cited the SLA.", ["IT", "SLA"]),
    ],
)
def test_pronounacronyms_pronoun_or_department(pronoun_nlp, text, expected):
    assert _ents(pronoun_nlp, text) == expected


def test_pronounacronyms_is_a_rule_to_switch_off(glossary_nlp):
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    assert _ents(nlp, "Try turning IT off and on again, per the SLA.") == ["IT", "SLA"]

"""pipeline.rules.units: a glossary acronym that is a unit of measure, right after a quantity,
is the unit ("4 KB", "400KB", "four kb"), not the term (KB, the knowledge base)."""

from __future__ import annotations

import pytest

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.units import _OPENING_IDS, UNITS, _unit

from ..conftest import concept

GLOSSARY = [
    concept("knowledge-base", "Knowledge Base", ["KB"]),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
]
RULE = "helpdesk_glossary.units.v1"


@pytest.fixture(scope="module")
def units_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a quantity in digits, apart or run together (the tokenizer splits "400KB")
        ("Attachments over 512 KB break the SLA.", ["SLA"]),
        ("The file is only 400KB, within the SLA.", ["SLA"]),
        ("A 1.5 KB header and the SLA.", ["SLA"]),
        # ... or a number word
        ("Usually four KB for the directory; the SLA is fine.", ["SLA"]),
        # no quantity: the knowledge base
        ("Search the KB first; the SLA is fine.", ["KB", "SLA"]),
        ("Our KB has 12 articles and an SLA.", ["KB", "SLA"]),
        # a quantity counting what a knowledge base holds
        ("We wrote 3 KB articles on the SLA.", ["KB", "SLA"]),
    ],
)
def test_units_a_unit_after_a_quantity_is_no_term(units_nlp, text, expected):
    assert _ents(units_nlp, text) == expected


def test_units_spelled_in_speech_to_text(units_nlp, spoken_ents):
    assert spoken_ents(units_nlp, "usually four k b for the directory and the s l a is fine\n") == ["s l a"]
    assert spoken_ents(units_nlp, "usually four kb for the directory and the s l a is fine\n") == ["s l a"]
    assert spoken_ents(units_nlp, "check the kb and the s l a\n") == ["kb", "s l a"]


def test_units_is_a_rule_to_switch_off(glossary_nlp):
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    assert _ents(nlp, "Attachments over 512 KB break the SLA.") == ["KB", "SLA"]


def test_units_every_unit_opens_on_a_word_the_rule_looks_at(blank):
    """The rule passes over a match whose first word is none of its openings: every unit, one
    word or spelled letter by letter, opens on one, and _unit says no to any other first word."""
    strings = blank.vocab.strings
    for unit in sorted(UNITS):
        for words in ([unit], list(unit)) if "/" not in unit else ([unit],):
            lower = [strings.add(word) for word in words]
            assert lower[0] in _OPENING_IDS and _unit(lower, strings, 0, len(lower)), words
    for words in (["sla"], ["s", "l", "a"], ["x", "b"], ["ok"]):
        lower = [strings.add(word) for word in words]
        assert lower[0] not in _OPENING_IDS and not _unit(lower, strings, 0, len(lower))

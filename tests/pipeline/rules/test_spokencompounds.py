"""pipeline.spokencompounds: in speech-to-text text, a closed-up spelling of a term that is no
English word ("customersupport") is a hashtag or an identifier rendered, not the term spoken."""

from __future__ import annotations

import pytest

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.spokencompounds import unspoken_spelling

from ..conftest import concept

GLOSSARY = [
    concept("customer-support", "Customer Support"),
    concept("live-chat", "Live Chat"),
    concept("help-desk", "Help Desk"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
]
RULE = "helpdesk_glossary.spoken_compounds.v1"
SPOKEN = "they should not accept the ride if they cannot do it customersupport\nthe sla was missed again\n"


@pytest.fixture(scope="module")
def compounds_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


@pytest.mark.parametrize(
    "text,expected",
    [
        (SPOKEN, ["sla"]),
        # the words as the engine writes them, and closed-up spellings that are English words
        ("the customer support team answered in the livechat and the helpdesk within the sla\n",
         ["customer support", "livechat", "helpdesk", "sla"]),
        ("we answer livechats all day long and meet the sla\n", ["livechats", "sla"]),
    ],
)
def test_spokencompounds_in_speech_to_text(compounds_nlp, text, expected, spoken_ents):
    assert spoken_ents(compounds_nlp, text) == expected


def test_spokencompounds_typed_text_keeps_them(compounds_nlp, spoken_ents):
    text = "Ping the customersupport team about the SLA, please."
    assert spoken_ents(compounds_nlp, text) == spoken_ents(compounds_nlp, text, spoken=None) == ["customersupport", "SLA"]
    assert spoken_ents(compounds_nlp, SPOKEN, spoken=None) == ["customersupport"]


def test_spokencompounds_is_a_rule_to_switch_off(glossary_nlp, spoken_ents):
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    assert spoken_ents(nlp, SPOKEN) == ["customersupport", "sla"]


@pytest.mark.parametrize(
    "word,expected",
    [("customersupport", True), ("CustomerService", True), ("helpdesk", False), ("livechats", False),
     ("feedback", False), ("e-mail", False)],
)
def test_spokencompounds_unspoken_spelling(word, expected):
    assert unspoken_spelling(word) is expected

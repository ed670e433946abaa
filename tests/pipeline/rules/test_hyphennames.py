"""pipeline.hyphennames: a glossary word hyphen-joined to a name ("django-helpdesk") is the
package's name, not the jargon; compounds the glossary means stay."""

from __future__ import annotations

import pytest

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.hyphennames import hyphenated_name_word

from ..conftest import concept

GLOSSARY = [
    concept("help-desk", "Help Desk", aliases=["helpdesk"]),
    concept("queue", "Queue"),
    concept("chat", "Chat"),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
]
RULE = "helpdesk_glossary.hyphenated_names.v1"


@pytest.fixture(scope="module")
def hyphen_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a package or product name: the part before the hyphen is no English word
        ("We run django-helpdesk behind the SLA.", ["SLA"]),
        ("Upgrade Zammad-Helpdesk first.", []),
        # an English word, a prefix or a glossary word before the hyphen: the compound is the term's
        ("Set up queue-based routing per SLA.", ["queue", "SLA"]),
        ("Open the pre-chat form.", ["chat"]),
        ("An SLA-queue is full.", ["SLA", "queue"]),
        ("Our help-desk queue is full.", ["help-desk", "queue"]),
        # an initial, a version or a code is no name
        ("The v2-queue and the L1-queue miss the SLA.", ["queue", "queue", "SLA"]),
    ],
)
def test_hyphennames_drops_a_term_joined_to_a_name(hyphen_nlp, text, expected):
    assert _ents(hyphen_nlp, text) == expected


def test_hyphennames_is_a_default_rule_that_can_be_left_out(glossary_nlp):
    assert RULE in DEFAULT_PRECISION_RULES
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    assert _ents(nlp, "We run django-helpdesk here.") == ["helpdesk"]


@pytest.mark.parametrize(
    "text,start,expected",
    [
        ("django-helpdesk", 7, "django"),
        ("self-service", 5, None),
        ("omni-channel", 5, None),
        ("x-ray", 2, None),
        ("SLA-queue", 4, None),
        ("sla-queue", 4, None),
        ("a helpdesk", 2, None),
    ],
)
def test_hyphenated_name_word(text, start, expected):
    assert hyphenated_name_word(text, start, frozenset({"help", "desk", "queue"}), {"SLA"}) == expected

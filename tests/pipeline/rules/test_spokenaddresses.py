"""pipeline.rules.spokenaddresses: the words of a web or e-mail address read aloud ("help dot
acme dot com slash live chat") are a host's and a path's names, not glossary terms."""

from __future__ import annotations

import pytest

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.spokenaddresses import spoken_addresses

from ..conftest import concept

GLOSSARY = [
    concept("help-desk", "Help Desk"),
    concept("live-chat", "Live Chat"),
    concept("knowledge-base", "Knowledge Base", ["KB"]),
    concept("email-support", "Email Support"),
]
RULE = "helpdesk_glossary.spoken_addresses.v1"


@pytest.fixture(scope="module")
def addresses_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,addresses",
    [
        # the host's last word or spelled letters; every word between two dots
        ("go to w w w dot acme help desk dot com now", ["w w w dot acme help desk dot com"]),
        ("check acme help desk dot com", ["desk dot com"]),
        ("head over to help dot acme dot co dot uk", ["help dot acme dot co dot uk"]),
        # a path's words after a slash, to the first function word
        ("visit acme dot com slash live chat and ask", ["acme dot com slash live chat"]),
        ("acme dot com forward slash help slash knowledge base for it",
         ["acme dot com forward slash help slash knowledge base"]),
        # an e-mail's local part, not after a determiner
        ("or email support at acme dot com today", ["support at acme dot com"]),
        ("open a ticket at help dot acme dot com", ["help dot acme dot com"]),
        # no top-level domain, no address
        ("the red dot on the screen", []),
        ("a dot matrix printer", []),
    ],
)
def test_spokenaddresses_found_by_shape(text, addresses):
    assert [text[a:b] for a, b in spoken_addresses(text)] == addresses


@pytest.mark.parametrize(
    "text,expected",
    [
        ("you can go to w w w dot acme help desk dot com and search the knowledge base\n", ["knowledge base"]),
        ("head to help dot acme dot com slash live chat and the help desk will answer\n", ["help desk"]),
        ("Visit www dot acme dot com slash knowledge base, or the live chat.", ["live chat"]),
        ("email support at acme dot com about the live chat\n", ["live chat"]),
        # no address: every term stays
        ("email support answers in the live chat and the help desk\n", ["email support", "live chat", "help desk"]),
    ],
)
def test_spokenaddresses_drop_the_terms_inside(addresses_nlp, text, expected):
    assert _ents(addresses_nlp, text) == expected


def test_spokenaddresses_is_a_rule_to_switch_off(glossary_nlp):
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    assert _ents(nlp, "visit acme dot com slash live chat today") == ["live chat"]

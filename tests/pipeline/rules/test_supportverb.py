"""pipeline.rules.supportverb: the verb "support" ("we support Android") is no domain word for
the everyday terms around it; the noun ("contact support") still is."""

from __future__ import annotations

import pytest
import spacy

from annotator.pipeline.rules.supportverb import is_support_verb, support_verbs

from ..conftest import concept

GLOSSARY = [
    concept("queue", "Queue"),
    # two names with "support" and two with "customer" make both domain words; none is named
    # by "support" or "customer" alone
    concept("support-team", "Support Team"),
    concept("support-ticket", "Support Ticket"),
    concept("customer-feedback", "Customer Feedback"),
    concept("customer-journey", "Customer Journey"),
]


@pytest.fixture(scope="module")
def lower_of():
    nlp = spacy.blank("en")
    return lambda text: [t.lower for t in nlp(text)]


def _at(text: str, word: str) -> int:
    return next(t.i for t in spacy.blank("en")(text) if t.text == word)


@pytest.mark.parametrize(
    "text,word,expected",
    [
        ("we support Android", "support", True),
        ("does it support dark mode", "support", True),
        ("the app can support playlists", "support", True),
        ("we don't support that", "support", True),
        ("we also support iOS", "support", True),
        ("the player supports playlists", "supports", True),
        ("it is supported on Linux", "supported", True),
        ("please support the new format", "support", True),
        # the help desk's noun
        ("contact support today", "support", False),
        ("the support team replied", "support", False),
        ("reach out to support", "support", False),
        ("customer support is closed", "support", False),
        ("thanks for your support", "support", False),
        # "it support" alone is an IT support desk as speech-to-text writes it
        ("call it support today", "support", False),
    ],
)
def test_is_support_verb(lower_of, text, word, expected):
    assert is_support_verb(lower_of(text), _at(text, word)) is expected


def test_support_verbs_counts_in_range_less_the_skipped(lower_of):
    lower = lower_of("we support it and we support that but support is closed")
    assert support_verbs(lower, 0, len(lower)) == 2
    assert support_verbs(lower, 0, 3) == 1
    assert support_verbs(lower, 0, len(lower), at=1) == 1
    assert support_verbs(lower, 0, len(lower), skip=frozenset((lower[1],))) == 0


@pytest.fixture(scope="module")
def verb_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


@pytest.mark.parametrize(
    "text,expected",
    [
        # the noun: two domain words beside the queue
        ("Ask customer support about the queue.", ["queue"]),
        ("Customers wrote to support: the queue is long.", ["queue"]),
        # the verb: one domain word left, not enough
        ("Customers say we support it: the queue is long.", []),
        ("Customers ask if the player supports the queue button.", []),
        # a verb form no glossary name holds was never counted, so it takes nothing off
        ("Customers were supported by support: the queue is long.", ["queue"]),
    ],
)
def test_the_verb_is_no_context_for_everyday_terms(verb_nlp, text, expected):
    assert [e.text for e in verb_nlp(text).ents] == expected

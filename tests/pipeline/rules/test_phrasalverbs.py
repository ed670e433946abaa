"""pipeline.phrasalverbs: a term written as a verb and its particle ("wrap up"), used as the
verb, is no jargon ("let me wrap up the call"); the noun stays the term ("agents in wrap up")."""

from __future__ import annotations

import pytest

from annotator.pipeline.rules.phrasalverbs import object_after, verb_before
from annotator.pipeline.precision import DEFAULT_PRECISION_RULES

from ..conftest import concept

GLOSSARY = [
    concept("wrap-up-time", "Wrap-Up Time", aliases=["wrap up"]),
    concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
]
RULE = "helpdesk_glossary.phrasal_verbs.v1"


@pytest.fixture(scope="module")
def verbs_nlp(glossary_nlp):
    return glossary_nlp(GLOSSARY)


def _ents(nlp, text):
    return [e.text for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a word before that takes the verb's base form
        ("I'll go ahead and help you wrap up the quote; the SLA is fine.", ["SLA"]),
        ("Let me just wrap up and check the SLA.", ["SLA"]),
        ("Let's wrap up, the SLA is met.", ["SLA"]),
        ("We need to wrap up before the SLA ends.", ["SLA"]),
        # an object after it, in typed text
        ("Wrap up the call and check the SLA.", ["SLA"]),
        # a negated auxiliary before it, in speech-to-text too (no object cue there)
        ("I won't wrap up the ticket before the SLA ends.", ["SLA"]),
    ],
)
def test_phrasalverbs_the_verb_is_no_term(verbs_nlp, text, expected):
    assert _ents(verbs_nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Agents spend too long in wrap up after each call; the SLA suffers.", ["wrap up", "SLA"]),
        ("The team's wrap up took too long for the SLA.", ["wrap up", "SLA"]),
        ("Our wrap up time is within the SLA.", ["wrap up time", "SLA"]),
    ],
)
def test_phrasalverbs_the_noun_stays_the_term(glossary_nlp, text, expected):
    nlp = glossary_nlp([*GLOSSARY, concept("wrap-up-time-2", "Wrap Up Time")])
    assert _ents(nlp, text) == expected


def test_phrasalverbs_no_object_cue_where_speech_to_text_runs_on(verbs_nlp, spoken_ents):
    # the determiner opens the next sentence, which speech-to-text runs on without a full stop
    text = "agents spend too long in wrap up the supervisor said\n"
    assert spoken_ents(verbs_nlp, text) == ["wrap up"]
    # typed text would have the full stop: a determiner right after the words is the object
    assert spoken_ents(verbs_nlp, "Agents spend too long in wrap up the supervisor said.", spoken=None) == []


def test_phrasalverbs_a_negated_verb_in_speech_to_text(verbs_nlp, spoken_ents):
    # no object cue where the words run on, but "cannot" before them says verb
    assert spoken_ents(verbs_nlp, "khang cannot wrap up a task in the workspace\n") == []
    assert spoken_ents(verbs_nlp, "i wont wrap up the call yet\n") == []


def test_phrasalverbs_is_a_rule_to_switch_off(glossary_nlp):
    nlp = glossary_nlp(GLOSSARY, precision_rules=[r for r in DEFAULT_PRECISION_RULES if r != RULE])
    assert _ents(nlp, "Let me just wrap up and check the SLA.") == ["wrap up", "SLA"]


@pytest.mark.parametrize(
    "text,i,expected",
    [
        ("to wrap up", 1, True),
        ("I 'll quickly wrap up", 3, True),
        ("let 's wrap up", 2, True),
        ("the team 's wrap up", 3, False),
        ("in wrap up", 1, False),
        # a negated auxiliary: "cannot", "won't", "dont"
        ("can not wrap up", 2, True),
        ("wo n't wrap up", 2, True),
        ("do nt just wrap up", 3, True),
        ("is not wrap up", 2, False),
    ],
)
def test_phrasalverbs_verb_before(blank, text, i, expected):
    assert verb_before(blank(text).to_array("LOWER").tolist(), i) is expected


def test_phrasalverbs_object_after(blank):
    lower = blank("wrap up the call").to_array("LOWER").tolist()
    assert object_after(lower, 2) and not object_after(lower, 4)

from __future__ import annotations

import pytest

from annotator.discover.known import fold_key, known_from_glossary
from annotator.glossary.model import Concept, Glossary


@pytest.mark.parametrize(
    "name",
    ["Average Handle Time", "average handle times", "average-handle-time", "co-browsing",
     "cobrowsing", "Co browsing", "escalation process", "Escalation Processes"],
)
def test_known_has_terms_aliases_and_their_spellings(known, name):
    assert known.has_term(name)


@pytest.mark.parametrize("name", ["ring strategy", "response target", "handle"])
def test_known_lacks_other_terms(known, name):
    assert not known.has_term(name)


def test_known_acronyms(known):
    assert known.has_acronym("AHT") and known.has_acronym("SLA") and not known.has_acronym("VBT")


def test_known_fold_key_folds_plural_head():
    assert fold_key("Knowledge Articles") == fold_key("knowledge-article")


@pytest.mark.parametrize(("written", "name"), [
    ("skill-based routing", "Skills-Based Routing"),  # a plural modifier, hyphenated
    ("skills based routing", "Skill-Based Routing"),
    ("tickets queue", "Ticket Queue"),
    ("Escalation Processes", "escalation process")])
def test_known_fold_key_folds_every_words_plural(written, name):
    assert fold_key(written) == fold_key(name)


def test_known_has_a_term_written_with_a_plural_modifier():
    known = known_from_glossary(Glossary([Concept("skills-based-routing", "Skills-Based Routing")]))
    assert known.has_term("skill-based routing") and known.has_term("Skill based routings")
    assert not known.has_term("skill-based triage")


@pytest.mark.parametrize(("key", "expected"), [
    ("handle target", 1),  # "handle" is a word of Average Handle Time
    ("escalation processes", 2),  # the plural folds to "process" of the alias
    ("ring strategy", 0),
    ("agreement time", 2),
    ("handled calls", 1),  # another form of the word: "handle"
    ("averaging handles", 2),
    ("cobrowsing session", 1),  # Co-browsing written closed up, as the annotator matches it
    ("co-browsing session", 1),
    ("escalated ticket", 0),  # "escalate" is no word of the glossary's ("escalation" is)
    ("handler ring", 0),  # "-er" makes another word, not a form of "handle"
    ("manage ring", 1),  # the stem of the glossary's "management"
    ("managing ring", 0),  # neither form is the other's stem: "saved" and "savings" part ways
])
def test_known_domain_words_counts_glossary_words(known, key, expected):
    assert known.domain_words(key) == expected


def test_known_domain_words_leave_out_stopwords_and_short_words(known):
    assert "the" not in known.words and "of" not in known.words
    assert {"handle", "service", "escalation", "process"} <= known.words


@pytest.mark.parametrize(("word", "expected"), [
    ("report", True),  # the stem of "reporting", an activity the glossary names
    ("reported", False),  # neither "reported" nor "reporting" is the other's stem
    ("save", False),  # the verb of the participle "saved" is an everyday verb ("save time")
    ("saved", True), ("replies", True)])
def test_known_domain_word_stems_leave_out_participles(word, expected):
    known = known_from_glossary(Glossary([Concept("saved-reply", "Saved Reply"),
                                          Concept("reporting", "Reporting")]))
    assert known.is_domain_word(word) is expected

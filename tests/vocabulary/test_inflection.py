"""annotator.vocabulary.inflection: the name singular, pattern plurals/singulars, acronym base forms."""

from __future__ import annotations

import pytest

from annotator.vocabulary.inflection import (
    base_form,
    gerund_verb,
    pluralize,
    singular,
    singular_phrase,
    singularize,
)


@pytest.mark.parametrize(
    "word,plural", [("ticket", "tickets"), ("reply", "replies"), ("day", "days"), ("inbox", "inboxes"),
                    ("analytics", None), ("1", None), ("ab", None),
                    ("analysis", "analyses"), ("diagnosis", "diagnoses"), ("basis", None), ("this", None)]
)
def test_inflection_pluralize(word, plural):
    assert pluralize(word) == plural


@pytest.mark.parametrize(
    "word,singular", [("tickets", "ticket"), ("replies", "reply"), ("business", None), ("status", None),
                      ("metrics", None), ("analysis", None), ("inboxes", "inbox"),
                      ("analyses", "analysis"), ("databases", "database"), ("purposes", "purpose")]
)
def test_inflection_singularize(word, singular):
    assert singularize(word) == singular


@pytest.mark.parametrize(
    "token, base",
    [("SLA", "SLA"), ("SLAs", "SLA"), ("KPIs", "KPI"), ("SEs", "SE"), ("FAQs", "FAQ"), ("CCed", "CC"),
     ("STARred", "STAR"), ("DMing", "DM"), ("SaaS", "SaaS"), ("CCaaS", "CCaaS"), ("eNPS", "eNPS"),
     ("CAll", "CAll"), ("Is", "Is"), ("L&R", "L&R")],
)
def test_inflection_base_form(token, base):
    assert base_form(token) == base


@pytest.mark.parametrize(
    "word, expected",
    [("Managers", "Manager"), ("Companies", "Company"), ("COMPANIES", "COMPANIES"), ("Business", "Business"),
     ("Analytics", "Analytics"), ("Status", "Status"), ("Boxes", "Box"), ("KPIs", "KPIs"), ("OMs", "OMs"),
     ("Bus", "Bus"), ("Agent", "Agent"), ("Analyses", "Analysis"), ("Databases", "Database")],
)
def test_inflection_singular_of_a_name_word(word, expected):
    assert singular(word) == expected


@pytest.mark.parametrize(
    "phrase, expected",
    [("Team Leaders", "Team Leader"), ("Operations Managers", "Operations Manager"), ("", ""),
     ("Key Performance Indicators", "Key Performance Indicator")],
)
def test_inflection_singular_phrase_changes_the_last_word_only(phrase, expected):
    assert singular_phrase(phrase) == expected


@pytest.mark.parametrize("word", ["Companies", "Boxes", "tickets", "Managers", "inboxes", "Analyses"])
def test_inflection_the_name_and_pattern_singulars_agree_on_plain_plurals(word):
    # They share NOT_PLURAL_ENDINGS; they differ only where their callers need it (acronyms,
    # non-letters, None for "no variant").
    assert singular(word).lower() == singularize(word).lower()


@pytest.mark.parametrize(
    "word,forms",
    [("queue", ["queued", "queuing"]), ("tag", ["tagged", "tagging"]), ("bug", ["bugged", "bugging"]),
     ("breach", ["breached", "breaching"]), ("reply", ["replied", "replying"]), ("day", []), ("box", []),
     ("persona", []), ("sla", []), ("", [])],
)
def test_inflection_verb_forms(word, forms):
    from annotator.vocabulary.inflection import verb_forms

    assert verb_forms(word) == forms


@pytest.mark.parametrize(
    "word,forms",
    [("queue", ("queues", "queued", "queuing", "queueing")), ("tag", ("tags", "tagged", "tagging")), ("agent", ("agents",)),
     ("macro", ("macros",)), ("dashboard", ("dashboards",)),
     # verb-like ("triaged" is written): every verb form, "triaging" however rare
     ("triage", ("triages", "triaged", "triaging"))],
)
def test_inflection_word_inflections_verb_forms_only_for_verb_like_words(word, forms):
    from annotator.vocabulary.inflection import word_inflections

    assert word_inflections(word) == forms


@pytest.mark.parametrize(
    "word,expected",
    [("queue", True), ("tag", True), ("ticket", True), ("triage", True),
     ("agent", False), ("dashboard", False), ("macro", False), ("feedback", False)],
)
def test_inflection_is_verb_like_when_its_past_is_written(word, expected):
    from annotator.vocabulary.inflection import is_verb_like, word_inflections

    assert is_verb_like(word) is expected
    # the one test pattern generation uses too: a verb-like word gets its -ed form
    assert any(form.endswith("ed") for form in word_inflections(word)) is expected


@pytest.mark.parametrize("word", ["queue", "tag", "agent", "survey", "breach", "ticket", "escalate"])
def test_inflection_map_is_the_inverse_of_the_generated_forms(word):
    from annotator.vocabulary.inflection import inflection_map, word_inflections

    forms = inflection_map([word])
    assert set(forms) == {word, *word_inflections(word)}
    assert set(forms.values()) == {word}


@pytest.mark.parametrize(
    "word,verb",
    [("routing", "route"), ("tagging", "tag"), ("queuing", "queue"), ("monitoring", "monitor"),
     ("ring", None), ("during", None), ("string", None), ("route", None)],
)
def test_inflection_gerund_verb(word, verb):
    assert gerund_verb(word) == verb

"""pipeline.rules.mentions: "tag" whose object names people ("tag your manager") is a mention,
not the glossary's Tag; tagging a thing ("tag it as docs", "tag the ticket") stays the term."""

from __future__ import annotations

import pytest

from annotator.pipeline.precision import DEFAULT_PRECISION_RULES
from annotator.pipeline.rules.mentions import PEOPLE, names_a_person

from ..conftest import concept

GLOSSARY = [concept("tag", "Tag"), concept("ticket", "Ticket")]
RULE = "helpdesk_glossary.mentions.v1"


@pytest.fixture(scope="module")
def mention_nlp(glossary_nlp):
    # The rule alone: the everyday-word rule would judge a lone "tag" on its context.
    return glossary_nlp(GLOSSARY, precision_rules=[RULE])


def _ents(nlp, text):
    return [(e.text, e.start_char, e.end_char) for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text",
    [
        "Tag engineers with the relevant expertise as routing suggestions.",
        "Join the group and tag your manager for approval.",
        "Post the link and tag the account's Technical Advisor for context.",
        "Add a note, tagging the appropriate engineering team.",
        "If stuck, tag someone from the on-call rotation.",
        "Please tag @maria on the thread.",
    ],
)
def test_mentions_tagging_people_is_no_term(mention_nlp, text):
    assert [e for e in _ents(mention_nlp, text) if e[0].lower().startswith("tag")] == []


@pytest.mark.parametrize(
    "text,word",
    [
        ("Open an issue and tag it as docs for the writers.", "tag"),
        ("Tag the ticket with the product area.", "Tag"),
        ("Remove the tags and triage it again.", "tags"),
        ("The tag engineers use most is billing.", "tag"),  # the noun, after a determiner
        ("Tag them as solved once the customer confirms.", "Tag"),  # "them" may be tickets
        ("Tickets tagged as urgent go first.", "tagged"),
        ("Tag leads with the campaign they came from.", "Tag"),  # a CRM labels its leads
    ],
)
def test_mentions_tagging_things_stays(mention_nlp, text, word):
    spans = _ents(mention_nlp, text)
    assert any(e[0] == word and text[e[1]:e[2]] == word for e in spans)


def test_mentions_rule_is_default_and_can_be_switched_off(glossary_nlp):
    assert RULE in DEFAULT_PRECISION_RULES
    nlp = glossary_nlp(GLOSSARY, precision_rules=[])
    assert [e[0] for e in _ents(nlp, "Tag engineers with the relevant expertise.")] == ["Tag"]


@pytest.mark.parametrize(
    "text,expected",
    [("tag your manager", True), ("tag the account 's Technical Advisor", True), ("tag it as docs", False),
     ("tag the ticket with managers", False), ("tag , managers", False), ("tag", False),
     ("tag @sam", True), ("tag @", False)],
)
def test_mentions_names_a_person(blank, text, expected):
    doc = blank(text)
    lower, tokens = [t.lower for t in doc], [t.text for t in doc]
    assert names_a_person(lower, tokens, 0) is expected


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_mentions_a_handle_the_markup_hides_still_names_a_person(mention_nlp, fmt):
    from annotator.api import annotate

    # plain text blanks the whole handle, Markdown its "@": the string sent still shows it
    spans = annotate("Tag @sam-lee on the ticket.", fmt, nlp=mention_nlp)["spans"]
    assert [s["text"] for s in spans] == ["ticket"]
    spans = annotate("Tag it on the ticket, then email sam@example.com.", fmt, nlp=mention_nlp)["spans"]
    assert [s["text"] for s in spans] == ["Tag", "ticket"]


def test_mentions_people_are_lower_case_words():
    assert all(w.replace("-", "").isalpha() and w.islower() for w in PEOPLE)

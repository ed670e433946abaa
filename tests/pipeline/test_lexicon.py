"""pipeline.lexicon: the glossary's words, domain words and everyday-word terms."""

from __future__ import annotations

import pytest

from annotator.glossary.model import Concept, Glossary
from annotator.pipeline.lexicon import build_lexicon, one_word_bases


@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon(
        Glossary(
            [
                Concept("queue", "Queue"),
                Concept("webhook", "Webhook"),
                Concept("customer-survey", "Customer Survey"),
                Concept("customer-service", "Customer Service", ["CS"]),
                Concept("escalation", "Escalation"),
                Concept("whatsapp", "WhatsApp Support"),
                Concept("help-desk", "Help Desk"),
            ]
        )
    )


def test_lexicon_words_are_the_names_words(lexicon):
    assert {"queue", "survey", "customer", "service", "help", "desk", "whatsapp"} <= lexicon.words
    assert "the" not in lexicon.words


def test_lexicon_context_words_occur_in_several_names(lexicon):
    assert {"customer", "customers"} <= lexicon.context_words
    assert "queue" not in lexicon.context_words


@pytest.mark.parametrize(
    "concept_id,forms",
    [
        ("queue", {"queue": "queue", "queues": "queue", "queued": "queue", "queuing": "queue"}),
        ("customer-survey", {"survey": "survey", "surveys": "survey", "surveyed": "survey"}),
        ("escalation", {"escalation": "escalation", "escalate": "escalate", "escalated": "escalate"}),
    ],
)
def test_lexicon_everyday_terms_and_their_forms(lexicon, concept_id, forms):
    assert forms.items() <= lexicon.everyday[concept_id].items()


def test_lexicon_bases_turn_the_everyday_forms_round(lexicon):
    assert {"queue", "queues", "queued", "queuing"} <= lexicon.bases["queue"]["queue"]
    assert "escalated" in lexicon.bases["escalate"]["escalation"]
    assert "webhook" not in lexicon.bases
    for base, by_id in lexicon.bases.items():
        for concept_id, forms in by_id.items():
            assert all(lexicon.everyday[concept_id][form] == base for form in forms)


@pytest.mark.parametrize("concept_id", ["webhook", "help-desk"])
def test_lexicon_coined_and_multiword_terms_are_not_everyday(lexicon, concept_id):
    assert concept_id not in lexicon.everyday


def test_lexicon_verbs_and_written_capitals(lexicon):
    assert "escalate" in lexicon.verbs and "queue" not in lexicon.verbs
    assert "WhatsApp" in lexicon.written_caps


def test_lexicon_one_word_bases():
    assert one_word_bases(Concept("x", "Escalation")) == (
        ["escalation"], ["escalate", "escalates", "escalated", "escalating"]
    )
    assert one_word_bases(Concept("y", "Customer Survey")) == (["survey"], [])


def test_lexicon_the_most_common_words_are_no_domain_words():
    from annotator.pipeline.rulecontext import PrecisionSettings

    concepts = [Concept("a", "First Response Time"), Concept("b", "Handle Time"), Concept("c", "Customer Time")]
    assert "time" not in build_lexicon(concepts).context_words
    lax = PrecisionSettings.from_config({"context_word_max_zipf": 9.0})
    assert "time" in build_lexicon(concepts, lax).context_words


def test_lexicon_a_word_on_the_stop_list_several_names_share_is_a_domain_word():
    """spaCy's stop list files "call" with "the" and "of"; names share it, so it says contact
    centre (a function word never counts: "to" in two names is no domain word)."""
    concepts = [Concept("a", "Call Center"), Concept("b", "Call Routing"),
                Concept("c", "Time to Resolution"), Concept("d", "Time to Answer")]
    context = build_lexicon(concepts).context_words
    assert {"call", "calls"} <= context
    assert "to" not in context


def test_lexicon_a_process_by_its_bare_name_is_an_everyday_term():
    lexicon = build_lexicon(
        Glossary([Concept("ticket", "Ticket"), Concept("ticket-routing", "Ticket Routing"),
                  Concept("predictive-routing", "Predictive Routing")])
    )
    # judged from its context like any everyday word, "to route" no noun used as a verb
    assert {"routing", "route", "routes", "routed"} <= set(lexicon.everyday["ticket-routing"])
    assert "route" in lexicon.verbs
    assert "predictive-routing" not in lexicon.everyday


def test_lexicon_derived_values_are_made_once_per_lexicon():
    from annotator.pipeline.lexicon import build_lexicon

    first, second = build_lexicon([]), build_lexicon([])
    made = []
    assert first.derived("rule.x", lambda: made.append(1) or "one") == "one"
    assert first.derived("rule.x", lambda: made.append(1) or "again") == "one"
    assert second.derived("rule.x", lambda: "two") == "two"  # another glossary, another memo
    assert made == [1]


def test_lexicon_made_without_a_memo_derives_every_time():
    from annotator.pipeline.lexicon import GlossaryLexicon

    lexicon = GlossaryLexicon(frozenset(), frozenset(), {}, frozenset())
    assert lexicon.derived("rule.x", lambda: 1) == 1 and lexicon.derived("rule.x", lambda: 2) == 2


@pytest.mark.parametrize("word", ["WhatsApp", "Co-Browsing", "eNPS", "A", "2FA", "Queue", "x", "iOS", "ǅungla", "aǅ", "café", "CaféBar", ""])
def test_lexicon_inner_capitals_is_any_capital_after_the_first_character(word):
    from annotator.pipeline.lexicon import _inner_capitals

    assert _inner_capitals([word]) == ([word] if any(c.isupper() for c in word[1:]) else [])


@pytest.mark.parametrize("term", ["Escalation", "Documentation", "Customer Escalation", "In-App Support", "Ticket", "İstanbulation"])
def test_lexicon_one_word_bases_asks_short_forms_of_one_word_names_only(term):
    from annotator.glossary.variants import short_forms

    nouns, verbs = one_word_bases(Concept("x", term, category="Channels"))
    every = [f for f in short_forms(term, "Channels") if f.isalpha()]
    assert verbs == [v for v in dict.fromkeys(every) if v not in nouns]

"""The variant rules: inflection, compounds, short forms, clippings, bare heads, verb forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.glossary.model import Glossary
from annotator.glossary.variants import acronym_forms, compound_forms, term_variants

FIXTURE = Path(__file__).parents[1] / "pipeline" / "data" / "glossary.jsonl"


@pytest.mark.parametrize(
    "term,expected",
    [
        ("Co-browsing", {"co-browsing", "co browsing", "cobrowsing"}),
        ("Self-Service", {"self-service", "self service", "selfservice"}),
        ("Tier 1", {"tier 1", "tier-1", "tier1"}),
        ("Help Desk", {"help desk", "help-desk", "helpdesk", "help desks", "helpdesks"}),
        ("Agent", {"agent", "agents"}),
        ("Key Performance Indicators", {"key performance indicators", "key performance indicator"}),
        ("Reply", {"reply", "replies"}),
        ("Business", {"business", "businesses"}),
        ("Analytics", {"analytics"}),
        ("Call\u00a0Queue", {"call queue", "call queues"}),
    ],
)
def test_variants_term_variants(term, expected):
    assert expected <= set(term_variants(term))


@pytest.mark.parametrize(
    "term,expected,absent",
    [
        # "self-" and a verb-like word is a verb: its -ed and -ing forms, in each spelling
        ("Self-Service", {"self-serviced", "self-servicing", "self serviced"}, set()),
        ("Self-Host", {"self-hosted", "self-hosting"}, set()),
        # no verb forms for a word that is no verb, or for another compound
        ("Self-Checkout", {"self-checkout"}, {"self-checkouted"}),
        ("Customer Service", {"customer service"}, {"customer serviced"}),
        ("Selfie", {"selfie"}, {"selfied"}),
    ],
)
def test_variants_self_compounds_take_verb_forms(term, expected, absent):
    variants = set(term_variants(term))
    assert expected <= variants and not absent & variants


@pytest.mark.parametrize(
    "term,expected,absent",
    [
        # a compound's "-icity" noun: the "-ic" adjective it is made from, in each spelling
        ("Customer-Centricity", {"customer-centric", "customer centric"}, set()),
        # not a word alone (too common a word in other senses), nor another ending
        ("Elasticity", {"elasticity"}, {"elastic"}),
        ("Data Capacity", {"data capacity"}, {"data capac"}),
    ],
)
def test_variants_icity_compounds_take_their_adjective(term, expected, absent):
    variants = set(term_variants(term))
    assert expected <= variants and not absent & variants


def test_variants_variants_are_lowercase_and_written_form_first():
    variants = term_variants("First Contact Resolution")
    assert variants[0] == "first contact resolution"
    assert all(v == v.lower() for v in variants)
    assert "first-contact resolution" in variants


def test_variants_long_terms_do_not_explode():
    forms = compound_forms("a b c d e f g h")
    assert len(forms) <= 3


@pytest.mark.parametrize(
    "term,expected",
    [
        ("Customer Satisfaction Score", ["satisfaction score", "customer satisfaction"]),
        ("First Response Time", ["first response"]),
        ("Round Robin Routing", ["round robin"]),
        ("Escalation", ["escalate", "escalates", "escalated", "escalating"]),
        ("Customer Service", []),  # one generic word left: no short form
        ("Abandonment Rate", []),
        ("Time to First Response Rate", ["time to first response"]),
        ("Average Time to Rate", []),  # "average time to" ends on a function word
        # a place customers go for help is the support team's too
        ("Customer Portal", ["support portal"]),
        ("Customer Forums", ["support forums"]),
        ("Customer Journey", []),  # no place
        ("Partner Portal", []),  # no customers'
    ],
)
def test_variants_short_forms(term, expected):
    from annotator.glossary.variants import short_forms

    assert short_forms(term) == expected


@pytest.mark.parametrize(
    "term,category,expected",
    [
        ("In-App Support", "Channels", ["in-app"]),  # a channel is named by its medium
        ("In-App Support", "channels", ["in-app"]),
        ("In-App Support", None, []),  # not known to be a channel: "support" stays
        ("Email Support", "Channels", []),  # "email" alone is one generic word
        ("Live Chat", "Channels", []),
    ],
)
def test_variants_short_forms_channel_medium(term, category, expected):
    from annotator.glossary.variants import short_forms

    assert short_forms(term, category) == expected


@pytest.mark.parametrize(
    "term,expected",
    [
        ("Just-in-Time", []),  # one hyphenated word: "just-in" (and "justin") is no name of it
        ("Wrap-Up-Time", []),
        ("Just-in-Time Rate", ["just-in-time"]),  # a spaced head still drops
        ("Wrap-Up Time", ["wrap-up"]),
    ],
)
def test_variants_short_forms_never_cut_a_hyphenated_word(term, expected):
    from annotator.glossary.variants import short_forms

    assert short_forms(term) == expected


@pytest.mark.parametrize(
    "term,expected",
    [
        ("Support Operations", ["support ops", "support-ops"]),
        ("Operations Manager", ["ops manager", "ops managers", "ops-manager", "ops-managers"]),
        ("Customer Service Representative", ["customer service rep", "customer service reps"]),
        ("Codeless Application", ["codeless app", "codeless apps"]),
        ("Operations", []),  # a clipped word alone ("ops", "app") names nothing
        ("Application", []),
        ("Help Desk", []),  # nothing to clip
        ("Operational Excellence", []),  # whole words only
    ],
)
def test_variants_clipped_variants(term, expected):
    from annotator.glossary.variants import clipped_variants

    assert set(expected) <= set(clipped_variants(term_variants(term)))
    if not expected:
        assert clipped_variants(term_variants(term)) == []


@pytest.mark.parametrize(
    "term,expected",
    [
        ("Reopen Rate", ["re-open rate", "re-open rates", "re-open-rate"]),
        ("Email Support", ["e-mail support", "e-mail supports"]),
        ("Reassign Queue", ["re-assign queue"]),
        # the rest is no verb, or English never hyphenates the word: nothing
        ("Return Rate", []),
        ("Resolution Time", []),
        ("Escalation Path", []),
        ("Revenue Forecasting", []),
        ("Help Desk", []),
    ],
)
def test_variants_prefix_variants(term, expected):
    from annotator.glossary.variants import prefix_variants

    made = prefix_variants(term_variants(term))
    assert set(expected) <= set(made)
    if not expected:
        assert made == []


@pytest.mark.parametrize(
    "term,expected,absent",
    [
        ("Tier 2 Support", ["level 2 support", "tier two support", "tier ii support", "level-two support",
                            "level 2 supports"], ["tier 2 support", "level 2", "tier two"]),
        ("Tier 0 Support", ["level 0 support", "tier zero support"], []),
        # no rank with a number and the support head: nothing
        ("Tier 2", [], []),
        ("Tier -1 Support", [], []),
        ("Tiered Support", [], []),
        ("Service Level Agreement", [], []),
    ],
)
def test_variants_rank_variants(term, expected, absent):
    from annotator.glossary.variants import rank_variants

    made = rank_variants(term_variants(term))
    assert set(expected) <= set(made)
    assert not set(absent) & set(made)
    if not expected:
        assert made == []


def test_variants_prefix_variants_of_a_gerund():
    from annotator.glossary.variants import gerund_variants, prefix_variants

    assert "re-opening rate" in prefix_variants(gerund_variants(term_variants("Reopen Rate")))


@pytest.mark.parametrize(
    "term,expected,absent",
    [
        ("Average Handle Time", ["average handling time", "average handling times", "average-handling-time",
                                 "average handled time"], ["average handle time"]),
        ("Average Hold Time", ["average holding time"], ["average holded time"]),
        ("Reopen Rate", ["reopening rate", "reopening rates", "reopening-rate"], []),
        ("Wait Time", ["waiting time"], []),
        # the word before the measure is no verb, or is a gerund already: nothing to make
        ("First Response Time", [], ["first responsing time"]),
        ("Resolution Rate", [], []),
        ("Call Routing", [], []),
        ("Just-in-time", [], []),
        ("Machine Downtime", [], []),
    ],
)
def test_variants_gerund_variants(term, expected, absent):
    from annotator.glossary.variants import gerund_variants

    made = gerund_variants(term_variants(term))
    assert set(expected) <= set(made)
    assert not set(absent) & set(made)
    if not expected:
        assert made == []


@pytest.mark.parametrize(
    "term,expected",
    [
        ("First Response Time", ["first reply time", "first reply times", "first-reply-time"]),
        ("Canned Response", ["canned reply", "canned replies"]),
        ("Saved Reply", ["saved response", "saved responses"]),
        ("Reply", []),  # one word alone is no name of the term
        ("Responsive Design", []),  # whole words only
        ("Help Desk", []),
    ],
)
def test_variants_synonym_variants(term, expected):
    from annotator.glossary.variants import synonym_variants

    assert set(expected) <= set(synonym_variants(term_variants(term)))
    if not expected:
        assert synonym_variants(term_variants(term)) == []


@pytest.mark.parametrize(
    "word,expected",
    [
        ("chatbot", ["chat bot"]),
        ("webhook", ["web hook"]),
        ("touchpoint", ["touch point"]),
        ("feedback", []),  # "feed back" is the verb: a particle never splits off
        ("handoff", []),
        ("onboarding", []),
        ("triage", []),  # "-age" is a suffix: "tri-age" is no compound
        ("reporting", []),  # more common than its parts: a word of its own
        ("availability", []),
        ("queue", []),
        ("Chatbot", []),  # lower case only (the caller lower-cases)
        ("sla-breach", []),
    ],
)
def test_variants_split_compounds(word, expected):
    from annotator.glossary.variants import split_compounds

    assert split_compounds(word) == expected


@pytest.mark.parametrize(
    "term,head",
    [
        ("Customer Survey", "survey"),
        ("Customer Churn", "churn"),
        ("SLA Breach", "breach"),  # "<acronym> <head>"
        ("AI Guardrail", "guardrail"),
        ("customer\u00a0feedback", "feedback"),
        ("Ticket Routing", None),  # neither "customer" nor an acronym before the head
        ("Customer Care", None),  # everyday word ("take care")
        ("Customer Success", None),
        ("AI Safety", None),  # noun-forming suffix: a field the acronym restricts
        ("PCI Compliance", None),
        ("Customer Loyalty", None),
        ("COPC Certification", None),
        ("Customer 360", None),  # not a word
        ("Customer Satisfaction Score", None),  # three words: short forms handle those
        ("Customer Journey Map", None),
        ("Survey", None),
        ("Customer Surveys", "survey"),  # the head in the singular
        ("Customer Tags", None),  # "tag": too short to stand alone
    ],
)
def test_variants_bare_head(term, head):
    from annotator.glossary.variants import bare_head

    assert bare_head(term) == head


@pytest.mark.parametrize(
    "word,forms",
    [
        ("breach", ["breached", "breaching"]),
        ("survey", ["surveyed", "surveying"]),
        ("reply", ["replied", "replying"]),
        ("lifecycle", ["lifecycled", "lifecycling"]),
        ("persona", []),  # a vowel other than "e": no verb stem
        ("bias", ["biased", "biasing"]),
        ("sla", []),
        ("", []),
    ],
)
def test_variants_verb_forms(word, forms):
    from annotator.glossary.variants import verb_forms

    assert verb_forms(word) == forms


def test_variants_clippable_words_hold_the_prefilter_hints():
    # _may_clip() looks for "ati" / "ator" before running the regex: every clipped word must
    # hold one, or its terms would silently lose their clipped variants.
    from annotator.glossary.variants import CLIPPINGS, _may_clip

    assert all("ati" in word or "ator" in word for word in CLIPPINGS)
    assert all(_may_clip(f"x {word}s") for word in CLIPPINGS)
    assert not _may_clip("first response time")


def test_variants_normalized_names_skip_normalizing_with_the_same_result():
    from annotator.glossary.variants import bare_head, head_word, normalize_text, short_forms

    names = [normalize_text(n) for c in Glossary.load(FIXTURE) for n in (c.term, *c.aliases)]
    names += [normalize_text(n) for n in ("Caf\u00e9\u00a0Queue", "Customer  Survey", "In\u2011App Support", "SLA Breach")]
    for name in names:
        assert term_variants(name, normalized=True) == term_variants(name)
        assert short_forms(name, "Channels", normalized=True) == short_forms(name, "Channels")
        assert head_word(name, normalized=True) == head_word(name)
        assert bare_head(name, normalized=True) == bare_head(name)


@pytest.mark.parametrize(
    "acronym, present, absent",
    [
        ("P1", ["P1", "P1s", "p1", "p1s"], ["S1", "Sev 1"]),
        ("SEV2", ["SEV2", "SEV2s", "Sev 2", "sev-2", "S2"], ["P2", "s2"]),
        ("SLA", ["SLA", "SLAs"], ["sla"]),
    ],
)
def test_variants_acronym_forms_of_codes(acronym, present, absent):
    forms = acronym_forms(acronym)
    assert all(form in forms for form in present)
    assert not any(form in forms for form in absent)


def test_variants_process_heads_and_forms():
    from annotator.glossary.variants import process_forms, process_heads

    names = [("t", "Ticket"), ("tr", "Ticket Routing"), ("pr", "Predictive Routing"), ("cr", "Call Routing"),
             ("sla", "SLA"), ("slam", "SLA Monitoring"), ("am", "Agent Monitoring")]
    # "SLA" is an acronym, no concept word a process is applied to; "Agent" is no concept here
    assert process_heads(names) == {"tr": "routing"}
    assert process_forms("routing") == ["routing", "route", "routes", "routed"]

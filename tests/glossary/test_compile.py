"""Pattern compilation: which variants become patterns, acronym token patterns, safety rules,
determinism, golden file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from annotator.glossary.model import Concept, Definition, Glossary
from annotator.glossary.compile import ACRONYM_LABEL, TERM_LABEL, acronym_token_patterns
from annotator.runtime.generation import generate_patterns

FIXTURE = Path(__file__).parents[1] / "pipeline" / "data" / "glossary.jsonl"
GOLDEN = Path(__file__).parents[1] / "pipeline" / "data" / "golden" / "patterns.jsonl"


def concept(cid, term, acronyms=(), aliases=(), category=None):
    return Concept(cid, term, list(acronyms), list(aliases), category, [Definition("d", "s.txt", 1)])


@pytest.fixture(scope="module")
def fixture_patterns():
    return list(generate_patterns(Glossary.load(FIXTURE)))


def term_strings(patterns, concept_id=None):
    return {p["pattern"] for p in patterns if p["label"] == TERM_LABEL and concept_id in (None, p["id"])}


# --- variants ----------------------------------------------------------------------------------


def test_compile_no_cut_hyphenated_word_in_patterns():
    strings = term_strings(generate_patterns(Glossary([concept("jit", "Just-in-Time Documentation")])))
    assert {"just-in-time documentation", "just in time docs"} <= strings
    assert not strings & {"just-in", "justin", "just in"}


def test_compile_short_form_spellings_never_start_on_a_function_word():
    glossary = Glossary([concept("in-app-support", "In-App Support", category="Channels")])
    strings = term_strings(generate_patterns(glossary))
    assert {"in-app", "inapp", "in-app support", "in app support"} <= strings
    assert not strings & {"in app", "in apps"}  # "available in app stores"


def test_compile_clipped_forms_in_generated_patterns():
    glossary = Glossary([concept("support-operations", "Support Operations")])
    by_pattern = {p["pattern"]: p["id"] for p in generate_patterns(glossary)}
    assert by_pattern["support ops"] == "support-operations"
    assert "ops" not in by_pattern


def test_compile_synonym_forms_in_generated_patterns_never_take_another_concepts_phrase():
    glossary = Glossary([concept("canned-response", "Canned Response"), concept("saved-reply", "Saved Reply"),
                         concept("saved-response", "Saved Response")])
    by_pattern = {p["pattern"]: p["id"] for p in generate_patterns(glossary)}
    assert by_pattern["canned replies"] == "canned-response"
    assert by_pattern["saved response"] == "saved-response"  # the concept that writes it keeps it
    assert by_pattern["saved reply"] == "saved-reply"
    assert "reply" not in by_pattern and "replies" not in by_pattern


def test_compile_a_closed_compound_written_apart_is_generated():
    glossary = Glossary([concept("chatbot", "Chatbot"), concept("feedback", "Feedback")])
    by_pattern = {p["pattern"]: (p["id"], p.get("match")) for p in generate_patterns(glossary)}
    assert by_pattern["chat bot"] == ("chatbot", "variant")
    assert by_pattern["chat-bots"] == ("chatbot", "inflection")
    assert "feed back" not in by_pattern


def test_compile_bare_head_and_its_verb_forms_are_generated():
    glossary = Glossary([concept("customer-survey", "Customer Survey"), concept("sla-breach", "SLA Breach")])
    by_pattern = {p["pattern"]: p["id"] for p in generate_patterns(glossary)}
    for form in ("survey", "surveys", "surveyed"):
        assert by_pattern[form] == "customer-survey"
    for form in ("breach", "breaches", "breached", "breaching"):
        assert by_pattern[form] == "sla-breach"
    assert "bia" not in by_pattern and "breachs" not in by_pattern


@pytest.mark.parametrize(
    "term,made,not_made",
    [
        ("Queue", ["queue", "queues", "queued", "queuing", "queueing"], []),
        ("Tag", ["tag", "tags", "tagged", "tagging"], []),
        ("Agent", ["agent", "agents"], ["agented", "agenting"]),
        ("Escalation", ["escalation", "escalations", "escalate", "escalated", "escalating"], []),
        # no verb people write: none of the -ation rule's forms
        ("Documentation", ["documentation"], ["documentate", "documentated", "documentating"]),
        ("Conversation", ["conversation", "conversations"], ["conversate", "conversated"]),
    ],
)
def test_compile_one_word_term_inflections_only_where_verb_like(term, made, not_made):
    strings = term_strings(generate_patterns(Glossary([concept(term.lower(), term)])))
    assert set(made) <= set(strings)
    assert not set(not_made) & set(strings)


@pytest.mark.parametrize(
    "others",
    [
        [concept("nps-survey", "NPS Survey")],  # another concept has the head: no bare head
        [concept("post-call-surveys", "Post-Call Surveys")],  # even in the plural
    ],
)
def test_compile_bare_head_only_for_a_unique_head(others):
    glossary = Glossary([concept("customer-survey", "Customer Survey"), *others])
    strings = term_strings(generate_patterns(glossary))
    assert not strings & {"survey", "surveys", "surveyed"}


def test_compile_bare_head_never_takes_a_written_term():
    glossary = Glossary([concept("customer-survey", "Customer Survey"), concept("survey", "Surveys")])
    by_pattern = {p["pattern"]: p["id"] for p in generate_patterns(glossary)}
    assert by_pattern["surveys"] == "survey"
    assert by_pattern["survey"] == "survey"  # the other concept's own singular


def test_compile_builtin_glossary_has_no_generic_bare_heads():
    # Precision guard on the shipped data: shared or everyday heads never stand alone.
    from annotator.resources import builtin_patterns_path

    strings = {
        json.loads(line)["pattern"]
        for line in builtin_patterns_path().read_text(encoding="utf-8").splitlines()
        if isinstance(json.loads(line)["pattern"], str)
    }
    # ("routing" stands alone for one kind only, the generic one: see the test below.)
    assert not strings & {"service", "support", "care", "success", "experience", "safety",
                          "ops", "app", "in app", "justin", "just in", "time", "rate", "score"}
    assert {"support ops", "breached", "survey", "in-app"} <= strings


def test_compile_a_process_by_its_bare_name_goes_to_its_generic_kind():
    glossary = Glossary([
        concept("ticket", "Ticket"),
        concept("ticket-routing", "Ticket Routing"),
        concept("predictive-routing", "Predictive Routing"),
        concept("skills-routing", "Skills-Based Routing"),
    ])
    patterns = list(generate_patterns(glossary))
    by_pattern = {p["pattern"]: p for p in patterns if isinstance(p["pattern"], str)}
    for form in ("routing", "route", "routes", "routed"):
        assert by_pattern[form]["id"] == "ticket-routing"
        assert by_pattern[form]["match"] == "inflection"


@pytest.mark.parametrize(
    "concepts",
    [
        # no kind is applied to a concept of the glossary: "routing" names none of them
        [concept("call-routing", "Call Routing"), concept("predictive-routing", "Predictive Routing")],
        # two are: no one kind is the process at large
        [concept("ticket", "Ticket"), concept("chat", "Chat"), concept("ticket-routing", "Ticket Routing"),
         concept("chat-routing", "Chat Routing")],
        # one kind only: no process with kinds ("Agent Scheduling" is no "scheduled")
        [concept("agent", "Agent"), concept("agent-scheduling", "Agent Scheduling")],
    ],
)
def test_compile_a_process_by_its_bare_name_only_for_one_generic_kind(concepts):
    strings = term_strings(generate_patterns(Glossary(concepts)))
    assert not strings & {"routing", "route", "routed", "scheduling", "schedule", "scheduled"}


def test_compile_short_forms_never_take_a_written_phrase():
    glossary = Glossary([concept("frt", "First Response Time"), concept("fr", "First Response")])
    by_pattern = {p["pattern"]: p["id"] for p in generate_patterns(glossary)}
    assert by_pattern["first response"] == "fr"


# --- acronyms -------------------------------------------------------------------------------------


@pytest.mark.parametrize("acronym", ["SLA", "KPI", "eNPS", "CCaaS", "Q&A", "IT", "24/7", "A/B", "P1", "SEV2"])
def test_compile_acronym_patterns_are_what_the_tokenizer_produces(acronym):
    nlp = spacy.blank("en")
    for pattern in acronym_token_patterns(acronym):
        # A code's spaced spelling ("Sev 2") is two tokens with a space between them.
        for written in {"".join(tok["ORTH"] for tok in pattern), " ".join(tok["ORTH"] for tok in pattern)}:
            if [t.text for t in nlp.make_doc(written)] == [tok["ORTH"] for tok in pattern]:
                break
        else:
            raise AssertionError(f"{pattern} is not how the tokenizer splits {written!r}")


def test_compile_acronym_plural_and_possessive():
    assert acronym_token_patterns("SLA") == [
        [{"ORTH": "SLA"}],
        [{"ORTH": "SLAs"}],
        [{"ORTH": "SLA"}, {"ORTH": "'s"}],
        [{"ORTH": "SLA"}, {"ORTH": "\u2019s"}],
    ]
    assert [{"ORTH": "SaaSs"}] not in acronym_token_patterns("SaaS")


def test_compile_ambiguous_acronym_gets_group_id(fixture_patterns):
    aht = {p["id"] for p in fixture_patterns if p["label"] == ACRONYM_LABEL and p["pattern"][0]["ORTH"] == "AHT"}
    assert aht == {"acronym:AHT"}
    sla = {p["id"] for p in fixture_patterns if p["label"] == ACRONYM_LABEL and p["pattern"][0]["ORTH"] == "SLA"}
    assert sla == {"service-level-agreement"}


def test_compile_acronym_alias_goes_to_orth():
    glossary = Glossary([concept("voice-of-the-customer", "Voice of the Customer", aliases=["VoC"])])
    patterns = list(generate_patterns(glossary))
    assert {"label": ACRONYM_LABEL, "pattern": [{"ORTH": "VoC"}], "id": "voice-of-the-customer"} in patterns
    assert "voc" not in term_strings(patterns)


# --- safety rules ----------------------------------------------------------------------------------


def test_compile_never_lowercase_an_acronym():
    glossary = Glossary(
        [
            concept("information-technology", "Information Technology", ["IT"]),
            concept("service-level-agreement", "Service Level Agreement", ["SLA"]),
            concept("it", "It"),  # a bad seed parse must not make "it" a term
            concept("its", "ITS"),
            concept("sla-term", "Sla"),
        ]
    )
    strings = term_strings(generate_patterns(glossary))
    assert not strings & {"it", "its", "sla", "sla's"}


@pytest.mark.parametrize("term", ["The", "Of", "It", "Go", "Up", "A"])
def test_compile_no_stop_words_or_short_words(term):
    assert term_strings(generate_patterns(Glossary([concept("x", term)]))) == set()


def test_compile_each_phrase_once_and_written_form_wins():
    glossary = Glossary(
        [
            concept("agent", "Agent"),
            concept("agents", "Agents Group", aliases=["Agents"]),  # alias equal to a plural
        ]
    )
    patterns = list(generate_patterns(glossary))
    keys = [(p["label"], json.dumps(p["pattern"])) for p in patterns]
    assert len(keys) == len(set(keys))
    by_pattern = {p["pattern"]: p["id"] for p in patterns if p["label"] == TERM_LABEL}
    assert by_pattern["agent"] == "agent"
    assert by_pattern["agents"] == "agents"  # written by the second concept, not generated


def test_compile_empty_glossary():
    assert list(generate_patterns(Glossary())) == []


def test_compile_deterministic(fixture_patterns):
    assert list(generate_patterns(Glossary.load(FIXTURE))) == fixture_patterns


def test_compile_golden(fixture_patterns):
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert fixture_patterns == expected


def test_compile_load_unchanged_into_stock_entity_ruler(fixture_patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(fixture_patterns)
    assert len(ruler) == len(fixture_patterns)
    doc = nlp("Our SLA breach count and the SLAs, first-call resolution and co browsing.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("SLA breach", "CX_TERM", "sla-breach"),
        ("SLAs", "CX_ACRONYM", "service-level-agreement"),
        ("first-call resolution", "CX_TERM", "first-contact-resolution"),
        ("co browsing", "CX_TERM", "co-browsing"),
    ]


def test_compile_generated_lazily(fixture_patterns):
    # A 100k-concept glossary has ~740k patterns: they are streamed, never built as one list.
    patterns = generate_patterns(Glossary.load(FIXTURE))
    assert iter(patterns) is patterns
    assert next(patterns) == fixture_patterns[0]
    assert [fixture_patterns[0], *patterns] == fixture_patterns


# --- how each pattern matches --------------------------------------------------------------------


def match_of(patterns, pattern):
    found = [p for p in patterns if p["pattern"] == pattern]
    assert len(found) == 1, pattern
    return found[0].get("match", "exact")


@pytest.mark.parametrize(
    "pattern, match",
    [
        ("service level agreement", "exact"),  # the term as written
        ("service-level agreement", "variant"),  # another spelling
        ("service level agreements", "inflection"),  # its plural
        ("first call resolution", "variant"),  # an alias
        ("first call resolutions", "inflection"),  # the alias's plural
        ("cobrowsing", "variant"),  # a closed compound
        ("collaborative browsings", "inflection"),
        ("key performance indicators", "exact"),  # written in the plural
        ("key performance indicator", "inflection"),
        ("satisfaction score", "variant"),  # a short form
        ("escalated", "inflection"),  # a verb form
        ("breach", "variant"),  # a bare head
        ("breached", "inflection"),
        ([{"ORTH": "SLA"}], "exact"),
        ([{"ORTH": "SLAs"}], "inflection"),
        ([{"ORTH": "SLA"}, {"ORTH": "'s"}], "inflection"),
    ],
)
def test_compile_each_pattern_says_how_it_matches(fixture_patterns, pattern, match):
    assert match_of(fixture_patterns, pattern) == match


def test_compile_record_dicts_leave_out_exact_and_read_it_back():
    from annotator.glossary.compile import record_dict, records_from_dicts

    assert record_dict(("CX_TERM", "sla", "x", "exact")) == {"label": "CX_TERM", "pattern": "sla", "id": "x"}
    assert record_dict(("CX_TERM", "slas", "x", "inflection"))["match"] == "inflection"
    read = list(records_from_dicts([{"label": "CX_TERM", "pattern": "sla", "id": "x"}]))
    assert read == [("CX_TERM", "sla", "x", "exact")]


def test_compile_records_refuse_an_unknown_match():
    from annotator.errors import PipelineError
    from annotator.glossary.compile import records_from_dicts

    with pytest.raises(PipelineError) as caught:
        list(records_from_dicts([{"label": "CX_TERM", "pattern": "sla", "id": "x", "match": "fuzzy"}]))
    assert caught.value.code == "E302"


@pytest.mark.parametrize(
    "term, british",
    [("Call Center", {"call centre", "call centres", "call-centre"}),
     ("Ticket Prioritization", {"ticket prioritisation"}), ("Customer Behavior", {"customer behaviour"})],
)
def test_compile_regional_spellings_are_variants(term, british):
    patterns = list(generate_patterns(Glossary([concept("c", term)])))
    assert british <= term_strings(patterns, "c")
    assert {p["match"] for p in patterns if p["pattern"] in british} == {"variant"}


def test_compile_no_regional_spelling_where_there_is_none():
    patterns = list(generate_patterns(Glossary([concept("c", "First Response Time")])))
    assert not any("tyme" in p or "centre" in p for p in term_strings(patterns, "c"))

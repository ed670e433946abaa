"""generate_patterns: variants, acronym token patterns, safety rules, determinism, golden file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from annotator.glossary.model import Concept, Definition, Glossary
from annotator.glossary.patterns import (
    ACRONYM_LABEL,
    TERM_LABEL,
    acronym_token_patterns,
    compound_forms,
    generate_patterns,
    term_variants,
)

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
def test_patterns_term_variants(term, expected):
    assert expected <= set(term_variants(term))


def test_patterns_variants_are_lowercase_and_written_form_first():
    variants = term_variants("First Contact Resolution")
    assert variants[0] == "first contact resolution"
    assert all(v == v.lower() for v in variants)
    assert "first-contact resolution" in variants


def test_patterns_long_terms_do_not_explode():
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
    ],
)
def test_patterns_short_forms(term, expected):
    from annotator.glossary.patterns import short_forms

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
def test_patterns_short_forms_channel_medium(term, category, expected):
    from annotator.glossary.patterns import short_forms

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
def test_patterns_short_forms_never_cut_a_hyphenated_word(term, expected):
    from annotator.glossary.patterns import short_forms

    assert short_forms(term) == expected


def test_patterns_no_cut_hyphenated_word_in_patterns():
    strings = term_strings(generate_patterns(Glossary([concept("jit", "Just-in-Time Documentation")])))
    assert {"just-in-time documentation", "just in time docs"} <= strings
    assert not strings & {"just-in", "justin", "just in"}


def test_patterns_short_form_spellings_never_start_on_a_function_word():
    glossary = Glossary([concept("in-app-support", "In-App Support", category="Channels")])
    strings = term_strings(generate_patterns(glossary))
    assert {"in-app", "inapp", "in-app support", "in app support"} <= strings
    assert not strings & {"in app", "in apps"}  # "available in app stores"


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
def test_patterns_clipped_variants(term, expected):
    from annotator.glossary.patterns import clipped_variants

    assert set(expected) <= set(clipped_variants(term_variants(term)))
    if not expected:
        assert clipped_variants(term_variants(term)) == []


def test_patterns_clipped_forms_in_generated_patterns():
    glossary = Glossary([concept("support-operations", "Support Operations")])
    by_pattern = {p["pattern"]: p["id"] for p in generate_patterns(glossary)}
    assert by_pattern["support ops"] == "support-operations"
    assert "ops" not in by_pattern


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
def test_patterns_bare_head(term, head):
    from annotator.glossary.patterns import bare_head

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
def test_patterns_verb_forms(word, forms):
    from annotator.glossary.patterns import verb_forms

    assert verb_forms(word) == forms


def test_patterns_bare_head_and_its_verb_forms_are_generated():
    glossary = Glossary([concept("customer-survey", "Customer Survey"), concept("sla-breach", "SLA Breach")])
    by_pattern = {p["pattern"]: p["id"] for p in generate_patterns(glossary)}
    for form in ("survey", "surveys", "surveyed"):
        assert by_pattern[form] == "customer-survey"
    for form in ("breach", "breaches", "breached", "breaching"):
        assert by_pattern[form] == "sla-breach"
    assert "bia" not in by_pattern and "breachs" not in by_pattern


@pytest.mark.parametrize(
    "others",
    [
        [concept("nps-survey", "NPS Survey")],  # another concept has the head: no bare head
        [concept("post-call-surveys", "Post-Call Surveys")],  # even in the plural
    ],
)
def test_patterns_bare_head_only_for_a_unique_head(others):
    glossary = Glossary([concept("customer-survey", "Customer Survey"), *others])
    strings = term_strings(generate_patterns(glossary))
    assert not strings & {"survey", "surveys", "surveyed"}


def test_patterns_bare_head_never_takes_a_written_term():
    glossary = Glossary([concept("customer-survey", "Customer Survey"), concept("survey", "Surveys")])
    by_pattern = {p["pattern"]: p["id"] for p in generate_patterns(glossary)}
    assert by_pattern["surveys"] == "survey"
    assert by_pattern["survey"] == "survey"  # the other concept's own singular


def test_patterns_builtin_glossary_has_no_generic_bare_heads():
    # Precision guard on the shipped data: shared or everyday heads never stand alone.
    from annotator.resources import builtin_patterns_path

    strings = {
        json.loads(line)["pattern"]
        for line in builtin_patterns_path().read_text(encoding="utf-8").splitlines()
        if isinstance(json.loads(line)["pattern"], str)
    }
    assert not strings & {"routing", "service", "support", "care", "success", "experience", "safety",
                          "ops", "app", "in app", "justin", "just in", "time", "rate", "score"}
    assert {"support ops", "breached", "survey", "in-app"} <= strings


def test_patterns_short_forms_never_take_a_written_phrase():
    glossary = Glossary([concept("frt", "First Response Time"), concept("fr", "First Response")])
    by_pattern = {p["pattern"]: p["id"] for p in generate_patterns(glossary)}
    assert by_pattern["first response"] == "fr"


# --- acronyms -------------------------------------------------------------------------------------


@pytest.mark.parametrize("acronym", ["SLA", "KPI", "eNPS", "CCaaS", "Q&A", "IT", "24/7", "A/B"])
def test_patterns_acronym_patterns_are_what_the_tokenizer_produces(acronym):
    nlp = spacy.blank("en")
    for pattern in acronym_token_patterns(acronym):
        written = "".join(tok["ORTH"] for tok in pattern)
        assert [t.text for t in nlp.make_doc(written)] == [tok["ORTH"] for tok in pattern]


def test_patterns_acronym_plural_and_possessive():
    assert acronym_token_patterns("SLA") == [
        [{"ORTH": "SLA"}],
        [{"ORTH": "SLAs"}],
        [{"ORTH": "SLA"}, {"ORTH": "'s"}],
        [{"ORTH": "SLA"}, {"ORTH": "\u2019s"}],
    ]
    assert [{"ORTH": "SaaSs"}] not in acronym_token_patterns("SaaS")


def test_patterns_ambiguous_acronym_gets_group_id(fixture_patterns):
    aht = {p["id"] for p in fixture_patterns if p["label"] == ACRONYM_LABEL and p["pattern"][0]["ORTH"] == "AHT"}
    assert aht == {"acronym:AHT"}
    sla = {p["id"] for p in fixture_patterns if p["label"] == ACRONYM_LABEL and p["pattern"][0]["ORTH"] == "SLA"}
    assert sla == {"service-level-agreement"}


def test_patterns_acronym_alias_goes_to_orth():
    glossary = Glossary([concept("voice-of-the-customer", "Voice of the Customer", aliases=["VoC"])])
    patterns = list(generate_patterns(glossary))
    assert {"label": ACRONYM_LABEL, "pattern": [{"ORTH": "VoC"}], "id": "voice-of-the-customer"} in patterns
    assert "voc" not in term_strings(patterns)


# --- safety rules ----------------------------------------------------------------------------------


def test_patterns_never_lowercase_an_acronym():
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
def test_patterns_no_stop_words_or_short_words(term):
    assert term_strings(generate_patterns(Glossary([concept("x", term)]))) == set()


def test_patterns_each_phrase_once_and_written_form_wins():
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


def test_patterns_empty_glossary():
    assert list(generate_patterns(Glossary())) == []


def test_patterns_deterministic(fixture_patterns):
    assert list(generate_patterns(Glossary.load(FIXTURE))) == fixture_patterns


def test_patterns_golden(fixture_patterns):
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert fixture_patterns == expected


def test_patterns_load_unchanged_into_stock_entity_ruler(fixture_patterns):
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


def test_patterns_fast_tokenizer_agrees_with_spacy():
    # PatternTokenizer's shortcuts (alphabetic and hyphenated chunks) must give exactly what
    # the real tokenizer gives, on every built-in pattern and on tricky strings.
    from annotator.glossary.patterns import PatternTokenizer
    from annotator.resources import builtin_patterns_path

    nlp = spacy.blank("en")
    fast = PatternTokenizer(nlp.tokenizer)
    strings = [
        json.loads(line)["pattern"]
        for line in builtin_patterns_path().read_text(encoding="utf-8").splitlines()
        if isinstance(json.loads(line)["pattern"], str)
    ]
    strings += ["cannot", "Cannot", "e-mail", "co-browsing", "tier-1", "a-b-c", "x--y", "don't",
                "  padded ", "two  spaces", "tab\there", "self-service's", "caf\u00e9-bar", "na\u00efve"]
    for text in strings:
        assert fast(text) == [t.text for t in nlp.make_doc(text)], text
        # The whole-phrase shortcut the matcher takes: the same tokens, or no answer.
        words = fast.plain_words(text)
        assert words is None or words == [t.text for t in nlp.make_doc(text)], text


def test_pattern_tokenizer_plain_words_answers_only_plain_phrases():
    from annotator.glossary.patterns import PatternTokenizer

    fast = PatternTokenizer(spacy.blank("en").tokenizer)
    assert fast.plain_words("help desk") == ["help", "desk"]
    assert fast.plain_words("co-browsing tool") == ["co", "-", "browsing", "tool"]
    assert fast.plain_words("na\u00efve bayes") == ["na\u00efve", "bayes"]
    # Special cases, digits, apostrophes, odd spacing and stray hyphens go to the tokenizer.
    for text in ("cannot", "tier-1", "don't", "x--y", "-x", "x-", "two  spaces", " x", "tab\there",
                 "caf\u00e9-bar", ""):
        assert fast.plain_words(text) is None, text


def test_patterns_generated_lazily(fixture_patterns):
    # A 100k-concept glossary has ~740k patterns: they are streamed, never built as one list.
    patterns = generate_patterns(Glossary.load(FIXTURE))
    assert iter(patterns) is patterns
    assert next(patterns) == fixture_patterns[0]
    assert [fixture_patterns[0], *patterns] == fixture_patterns


@pytest.mark.parametrize("cache", [True, False])
def test_pattern_tokenizer_caches_only_what_the_tokenizer_answered(cache):
    from annotator.glossary.patterns import PatternTokenizer

    tokenizer = spacy.blank("en").tokenizer
    text = "co-browsing help desk can't SLA's"
    fast = PatternTokenizer(tokenizer, cache=cache)
    assert fast(text) == fast(text) == [t.text for t in tokenizer(text)]
    # Plain words and hyphenated letters take the shortcut and are not kept.
    assert fast.cache == ({"can't": ("ca", "n't"), "SLA's": ("SLA", "'s")} if cache else None)


def test_clippable_words_hold_the_prefilter_hints():
    # _may_clip() looks for "ati" / "ator" before running the regex: every clipped word must
    # hold one, or its terms would silently lose their clipped variants.
    from annotator.glossary.patterns import CLIPPINGS, _may_clip

    assert all("ati" in word or "ator" in word for word in CLIPPINGS)
    assert all(_may_clip(f"x {word}s") for word in CLIPPINGS)
    assert not _may_clip("first response time")


def test_pattern_tokenizer_prefetch_caches_what_one_call_per_chunk_gives():
    # One Doc of many chunks must give each chunk exactly the tokens a call of its own gives.
    from annotator.glossary.patterns import PatternTokenizer

    tokenizer = spacy.blank("en").tokenizer
    chunks = ["SLA's", "SLA\u2019s", "KPIs", "Q&A's", "24/7's", "A/B's", "can't", "cannot", "don't", "U.S.'s",
              "e.g.", ":)", "(SLA)", "SLA.", "co-browsing", "tier-1", "x--y", "\u00e9NPS's", "SLA's"]
    fast = PatternTokenizer(tokenizer)
    fast.prefetch(chunks)
    # Plain words and hyphenated letters never reach the tokenizer, so they are not cached.
    assert "KPIs" not in fast.cache and "co-browsing" not in fast.cache
    assert fast.cache and all(fast.cache[c] == tuple(t.text for t in tokenizer(c)) for c in fast.cache)
    assert [fast.chunk(c) for c in chunks] == [tuple(t.text for t in tokenizer(c)) for c in chunks]
    uncached = PatternTokenizer(tokenizer, cache=False)
    uncached.prefetch(chunks)  # nothing to fill
    assert uncached.cache is None


def test_pattern_tokenizer_prefetch_possessives_are_what_the_tokenizer_gives():
    # The possessive shortcut (a plain word + "'s") against the real tokenizer, on every
    # built-in acronym and on the words the tokenizer's special cases know ("it's", "let's",
    # "cannot"), in both apostrophes and in case variants.
    from annotator.glossary.patterns import POSSESSIVE_SUFFIXES, PatternTokenizer

    tokenizer = spacy.blank("en").tokenizer
    rules = set(tokenizer.rules)
    bases = {a for c in Glossary.load(FIXTURE) for a in c.acronyms}
    bases |= {r for r in rules if r.isalpha()}
    bases |= {r[:-2] for r in rules if r[-2:] in POSSESSIVE_SUFFIXES}
    bases |= {b.upper() for b in list(bases)} | {b.capitalize() for b in list(bases)}
    bases |= {"SLA", "eNPS", "CCaaS", "na\u00efve", "\u00c9NPS", "x"}
    chunks = sorted(f"{b}{s}" for b in bases if b for s in POSSESSIVE_SUFFIXES)
    fast = PatternTokenizer(tokenizer)
    fast.prefetch(chunks)
    assert fast._splits_possessives()
    assert [fast.chunk(c) for c in chunks] == [tuple(t.text for t in tokenizer(c)) for c in chunks]


def test_pattern_tokenizer_prefetch_without_possessive_splitting():
    # A tokenizer that keeps "SLA's" whole gets no shortcut.
    from spacy.tokenizer import Tokenizer

    from annotator.glossary.patterns import PatternTokenizer

    whitespace = Tokenizer(spacy.blank("en").vocab)
    fast = PatternTokenizer(whitespace)
    fast.prefetch(["SLA's", "KPI\u2019s"])
    assert not fast._splits_possessives()
    assert fast.cache == {"SLA's": ("SLA's",), "KPI\u2019s": ("KPI\u2019s",)}


def test_patterns_normalized_names_skip_normalizing_with_the_same_result():
    from annotator.glossary.patterns import bare_head, head_word, normalize_text, short_forms

    names = [normalize_text(n) for c in Glossary.load(FIXTURE) for n in (c.term, *c.aliases)]
    names += [normalize_text(n) for n in ("Caf\u00e9\u00a0Queue", "Customer  Survey", "In\u2011App Support", "SLA Breach")]
    for name in names:
        assert term_variants(name, normalized=True) == term_variants(name)
        assert short_forms(name, "Channels", normalized=True) == short_forms(name, "Channels")
        assert head_word(name, normalized=True) == head_word(name)
        assert bare_head(name, normalized=True) == bare_head(name)

"""The helpdesk_glossary component: registration, matching rules, extensions, serialization."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.attrs import LOWER, NAMES
from spacy.language import Language
from spacy.tokens import Doc

import annotator
from annotator.errors import PipelineError
from annotator.pipeline.component import (
    DOC_ACRONYM_LABEL,
    NESTED_KEY,
    SPAN_EXTENSIONS,
    UNKNOWN_KEY,
    HelpdeskGlossary,
)



def ents(doc) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.label_, e._.term_id) for e in doc.ents]

ADVERTISED = sorted(
    ep.name for ep in entry_points(group="spacy_factories") if ep.value.startswith("annotator.")
)


# --- registration ---------------------------------------------------------------------------


def test_component_advertises_at_least_one_factory():
    assert ADVERTISED == ["helpdesk_glossary"]


@pytest.mark.parametrize("name", ADVERTISED)
def test_component_entry_point_in_registry(name):
    spacy.blank("en")  # resolves entry points
    assert name in spacy.registry.factories.get_all()
    assert Language.has_factory(name)


def test_component_add_pipe_without_import(tmp_path, data_dir):
    # A fresh interpreter that never imports `annotator` itself: spaCy must find the factory
    # through the entry point alone.
    script = f"""
import sys, spacy
nlp = spacy.blank("en")
nlp.add_pipe("helpdesk_glossary", config={{"builtin": False, "glossary_paths": [{str(data_dir / "extra.csv")!r}]}})
doc = nlp("Our CES went up after every warm transfer.")
print([(e.text, e.label_, e._.term_id) for e in doc.ents])
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "('CES', 'CX_ACRONYM', 'customer-effort-score')" in out.stdout
    assert "('warm transfer', 'CX_TERM', 'warm-transfer')" in out.stdout


def test_component_builtin_glossary_by_default(builtin_nlp):
    doc = builtin_nlp("We track CSAT and first contact resolution for every ticket.")
    labels = {e.label_ for e in doc.ents}
    assert labels <= {"CX_TERM", "CX_ACRONYM"} and "CX_ACRONYM" in labels
    assert all(e._.definition and e._.source.endswith(".txt") for e in doc.ents)


# --- matching rules --------------------------------------------------------------------------


def test_component_longest_match_wins(nlp):
    doc = nlp("We had one SLA breach and the SLA itself was fine.")
    assert ents(doc) == [
        ("SLA breach", "CX_TERM", "sla-breach"),
        ("SLA", "CX_ACRONYM", "service-level-agreement"),
    ]
    assert [(s.text, s.start) for s in doc.spans[NESTED_KEY]] == [("SLA", 3)]
    assert doc.spans[NESTED_KEY][0]._.term_id == "service-level-agreement"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Is it down? Give it a try.", []),
        ("It works. IT owns the laptops.", [("IT", "information-technology")]),
        ("All SLAs were met.", [("SLAs", "service-level-agreement")]),
        ("The SLA's clock started.", [("SLA's", "service-level-agreement")]),
        ("The SLA\u2019s clock started.", [("SLA\u2019s", "service-level-agreement")]),
        ("Review the KPIs weekly.", [("KPIs", "key-performance-indicator")]),
        ("sla and kpi in lowercase are not acronyms", []),
        ("Sla is not written like that", []),
        ("PLEASE FIX IT NOW", []),
        ("Ask IT about it", [("IT", "information-technology")]),
        ("eNPS rose, ENPS is not the spelling", [("eNPS", "employee-net-promoter-score")]),
    ],
)
def test_component_acronym_case_rules(nlp, text, expected):
    assert [(e.text, e._.term_id) for e in nlp(text).ents] == expected


@pytest.mark.parametrize(
    "text,term_id",
    [
        ("co-browsing", "co-browsing"),
        ("co browsing", "co-browsing"),
        ("cobrowsing", "co-browsing"),
        ("Co-Browsing", "co-browsing"),
        ("collaborative browsing", "co-browsing"),
        ("self-service", "self-service"),
        ("self service", "self-service"),
        ("Self-Service", "self-service"),
        ("Tier 1", "tier-1"),
        ("Tier-1", "tier-1"),
        ("tier1", "tier-1"),
        ("help desks", "help-desk"),
        ("helpdesk", "help-desk"),
        ("key performance indicator", "key-performance-indicator"),
        ("key performance indicators", "key-performance-indicator"),
        ("first-call resolution", "first-contact-resolution"),
        ("escalations", "escalation"),
    ],
)
def test_component_term_variants(nlp, text, term_id):
    # "SLA" gives support context, so one-word terms are kept (see the corroboration test).
    doc = nlp(f"We rely on {text} under the SLA.")
    assert [(e.text, e._.term_id) for e in doc.ents] == [(text, term_id), ("SLA", "service-level-agreement")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("May I have your ticket number, please?", []),  # a lone ordinary word: no context
        ("Your ticket, your ticket number.", []),  # one concept twice is still no context
        ("Your ticket missed the SLA.", ["ticket", "SLA"]),
        ("Your ticket is in the escalation queue.", ["ticket", "escalation"]),
        ("Escalations happen.", []),
        ("Check the help desk.", ["help desk"]),  # two words are specific enough
        ("Ask IT.", ["IT"]),  # acronyms are specific enough
    ],
)
def test_component_one_word_terms_need_context(nlp, text, expected):
    assert [e.text for e in nlp(text).ents] == expected


def test_component_precision_rules_can_be_switched_off(make_fixture_nlp):
    plain = make_fixture_nlp(precision_rules=False)
    assert [e.text for e in plain("May I have your ticket number?").ents] == ["ticket"]
    assert [e.text for e in plain("Escalations happen.").ents] == ["Escalations"]
    assert [e.text for e in plain("Thanks! - CS").ents] == ["CS"]


def test_component_term_over_single_line_break(nlp):
    text = "Track first\ncontact resolution weekly."
    doc = nlp(text)
    assert [(e.text, e._.term_id) for e in doc.ents] == [("first\ncontact resolution", "first-contact-resolution")]
    ent = doc.ents[0]
    assert text[ent.start_char : ent.end_char] == "first\ncontact resolution"


@pytest.mark.parametrize(
    "text,found",
    [
        ("first \ncontact resolution", "first \ncontact resolution"),
        ("first  contact resolution", "first  contact resolution"),
        ("first\r\ncontact resolution", "first\r\ncontact resolution"),
        ("first\n\ncontact resolution", None),  # a paragraph break is a barrier
        ("first\n \ncontact resolution", None),
    ],
)
def test_component_whitespace_inside_terms(nlp, text, found):
    doc = nlp(f"Please track {text} daily.")
    got = [e.text for e in doc.ents if e._.term_id == "first-contact-resolution"]
    assert got == ([found] if found else [])


def test_component_line_break_does_not_disturb_other_matches(nlp):
    doc = nlp("SLA\nbreach is one thing.\nThe SLA is another, so is\nIT.")
    assert [(e.text, e._.term_id) for e in doc.ents] == [
        ("SLA\nbreach", "sla-breach"),
        ("SLA", "service-level-agreement"),
        ("IT", "information-technology"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Open example.com/CS/help for details",
        "Write to CS_team@example.com please",
        "Follow @CS_Help on social",
        "Thanks for waiting! - CS",
        "You're welcome. ^CS",
        "See https://help.example.com/kb/sla-breach now",
        "Set `ticket_escalation` in the config",
    ],
)
def test_component_precision_traps(nlp, text):
    assert ents(nlp(text)) == []


def test_component_signature_rule_keeps_acronym_mid_text(nlp):
    assert [e.text for e in nlp("Rude CS - CS should call back.").ents] == ["CS", "CS"]


# --- extensions ------------------------------------------------------------------------------


def test_component_extensions_are_plain_values(nlp):
    doc = nlp("Our AHT and the Knowledge Base.")
    for ent in doc.ents:
        values = {name: getattr(ent._, name) for name in SPAN_EXTENSIONS}
        json.dumps(values)  # plain data only: no Span, no objects
        assert values["senses"][0]["term_id"] == values["term_id"]
        assert set(values["senses"][0]) == {"term_id", "term", "definition", "score", "reason"}


def test_component_unambiguous_span_has_one_sense(nlp):
    (ent,) = nlp("Check the knowledge base first.").ents
    assert ent._.term == "Knowledge Base"
    assert ent._.category == "Technology"
    assert ent._.source == "alpha.txt"
    assert ent._.is_acronym is False
    assert [s["term_id"] for s in ent._.senses] == ["knowledge-base"]


def test_component_sense_expansion_in_document_wins(nlp):
    doc = nlp("Our Average Hold Time (AHT) doubled. AHT matters because handling and wrap-up time fell.")
    acronyms = [e for e in doc.ents if e.text == "AHT"]
    assert len(acronyms) == 2
    for ent in acronyms:
        assert ent._.term_id == "average-hold-time"
        assert ent._.senses[0]["reason"] == "expanded in this document"
        assert [s["term_id"] for s in ent._.senses] == ["average-hold-time", "average-handle-time"]
    assert doc._.abbreviations[0]["short"] == "AHT"


def test_component_sense_from_context(nlp):
    doc = nlp("MTTR went up: tickets stay open until the customer's issue is resolved.")
    (ent,) = [e for e in doc.ents if e.text == "MTTR"]
    assert ent._.term_id == "mean-time-to-resolution"
    assert ent._.senses[0]["reason"].startswith("context:")
    assert ent._.senses[0]["score"] > ent._.senses[1]["score"]


def test_component_sense_from_source_count_without_context(nlp):
    (ent,) = nlp("MTTR.").ents
    # No context at all: the sense more sources define (Mean Time to Repair: two) comes first.
    assert ent._.term_id == "mean-time-to-repair"
    assert "2 sources" in ent._.senses[0]["reason"]


def test_component_document_defined_acronym(nlp):
    text = "Measure Time to Value (TTV) for new users. A short TTV keeps them."
    doc = nlp(text)
    spans = [(e.text, e.label_, e._.term, e._.source) for e in doc.ents]
    assert spans == [
        ("TTV", DOC_ACRONYM_LABEL, "Time to Value", "document"),
        ("TTV", DOC_ACRONYM_LABEL, "Time to Value", "document"),
    ]
    assert doc.ents[0]._.is_acronym is True
    assert list(doc.spans[UNKNOWN_KEY]) == []
    (abbr,) = doc._.abbreviations
    assert text[abbr["long_start"] : abbr["long_end"]] == "Time to Value"
    assert text[abbr["short_start"] : abbr["short_end"]] == "TTV"


def test_component_document_defined_acronym_says_its_expansion_as_the_page_shows_it(nlp):
    # A line break inside the long form, and the space an escaped Markdown hyphen leaves:
    # the tooltip shows the phrase as a reader sees it, the offsets stay the text's.
    for text, long, shown in [
        ("Measure Time to\nValue (TTV) for new users. A short TTV keeps them.", "Time to\nValue", "Time to Value"),
        ("Measure Time -to -Value (TTV) for new users. A short TTV keeps them.", "Time -to -Value", "Time-to-Value"),
    ]:
        doc = nlp(text)
        assert {e._.term for e in doc.ents if e.label_ == DOC_ACRONYM_LABEL} == {shown}
        assert [text[a["long_start"] : a["long_end"]] for a in doc._.abbreviations] == [long]


def test_component_document_expansion_overrides_glossary_sense(nlp):
    doc = nlp("Our CS (Customer Success) team owns renewals; CS also runs onboarding.")
    for ent in (e for e in doc.ents if e.text == "CS"):
        assert ent._.senses[0]["reason"] == "defined in this document"
        assert ent._.term == "Customer Success"
        assert ent._.source == "document"
        assert ent._.senses[1]["term_id"] == "customer-service"


# --- existing entities (a trained-like pipeline) ----------------------------------------------


@pytest.fixture(scope="module")
def ner_like_nlp(data_dir):
    def build(overwrite):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("entity_ruler", name="ner")  # stands in for a trained NER
        ruler.add_patterns([{"label": "ORG", "pattern": "Acme Help Desk"}, {"label": "PRODUCT", "pattern": "SLA"}])
        component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False, "overwrite_ents": overwrite})
        component.from_disk(data_dir)
        return nlp

    return build


def test_component_respects_existing_ents(ner_like_nlp):
    doc = ner_like_nlp(False)("Acme Help Desk tracks each SLA and the CSAT.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Acme Help Desk", "ORG"),
        ("SLA", "PRODUCT"),
        ("CSAT", "CX_ACRONYM"),
    ]


def test_component_overwrite_ents(ner_like_nlp):
    doc = ner_like_nlp(True)("Acme Help Desk tracks each SLA and the CSAT.")
    # Like the stock entity_ruler: an existing entity overlapping a match is dropped whole.
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Help Desk", "CX_TERM"),
        ("SLA", "CX_ACRONYM"),
        ("CSAT", "CX_ACRONYM"),
    ]


# --- configuration and data -----------------------------------------------------------------------


def test_component_extra_glossary_file_from_config(data_dir):
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False, "glossary_paths": [str(data_dir / "extra.csv")]})
    doc = nlp("A warm handoff lowers the CES.")
    assert [(e.text, e._.term_id, e._.source) for e in doc.ents] == [
        ("warm handoff", "warm-transfer", "extra.csv"),
        ("CES", "customer-effort-score", "extra.csv"),
    ]
    assert nlp.get_pipe("helpdesk_glossary").glossary_info["concepts"] == 2


def test_component_initialize_with_glossary_paths(data_dir):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False})
    assert ents(nlp("warm transfer")) == []
    component.initialize(glossary_paths=[str(data_dir / "extra.csv")])
    assert ents(nlp("warm transfer")) == [("warm transfer", "CX_TERM", "warm-transfer")]


def test_component_missing_builtin_data_is_a_coded_error(tmp_path):
    component = HelpdeskGlossary(spacy.blank("en"), builtin=False)
    with pytest.raises(PipelineError) as info:
        component.from_disk(tmp_path)
    assert info.value.code == "E301"


@pytest.mark.parametrize(
    "pattern",
    [
        {"label": "CX_ACRONYM", "pattern": [{"ORTH": "SLA", "OP": "?"}], "id": "service-level-agreement"},
        {"label": "CX_ACRONYM", "pattern": [{"REGEX": "SL."}], "id": "service-level-agreement"},
        {"label": "CX_TERM", "pattern": "", "id": "sla-breach"},
        {"label": "CX_TERM", "pattern": "sla breach", "id": "no-such-concept"},
        {"label": "CX_TERM"},
        ["not", "a", "dict"],
    ],
)
def test_component_invalid_pattern_is_e302(fixture_glossary, pattern):
    component = HelpdeskGlossary(spacy.blank("en"), builtin=False)
    with pytest.raises(PipelineError) as info:
        component.set_data(fixture_glossary, [pattern])
    assert info.value.code == "E302"


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "(((((", "SLA" * 5000, "\U0001F600" * 2000, "a\u0301" * 500, "(" * 3000 + "SLA)"],
)
def test_component_hostile_text(nlp, text):
    doc = nlp(text)
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


# --- serialization --------------------------------------------------------------------------------


SAMPLE = "Our SLA breach rate rose, AHT too; the Time to Value (TTV) of co-browsing is short."


def _snapshot(doc: Doc):
    return [
        (e.start_char, e.end_char, e.label_, *(json.dumps(getattr(e._, n), sort_keys=True) for n in SPAN_EXTENSIONS))
        for e in doc.ents
    ]


def test_component_disk_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "helpdesk_glossary" / "glossary.jsonl").exists()
    assert (tmp_path / "pipeline" / "helpdesk_glossary" / "patterns.jsonl").exists()
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["helpdesk_glossary"]
    assert _snapshot(loaded(SAMPLE)) == _snapshot(nlp(SAMPLE))
    assert loaded.get_pipe("helpdesk_glossary").glossary_info == nlp.get_pipe("helpdesk_glossary").glossary_info


def test_component_bytes_round_trip(nlp):
    data = nlp.to_bytes()
    fresh = spacy.blank("en")
    fresh.add_pipe("helpdesk_glossary", config={"builtin": False})
    fresh.from_bytes(data)
    assert _snapshot(fresh(SAMPLE)) == _snapshot(nlp(SAMPLE))


def test_component_doc_bytes_keep_extensions(nlp):
    doc = nlp(SAMPLE)
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _snapshot(restored) == _snapshot(doc)


def test_component_pipe_n_process_2(nlp):
    texts = [SAMPLE, "It is fine.", "IT and KPIs", "first\ncontact resolution"] * 3
    single = [_snapshot(doc) for doc in nlp.pipe(texts)]
    multi = [_snapshot(doc) for doc in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert multi == single
    assert any(single)


def test_component_second_pipeline_does_not_take_over(data_dir, make_fixture_nlp):
    # Extension values are set per span, not computed by getters bound to a component, so two
    # pipelines with different glossaries in one process never see each other's data.
    first = make_fixture_nlp()
    second = spacy.blank("en")
    second.add_pipe("helpdesk_glossary", config={"builtin": False, "glossary_paths": [str(data_dir / "extra.csv")]})
    doc_first = first("the knowledge base")
    second("the CES")
    assert doc_first.ents[0]._.term_id == "knowledge-base"
    assert ents(second("the knowledge base")) == []


def test_component_lazy_load_inside_memory_zone(data_dir):
    # The first call may happen inside nlp.memory_zone() (annotate() does that): strings the
    # component needs later must not be freed with the zone.
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False, "glossary_paths": [str(data_dir / "extra.csv")]})
    for _ in range(3):
        with nlp.memory_zone():
            doc = nlp("A warm handoff lowers the CES.")
            assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
                ("warm handoff", "CX_TERM", "warm-transfer"),
                ("CES", "CX_ACRONYM", "customer-effort-score"),
            ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Compare CSAT/KPI trends.", ["CSAT", "KPI"]),
        ("**SLA** and (KPI) and \"CSAT\".", ["SLA", "KPI", "CSAT"]),
        ("SLA-based routing and KPI-driven teams.", ["SLA", "KPI"]),
        ("See sla.com or docs.example.io/kpi for more.", []),
    ],
)
def test_component_punctuation_around_acronyms(nlp, text, expected):
    assert [e.text for e in nlp(text).ents] == expected


def test_component_concurrent_first_calls_load_once(data_dir):
    from concurrent.futures import ThreadPoolExecutor

    nlp = spacy.blank("en")
    component = nlp.add_pipe("helpdesk_glossary", config={"builtin": False, "glossary_paths": [str(data_dir / "extra.csv")]})
    loads = []
    original = component._load_configured
    component._load_configured = lambda: (loads.append(1), original())
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: [e.text for e in nlp("the CES").ents], range(8)))
    assert results == [["CES"]] * 8
    assert loads == [1]


def test_component_pickles(nlp):
    import pickle

    restored = pickle.loads(pickle.dumps(nlp))
    assert _snapshot(restored(SAMPLE)) == _snapshot(nlp(SAMPLE))


# --- the built-in glossary ----------------------------------------------------------------------


def test_component_builtin_ambiguous_acronym_expanded(builtin_nlp):
    doc = builtin_nlp("Our Average Hold Time (AHT) rose. Agents say AHT hurts CSAT.")
    ahts = [e for e in doc.ents if e.text == "AHT"]
    assert ahts and all(e._.term == "Average Hold Time" for e in ahts)
    assert all(len(e._.senses) >= 2 and e._.senses[0]["reason"] == "expanded in this document" for e in ahts)


@pytest.mark.parametrize(
    "text",
    ["Did you restart it? It should work.", "Thanks for waiting! -CS", "You're welcome. ^CS", "WE CANT FIX IT NOW"],
)
def test_component_builtin_precision_traps(builtin_nlp, text):
    assert [e.text for e in builtin_nlp(text).ents] == []


def test_component_builtin_glossary_info(builtin_nlp):
    info = builtin_nlp.get_pipe("helpdesk_glossary").glossary_info
    assert info["concepts"] > 100 and len(info["version"]) == 12


def test_component_many_defined_acronyms_stay_linear(nlp):
    # Thousands of in-text definitions: one pass over the text, not one per acronym.
    import itertools
    import string

    shorts = ["".join(p) for p in itertools.islice(itertools.product(string.ascii_uppercase, repeat=3), 3000)]
    text = " ".join(f"Alpha Beta Gamma ({s}) then {s}." for s in shorts)
    doc = nlp(text)
    assert len(doc._.abbreviations) >= 1
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


# --- lexical attributes --------------------------------------------------------------------


def _lexical_reads_outside(allowed: frozenset[int]) -> list[str]:
    """``file:line`` of every read, in the pipeline package and the modules importing spaCy, of a lexical
    attribute spaCy computes but ``allowed`` leaves out: ``token.shape_``, ``token.like_num``,
    ``doc.to_array([NORM])``... (``lower``, ``prefix``, ``suffix`` and ``shape`` only with their ``_``:
    without it they are as often a string's, a path's or an array's)."""
    names = [NAMES[attr] for attr in spacy.blank("en").vocab.lex_attr_getters if attr not in allowed]
    props = "|".join(name.lower() + ("_" if name in {"LOWER", "PREFIX", "SUFFIX", "LANG", "SHAPE"} else "_?") for name in names)
    reads = re.compile(rf"\.(?:{props})\b|\b(?:{'|'.join(names)})\b")
    found = []
    for path in sorted(Path(annotator.__file__).parent.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if path.parent.name != "pipeline" and not re.search(r"^\s*(from|import) spacy", source, re.M):
            continue
        for number, line in enumerate(source.splitlines(), 1):
            code = line.split("#", 1)[0]
            if reads.search(code):
                found.append(f"{path.name}:{number}: {line.strip()}")
    return found


def test_component_reads_no_lexical_attribute_it_does_not_declare():
    """A session computes only ``lexical_attrs`` for new words: a rule reading another one
    would see it unset on exactly the words no document had before."""
    assert _lexical_reads_outside(HelpdeskGlossary.lexical_attrs) == []


def test_the_lexical_attribute_scan_finds_a_read():
    assert any("IS_SPACE" in line for line in _lexical_reads_outside(frozenset({LOWER})))


class _MadeElsewhere(list):
    """Patterns a forked generator is making (what ``PatternStream.elsewhere`` says)."""

    elsewhere = True


@pytest.mark.parametrize("elsewhere", [False, True])
def test_component_builds_the_lexicon_while_a_forked_generator_works(fixture_glossary, fixture_patterns, elsewhere):
    from annotator.pipeline.lexicon import build_lexicon

    component = HelpdeskGlossary(spacy.blank("en"), builtin=False)
    patterns = _MadeElsewhere(fixture_patterns) if elsewhere else list(fixture_patterns)
    component.set_data(fixture_glossary, patterns, saved_as=None)
    # Waiting for the patterns, the lexicon is made meanwhile; else on its first need.
    assert (component._lexicon is not None) == elsewhere
    assert component.lexicon() == build_lexicon(fixture_glossary, component.precision_settings)

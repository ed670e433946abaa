"""export.doc_to_json: the one JSON shape every interface returns."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from spacy.tokens import Span

from annotator.export import doc_to_json, entity_records, utf16_converter
from annotator.pipeline.spanvalues import SPAN_EXTENSIONS

DATA = Path(__file__).parent / "pipeline" / "data"

SPAN_KEYS = {
    "start", "end", "start_utf16", "end_utf16", "text", "label", "term_id", "term", "definition",
    "is_acronym", "category", "senses", "source", "repeat", "familiarity", "match", "did_you_mean",
}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("helpdesk_glossary", config={"builtin": False}).from_disk(DATA)
    return nlp


@pytest.mark.parametrize(
    "text,index,expected",
    [("abc", 2, 2), ("\U0001F600ab", 1, 2), ("\U0001F600a\U0001F600b", 3, 5), ("e\u0301x", 2, 2), ("", 0, 0)],
)
def test_export_utf16_converter(text, index, expected):
    assert utf16_converter(text)(index) == expected
    assert len(text[:index].encode("utf-16-le")) // 2 == expected


def test_export_span_record_shape(nlp):
    text = "The SLA and the SLA breach."
    result = doc_to_json(nlp(text), text, glossary_info={"version": "x", "concepts": 1})
    assert set(result) >= {"spans", "unknown_acronyms", "abbreviations", "truncated", "offsets", "glossary"}
    assert result["glossary"] == {"version": "x", "concepts": 1}
    for span in result["spans"]:
        assert set(span) == SPAN_KEYS
        assert text[span["start"] : span["end"]] == span["text"]


def test_export_match_and_the_fuzzy_option(nlp):
    text = "The SLAs and the escalaton."
    doc = nlp(text)
    assert [(s["match"], s["did_you_mean"]) for s in doc_to_json(doc, text)["spans"]] == [
        ("inflection", None), ("fuzzy", "escalation")]
    assert [s["text"] for s in doc_to_json(doc, text, fuzzy=False)["spans"]] == ["SLAs"]


def test_export_entities_of_another_component_match_exact():
    import spacy

    other = spacy.blank("en")
    other.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Acme"}])
    spans = doc_to_json(other("Acme support"), "Acme support")["spans"]
    assert [(s["text"], s["match"]) for s in spans] == [("Acme", "exact")]


def test_export_repeats_carry_no_definition(nlp):
    text = "SLA, SLA and SLAs."
    spans = doc_to_json(nlp(text), text)["spans"]
    assert [s["repeat"] for s in spans] == [False, True, True]
    assert spans[0]["definition"] and spans[0]["senses"]
    assert spans[1]["definition"] is None and spans[1]["senses"] is None


def test_export_first_only_and_labels(nlp):
    text = "SLA, SLA, the knowledge base and the KB."
    doc = nlp(text)
    assert [s["text"] for s in doc_to_json(doc, text, first_only=True)["spans"]] == ["SLA", "knowledge base"]
    assert [s["text"] for s in doc_to_json(doc, text, labels=["CX_TERM"])["spans"]] == ["knowledge base"]


def test_export_max_spans_truncates(nlp):
    text = " ".join(["SLA"] * 10)
    result = doc_to_json(nlp(text), text, max_spans=3)
    assert len(result["spans"]) == 3 and result["truncated"] is True
    assert doc_to_json(nlp(text), text)["truncated"] is False


def test_export_slices_the_callers_text(nlp):
    # The doc is built from a masked copy (same length); span text comes from the original.
    original = "See `SLA` and the SLA."
    masked = "See       and the SLA."
    result = doc_to_json(nlp(masked), original)
    assert [(s["start"], s["text"]) for s in result["spans"]] == [(18, "SLA")]


def test_export_utf16_offsets_with_astral_characters(nlp):
    text = "\U0001F600\U0001F600 SLA \U0001F44D KPI"
    encoded = text.encode("utf-16-le")
    for span in doc_to_json(nlp(text), text)["spans"]:
        assert encoded[2 * span["start_utf16"] : 2 * span["end_utf16"]].decode("utf-16-le") == span["text"]


def test_export_unknown_acronyms_and_abbreviations(nlp):
    text = "\U0001F600 The QBR is due; Time to Value (TTV) matters."
    result = doc_to_json(nlp(text), text)
    assert [u["text"] for u in result["unknown_acronyms"]] == ["QBR"]
    (abbr,) = result["abbreviations"]
    assert abbr["short"] == "TTV" and text[abbr["short_start"] : abbr["short_end"]] == "TTV"
    assert abbr["short_start_utf16"] == abbr["short_start"] + 1


def test_export_empty_doc(nlp):
    result = doc_to_json(nlp(""), "")
    assert result["spans"] == [] and result["unknown_acronyms"] == [] and result["truncated"] is False


def _ent_tuples(spans):
    return [(s.start_char, s.end_char, s.label_) for s in spans]


def _record_tuples(doc):
    """What the export reads of each entity: its bounds and label, as ``doc.ents`` has them."""
    return [(r["start"], r["end"], r["label"]) for r in entity_records(doc, doc.text, lambda i: i)]


@pytest.mark.parametrize(
    "ents",
    [
        [],
        [(0, 1, "A")],
        [(0, 2, "A"), (2, 3, "B"), (5, 6, "A")],  # adjacent entities stay apart
        [(1, 6, "LONG")],
        [(5, 6, "END")],
    ],
)
def test_export_entity_records_are_doc_ents(ents):
    blank = spacy.blank("en")
    doc = blank("one two three four five six")
    doc.set_ents([Span(doc, s, e, label=label, kb_id="kb", span_id=f"id-{s}") for s, e, label in ents])
    assert _record_tuples(doc) == _ent_tuples(doc.ents)


@pytest.mark.parametrize(
    "ents, blocked, missing",
    [
        ([(1, 2, "X"), (4, 6, "Y")], [(0, 1)], [(2, 3)]),  # B with no label: no entity
        ([(2, 4, "X")], [(0, 2)], []),  # blocked tokens right before an entity
        ([(0, 1, "X"), (3, 6, "Y")], [(1, 3)], []),
    ],
)
def test_export_entity_records_with_blocked_and_missing_tokens(ents, blocked, missing):
    doc = spacy.blank("en")("a b c d e f")
    doc.set_ents(
        [Span(doc, s, e, label=label) for s, e, label in ents],
        blocked=[Span(doc, s, e) for s, e in blocked],
        missing=[Span(doc, s, e) for s, e in missing],
    )
    assert _record_tuples(doc) == _ent_tuples(doc.ents) != []


def test_export_entity_records_on_the_component(nlp):
    doc = nlp("Our SLA breach rate went up; AHT too, and the SLA. Service Level Agreement (SLA) ok")
    assert _record_tuples(doc) == _ent_tuples(doc.ents)
    assert _record_tuples(nlp("")) == []


def test_export_max_spans_stops_early_on_a_huge_doc(nlp):
    text = "SLA " * 50_000
    doc = nlp(text)
    result = doc_to_json(doc, text, max_spans=10)
    assert result["truncated"] is True and len(result["spans"]) == 10
    assert [s["start"] for s in result["spans"]] == [4 * i for i in range(10)]
    assert doc_to_json(doc, text, max_spans=10, first_only=True)["truncated"] is False


@pytest.mark.parametrize(
    "text",
    [
        "Our SLA breach rate went up; AHT too, and the SLA. Service Level Agreement (SLA) ok",
        "\U0001F600 The Quarterly Widget Index (QWI) moved; QWI and QWIs again. MTTR \U0001F44D KPI.",
        "Tier 1 agents, the KB and Co-browsing.\nCustomer Service (CS) signed: thanks! ^CS",
        "",
    ],
)
def test_export_reads_the_values_span_underscore_reads(nlp, text):
    """The export's fast read of the component's stored values gives what ``span._`` gives."""
    from annotator.pipeline.component import SPAN_EXTENSIONS

    doc = nlp(text)
    exported = doc_to_json(doc, text)["spans"]
    public = [{"start": e.start_char, "end": e.end_char, "label": e.label_,
               **{n: e._.get(n) for n in SPAN_EXTENSIONS}} for e in doc.ents]
    seen = set()
    for record, span in zip(exported, public, strict=True):
        key = span["term_id"] or text[span["start"]:span["end"]]
        if key in seen:  # a repeat: sent without its definition and senses
            span.update(definition=None, senses=None)
        seen.add(key)
        assert {k: record[k] for k in span} == span
    assert exported or not text


def test_export_gives_each_response_its_own_senses_lists(nlp):
    text = "SLA breach. Average Hold Time (AHT) and the SLA."
    first = doc_to_json(nlp(text), text)
    first["spans"][0]["senses"].clear()
    assert doc_to_json(nlp(text), text)["spans"][0]["senses"]


def test_export_records_of_one_concept_are_separate_and_keep_their_key_order(nlp):
    """Records built from one shared template (see entity_records) are dicts of their own, with
    the keys in the order of the record's contract."""
    text = "The SLA, the SLA and the SLA. Plus the escalaton."
    spans = doc_to_json(nlp(text), text)["spans"]
    assert [s["text"] for s in spans] == ["SLA", "SLA", "SLA", "escalaton"]
    order = ["start", "end", "start_utf16", "end_utf16", "text", "label", *SPAN_EXTENSIONS, "repeat"]
    assert all(list(s) == order for s in spans)
    assert len({id(s) for s in spans}) == 4 and [s["start"] for s in spans] == [4, 13, 25, 39]
    spans[1]["term"] = "changed"
    assert spans[2]["term"] == spans[0]["term"] != "changed"
    assert spans[0]["repeat"] is False and spans[1]["repeat"] is spans[2]["repeat"] is True
    assert spans[3]["match"] == "fuzzy" and spans[3]["did_you_mean"] == "escalation"

"""Long and repetitive documents: the component's work grows linearly with the text.

Each case used to be quadratic somewhere (a per-span scan of a per-document list, or a slice
of the rest of the text per span). The bounds are generous "must not hang" limits, several
times what the case takes and far below what the quadratic version took, counted in this
process's CPU seconds so that other jobs on a busy machine cannot fail them; the speed itself is
measured by the benchmark, not here.
"""

from __future__ import annotations

import time

import pytest

import annotator
from annotator.pipeline import component as component_module
from annotator.pipeline.precision import is_signature


def _timed(call):
    started = time.process_time()
    result = call()
    return result, time.process_time() - started


def test_component_repeated_definitions_stay_linear(nlp):
    # 3,000 x "Service Level Agreement (SLA)": ~90 KB, one distinct expansion (was ~15 s).
    text = "Service Level Agreement (SLA) and the SLA. " * 3000
    doc, elapsed = _timed(lambda: nlp(text))
    assert elapsed < 5, "must not hang"
    assert len(doc._.abbreviations) == 3000
    acronyms = [e for e in doc.ents if e.text == "SLA"]
    assert len(acronyms) == 6000
    assert {e._.senses[0]["reason"] for e in acronyms} == {"expanded in this document"}


def test_component_repeated_ambiguous_definitions_stay_linear(nlp):
    # An ambiguous acronym ranked by context and by the written expansion, thousands of times.
    text = "Average Hold Time (AHT) went up, AHT is the key number. " * 2000
    doc, elapsed = _timed(lambda: nlp(text))
    assert elapsed < 5, "must not hang"
    chosen = {e._.term_id for e in doc.ents if e.text == "AHT"}
    assert chosen == {"average-hold-time"}


def test_component_nested_acronyms_stay_linear(nlp):
    # "SLA" inside "SLA breach", 40,000 times (the nested search was quadratic: ~20 s).
    text = "SLA breach again. " * 40_000
    doc, elapsed = _timed(lambda: nlp(text))
    assert elapsed < 8, "must not hang"
    assert len(doc.ents) == 40_000 and len(doc.spans["nested"]) == 40_000
    assert {s.text for s in doc.spans["nested"]} == {"SLA"}


def test_component_megabyte_of_acronyms_is_bounded():
    # Through the whole API: 1,000,000 characters, 250,000 acronyms on one line
    # (the signature rule sliced the rest of the line at every one: 20-30 s).
    text = "SLA " * 250_000
    result, elapsed = _timed(lambda: annotator.annotate(text, max_spans=2000))
    assert elapsed < 10, "must not hang"
    assert result["truncated"] is True and len(result["spans"]) == 2000
    assert [s["repeat"] for s in result["spans"][:2]] == [False, True]


@pytest.mark.parametrize(
    "text",
    [")" * 20_000, "\U0001f44d" * 20_000, "( x ) " * 4000, "a" * 30 + "!", "(SLA) " * 20_000, "SLA (" * 20_000],
    ids=["close-parens", "emoji", "tiny-parens", "word-bang", "parenthesized-acronyms", "open-after-acronym"],
)
def test_component_hostile_text_through_annotate(text):
    result, elapsed = _timed(lambda: annotator.annotate(text))
    assert elapsed < 2, "must not hang"
    for span in result["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize(
    "text, start, expected",
    [
        ("Thanks for waiting! -CS", 21, True),
        ("You're welcome. ^CS", 17, True),
        ("Cheers,\n~ CS.\nNext line", 10, True),
        ("Thanks - CS)  \t", 9, True),
        ("Ask CS today", 4, False),  # words after it on the line
        ("Ask CS\r\n", 4, False),  # a carriage return is not closing punctuation
        ("CS", 0, False),  # nothing before it
        ("- CS " + "x" * 10, 2, False),
        ("- CS " + "!" * 100_000, 2, True),  # a long tail is read in place
    ],
)
def test_component_signature_rule(text, start, expected):
    assert is_signature(text, start, start + 2) is expected


def test_component_signature_rule_never_for_longer_words():
    assert is_signature("- ABCD", 2, 6) is False


def test_component_span_values_read_and_write_through_span_underscore(nlp):
    """One stored dict per span, shared by a concept's spans: reading ``span._`` gives the
    values, assigning one changes that span alone, and spans the component did not make read
    None."""
    doc = nlp("SLA and SLA and AHT and AHT.")
    first, second = [e for e in doc.ents if e.text == "SLA"]
    assert first._.term_id == second._.term_id == "service-level-agreement"
    assert {n: first._.get(n) for n in component_module.SPAN_EXTENSIONS}.keys() == set(
        component_module.SPAN_EXTENSIONS)
    first._.definition = "ours"
    first._.senses = []
    assert (first._.definition, first._.senses) == ("ours", [])
    assert second._.definition and second._.definition != "ours" and second._.senses
    assert first._.term_id == "service-level-agreement"  # the other values stay
    other = doc[1:2]  # "and"
    assert [other._.get(n) for n in component_module.SPAN_EXTENSIONS] == [None] * len(component_module.SPAN_EXTENSIONS)
    other._.term = "And"
    assert other._.term == "And" and other._.term_id is None


def test_component_span_values_survive_doc_serialization(nlp):
    from spacy.tokens import Doc

    doc = nlp("Our SLA breach rate went up. Average Hold Time (AHT) is what we track: AHT.")
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    values = [[e._.get(n) for n in component_module.SPAN_EXTENSIONS] for e in doc.ents]
    assert [[e._.get(n) for n in component_module.SPAN_EXTENSIONS] for e in copy.ents] == values
    assert all(v[0] or v[1] for v in values)


def test_component_every_span_has_its_own_senses_list(nlp):
    doc = nlp("SLA and SLA and AHT and AHT.")
    first, second = [e for e in doc.ents if e.text == "SLA"]
    assert first._.senses == second._.senses and first._.senses is not second._.senses
    first._.senses.append({"term": "mine"})
    assert len(second._.senses) == 1


def _values(doc):
    return [(e.text, e._.term_id, e._.definition, e._.source, [s["term_id"] for s in e._.senses])
            for e in doc.ents]


def test_component_values_shared_across_documents_never_leak_context(make_fixture_nlp):
    """Values computed once per process are only those that depend on the concept alone: a
    document's own expansion of an acronym, or context that picks an ambiguous sense, never
    reaches the next document."""
    texts = [
        "The SLA was breached.",
        "A Service Level Agreement (SLA) and the Shared Ledger Account (SLA) differ: SLA.",
        "The SLA was breached.",
        "Average Hold Time (AHT) rose; AHT again.",
        "AHT rose for the handle queue.",
    ]
    warm = make_fixture_nlp()
    shared = [_values(warm(text)) for text in texts]
    fresh = [_values(make_fixture_nlp()(text)) for text in texts]
    assert shared == fresh
    assert shared[0] == shared[2]


@pytest.mark.parametrize(
    ("hint", "used"),
    [("The SLA was breached.", True), ("The SLA was breached!!", False), ("short", False), (42, False)],
)
def test_component_text_hint(nlp, hint, used):
    from annotator.pipeline.component import TEXT_HINT, doc_text

    doc = nlp.make_doc("The SLA was breached.")
    doc.user_data[TEXT_HINT] = hint
    text = doc_text(doc)
    assert TEXT_HINT not in doc.user_data
    # A hint of the wrong length is ignored: the doc's own text is used.
    assert text == (hint if used else doc.text)

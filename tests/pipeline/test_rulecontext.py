"""pipeline.rulecontext: what a precision rule may read of a document, each value read once."""

from __future__ import annotations

import pytest
import spacy

from annotator.pipeline import rulecontext


@pytest.mark.parametrize("text,searched", [("Track Time to Value (TTV) weekly.", 1), ("No parenthesis here.", 0)])
def test_rule_context_reads_each_value_once(monkeypatch, text, searched):
    calls = []

    def counting(found_in, **kwargs):
        calls.append(found_in)
        return [{"short": "TTV"}]

    monkeypatch.setattr(rulecontext, "find_definitions", counting)
    doc = spacy.blank("en")(text)
    context = rulecontext.rule_context(doc, text, lambda i: doc[i].idx + len(doc[i]), set(),
                                       rulecontext.DEFAULT_SETTINGS, lambda: None)
    assert context.abbreviations() is context.abbreviations()
    assert len(calls) == searched  # found once, and only in a text with a "("
    assert context.lower() is context.lower() and context.lower() == [t.lower for t in doc]
    assert context.orth() is context.orth() and context.orth() == [t.orth for t in doc]
    assert context.tokens() is context.tokens() and context.tokens()[0] == doc[0].text
    assert context.words() is context.words() and context.words() == {t.lower for t in doc}


def test_rule_context_takes_the_hash_lists_the_caller_made():
    from annotator.pipeline.matcher import COLUMNS

    doc = spacy.blank("en")("Our SLA for tickets")
    columns = doc.to_array(COLUMNS)
    hashes = ([t.lower for t in doc], [t.orth for t in doc])
    context = rulecontext.rule_context(doc, doc.text, lambda i: doc[i].idx + len(doc[i]), set(),
                                       rulecontext.DEFAULT_SETTINGS, lambda: None, columns, hashes)
    assert context.lower() is hashes[0] and context.orth() is hashes[1]


def test_rule_context_given_hash_lists_hands_them_out_without_a_python_call():
    import sys

    doc = spacy.blank("en")("Our SLA for tickets")
    hashes = ([t.lower for t in doc], [t.orth for t in doc])
    context = rulecontext.rule_context(doc, doc.text, lambda i: doc[i].idx + len(doc[i]), set(),
                                       rulecontext.DEFAULT_SETTINGS, lambda: None, None, hashes)
    entered = []
    sys.setprofile(lambda frame, event, arg: entered.append(frame.f_code.co_name) if event == "call" else None)
    try:
        values = (context.lower(), context.orth(), context.words(), context.words())
    finally:
        sys.setprofile(None)
    assert entered == []
    assert values[0] is hashes[0] and values[1] is hashes[1]
    assert values[2] is values[3] and values[2] == frozenset(hashes[0])

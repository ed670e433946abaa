"""pipeline.tokentexts: a document's token texts read as slices of its text are spaCy's."""

from __future__ import annotations

import pytest
import spacy

from annotator.pipeline.tokentexts import TokenTexts


@pytest.mark.parametrize(
    "text",
    ["Go to Agent Dashboard > Home.", "  leading  and   double spaces ", "tabs\tand\nlines\r\n  x",
     "(  bracket ) -- dash\u00a0nbsp\u3000wide", "a", " ", "LiveChat's SLA-breach, e-mail: x@y.z"],
)
def test_tokentexts_are_the_docs(text):
    doc = spacy.blank("en").make_doc(text)
    ends = [t.idx + len(t) for t in doc]
    tokens = TokenTexts(doc, text, ends.__getitem__)
    assert [tokens[i] for i in range(len(doc))] == [t.text for t in doc]
    assert tokens[-1] == tokens[len(doc)] == ""


def test_tokentexts_read_each_token_once():
    """The rules of one document share one instance and ask about the same tokens again: a
    token's text is sliced once (one ``token_end`` look-up per side, never again)."""
    text = "Go to Agent Dashboard > Home."
    doc = spacy.blank("en").make_doc(text)
    ends = [t.idx + len(t) for t in doc]
    asked: list[int] = []
    tokens = TokenTexts(doc, text, lambda i: asked.append(i) or ends[i])
    first = [tokens[i] for i in range(len(doc))]
    looked_up = len(asked)
    assert [tokens[i] for i in range(len(doc))] == first == [t.text for t in doc]
    assert len(asked) == looked_up

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

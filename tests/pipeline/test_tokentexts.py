"""pipeline.tokentexts: a document's token texts read as slices of its text are spaCy's."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from annotator.pipeline.tokentexts import TokenTexts, token_windows, tokens_at, word_before


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


@pytest.mark.parametrize("offsets, expected", [([0, 4, 9], [0, 1, 2]), ([3, 5, 100], []), ([], []), ([9, 0], [2, 0])])
def test_tokentexts_tokens_at_finds_tokens_by_a_bound(offsets, expected):
    starts = np.array([0, 4, 9], dtype=np.int64)  # "SLA ok\r\nKB": tokens start at 0, 4 and 9
    assert tokens_at(starts, offsets) == expected


@pytest.mark.parametrize("positions, expected", [
    ([5], [[3, 8]]),
    ([0, 19], [[0, 3], [17, 20]]),
    ([5, 9], [[3, 12]]),  # overlapping: merged
    ([5, 10], [[3, 13]]),  # touching: merged
    ([5, 11], [[3, 8], [9, 14]]),
    ([], []),
])
def test_tokentexts_token_windows_merge_what_overlaps(positions, expected):
    assert token_windows(positions, 2, 20) == expected


@pytest.mark.parametrize(
    ("tokens", "start", "before"),
    [
        (["call", "-", "center", "agent"], 3, "center"),
        (["call", "-", "agent"], 2, "call"),  # a hyphen between is skipped
        (["help", "\u2011", "desk"], 2, "help"),  # so is a non-breaking one
        (["-", "agent"], 1, "-"),  # nothing before the hyphen to read
        (["agent"], 0, ""),  # the document's start
    ],
)
def test_word_before_skips_a_joining_hyphen(tokens, start, before):
    assert word_before(tokens, start) == before

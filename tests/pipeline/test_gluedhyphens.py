"""pipeline.gluedhyphens: phrases across a hyphen glued to the next word, found in windows or
in one bulk search, the same either way and the same as reading the whole document that way."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.strings import get_string_id

from annotator.pipeline.gluedhyphens import GLUED_HYPHEN, hyphen_split_matches, split_tokens
from annotator.pipeline.matcher import _GLUED_HYPHEN_GAP, COLUMNS

_PATTERNS = [
    {"label": "CX_TERM", "pattern": "single sign-on", "id": "sso"},
    {"label": "CX_TERM", "pattern": "text-to-speech", "id": "tts"},
    {"label": "CX_TERM", "pattern": "on call", "id": "oncall"},
    {"label": "CX_TERM", "pattern": "on-call", "id": "on-call"},
    {"label": "CX_TERM", "pattern": "speech", "id": "speech"},
    {"label": "CX_TERM", "pattern": "sign", "id": "sign"},
    {"label": "CX_ACRONYM", "pattern": [{"ORTH": "SLA"}], "id": "sla"},
]


@pytest.fixture(scope="module")
def setup(matcher_for):
    return matcher_for(_PATTERNS)


def _whole_document(split, table, lower):
    """The reference: the whole document read with every split token as two, each match kept
    where it holds whole tokens and crosses a split one."""
    words, tokens, parts = [], [], []
    for i, word in enumerate(lower):
        if i in split:
            words += [get_string_id("-"), split[i]]
            tokens += [i, i]
            parts += ["hyphen", "word"]
        else:
            words.append(word), tokens.append(i), parts.append("whole")
    return sorted((tokens[start], tokens[end - 1] + 1, target) for start, end, target in table.find(words)
                  if parts[start] != "word" and parts[end - 1] != "hyphen" and set(parts[start:end]) != {"whole"})


@pytest.mark.parametrize("text", [
    "Use Single Sign -On today.",
    "Text -to -Speech voices and Text -to-Speech",
    "Sign -On call, the -SLA, Single Sign -Onboarding",
    "Single Sign -On -Call",  # "on-call" would start at the word of a split token
    "Text -to -Speech " * 300,  # dense: bulk by default
    "a " * 400 + "Single Sign -On and Text -to -Speech" + " b" * 400,  # sparse: windows
    "-On Sign -On",  # a hyphen opening the text is not glued to a word before it
])
def test_gluedhyphens_windows_and_bulk_find_the_same(setup, text):
    nlp, matcher = setup
    doc = nlp.make_doc(text)
    lower = doc.to_array(COLUMNS)[:, 0].tolist()
    split = split_tokens(doc, text, lower)
    assert split and all(doc[i].text.startswith("-") and len(doc[i]) > 1 for i in split)
    expected = _whole_document(split, matcher.lower, lower)
    for bulk in (True, False, None):
        assert sorted(zip(*hyphen_split_matches(split, matcher.lower, lower, matcher.max_length, bulk))) == expected


def test_gluedhyphens_candidates_of_a_dense_document(setup):
    nlp, matcher = setup
    text = "Text -to -Speech and Single Sign -On call; " * 100
    doc = nlp.make_doc(text)
    found = {(doc[m.start : m.end].text, m.id) for m in matcher.candidates(doc, text=text)}
    # "Speech" alone would start at the word of a split token: not a match.
    assert found == {("Text -to -Speech", "tts"), ("Single Sign -On", "sso"), ("Sign", "sign")}


@given(st.text(alphabet="- _a1Z\u00e9\n\t9", max_size=16))
def test_gluedhyphens_patterns_find_what_their_plain_forms_find(text):
    # Both open on a literal for speed; the plain forms look behind first.
    hyphen = re.compile(r"(?<=[^\W_] )-(?=[^\W\d_])")
    gap = re.compile(r"(?<=[^\W_]) (?=-[^\W\d_])")
    assert [m.span() for m in GLUED_HYPHEN.finditer(text)] == [m.span() for m in hyphen.finditer(text)]
    assert _GLUED_HYPHEN_GAP.sub("", text) == gap.sub("", text)

"""The text helpers under hostile input: through prepare ->
visible_text -> a blank tokenizer -> in-text definitions, offsets intact and nothing hanging.

The time bound is the issue's generous "must not hang" limit, not a benchmark, counted in this
process's CPU seconds so that other jobs on a busy machine cannot fail it.
"""

from __future__ import annotations

import time

import pytest

from annotator.export import utf16_converter
from annotator.text.abbreviations import find_abbreviations
from annotator.text.markup import FORMATS, LENIENT_FORMATS, visible_text
from annotator.text.safety import prepare

MUST_NOT_HANG_SECONDS = 2.0

# The API formats that read any prose (the strict transcript sub-formats refuse what is not
# captions or JSON; tests/text/markup/transcript covers them).
PROSE_FORMATS = (*(f for f in FORMATS if f in LENIENT_FORMATS), "transcript", "transcript-turns")

HOSTILE = {
    "thumbs": "👍" * 20_000,
    "close_parens": ")" * 20_000,
    "open_parens": "(" * 20_000,
    "paren_x": "( x ) " * 4_000,
    "catastrophic_backtracking": "a" * 30 + "!",
    "possessives": "'s" * 10_000,
    "nul_storm": "SLA\x00" * 20_000,
    "base64": "QUJD" * 25_000,
    "unterminated_tags": "<x " * 20_000,
    "unterminated_attributes": '<a b="' * 10_000,
    "comments": "<!--" * 10_000,
    "nested_divs": "<div>" * 10_000 + "SLA" + "</div>" * 10_000,
    "backticks": "` `` ``` " * 3_000,
    "brackets": "[a](" * 5_000,
    "ampersands": "&" * 20_000,
    "definitions": "Service Level Agreement (SLA) " * 5_000,
    "short_parens": "(AB) " * 20_000,
    "zalgo": "S" + "\u0301" * 20_000 + "LA",
    "emails": "a" * 20_000 + "@",
    "email_chain": "a@b.c" * 10_000,
    "schemes": "http://" * 5_000,
    "www": "www." * 10_000,
    "snake_case": "a_" * 20_000,
    "channels": "#a-" * 20_000,
    "handles": "@a" * 20_000,
    "front_matter": "---\n" + "title: SLA\n" * 10_000,
    "rst_roles": ":ref:`" * 10_000,
    "rst_nested_directives": "".join(" " * n + ".. note:: SLA\n" for n in range(1_000)),
    "rst_nested_literals": "".join(" " * n + "SLA::\n\n" for n in range(1_000)),
}


def _run(nlp, text: str, format: str):
    safe = prepare(text)
    visible = visible_text(safe, format)
    assert len(visible) == len(text)
    doc = nlp(visible)
    return doc, find_abbreviations(doc)


@pytest.mark.parametrize("format", LENIENT_FORMATS)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_inputs_do_not_hang(nlp, name, format):
    started = time.process_time()
    doc, definitions = _run(nlp, HOSTILE[name], format)
    elapsed = time.process_time() - started
    assert elapsed < MUST_NOT_HANG_SECONDS, f"{name} as {format}: {elapsed:.2f}s"
    for token in doc:
        assert HOSTILE[name][token.idx : token.idx + len(token)] == token.text or token.is_space


def test_hostile_nul_separated_terms_give_three_tokens(nlp):
    doc, _ = _run(nlp, "SLA\x00KB\x00SLA", "text")
    assert [(t.text, t.idx) for t in doc] == [("SLA", 0), ("KB", 4), ("SLA", 7)]


@pytest.mark.parametrize(
    "text,word,start",
    [
        ("👍 SLA", "SLA", 2),
        ("e\u0301 KB", "KB", 3),
        ("İ SLA", "SLA", 2),
        ("ＳＬＡ and SLA", "SLA", 8),
        ("\ufeffSLA", "SLA", 1),
        ("a\u200b SLA", "SLA", 3),
        ("👍👍 SLA 👍", "SLA", 3),
    ],
)
def test_hostile_offsets_point_into_the_original(nlp, text, word, start):
    for format in PROSE_FORMATS:
        doc, _ = _run(nlp, text, format)
        (token,) = [t for t in doc if t.text == word]
        assert token.idx == start
        assert text[token.idx : token.idx + len(word)] == word


def test_hostile_thumbs_up_sla_utf16_offsets(nlp):
    text = "👍 SLA"
    doc, _ = _run(nlp, text, "text")
    (token,) = [t for t in doc if t.text == "SLA"]
    to_utf16 = utf16_converter(text)
    assert (token.idx, token.idx + 3) == (2, 5)
    assert (to_utf16(token.idx), to_utf16(token.idx + 3)) == (3, 6)
    assert text.encode("utf-16-le")[6:12].decode("utf-16-le") == "SLA"


def test_hostile_markup_offsets_point_into_the_original(nlp):
    text = "👍👍 <b>SLA</b> &lt;KB&gt;"
    doc, _ = _run(nlp, text, "html")
    assert [(t.text, t.idx) for t in doc if not t.is_space and t.text not in "<>"] == [
        ("👍", 0), ("👍", 1), ("SLA", 6), ("KB", 18)
    ]


def test_hostile_full_width_and_zero_width_terms_are_not_the_term(nlp):
    # Policy: no normalization, so these are different words (see text.safety's docstring).
    for text in ("ＳＬＡ", "S\u200bLA", "S\u00adLA"):
        doc, _ = _run(nlp, text, "text")
        assert "SLA" not in [t.text for t in doc]


def test_hostile_definitions_survive_hostile_neighbours(nlp):
    text = "👍" * 500 + " Service Level Agreement (SLA) " + ")" * 500
    _, definitions = _run(nlp, text, "text")
    assert [(d["short"], d["long"]) for d in definitions] == [("SLA", "Service Level Agreement")]
    assert text[definitions[0]["short_start"] : definitions[0]["short_end"]] == "SLA"

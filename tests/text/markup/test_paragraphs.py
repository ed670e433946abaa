"""annotator.text.markup.paragraphs: a text of paragraphs only, read as markdown-it reads it."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.text.markup.markdown import _parser
from annotator.text.markup.paragraphs import plain_paragraphs


def _parsed(source: str) -> list[tuple[str, list[int] | None]]:
    return [(token.type, token.map) for token in _parser().parse(source)]


def _as_parsed(paragraphs: list[tuple[int, int]]) -> list[tuple[str, list[int] | None]]:
    tokens = []
    for first, last in paragraphs:
        tokens += [("paragraph_open", [first, last]), ("inline", [first, last]), ("paragraph_close", None)]
    return tokens


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", []),
        ("SLA ok", [(0, 1)]),
        ("SLA ok\rAHT ok\r", [(0, 2)]),
        ("SLA ok\r\n\r\nAHT\n", [(0, 1), (2, 3)]),
        ("a\n \t \nb\n   c", [(0, 1), (2, 4)]),  # a blank line of spaces and tabs; three spaces indent
        ("\n\nword\n\n", [(2, 3)]),
    ],
)
def test_plain_paragraphs(source, expected):
    assert plain_paragraphs(source) == expected
    assert _as_parsed(expected) == _parsed(source)


@pytest.mark.parametrize(
    "source",
    ["# SLA", "a\n===", "a\n---", "> SLA", "```\nSLA\n```", "~~~", "- SLA", "* SLA", "+ SLA", "1. SLA",
     "<b>SLA</b>", "[x]: http://example.com", "    code", "a\n    lazy", "\tcode", "  \tcode", "___"],
)
def test_other_blocks_go_to_the_parser(source):
    assert plain_paragraphs(source) is None


_LINE_STARTS = st.sampled_from(["", " ", "  ", "   ", "    ", "\t", "#", ">", "-", "*", "+", "=", "_", "`", "~",
                                "<", "[", "1.", "2)", "x", "SLA", "\u00a0", "é"])
_LINE_BODIES = st.text(alphabet="ab #*-=>`~<[]1.\t\u00a0", max_size=6)
_BREAKS = st.sampled_from(["\n", "\r", "\r\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_LINE_STARTS, _LINE_BODIES, _BREAKS), max_size=8), st.booleans())
@example([("", "SLA", "\r"), ("    ", "", "\r\n"), ("x", "", "\n")], False)
def test_plain_paragraphs_answer_as_the_parser(lines, final_break):
    """Whenever the shortcut answers, markdown-it finds those paragraphs and nothing else."""
    source = "".join(start + body + brk for start, body, brk in lines)
    if lines and not final_break:
        source = source.rstrip("\r\n")
    paragraphs = plain_paragraphs(source)
    if paragraphs is not None:
        assert _as_parsed(paragraphs) == _parsed(source)

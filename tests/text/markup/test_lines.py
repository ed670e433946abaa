"""annotator.text.markup.lines: offsets to lines and columns."""

from __future__ import annotations

import pytest

from annotator.text.markup import LineIndex, line_col


@pytest.mark.parametrize(
    "text,offset,expected",
    [
        ("abc", 0, (1, 1)),
        ("abc", 3, (1, 4)),
        ("a\nbc SLA", 5, (2, 4)),
        ("a\r\nb", 3, (2, 1)),
        ("a\rb", 2, (2, 1)),
        ("👍 SLA", 2, (1, 3)),
        ("x\n\n\nSLA", 4, (4, 1)),
    ],
)
def test_lines_line_col(text, offset, expected):
    assert line_col(text, offset) == expected
    assert LineIndex(text).line_col(offset) == expected


def test_lines_line_index_lines():
    index = LineIndex("one\r\ntwo\nthree")
    assert len(index) == 3
    assert [index.line_start(n) for n in (1, 2, 3)] == [0, 5, 9]
    assert [index.line_end(n) for n in (1, 2, 3)] == [3, 8, 14]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("", []),
        ("a", [(0, "a")]),
        ("a\n", [(0, "a")]),
        ("a\r\n\rb", [(0, "a"), (3, ""), (4, "b")]),
        ("\n\n", [(0, ""), (1, "")]),
    ],
)
def test_lines_lines_without_their_breaks(text, expected):
    assert LineIndex(text).lines() == expected

"""annotator.text.markup.mask: the offset-preserving mask every format writes into."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.text.markup.mask import Mask, blank


def test_mask_render_blanks_hidden_runs_and_keeps_line_breaks():
    mask = Mask("ab\r\ncd ef")
    mask.hide(1, 5)
    assert mask.render() == "a \r\n d ef"


@pytest.mark.parametrize(
    ("text", "hidden", "expected"),
    [
        ("a\ud800b\udfffc", (1, 3), "a  \udfffc"),  # lone surrogates, hidden or shown
        ("👍SLA👍\rKB", (0, 5), "     \rKB"),  # astral characters are one position each
        ("x\n\r\ny", (0, 5), " \n\r\n "),
        ("", (0, 0), ""),
    ],
)
def test_mask_render_keeps_offsets_on_any_string(text, hidden, expected):
    mask = Mask(text)
    mask.hide(*hidden)
    assert mask.render() == expected
    assert len(mask.render()) == len(text)


def test_mask_show_undoes_hide():
    mask = Mask("SLA KB NPS")
    mask.hide(0, 10)
    mask.show(4, 6)
    assert mask.render() == "    KB    "


def test_mask_replacements_render_unless_hidden():
    mask = Mask("x &lt; y &gt;")
    mask.replace(2, "&lt;", "<")
    mask.replace(9, "&gt;", ">")
    mask.hide(9, 13)
    assert mask.render() == "x <    y     "
    assert mask.work_copy() == "x &lt; y     "


def test_mask_empty_ranges_change_nothing():
    mask = Mask("SLA")
    mask.hide(2, 1)
    assert mask.render() == "SLA"


def test_mask_blank():
    assert blank("a\tb\r\nc👍") == "   \r\n  "


@given(st.text(alphabet="ab \r\n\U0001f44d", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=5))
def test_mask_render_matches_hiding_character_by_character(text, ranges):
    """Wherever the hidden runs are (none, one at either end, several, all), each hidden
    character but a line break becomes a space and every other stays."""
    mask = Mask(text)
    hidden = set()
    for start, end in ranges:
        mask.hide(start, end)
        hidden.update(range(start, min(end, len(text))))
    expected = "".join(" " if i in hidden and char not in "\r\n" else char for i, char in enumerate(text))
    assert mask.render() == expected

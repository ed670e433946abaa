"""annotator.text.markup: the visible-text contract, golden files and headings, for every format."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text.markup import ALL_FORMATS, LENIENT_FORMATS, headings, next_sentence, visible_text

GOLDEN = Path(__file__).parent / "data"
GOLDEN_CASES = {"kb_article.md": "markdown", "ticket.html": "html", "guide.rst": "rst", "ticket.txt": "text"}


@pytest.mark.parametrize("format", ALL_FORMATS)
def test_markup_empty_and_blank_inputs(format):
    for text in ("", " ", "\n", "\r\n\r\n", "\t"):
        assert visible_text(text, format) == text


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_markup_golden_files(name, check_contract):
    """Whole documents: the expected masking is in ``<name>.visible`` next to the input.

    Regenerate after a deliberate change with ``UPDATE_GOLDEN=1`` and review the diff.
    """
    text = (GOLDEN / name).read_text(encoding="utf-8")
    out = visible_text(text, GOLDEN_CASES[name])
    check_contract(text, out, GOLDEN_CASES[name])
    expected_path = GOLDEN / f"{name}.visible"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(out, encoding="utf-8")
    assert out == expected_path.read_text(encoding="utf-8")


# --- properties -------------------------------------------------------------------------------

html_fragments = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<", ">", "</", "/>", "<!--", "-->", "<!", "<?", "&", "&lt;", "&#", "&#x", ";", "=", '"',
                "'", "<div>", "</div>", "<code>", "</code>", "<script>", "</script>", "<a href='x'>",
                "</a>", "<p data-no-glossary>", "<![CDATA[", "]]>", "`", "```", "\n", "    ", "[", "](",
                ")", "---\n", "::", ".. ", "``", ":ref:`", "SLA", " ", "https://x.y/", "@", "|", "\r",
            ]
        ),
        st.text(max_size=5),
    ),
    max_size=60,
).map("".join)


@pytest.mark.parametrize("format", LENIENT_FORMATS)
@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_markup_arbitrary_unicode_never_raises_and_keeps_offsets(format, text, check_contract):
    check_contract(text, visible_text(text, format), format)


@pytest.mark.parametrize("format", LENIENT_FORMATS)
@settings(max_examples=200, deadline=None)
@given(text=html_fragments)
def test_markup_arbitrary_markup_fragments_never_raise_and_keep_offsets(format, text, check_contract):
    check_contract(text, visible_text(text, format), format)


# --- headings and sentences -------------------------------------------------------------------


@pytest.mark.parametrize(
    "format,text,expected",
    [
        ("markdown", "# The SLA #\n\nBody", ["The SLA"]),
        ("markdown", "Title KB\n===\n\nBody", ["Title KB"]),
        ("markdown", "---\ntitle: \"SLA guide\"\n---\n## Next\n", ["SLA guide", "Next"]),
        ("markdown", "```\n# not a heading\n```", []),
        ("html", "<title>T SLA</title><h1>One</h1><p>x</p><h2 id=a>Two <b>KB</b></h2>", ["T SLA", "One", "Two <b>KB</b>"]),
        ("rst", "SLA Guide\n=========\n\nBody\n\nPart\n----\n", ["SLA Guide", "Part"]),
        ("text", "Title\n\nBody", []),
    ],
)
def test_markup_headings(format, text, expected):
    assert [text[start:end] for start, end in headings(text, format)] == expected


def test_markup_next_sentence_after_a_heading():
    text = "# SLA\n\nA Service Level Agreement sets targets. Then more."
    visible = visible_text(text, "markdown")
    (_, heading_end), = headings(text, "markdown")
    start, end = next_sentence(visible, heading_end)
    assert text[start:end] == "A Service Level Agreement sets targets."
    assert next_sentence(visible, len(text)) is None


def test_markup_next_sentence_stops_at_a_blank_line():
    text = "# KB\n\nno full stop here\n\nNext para."
    start, end = next_sentence(text, 4)
    assert text[start:end] == "no full stop here"

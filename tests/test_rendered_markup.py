"""Markdown/HTML source -> sanitised HTML with span markers (no pipeline needed)."""

from __future__ import annotations

import re

import pytest

from annotator.rendered_markup import MARK_END, MARK_START, mark_spans, render_fragment, replace_markers, sanitize


@pytest.mark.parametrize(
    "source, forbidden",
    [
        ("<script>alert(1)</script>ok", ("script", "alert")),
        ('<p onclick="alert(1)">ok</p>', ("onclick",)),
        ('<a href="javascript:alert(1)">ok</a>', ("javascript",)),
        ('<a href="https://evil.example/">ok</a>', ("evil",)),
        ('<a href="//evil.example/">ok</a>', ("evil",)),
        ('<img src="https://evil.example/p.png" srcset="x 1x">ok', ("img", "evil")),
        ('<p style="background:url(https://evil.example/p.png)">ok</p>', ("style", "evil")),
        ("<style>p { background: url(https://evil.example/) }</style>ok", ("style", "evil")),
        ('<link rel="stylesheet" href="https://evil.example/x.css">ok', ("link", "evil")),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">ok', ("meta", "evil")),
        ('<base href="https://evil.example/">ok', ("base", "evil")),
        ('<svg onload="alert(1)"><text>x</text></svg>ok', ("svg", "alert")),
        ('<iframe src="https://evil.example/"></iframe>ok', ("iframe", "evil")),
        ('<form action="https://evil.example/"><input name="q"></form>ok', ("form", "input", "evil")),
        ('<p class="term" id="note-1">ok</p>', ("class=", "id=")),
        ("<!-- secret -->ok", ("secret",)),
    ],
)
def test_rendered_markup_sanitize_removes_active_and_remote_content(source, forbidden):
    cleaned = sanitize(source)
    assert "ok" in cleaned
    for word in forbidden:
        assert word not in cleaned


def test_rendered_markup_sanitize_keeps_structure_and_local_links():
    source = '<h2>T</h2><table><tr><td colspan="2">x</td></tr></table><a href="#top" title="up">up</a>'
    assert sanitize(source) == '<h2>T</h2><table><tbody><tr><td colspan="2">x</td></tr></tbody></table><a href="#top" title="up">up</a>'


def test_rendered_markup_mark_spans_brackets_each_range_and_skips_overlaps():
    marked = mark_spans("a SLA b AHT", [(2, 5), (3, 4), (8, 11)])
    assert marked == f"a {MARK_START}\U000f0000SLA{MARK_END} b {MARK_START}\U000f0002AHT{MARK_END}"


def test_rendered_markup_forged_markers_become_replacement_characters():
    text = f"x {MARK_START}\U000f0000y{MARK_END}"
    marked = mark_spans(text, [])
    assert MARK_START not in marked and MARK_END not in marked and "\U000f0000" not in marked
    assert len(marked) == len(text)


def test_rendered_markup_replace_markers_reports_links_and_drops_broken_pairs():
    fragment = render_fragment("**SLA** [AHT](#a) <b>tier</b> 1", "markdown", [(2, 5), (9, 12), (18, 31)])
    seen = []
    out = replace_markers(fragment, lambda i, inner, in_link: seen.append((i, inner, in_link)) or f"[{inner}]")
    assert seen == [(0, "SLA", False), (1, "AHT", True)]
    assert out == '<p><strong>[SLA]</strong> <a href="#a">[AHT]</a> <b>tier</b> 1</p>\n'
    assert not re.search(f"[{MARK_START}{MARK_END}]", out)


def test_rendered_markup_markdown_front_matter_is_not_rendered():
    out = render_fragment("---\ntitle: x\n---\n# Head\n", "markdown", [])
    assert out == "<h1>Head</h1>\n"

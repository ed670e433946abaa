"""Allowlist and glossary edits: the smallest insertion, checked by the linter's own parser."""

from __future__ import annotations

import pytest

from annotator.lsp.projectedit import allow_edit, glossary_row_edit, new_config


def apply(text, edit):
    start, end, new = edit
    return text[:start] + new + text[end:]


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        (".helpdesk-annotator.toml", "", 'allow = ["QWRT"]\n'),
        (".helpdesk-annotator.toml", 'allow = ["FAQ"]\n', 'allow = ["FAQ", "QWRT"]\n'),
        (".helpdesk-annotator.toml", 'allow = []\n', 'allow = ["QWRT"]\n'),
        (".helpdesk-annotator.toml", 'allow = "FAQ"\n', 'allow = ["FAQ", "QWRT"]\n'),
        (".helpdesk-annotator.toml", 'allow = [\n  "FAQ",\n]\n', 'allow = [\n  "FAQ", "QWRT"\n]\n'),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.helpdesk-annotator]\ndisable = ["HA002"]\n',
         '[project]\nname = "x"\n\n[tool.helpdesk-annotator]\nallow = ["QWRT"]\ndisable = ["HA002"]\n'),
        ("pyproject.toml", '[tool.helpdesk-annotator]\nallow = ["A"]\n[tool.helpdesk-annotator.lint]\nallow = ["B"]\n',
         '[tool.helpdesk-annotator]\nallow = ["A"]\n[tool.helpdesk-annotator.lint]\nallow = ["B", "QWRT"]\n'),
        ("pyproject.toml", '[project]\nname = "x"\n', '[project]\nname = "x"\n\n[tool.helpdesk-annotator]\nallow = ["QWRT"]\n'),
    ],
)  # fmt: skip
def test_projectedit_allow(tmp_path, name, before, after):
    assert apply(before, allow_edit(before, tmp_path / name, "QWRT")) == after


def test_projectedit_allow_refuses_what_it_cannot_edit_safely(tmp_path):
    assert allow_edit("allow = [unclosed\n", tmp_path / ".helpdesk-annotator.toml", "QWRT") is None


def test_projectedit_new_config_parses(tmp_path):
    path = tmp_path / ".helpdesk-annotator.toml"
    assert allow_edit(new_config("QWRT"), path, "ZZZ") is not None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("term,acronym,definition\n", "term,acronym,definition\nWidget Foo Bar,WFB,\"Bars, widgets.\"\n"),
        ("term;definition;acronyms\r\nA;b;C", "term;definition;acronyms\r\nA;b;C\r\nWidget Foo Bar;Bars, widgets.;WFB\r\n"),
    ],
)
def test_projectedit_glossary_row_follows_the_file(before, after):
    assert apply(before, glossary_row_edit(before, "Widget Foo Bar", "WFB", "Bars, widgets.")) == after


def test_projectedit_glossary_without_term_column_is_not_edited():
    assert glossary_row_edit("name,meaning\n", "Widget Foo Bar", "WFB", "x") is None

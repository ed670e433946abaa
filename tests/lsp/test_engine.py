"""The adapter's own contracts (the product functions behind it have their own tests)."""

from __future__ import annotations

import pytest

from annotator.lsp import engine


@pytest.mark.parametrize(
    ("language", "path", "expected"),
    [
        ("markdown", "/x/a.txt", "markdown"),
        ("restructuredtext", None, "rst"),
        ("html", None, "html"),
        ("plaintext", "/x/a.md", "text"),
        ("", "/x/a.rst", "rst"),
        ("unknown-language", "/x/a.htm", "html"),
        ("python", "/x/a.py", None),
        (None, None, None),
    ],
)
def test_engine_format_for_language_id_then_suffix(language, path, expected):
    assert engine.format_for(language, path) == expected


def test_engine_visible_keeps_length_and_replaces_lone_surrogates():
    text = "SLA \ud800 `code` done"
    shown = engine.visible(text, "markdown")
    assert len(shown) == len(text)
    assert "\ud800" not in shown and "code" not in shown


def test_engine_spell_out_matches_lint_fix():
    from annotator.lint.fix import fix_text
    from annotator.lint.runner import load_glossary

    glossary = load_glossary(engine.LintConfig())
    text = "Check the SLA now."
    (finding,) = engine.lint(engine.Project(engine.LintConfig(), glossary, pipeline=lambda: None), text, "text")
    prefix, suffix = engine.spell_out(finding, "text")
    edited = text[: finding.start] + prefix + finding.text + suffix + text[finding.end :]
    assert edited == fix_text(text, "text", glossary=glossary).text


@pytest.mark.parametrize(
    "text",
    ["Check the SLA now.", "The FRT matters. First Response Time (FRT) is measured in minutes."],
)
def test_engine_spell_out_edits_are_the_lint_fix(text):
    from annotator.lint.fix import fix_text
    from annotator.lint.runner import load_glossary

    glossary = load_glossary(engine.LintConfig())
    project = engine.Project(engine.LintConfig(), glossary, pipeline=lambda: None)
    (finding,) = [f for f in engine.lint(project, text, "text") if f.code in ("HA001", "HA002")]
    edited = text
    for start, end, new in sorted(engine.spell_out_edits(text, finding, "text"), reverse=True):
        edited = edited[:start] + new + edited[end:]
    assert edited == fix_text(text, "text", glossary=glossary).text

"""``--fix``: expansions inserted at first use, nothing else touched, idempotent."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.lint.fix import fix_text, remove_chunks, restore
from annotator.lint.rules import lint_text


@pytest.mark.parametrize(
    "text, format, expected",
    [
        ("Keep the SLA.", "text", "Keep the Service Level Agreement (SLA)."),
        ("Our SLAs apply.", "text", "Our Service Level Agreements (SLAs) apply."),
        ("The SLA's clock.", "text", "The Service Level Agreement (SLA)'s clock."),
        ("The FRT first.\nFirst Response Time (FRT) is...\n", "text",
         "The First Response Time (FRT) first.\nFirst Response Time is...\n"),
        ("<p>The KPI &amp; more</p>", "html", "<p>The Key Performance Indicator (KPI) &amp; more</p>"),
        ("# Our KPI\n\nText `KPI` here.\n", "markdown", "# Our Key Performance Indicator (KPI)\n\nText `KPI` here.\n"),
        ("We are SOC 2 audited.", "text", "We are Service Organization Control 2 (SOC 2) audited."),
    ],
    ids=["plain", "plural", "possessive", "defined-later", "html", "heading-not-code", "spaced-acronym"],
)
def test_fix_inserts_the_expansion_at_first_use(glossary, text, format, expected):
    result = fix_text(text, format, glossary=glossary)
    assert result.text == expected
    assert result.remaining == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The FRT first.\nFRT (First Response Time) is...\n",
         "The First Response Time (FRT) first.\nFRT is...\n"),
        ("Use the ZZQ daily. A Zig Zag Query (ZZQ) helps.",
         "Use the Zig Zag Query (ZZQ) daily. A Zig Zag Query helps."),
        ("Our **FRT** target. First Response Time ( FRT ) matters.",
         "Our **First Response Time (FRT)** target. First Response Time matters."),
    ],
    ids=["acronym-first", "not-in-the-glossary", "spaces-in-parenthesis"],
)
def test_fix_moves_a_late_definition_to_the_first_use(glossary, text, expected):
    result = fix_text(text, glossary=glossary)
    assert result.text == expected
    assert result.remaining == [] and restore(result) == text
    assert fix_text(result.text, glossary=glossary).text == result.text


def test_fix_acronym_glued_to_its_expansion_is_fixed_once(glossary):
    # Found by the property test below: "FRT'sFirst Response Time (FRT)" read as a definition
    # of FRT by "FRT'sFirst Response Time" made every fix insert another copy of it.
    text = "FRT'sFirst Response Time (FRT)"
    once = fix_text(text, glossary=glossary)
    assert once.text == "First Response Time (FRT)'sFirst Response Time (FRT)"
    assert fix_text(once.text, glossary=glossary).text == once.text


@pytest.mark.parametrize("text", ["SLAd's", "We SLAd it.", "CCed the SLAd team"])
def test_fix_leaves_verb_forms_reported_not_rewritten(glossary, text):
    # Found by the property test below: "SLAd" is a use of SLA, but there is no natural place
    # for an expansion inside a verb form, so it is reported, never half-fixed.
    result = fix_text(text, glossary=glossary)
    assert result.text == text and result.fixes == []
    assert ("SLA", "SLAd") in {(f.acronym, f.text) for f in result.remaining}


def test_fix_leaves_unfixable_findings_reported(glossary):
    text = "Keep AHT and the SFDC admin and the SLA."
    result = fix_text(text, glossary=glossary)
    assert result.text == "Keep AHT and the SFDC admin and the Service Level Agreement (SLA)."
    assert [(f.code, f.acronym) for f in result.remaining] == [("HA003", "AHT"), ("HA001", "SFDC")]
    assert [(f.acronym, f.line, f.col, f.replacement) for f in result.fixes] == [
        ("SLA", 1, 37, "Service Level Agreement (SLA)")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Raise it as p1 now.", "Raise it as Priority 1 (p1) now."),
        ("Two Sev 2s today.", "Two Severity 2s (Sev 2s) today."),
        ("A SEV-2 outage.", "A Severity 2 (SEV-2) outage."),
    ],
)
def test_fix_codes_as_written_get_their_expansion_once(glossary, text, expected):
    result = fix_text(text, glossary=glossary)
    assert result.text == expected
    assert result.remaining == []
    assert fix_text(result.text, glossary=glossary).text == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_preserves_line_endings_and_missing_final_newline(glossary, newline):
    text = newline.join(["Title", "", "See the SLA.", "", "```", "SLA", "```", "Done"])
    result = fix_text(text, "markdown", glossary=glossary)
    assert result.text == text.replace("the SLA.", "the Service Level Agreement (SLA).")
    assert result.text.count(newline) == text.count(newline)


def test_fix_twice_changes_nothing(glossary, repo):
    for path in sorted((repo / "samples" / "articles").iterdir()):
        fmt = {".md": "markdown", ".rst": "rst", ".html": "html", ".txt": "text"}[path.suffix]
        once = fix_text(path.read_text(encoding="utf-8"), fmt, glossary=glossary)
        twice = fix_text(once.text, fmt, glossary=glossary)
        assert twice.text == once.text and twice.fixes == []


_PIECES = st.sampled_from(
    ["SLA", "SLAs", "KPI", "AHT", "FRT", "IVR", "CSAT", "First Response Time (FRT)", "`SLA`",
     "https://x.example/SLA", " ", "\n", "\r\n", "\n\n", "# ", ".", "(", ")", "é", "👍", "NOTE",
     "the", "or", "*", "<b>", "</b>", "```\n", "SLA-", "/", "'s"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=30),
    fmt=st.sampled_from(["text", "markdown", "html", "rst"]),
)
def test_fix_property_only_inserts_and_is_idempotent(glossary, parts, fmt):
    text = "".join(parts)
    once = fix_text(text, fmt, glossary=glossary)
    # Nothing but the inserted expansions and the moved definitions changed ...
    assert restore(once) == text
    if not once.removed:
        assert remove_chunks(once.text, once.inserted) == text
    # ... and fixing the result again is a no-op.
    twice = fix_text(once.text, fmt, glossary=glossary)
    assert twice.text == once.text
    # ... and what is still undefined is what it reports it could not fix (verb forms).
    left = [f for f in lint_text(once.text, fmt, glossary=glossary) if f.code == "HA001" and f.expansion]
    assert {(f.acronym, f.text) for f in left} <= {(f.acronym, f.text) for f in once.remaining}

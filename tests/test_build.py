"""The build: deterministic output, a report that hides nothing, and a working --check."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from annotator.build import GLOSSARY_FILE, PATTERNS_FILE, build, render
from annotator.cli import cli
from annotator.errors import GlossaryError
from annotator.glossary.model import Glossary
from annotator.resources import builtin_sources_dir, patterns_dir


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("patterns")
    report = build(builtin_sources_dir(), out)
    return out, report


def test_build_committed_files_are_fresh():
    """`build --check` on the repo itself: the committed patterns/ match the sources."""
    result = CliRunner().invoke(cli, ["build", "--check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_build_check_fails_when_stale(tmp_path, built):
    out, _ = built
    stale = tmp_path / "patterns"
    shutil.copytree(out, stale)
    with (stale / GLOSSARY_FILE).open("a", encoding="utf-8") as handle:
        handle.write("\n")
    with pytest.raises(GlossaryError) as excinfo:
        build(builtin_sources_dir(), stale, check=True)
    assert excinfo.value.code == "E104"
    result = CliRunner().invoke(cli, ["build", "--check", "--out", str(stale)])
    assert result.exit_code == 1
    assert "stale" in result.output


def test_build_is_deterministic(tmp_path, built):
    out, _ = built
    again = tmp_path / "again"
    build(builtin_sources_dir(), again)
    for name in (GLOSSARY_FILE, PATTERNS_FILE):
        assert (again / name).read_bytes() == (out / name).read_bytes()


def test_build_output_matches_committed_files(built):
    out, _ = built
    for name in (GLOSSARY_FILE, PATTERNS_FILE):
        assert (out / name).read_text(encoding="utf-8") == (patterns_dir() / name).read_text(
            encoding="utf-8"
        )


def test_build_glossary_schema(built):
    out, _ = built
    lines = (out / GLOSSARY_FILE).read_text(encoding="utf-8").splitlines()
    assert len(lines) > 300
    for line in lines:
        concept = json.loads(line)
        assert set(concept) >= {"id", "term", "acronyms", "aliases", "category", "definitions"}
        assert concept["term"].strip() == concept["term"] and concept["term"]
        assert concept["definitions"], concept["id"]
        for definition in concept["definitions"]:
            assert set(definition) == {"text", "source", "line"}
            assert definition["text"].strip()
            assert definition["line"] >= 1


def test_build_patterns_point_to_concepts(built):
    out, _ = built
    glossary = Glossary.load(out / GLOSSARY_FILE)
    ambiguous = glossary.ambiguous_acronyms
    for line in (out / PATTERNS_FILE).read_text(encoding="utf-8").splitlines():
        pattern = json.loads(line)
        # "match" is written only for a pattern that is not the term as written.
        assert set(pattern) == {"label", "pattern", "id"} | ({"match"} if "match" in pattern else set())
        assert pattern.get("match") in (None, "variant", "inflection")
        if pattern["id"].startswith("acronym:"):
            assert pattern["id"].removeprefix("acronym:") in ambiguous
        else:
            assert pattern["id"] in glossary


@pytest.mark.parametrize("acronym", ["AHT", "BPO", "MTTR"])
def test_build_keeps_ambiguous_acronyms_apart(built, acronym):
    _, report = built
    senses = report.glossary.ambiguous_acronyms.get(acronym, [])
    assert len(senses) >= 2, f"{acronym} should have several senses"
    assert len({c.id for c in senses}) == len(senses)


def test_build_report_lists_skips_with_reasons(built):
    _, report = built
    assert report.skipped, "the seeds contain page junk that must be reported"
    assert all(s.reason for s in report.skipped)
    text = "\n".join(report.summary_lines())
    for heading in ("concepts:", "acronyms:", "ambiguous acronyms:", "skipped:"):
        assert heading in text


def test_build_render_matches_build(built):
    out, report = built
    files = render(report.glossary)
    assert files[GLOSSARY_FILE] == (out / GLOSSARY_FILE).read_text(encoding="utf-8")

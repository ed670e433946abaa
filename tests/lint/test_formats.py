"""Report formats: golden files for the sample articles, SARIF shape, GitHub escaping.

Regenerate the golden files after an intended change with::

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/lint/test_formats.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotator import __version__
from annotator.lint.config import LintConfig
from annotator.lint.formats import FORMATS, artifact_uri, escape_data, escape_property, render
from annotator.lint.rules import RULES
from annotator.lint.runner import FileResult, iter_paths, lint_article, read_article

SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "github": "txt"}


@pytest.fixture
def sample_results(glossary, repo, monkeypatch) -> list[FileResult]:
    # Relative paths, as a user in the repository root would type them.
    monkeypatch.chdir(repo)
    config = LintConfig()
    return [
        lint_article(read_article(path), glossary=glossary, config=config)
        for path in iter_paths([Path("samples/articles")])
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_golden_samples(sample_results, golden_dir, fmt):
    # The tool version is not part of the golden output (it changes with every release).
    output = render(sample_results, fmt).replace(f'"version": "{__version__}",', '"version": "<version>",')
    golden = golden_dir / f"samples.{fmt}.{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def test_formats_samples_cover_every_rule(sample_results):
    codes = {f.code for r in sample_results for f in r.findings}
    assert codes == set(RULES)
    assert any(not r.findings for r in sample_results), "one sample should be clean"


def test_formats_sarif_shape(sample_results):
    log = json.loads(render(sample_results, "sarif"))
    assert log["$schema"].endswith("sarif-2.1.0.json")
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "helpdesk-annotator"
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
    assert run["results"]
    for result in run["results"]:
        assert result["ruleId"] in RULES
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("none", "note", "warning", "error")
        assert result["message"]["text"]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert not Path(physical["artifactLocation"]["uri"]).is_absolute()
        region = physical["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endColumn"] > region["startColumn"]


def test_formats_sarif_columns_point_at_the_acronym(sample_results):
    log = json.loads(render(sample_results, "sarif"))
    for result in log["runs"][0]["results"]:
        physical = result["locations"][0]["physicalLocation"]
        lines = Path(physical["artifactLocation"]["uri"]).read_text(encoding="utf-8").splitlines()
        region = physical["region"]
        line = lines[region["startLine"] - 1]
        written = line[region["startColumn"] - 1 : region["endColumn"] - 1]
        assert written.startswith(result["properties"]["acronym"][:2])


def test_formats_json_has_the_documented_keys(sample_results):
    items = json.loads(render(sample_results, "json"))
    assert items
    for item in items:
        assert {"path", "line", "col", "code", "acronym", "message", "expansion"} <= item.keys()


def test_formats_empty_results_are_valid():
    assert render([], "text") == ""
    assert json.loads(render([], "json")) == []
    assert json.loads(render([], "sarif"))["runs"][0]["results"] == []
    assert render([], "github") == ""


@pytest.mark.parametrize(
    "raw, data, prop",
    [
        ("50% done", "50%25 done", "50%25 done"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("dir:file,x", "dir:file,x", "dir%3Afile%2Cx"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_formats_github_escaping(raw, data, prop):
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_formats_github_annotation_line(glossary, tmp_path):
    path = tmp_path / "a,b:c.md"
    path.write_text("Keep 100% of the SLA.\n", encoding="utf-8")
    result = lint_article(read_article(path), glossary=glossary, config=LintConfig())
    [line] = render([result], "github").splitlines()
    assert line.startswith("::warning file=")
    assert "a%2Cb%3Ac.md,line=1,col=18,endColumn=21,title=HA001 undefined-acronym::" in line
    assert line.endswith('did you mean "Service Level Agreement (SLA)"?')


@pytest.mark.parametrize(
    "display, uri",
    [
        ("docs/kb/a.md", "docs/kb/a.md"),
        ("my docs/a #1.md", "my%20docs/a%20%231.md"),
        ("/srv/docs/a.md", "file:///srv/docs/a.md"),
        ("docs/é.md", "docs/%C3%A9.md"),
    ],
)
def test_formats_sarif_artifact_uris_are_uris(display, uri):
    assert artifact_uri(display) == uri

"""`helpdesk-annotator lint` through click: exit codes, formats, config, --fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import cli

REPO = Path(__file__).resolve().parents[2]
FIXTURE_GLOSSARY = REPO / "tests" / "lint" / "data" / "glossary.jsonl"
# Deterministic: only the fixture glossary, whatever the built-in one holds today.
GLOSSARY_ARGS = ["--no-builtin-glossary", "--glossary", str(FIXTURE_GLOSSARY)]


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "kb" / "article.md"
    path.parent.mkdir()
    path.write_text("# Escalations\n\nCheck the SLA and keep AHT low.\n", encoding="utf-8")
    return path


def _lint(runner, *args):
    return runner.invoke(cli, ["lint", *GLOSSARY_ARGS, *map(str, args)])


def test_cli_lint_findings_exit_1_with_text_report(runner, article):
    result = _lint(runner, article)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        f'{article.as_posix()}:3:11: HA001 SLA is used but never defined; '
        'did you mean "Service Level Agreement (SLA)"?',
        f'{article.as_posix()}:3:24: HA003 AHT is ambiguous and never defined; say which meaning: '
        '"Average Handle Time (AHT)" or "Average Hold Time (AHT)"',
    ]


def test_cli_lint_clean_exit_0(runner, tmp_path):
    path = tmp_path / "ok.md"
    path.write_text("A Service Level Agreement (SLA) is a promise. Keep the SLA.\n", encoding="utf-8")
    result = _lint(runner, path)
    assert result.exit_code == 0 and result.stdout == ""


def test_cli_lint_allow_and_disable_options(runner, article):
    result = _lint(runner, "--allow", "SLA", "--disable", "ha003", article)
    assert result.exit_code == 0, result.output


def test_cli_lint_unknown_rule_is_a_usage_error(runner, article):
    result = _lint(runner, "--disable", "HA999", article)
    assert result.exit_code == 2 and "HA999" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_cli_lint_formats(runner, article, fmt):
    result = _lint(runner, "--format", fmt, article)
    assert result.exit_code == 1
    if fmt == "json":
        items = json.loads(result.stdout)
        assert [(i["code"], i["acronym"], i["line"], i["col"]) for i in items] == [
            ("HA001", "SLA", 3, 11), ("HA003", "AHT", 3, 24)
        ]
        assert items[0]["expansion"] == "Service Level Agreement"
    elif fmt == "sarif":
        log = json.loads(result.stdout)
        assert log["version"] == "2.1.0" and len(log["runs"][0]["results"]) == 2
    else:
        assert result.stdout.startswith("::warning file=")


def test_cli_lint_missing_path_exit_2_names_it(runner, tmp_path):
    result = _lint(runner, tmp_path / "missing.md")
    assert result.exit_code == 2 and "missing.md" in result.stderr


def test_cli_lint_unsupported_suffix_exit_2_names_it(runner, tmp_path):
    path = tmp_path / "article.docx"
    path.write_bytes(b"SLA")
    result = _lint(runner, path)
    assert result.exit_code == 2 and "article.docx" in result.stderr and "E403" in result.stderr


def test_cli_lint_invalid_utf8_exit_2_but_other_files_are_linted(runner, tmp_path):
    (tmp_path / "a-bad.md").write_bytes(b"\xff\xfe SLA")
    (tmp_path / "b-good.md").write_text("The SLA.\n", encoding="utf-8")
    result = _lint(runner, tmp_path)
    assert result.exit_code == 2
    assert "a-bad.md" in result.stderr and "invalid UTF-8" in result.stderr
    assert "b-good.md:1:5: HA001" in result.stdout


def test_cli_lint_directory_without_lintable_files_exit_0(runner, tmp_path):
    (tmp_path / "script.py").write_text("SLA = 1\n", encoding="utf-8")
    result = _lint(runner, tmp_path)
    assert result.exit_code == 0 and "no .md" in result.stderr


def test_cli_lint_no_arguments_is_a_usage_error(runner):
    result = runner.invoke(cli, ["lint"])
    assert result.exit_code == 2


def test_cli_lint_invalid_config_exit_2_names_the_file(runner, article):
    config = article.parent / ".helpdesk-annotator.toml"
    config.write_text("allow = [1]\n", encoding="utf-8")
    result = _lint(runner, article)
    assert result.exit_code == 2
    assert str(config) in result.stderr and "E402" in result.stderr


def test_cli_lint_config_file_is_discovered_and_explicit(runner, article, tmp_path):
    (article.parent / ".helpdesk-annotator.toml").write_text('allow = ["SLA", "AHT"]\n', encoding="utf-8")
    assert _lint(runner, article).exit_code == 0
    other = tmp_path / "strict.toml"
    other.write_text('allow = ["SLA"]\n', encoding="utf-8")
    result = _lint(runner, "--config", other, article)
    assert result.exit_code == 1 and "AHT" in result.stdout and "SLA" not in result.stdout


def test_cli_lint_config_glossary_is_relative_to_the_config(runner, tmp_path):
    (tmp_path / "terms.csv").write_text(
        "term,definition,acronym\nQuarterly Business Review,A quarterly meeting with the customer.,QBR\n",
        encoding="utf-8",
    )
    (tmp_path / ".helpdesk-annotator.toml").write_text('glossary = ["terms.csv"]\n', encoding="utf-8")
    path = tmp_path / "a.md"
    path.write_text("Prepare the QBR deck.\n", encoding="utf-8")
    result = runner.invoke(cli, ["lint", "--no-builtin-glossary", str(path)])
    assert result.exit_code == 1
    assert 'did you mean "Quarterly Business Review (QBR)"?' in result.stdout


@pytest.mark.parametrize("newline, bom", [("\n", False), ("\r\n", True)], ids=["lf", "crlf-bom"])
def test_cli_lint_fix_rewrites_in_place_byte_for_byte(runner, tmp_path, newline, bom):
    path = tmp_path / "a.md"
    body = newline.join(["# Queue", "", "Watch the SLA and the KPI board.", "", "`SLA` stays.", "No final newline"])
    raw = ("\ufeff" if bom else "") + body
    path.write_bytes(raw.encode("utf-8"))
    result = _lint(runner, "--fix", path)
    assert result.exit_code == 0, result.output
    assert "fixed" in result.stderr and "SLA -> Service Level Agreement (SLA)" in result.stderr
    expected = raw.replace("the SLA and the KPI", "the Service Level Agreement (SLA) and the Key Performance Indicator (KPI)")
    assert path.read_bytes() == expected.encode("utf-8")
    # Idempotent: a second run changes nothing and finds nothing.
    again = _lint(runner, "--fix", path)
    assert again.exit_code == 0 and "fixed" not in again.stderr
    assert path.read_bytes() == expected.encode("utf-8")


def test_cli_lint_fix_leaves_ambiguous_and_exits_1(runner, article):
    before = article.read_text(encoding="utf-8")
    result = _lint(runner, "--fix", article)
    assert result.exit_code == 1
    assert article.read_text(encoding="utf-8") == before.replace("the SLA", "the Service Level Agreement (SLA)")
    assert "HA003 AHT" in result.stdout and "HA001" not in result.stdout


def test_cli_lint_samples_match_the_golden_text_report(runner, monkeypatch):
    monkeypatch.chdir(REPO)
    result = runner.invoke(cli, ["lint", *GLOSSARY_ARGS, "samples/articles"])
    assert result.exit_code == 1
    golden = REPO / "tests" / "lint" / "golden" / "samples.text.txt"
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_cli_lint_help_lists_rules_and_examples(runner):
    result = runner.invoke(cli, ["lint", "--help"])
    assert result.exit_code == 0
    for text in ("HA001", "HA002", "HA003", "--format", "--fix", "Examples"):
        assert text in result.stdout


def test_cli_lint_bom_does_not_shift_columns(runner, tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbfSLA first.\n")
    result = _lint(runner, path)
    assert result.exit_code == 1 and f"{path.as_posix()}:1:1: HA001 SLA" in result.stdout


def test_cli_lint_same_file_twice_is_reported_once(runner, article):
    result = _lint(runner, article, article.parent)
    assert result.exit_code == 1 and len(result.stdout.splitlines()) == 2

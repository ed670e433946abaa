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


def test_cli_lint_directory_without_lintable_files_exit_2(runner, tmp_path):
    (tmp_path / "script.py").write_text("SLA = 1\n", encoding="utf-8")
    result = _lint(runner, tmp_path)
    assert result.exit_code == 2, result.output
    assert "E405" in result.stderr and "no articles to lint" in result.stderr


def test_cli_lint_missing_path_is_reported_and_the_others_are_linted(runner, article, tmp_path):
    result = _lint(runner, tmp_path / "nope.md", article)
    assert result.exit_code == 2, result.output
    assert "nope.md" in result.stderr and "E401" in result.stderr
    assert f"{article.as_posix()}:3:11: HA001" in result.stdout


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "directory"])
def test_cli_lint_non_regular_file_is_reported_never_read(runner, tmp_path, kind):
    import os

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("The SLA.\n", encoding="utf-8")
    odd = docs / "x.md"
    if kind == "fifo":
        os.mkfifo(odd)
    elif kind == "dev-zero":
        odd.symlink_to("/dev/zero")
    else:
        odd.mkdir()
        (odd / "inner.md").write_text("Fine.\n", encoding="utf-8")
    result = _lint(runner, docs)
    assert "a.md:1:5: HA001" in result.stdout
    if kind == "directory":  # a directory named x.md is walked, not read
        assert result.exit_code == 1, result.output
    else:
        assert result.exit_code == 2, result.output
        assert "x.md" in result.stderr and "E401" in result.stderr
        assert "not a regular file" in result.stderr


def test_cli_lint_fix_full_disk_leaves_the_article_whole(runner, article, monkeypatch):
    import errno
    import os

    before = article.read_bytes()

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    result = _lint(runner, "--fix", article)
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert "E404" in result.stderr and "cannot write" in result.stderr
    assert "No space left" in result.stderr and "cannot read" not in result.stderr
    assert article.read_bytes() == before
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.md"]  # no temp file left


def test_cli_lint_fix_keeps_the_mode(runner, article):
    article.chmod(0o640)
    assert _lint(runner, "--fix", article).exit_code == 1
    assert "Service Level Agreement (SLA)" in article.read_text(encoding="utf-8")
    assert article.stat().st_mode & 0o777 == 0o640


def test_cli_lint_fix_never_writes_through_a_symlink_leaving_the_tree(runner, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("The SLA.\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "link.md").symlink_to(outside)
    result = _lint(runner, "--fix", docs)
    assert result.exit_code == 2, result.output
    assert "E404" in result.stderr and "outside the tree" in result.stderr
    assert outside.read_text(encoding="utf-8") == "The SLA.\n"


def test_cli_lint_fix_writes_through_a_symlink_inside_the_tree(runner, tmp_path):
    docs = tmp_path / "docs"
    (docs / "shared").mkdir(parents=True)
    target = docs / "shared" / "a.md"
    target.write_text("The SLA.\n", encoding="utf-8")
    (docs / "link.md").symlink_to(target)
    _lint(runner, "--fix", docs / "link.md")
    assert "Service Level Agreement (SLA)" in target.read_text(encoding="utf-8")
    assert (docs / "link.md").is_symlink()


def test_cli_lint_text_report_shows_control_characters(runner, tmp_path):
    # The path is quoted on every report line; a file name can hold an OSC sequence.
    path = tmp_path / "a\x1b]0;pwned\x07.md"
    path.write_text("The SLA.\n", encoding="utf-8")
    result = _lint(runner, path)
    assert result.exit_code == 1, result.output
    assert "HA001" in result.stdout and "pwned" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


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

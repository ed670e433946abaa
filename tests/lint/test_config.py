"""Configuration discovery and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import LintError
from annotator.lint.config import LintConfig, discover_config, find_config, load_config
from annotator.lint.words import DEFAULT_ALLOW


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_defaults():
    config = LintConfig()
    assert config.allowlist == DEFAULT_ALLOW
    assert {"API", "URL", "ID", "CSV", "UTC", "FAQ", "AI", "SaaS", "PDF", "HTML"} <= DEFAULT_ALLOW
    assert not {"SLA", "CSAT", "AHT", "KPI", "FRT"} & DEFAULT_ALLOW


def test_config_pyproject_table_is_found_upward(tmp_path):
    _write(tmp_path / "pyproject.toml", '[tool.helpdesk-annotator]\nallow = ["SFDC"]\ndisable = ["ha002"]\n')
    article = _write(tmp_path / "docs" / "kb" / "a.md", "x")
    assert find_config(article) == tmp_path / "pyproject.toml"
    config = discover_config(article)
    assert config.allow == {"SFDC"} and config.disable == {"HA002"}
    assert "SFDC" in config.allowlist and "API" in config.allowlist


def test_config_pyproject_without_our_table_is_skipped(tmp_path):
    _write(tmp_path / "pyproject.toml", '[tool.helpdesk-annotator]\nallow = ["TOP"]\n')
    _write(tmp_path / "sub" / "pyproject.toml", '[tool.other]\nx = 1\n')
    assert find_config(tmp_path / "sub") == tmp_path / "pyproject.toml"


def test_config_dotfile_wins_in_the_same_directory(tmp_path):
    _write(tmp_path / "pyproject.toml", '[tool.helpdesk-annotator]\nallow = ["A1"]\n')
    _write(tmp_path / ".helpdesk-annotator.toml", 'allow = ["B2"]\n')
    assert discover_config(tmp_path).allow == {"B2"}


def test_config_lint_subtable_and_other_keys(tmp_path):
    path = _write(
        tmp_path / "pyproject.toml",
        '[tool.helpdesk-annotator]\nallow = ["TOP"]\nport = 8000\n'
        '[tool.helpdesk-annotator.lint]\nallow = ["SUB"]\ndefault-allow = false\n',
    )
    config = load_config(path)
    assert config.allow == {"SUB"} and config.allowlist == {"SUB"}


def test_config_glossary_paths_are_relative_to_the_config_file(tmp_path):
    terms = _write(tmp_path / "cfg" / "terms.csv", "term,definition,acronym\n")
    path = _write(tmp_path / "cfg" / ".helpdesk-annotator.toml", 'glossary = ["terms.csv"]\n')
    assert load_config(path).glossary == (terms.resolve(),)


@pytest.mark.parametrize(
    "text, detail",
    [
        ("allow = [", "invalid TOML"),
        ('allow = "SLA"\nallow = "x"\n', "invalid TOML"),
        ("allow = [1, 2]", "'allow' must be a list of strings"),
        ('disable = ["HA999"]', "unknown rule code(s) in 'disable': HA999"),
        ('default-allow = "no"', "'default-allow' must be true or false"),
        ('glossary = ["missing.csv"]', "glossary file not found"),
        ("lint = 3", "'lint' must be a table"),
    ],
)
def test_config_invalid_names_the_file(tmp_path, text, detail):
    path = _write(tmp_path / ".helpdesk-annotator.toml", text)
    with pytest.raises(LintError) as info:
        load_config(path)
    assert info.value.code == "E402"
    assert str(path) in str(info.value) and detail in str(info.value)


def test_config_invalid_utf8_names_the_file(tmp_path):
    path = tmp_path / ".helpdesk-annotator.toml"
    path.write_bytes(b"allow = ['\xff']")
    with pytest.raises(LintError, match="E402"):
        load_config(path)


def test_config_overrides_add_to_the_file(tmp_path):
    config = LintConfig(allow=frozenset({"A1"})).with_overrides(
        allow=["B2"], disable=["HA003"], default_allow=False
    )
    assert config.allowlist == {"A1", "B2"} and config.disable == {"HA003"}

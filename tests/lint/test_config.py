"""Configuration discovery and validation."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import annotator.lint
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



def _lint_imports() -> dict[str, set[str]]:
    """Module -> the annotator.lint modules it imports, at module level or inside functions."""
    package = Path(annotator.lint.__file__).parent
    graph = {}
    for path in package.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.level == 2 and (node.module or "").startswith("lint."):
                found.add(node.module.split(".")[1])
        graph[path.stem] = found - {"__init__"}
    return graph


def test_config_lint_modules_import_no_cycle():
    """config checks rule codes against the rule table (findings), not the rules module, which
    imports config: no two lint modules import each other, directly or through others."""
    graph = _lint_imports()
    assert "rules" not in graph["config"] and "config" in graph["rules"]

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for module in graph.get(start, ()):
            if module == goal or (module not in seen and reaches(module, goal, seen | {module})):
                return True
        return False

    assert [m for m in graph if m != "__init__" and reaches(m, m, set())] == []


@pytest.mark.parametrize(
    "text, hint",
    [
        ('alow = ["WFM"]\n', "did you mean 'allow'"),
        ('disabel = ["HA002"]\n', "did you mean 'disable'"),
        ("colour = true\n", "known keys"),
        ('[tool.helpdesk-annotator.lint]\nalow = ["WFM"]\n', "did you mean 'allow'"),
    ],
)
def test_config_unknown_key_is_an_error_with_a_hint(tmp_path, text, hint):
    path = _write(tmp_path / ".helpdesk-annotator.toml", text)
    with pytest.raises(LintError) as info:
        load_config(path)
    assert info.value.code == "E402" and hint in str(info.value)


def test_config_allow_string_is_split_like_the_cli(tmp_path):
    path = _write(tmp_path / ".helpdesk-annotator.toml", 'allow = "WFM, KPI"\ndisable = "ha002,HA003"\n')
    config = load_config(path)
    assert config.allow == {"WFM", "KPI"} and config.disable == {"HA002", "HA003"}


def test_config_lower_case_allow_entries_allow_the_acronym(tmp_path, lint):
    path = _write(tmp_path / ".helpdesk-annotator.toml", 'allow = ["wfm", "kpi"]\n')
    config = load_config(path)
    assert lint("Our WFM team tracks each KPI.", allow=config.allow) == {}
    assert lint("Our WFM team tracks each KPI.") == {"WFM": "HA001", "KPI": "HA001"}


def test_config_that_is_a_fifo_is_refused(tmp_path):
    import os

    path = tmp_path / ".helpdesk-annotator.toml"
    os.mkfifo(path)
    with pytest.raises(LintError) as info:
        load_config(path)
    assert info.value.code == "E402" and "not a regular file" in str(info.value)


@pytest.mark.parametrize("name", [".helpdesk-annotator.toml", "pyproject.toml"])
def test_config_nested_100000_deep_is_e402(tmp_path, name):
    path = tmp_path / name
    path.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(LintError) as info:
        load_config(path) if name.startswith(".") else find_config(tmp_path)
    assert info.value.code == "E402" and "nested too deeply" in info.value.message

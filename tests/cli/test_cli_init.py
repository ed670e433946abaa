"""cli/__init__: the command group, its subcommands loaded when they run."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli import COMMAND_MODULES, cli


def test_cli_help_lists_every_subcommand():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == sorted(COMMAND_MODULES)


def test_cli_an_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["annotat"])
    assert result.exit_code == 2 and "No such command 'annotat'" in result.output


@pytest.mark.parametrize("command", ["lint", "glossary", "build"])
def test_cli_commands_that_do_not_annotate_never_import_spacy(command, tmp_path):
    """A linter in a pre-commit hook starts in a fraction of the time spaCy's import takes."""
    article = tmp_path / "a.md"
    article.write_text("Our SLA is great.\n", encoding="utf-8")
    args = {"lint": ["lint", str(article)], "glossary": ["glossary", "--help"], "build": ["build", "--help"]}[command]
    probe = ("import sys; from click.testing import CliRunner; from annotator.cli import cli; "
             f"r = CliRunner().invoke(cli, {args!r}); "
             "print(r.exit_code, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60).stdout.split()
    assert out[1] == "False", out

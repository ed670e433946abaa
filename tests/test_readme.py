"""The README is part of the product: every command it promises exists and vice versa."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from annotator.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
MAKEFILE = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")


def _subcommands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in sorted(group.commands.items()):
        names.append(f"{prefix}{name}")
        if isinstance(command, click.Group):
            names += _subcommands(command, prefix=f"{prefix}{name} ")
    return names


@pytest.mark.parametrize("name", _subcommands(cli))
def test_readme_documents_every_subcommand(name):
    assert f"helpdesk-annotator {name}" in README, f"README does not mention `{name}`"


def test_readme_quick_start_is_two_make_targets():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^\s*(make \S+)\s*$", quick_start, flags=re.M)
    assert commands[:2] == ["make demo", "make test"]
    for target in ("demo", "test"):
        assert re.search(rf"^{target}:", MAKEFILE, flags=re.M)


def test_readme_test_command_is_what_ci_runs():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci

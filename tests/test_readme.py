"""The README and docs/ are part of the product: every command and option they promise exists
and is documented, their links resolve, and the README's example runs as shown."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest

from annotator.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
DOCS = {path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))}
EVERYTHING = README + "".join(DOCS.values())
# The pages the README promises for depth; each must exist and be linked from the README.
DOC_PAGES = ["service.md", "lint.md", "batch.md", "glossary.md", "api.md", "benchmarks.md",
             "architecture.md"]


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found += _commands(command, prefix=f"{prefix}{name} ")
    return found


def _subcommands(group: click.Group) -> list[str]:
    return [name for name, _ in _commands(group)]


def _long_options() -> list[tuple[str, str]]:
    return [(name, opt) for name, command in _commands(cli) for param in command.params
            for opt in (*param.opts, *param.secondary_opts) if opt.startswith("--") and opt != "--help"]


@pytest.mark.parametrize("name", _subcommands(cli))
def test_readme_documents_every_subcommand(name):
    assert f"helpdesk-annotator {name}" in README, f"README does not mention `{name}`"


@pytest.mark.parametrize(("command", "option"), _long_options())
def test_readme_or_docs_document_every_option(command, option):
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", EVERYTHING), (
        f"`helpdesk-annotator {command} {option}` is documented neither in README.md nor in docs/")


def test_readme_quick_start_is_two_make_targets():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^\s*(make \S+)\s*$", quick_start, flags=re.M)
    assert commands[:2] == ["make demo", "make test"]
    for target in ("demo", "test"):
        assert re.search(rf"^{target}:", MAKEFILE, flags=re.M)
    assert re.search(r"about \d+ minutes", quick_start), "say how long `make test` takes"


def test_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_readme_stays_short():
    assert len(README.splitlines()) <= 350


@pytest.mark.parametrize("page", DOC_PAGES)
def test_readme_links_every_docs_page(page):
    assert page in DOCS, f"docs/{page} is missing"
    assert f"(docs/{page})" in README


@pytest.mark.parametrize("name", ["README.md", *(f"docs/{name}" for name in DOCS)])
def test_readme_and_docs_relative_links_resolve(name):
    path = ROOT / name
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        assert (path.parent / target).exists(), f"{name} links to missing {target}"


def test_readme_python_example_runs_as_shown():
    """The first Python example: its call and its list comprehension give the commented output."""
    block = README.split("```python\n", 1)[1].split("```", 1)[0]
    lines = block.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("["))
    setup, expression = "\n".join(lines[:at]), lines[at]
    expected = ast.literal_eval(lines[at + 1].lstrip("# ").split("   ")[0])
    namespace: dict = {}
    exec(setup, namespace)  # noqa: S102 - the README's own example
    assert eval(expression, namespace) == expected  # noqa: S307

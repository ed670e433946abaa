"""`helpdesk-annotator build`: regenerate patterns/ from the glossary sources."""

from __future__ import annotations

from pathlib import Path

import click

from ..resources import builtin_sources_dir, patterns_dir
from ._errors import handle_errors


@click.command(name="build")
@click.option("--check", is_flag=True, help="Do not write; exit 1 if the generated files are stale.")
@click.option(
    "--sources",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Glossary sources directory (default: the built-in patterns/sources).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write glossary.jsonl and patterns.jsonl (default: patterns/).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the one-line summary.")
@handle_errors
def command(check: bool, sources: Path | None, out: Path | None, quiet: bool) -> None:
    """Compile the glossary sources into patterns/glossary.jsonl and patterns/patterns.jsonl.

    Prints a build report: concepts, acronyms, ambiguous acronyms and everything that was
    skipped, with the reason.

    \b
    Examples:
      helpdesk-annotator build
      helpdesk-annotator build --check      # in CI: fail when patterns/ is stale
    """
    from ..errors import GlossaryError
    from ..build import build

    try:
        report = build(sources or builtin_sources_dir(), out or patterns_dir(), check=check)
    except GlossaryError as exc:
        if exc.code == "E104":
            click.echo(f"stale: {exc.message}", err=True)
            raise SystemExit(1) from exc
        raise
    lines = report.summary_lines()
    if quiet:
        lines = [f"{len(report.glossary)} concepts, {report.patterns} patterns"]
    for line in lines:
        click.echo(line)
    if check:
        click.echo("patterns/ is up to date")

"""The ``helpdesk-annotator`` command: a thin click layer over the library.

Each subcommand lives in its own module; library errors (:class:`AnnotatorError`) are turned
into a message on stderr and an exit code here, at the edge, and nowhere else.
"""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="helpdesk-annotator")
def cli() -> None:
    """Find customer-support jargon and explain it.

    \b
    Examples:
      helpdesk-annotator build             regenerate patterns/ from the glossaries
      helpdesk-annotator annotate ticket.txt
      helpdesk-annotator lint docs/
      helpdesk-annotator tag transcripts.jsonl tagged.jsonl --processes 2
      helpdesk-annotator serve --port 8000
    """


def _register() -> None:
    from . import annotate, build, discover, glossary, lint, lsp, serve, tag

    for module in (build, annotate, lint, tag, serve, glossary, lsp, discover):
        cli.add_command(module.command)


_register()


def main() -> None:
    cli(prog_name="helpdesk-annotator")

"""The ``helpdesk-annotator`` command: a thin click layer over the library.

Each subcommand lives in its own module; library errors (:class:`AnnotatorError`) are turned
into a message on stderr and an exit code here, at the edge, and nowhere else.
"""

from __future__ import annotations

import importlib

import click

from .. import __version__

#: Each subcommand's module in this package. A module is imported when its command runs (or
#: when help lists them all), so ``lint`` in a pre-commit hook never pays for importing spaCy,
#: which only the commands that annotate need.
COMMAND_MODULES = ("annotate", "build", "discover", "glossary", "lint", "lsp", "serve", "tag")


class _LazyGroup(click.Group):
    """click's documented pattern for lazily loaded subcommands."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMAND_MODULES, *self.commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMAND_MODULES:
            self.add_command(importlib.import_module(f"{__name__}.{name}").command, name)
        return self.commands.get(name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


def main() -> None:
    cli(prog_name="helpdesk-annotator")

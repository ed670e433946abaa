"""`helpdesk-annotator annotate` (being written)."""

import click


@click.command(name="annotate")
def command() -> None:
    """Not available yet."""
    raise click.ClickException("'annotate' is not available yet")

"""`helpdesk-annotator tag` (being written)."""

import click


@click.command(name="tag")
def command() -> None:
    """Not available yet."""
    raise click.ClickException("'tag' is not available yet")

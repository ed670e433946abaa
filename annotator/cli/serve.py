"""`helpdesk-annotator serve` (being written)."""

import click


@click.command(name="serve")
def command() -> None:
    """Not available yet."""
    raise click.ClickException("'serve' is not available yet")

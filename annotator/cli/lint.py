"""`helpdesk-annotator lint` (being written)."""

import click


@click.command(name="lint")
def command() -> None:
    """Not available yet."""
    raise click.ClickException("'lint' is not available yet")

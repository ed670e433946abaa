"""`helpdesk-annotator glossary` (being written)."""

import click


@click.command(name="glossary")
def command() -> None:
    """Not available yet."""
    raise click.ClickException("'glossary' is not available yet")

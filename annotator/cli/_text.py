"""Text from users on the terminal: glossary definitions, documents, messages quoting them.

Every command that prints glossary or document text prints it through :func:`visible` (or
:func:`echo`), so a definition or a ticket holding ``ESC ] 0 ; ... BEL`` shows the sequence as
symbols instead of retitling, recolouring or rewriting the user's terminal. Newlines and tabs
stay as they are: they are layout. Machine formats (JSON, SARIF, CSV) are not passed through
here: their own escaping keeps them valid and exact.
"""

from __future__ import annotations

import click

from ..render import safe_terminal_text


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab shown as a visible symbol."""
    return safe_terminal_text(text)


def echo(text: str = "", **kwargs) -> None:
    """``click.echo`` of :func:`visible` text (same keyword arguments)."""
    click.echo(visible(text), **kwargs)

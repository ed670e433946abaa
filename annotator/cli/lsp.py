"""`helpdesk-annotator lsp`: the language server for editors (stdio, or TCP for debugging)."""

from __future__ import annotations

import logging

import click


def _address(value: str | None) -> tuple[str, int] | None:
    if value is None:
        return None
    host, sep, port = value.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", value
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"expected HOST:PORT or PORT, got {value!r}", param_hint="--tcp")
    return host.strip("[]") or "127.0.0.1", int(port)


@click.command(name="lsp")
@click.option(
    "--tcp", "tcp", metavar="[HOST:]PORT", default=None,
    help="Listen on TCP instead of stdio, for debugging (host defaults to 127.0.0.1: loopback only).",
)
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default; accepted for editors that pass it).")
@click.option("--log-file", type=click.Path(dir_okay=False), default=None, help="Write the server's log here.")
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages (with --log-file).")
def command(tcp: str | None, stdio: bool, log_file: str | None, verbose: bool) -> None:
    """Run the Language Server Protocol server: definitions on hover, lint diagnostics as you
    type, quick fixes.

    \b
    Examples:
      helpdesk-annotator lsp                  editors start it like this (stdio)
      helpdesk-annotator lsp --tcp 2087       connect a client to 127.0.0.1:2087
    """
    address = _address(tcp)
    # stdout is the protocol channel: logs go to a file or to stderr, never to stdout.
    logging.basicConfig(
        filename=log_file, level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )  # fmt: skip
    from ..lsp import create_server

    server = create_server()
    if address is None:
        server.start_io()
    else:
        server.start_tcp(*address)

"""`helpdesk-annotator lsp`: options only (the server itself is tested in tests/lsp/)."""

from __future__ import annotations

import click
import pytest

from annotator.cli import cli
from annotator.cli.lsp import _address


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("2087", ("127.0.0.1", 2087)), ("0.0.0.0:9000", ("0.0.0.0", 9000)),
     ("[::1]:2087", ("::1", 2087)), (":2087", ("127.0.0.1", 2087))],
)  # fmt: skip
def test_cli_lsp_tcp_address_defaults_to_loopback(value, expected):
    assert _address(value) == expected


@pytest.mark.parametrize("value", ["host:", "host:http", "70000", "localhost:0"])
def test_cli_lsp_tcp_address_rejects_bad_ports(value):
    with pytest.raises(click.BadParameter):
        _address(value)


def test_cli_lsp_help_names_stdio_and_tcp(runner):
    result = runner.invoke(cli, ["lsp", "--help"])
    assert result.exit_code == 0
    assert "--tcp" in result.output and "stdio" in result.output


def test_cli_lsp_bad_tcp_is_a_usage_error(runner):
    assert runner.invoke(cli, ["lsp", "--tcp", "nope:x"]).exit_code == 2
